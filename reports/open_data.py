"""The published registry as a Frictionless Data Package: related CSV tables with ids, and a
`datapackage.json` that describes every field (type, description in es/en, allowed codes), the
keys that join the tables, the licence (CC BY 4.0) and how to cite it.

It holds what an anonymous visitor may read, through the same visibility rules as the pages:
published initiatives, public dialogues and published success cases. There is no column for a
person: focal points' names and e-mails stay out. Actors keep their type and role, and each other
country its SEGIB role (the API's CSV flattens both into one cell)."""

import csv
import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

from django.contrib.auth.models import AnonymousUser
from django.db.models import Max
from django.utils import timezone

from dialogues.selectors import dialogues_visible_to
from knowledge.success_cases import SuccessCase
from registry.choices import (
    SDG, ActorType, Classification, InitiativeType, Modality, Phase, SegibRole, choice_labels,
)
from registry.models import Initiative, InitiativeCountry, Organization, Participation, Sector
from registry.text import spreadsheet_safe

PACKAGE_NAME = "alianzas-pifcss"
LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}
CITATION = (
    "PIFCSS (Programa Iberoamericano para el Fortalecimiento de la Cooperación Sur-Sur). Alianzas: registro de "
    "iniciativas de alianzas multiactor en la CSS y CT, {date}. Licencia CC BY 4.0."
)
CHUNK = 1000


def citation(built_at) -> str:
    return CITATION.format(date=built_at.date().isoformat())


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    es: str
    en: str
    enum: tuple = ()
    required: bool = False

    def descriptor(self) -> dict:
        field = {"name": self.name, "type": self.type, "description": f"{self.es} / {self.en}"}
        constraints = {}
        if self.enum:
            constraints["enum"] = list(self.enum)
        if self.required:
            constraints["required"] = True
        if constraints:
            field["constraints"] = constraints
        return field


def _codes(choices) -> tuple:
    return tuple(choices.values)


def _described(choices) -> str:
    with_labels = choice_labels(choices)
    return "; ".join(f"{code}: {label}" for code, label in with_labels.items())


@dataclass(frozen=True)
class Table:
    name: str
    es: str
    en: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (field, other table, its field)

    def descriptor(self) -> dict:
        schema = {"fields": [field.descriptor() for field in self.fields]}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": [field], "reference": {"resource": table, "fields": [other]}} for field, table, other in self.foreign_keys
            ]
        return {
            "name": self.name, "path": f"{self.name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": f"{self.es} / {self.en}", "schema": schema,
        }


def tables() -> tuple[Table, ...]:
    """The package's tables, declared once: the descriptor and the writer both read them."""
    return (
        Table("initiatives", "Iniciativas publicadas", "Published initiatives", (
            Field("id", "integer", "Identificador", "Identifier", required=True),
            Field("reporting_country", "string", "País que la informa (ISO 3166-1 alfa-2)", "Reporting country (ISO 3166-1 alpha-2)", required=True),
            Field("institution", "string", "Institución que la informa", "Reporting institution"),
            Field("initiative_type", "integer", "Tipo de iniciativa", "Type of initiative: " + _described(InitiativeType),
                  enum=_codes(InitiativeType)),
            Field("initiative_type_other", "string", "Tipo, cuando es otro", "Type, when other"),
            Field("name", "string", "Nombre", "Name", required=True),
            Field("objectives", "string", "Objetivos", "Objectives"),
            Field("justification", "string", "Justificación de su carácter multiactor", "Why it is multi-actor"),
            Field("strengths", "string", "Fortalezas, separadas por ' | '", "Strengths, separated by ' | '"),
            Field("challenges", "string", "Desafíos, separados por ' | '", "Challenges, separated by ' | '"),
            Field("results", "string", "Principales resultados, separados por ' | '", "Main results, separated by ' | '"),
            Field("modality", "string", "Modalidad", "Modality: " + _described(Modality), enum=("", *_codes(Modality))),
            Field("phase", "string", "Fase", "Phase: " + _described(Phase), enum=("", *_codes(Phase))),
            Field("start_year", "integer", "Año de inicio", "Start year"),
            Field("end_year", "integer", "Año de finalización", "End year"),
            Field("classification", "string", "Clasificación por tipos de actor", "Classification by actor types: " + _described(Classification),
                  enum=_codes(Classification)),
            Field("wants_to_share", "boolean", "Interés en compartir la experiencia", "Willing to share the experience"),
            Field("published_at", "datetime", "Publicada (UTC)", "Published (UTC)"),
            Field("updated_at", "datetime", "Última modificación (UTC)", "Last changed (UTC)"),
        ), primary_key=("id",)),
        Table("organizations", "Organizaciones que participan", "Organizations taking part", (
            Field("id", "integer", "Identificador", "Identifier", required=True),
            Field("name", "string", "Nombre", "Name", required=True),
            Field("actor_type", "string", "Tipo de actor", "Actor type: " + _described(ActorType), enum=_codes(ActorType)),
            Field("country", "string", "País (ISO 3166-1 alfa-2)", "Country (ISO 3166-1 alpha-2)"),
        ), primary_key=("id",)),
        Table("actors", "Actores de cada iniciativa", "Actors of each initiative", (
            Field("initiative_id", "integer", "Iniciativa", "Initiative", required=True),
            Field("organization_id", "integer", "Organización", "Organization", required=True),
            Field("actor_type", "string", "Tipo de actor en la iniciativa", "Actor type in the initiative: " + _described(ActorType),
                  enum=_codes(ActorType), required=True),
            Field("role", "string", "Rol en la iniciativa", "Role in the initiative"),
            Field("position", "integer", "Orden", "Order"),
        ), foreign_keys=(("initiative_id", "initiatives", "id"), ("organization_id", "organizations", "id"))),
        Table("countries", "Otros países de cada iniciativa, con su rol SEGIB", "Other countries of each initiative, with their SEGIB role", (
            Field("initiative_id", "integer", "Iniciativa", "Initiative", required=True),
            Field("country", "string", "País (ISO 3166-1 alfa-2)", "Country (ISO 3166-1 alpha-2)", required=True),
            Field("segib_role", "string", "Rol SEGIB", "SEGIB role: " + _described(SegibRole), enum=("", *_codes(SegibRole))),
        ), foreign_keys=(("initiative_id", "initiatives", "id"),)),
        Table("sectors", "Sectores", "Sectors", (
            Field("code", "string", "Código", "Code", required=True),
            Field("name_es", "string", "Nombre en español", "Name in Spanish"),
            Field("name_pt", "string", "Nombre en portugués", "Name in Portuguese"),
            Field("name_en", "string", "Nombre en inglés", "Name in English"),
        ), primary_key=("code",)),
        Table("initiative_sectors", "Sectores de cada iniciativa", "Sectors of each initiative", (
            Field("initiative_id", "integer", "Iniciativa", "Initiative", required=True),
            Field("sector", "string", "Sector", "Sector", required=True),
        ), foreign_keys=(("initiative_id", "initiatives", "id"), ("sector", "sectors", "code"))),
        Table("sdgs", "ODS de cada iniciativa", "SDGs of each initiative", (
            Field("initiative_id", "integer", "Iniciativa", "Initiative", required=True),
            Field("sdg", "integer", "Objetivo de Desarrollo Sostenible", "Sustainable Development Goal", enum=_codes(SDG), required=True),
        ), foreign_keys=(("initiative_id", "initiatives", "id"),)),
        Table("dialogues", "Diálogos estructurados públicos", "Public structured dialogues", (
            Field("id", "integer", "Identificador", "Identifier", required=True),
            Field("title", "string", "Título", "Title", required=True),
            Field("status", "string", "Estado", "Status"),
            Field("starts_at", "datetime", "Comienzo (UTC)", "Start (UTC)"),
            Field("main_results", "string", "Principales resultados", "Main results"),
        ), primary_key=("id",)),
        Table("dialogue_initiatives", "Iniciativas presentadas en cada diálogo", "Initiatives presented in each dialogue", (
            Field("dialogue_id", "integer", "Diálogo", "Dialogue", required=True),
            Field("initiative_id", "integer", "Iniciativa", "Initiative", required=True),
        ), foreign_keys=(("dialogue_id", "dialogues", "id"), ("initiative_id", "initiatives", "id"))),
        Table("success_cases", "Casos de éxito publicados", "Published success cases", (
            Field("id", "integer", "Identificador", "Identifier", required=True),
            Field("title", "string", "Título", "Title", required=True),
            Field("published_at", "datetime", "Publicado (UTC)", "Published (UTC)"),
        ), primary_key=("id",)),
        Table("success_case_initiatives", "Iniciativas de cada caso de éxito", "Initiatives of each success case", (
            Field("success_case_id", "integer", "Caso de éxito", "Success case", required=True),
            Field("initiative_id", "integer", "Iniciativa", "Initiative", required=True),
        ), foreign_keys=(("success_case_id", "success_cases", "id"), ("initiative_id", "initiatives", "id"))),
    )


def _time(value) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if value else ""


def _joined(items) -> str:
    return " | ".join(items or [])


def _visible():
    """What an anonymous visitor reads: the package is public."""
    anonymous = AnonymousUser()
    initiatives = Initiative.objects.visible_to(anonymous).with_classification().order_by("pk")
    return initiatives, dialogues_visible_to(anonymous).order_by("pk"), SuccessCase.objects.visible_to(anonymous).order_by("pk")


def _rows(initiatives, dialogues, cases) -> dict[str, Iterable]:
    ids = initiatives.values("pk")
    initiative_fields = (
        "pk", "institution__country_id", "institution__name", "initiative_type", "initiative_type_other", "name", "objectives",
        "justification", "strengths", "challenges", "results", "modality", "phase", "start_year", "end_year",
        "classification_code", "wants_to_share", "published_at", "updated_at",
    )

    def initiative_rows():
        for row in initiatives.values_list(*initiative_fields).iterator(chunk_size=CHUNK):
            (pk, country, institution, kind, other, name, objectives, justification, strengths, challenges, results,
             modality, phase, start, end, classification, share, published, updated) = row
            yield [pk, country, institution, kind, other, name, objectives, justification, _joined(strengths), _joined(challenges),
                   _joined(results), modality, phase, start, end, classification,
                   "" if share is None else str(share).lower(), _time(published), _time(updated)]

    participations = Participation.objects.filter(initiative__in=ids).order_by("initiative_id", "position", "pk")
    return {
        "initiatives": initiative_rows(),
        "organizations": Organization.objects.filter(participations__initiative__in=ids).distinct().order_by("pk")
        .values_list("pk", "name", "actor_type", "country_id").iterator(chunk_size=CHUNK),
        "actors": participations.values_list("initiative_id", "organization_id", "actor_type", "role", "position").iterator(chunk_size=CHUNK),
        "countries": InitiativeCountry.objects.filter(initiative__in=ids).order_by("initiative_id", "pk")
        .values_list("initiative_id", "country_id", "segib_role").iterator(chunk_size=CHUNK),
        "sectors": Sector.objects.order_by("code").values_list("code", "name_es", "name_pt", "name_en"),
        "initiative_sectors": Initiative.sectors.through.objects.filter(initiative__in=ids).order_by("initiative_id", "sector__code")
        .values_list("initiative_id", "sector__code").iterator(chunk_size=CHUNK),
        "sdgs": ((pk, goal) for pk, goals in initiatives.values_list("pk", "sdgs").iterator(chunk_size=CHUNK) for goal in goals or []),
        "dialogues": ((d.pk, d.title, d.status, _time(d.starts_at), d.main_results) for d in dialogues.prefetch_related(None)),
        "dialogue_initiatives": (
            (dialogue_id, initiative_id)
            for dialogue_id, initiative_id in dialogues.model.initiatives.through.objects.filter(
                dialogue__in=dialogues.values("pk"), initiative__in=ids
            ).order_by("dialogue_id", "initiative_id").values_list("dialogue_id", "initiative_id")
        ),
        "success_cases": ((case.pk, case.title, _time(case.published_at)) for case in cases.prefetch_related(None)),
        "success_case_initiatives": SuccessCase.initiatives.through.objects.filter(successcase__in=cases.values("pk"), initiative__in=ids)
        .order_by("successcase_id", "initiative_id").values_list("successcase_id", "initiative_id"),
    }


def latest_change():
    """When the published data last changed: a package built after it is current."""
    initiatives, dialogues, cases = _visible()
    moments = [
        initiatives.aggregate(latest=Max("updated_at"))["latest"],
        dialogues.aggregate(latest=Max("updated_at"))["latest"],
        cases.aggregate(latest=Max("updated_at"))["latest"],
    ]
    return max((moment for moment in moments if moment), default=None)


def descriptor(built_at) -> dict:
    return {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": PACKAGE_NAME,
        "title": "Alianzas: iniciativas de alianzas multiactor en la CSS y CT / Multi-actor alliance initiatives in SSC and TC",
        "description": (
            "Las iniciativas publicadas del registro del PIFCSS, con sus actores, países con su rol SEGIB, sectores, ODS, "
            "diálogos estructurados y casos de éxito. / The published initiatives of the PIFCSS registry, with their actors, "
            "countries and SEGIB roles, sectors, SDGs, structured dialogues and success cases. No personal data."
        ),
        "version": built_at.strftime("%Y.%m.%d"),
        "created": _time(built_at),
        "licenses": [LICENSE],
        "citation": citation(built_at),
        "keywords": ["cooperación sur-sur", "cooperación triangular", "alianzas multiactor", "PIFCSS", "south-south cooperation"],
        "resources": [table.descriptor() for table in tables()],
    }


def write_package(handle) -> dict[str, int]:
    """The zip of the package into a binary file object; how many rows each table got."""
    built_at = timezone.now()
    rows = _rows(*_visible())
    counts = {}
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables():
            text = io.StringIO()
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow([field.name for field in table.fields])
            count = 0
            for row in rows[table.name]:
                writer.writerow(["" if value is None else spreadsheet_safe(value) for value in row])
                count += 1
            counts[table.name] = count
            archive.writestr(f"{table.name}.csv", text.getvalue())
        archive.writestr("datapackage.json", json.dumps(descriptor(built_at), ensure_ascii=False, indent=2))
    return counts
