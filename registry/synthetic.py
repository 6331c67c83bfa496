"""Realistic synthetic initiatives in bulk, for benchmarks and query-count tests.

Everything is written with bulk_create: 10,000 initiatives must load in well under a minute.
"""

import random
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone

from registry.choices import SDG, ActorType, InitiativeType, Modality, Phase, SegibRole, Status
from registry.counts import organizations_count_published
from registry.models import Country, Initiative, InitiativeCountry, Institution, Organization, Participation, Sector

NAME_PREFIXES = {
    ActorType.PUBLIC_SECTOR: ["Ministerio de", "Instituto Nacional de", "Secretaría de", "Agencia Nacional de"],
    ActorType.PRIVATE_SECTOR: ["Cámara de", "Asociación de Empresas de", "Cooperativa de", "Consorcio de"],
    ActorType.CIVIL_SOCIETY: ["Fundación para", "Red Ciudadana de", "Asociación Civil de", "ONG"],
    ActorType.ACADEMIA: ["Universidad de", "Centro de Investigación en", "Instituto Tecnológico de"],
    ActorType.TRADE_UNION: ["Sindicato de Trabajadores de", "Confederación de Trabajadores de"],
    ActorType.LOCAL_GOVERNMENT: ["Municipalidad de", "Gobierno Regional de", "Intendencia de"],
    ActorType.PARLIAMENT: ["Comisión Parlamentaria de", "Frente Parlamentario de"],
    ActorType.INTERNATIONAL_COOPERATION: ["Programa Regional de", "Fondo Internacional para", "Oficina de Cooperación en"],
    ActorType.OTHER: ["Mesa Multiactor de", "Plataforma de"],
}
TOPICS = [
    "Desarrollo Rural", "Agua y Saneamiento", "Turismo Sostenible", "Educación Técnica", "Salud Comunitaria",
    "Energías Renovables", "Gestión de Riesgos", "Economía Social", "Pesca Artesanal", "Innovación Agrícola",
    "Igualdad de Género", "Juventud y Empleo", "Cambio Climático", "Biodiversidad", "Seguridad Alimentaria",
    "Vivienda Social", "Gobierno Abierto", "Cultura y Patrimonio", "Comercio Justo", "Cadenas de Valor",
]
PLACES = [
    "los Andes", "la Costa", "la Amazonía", "el Caribe", "la Frontera Norte", "el Chaco", "la Patagonia",
    "los Valles", "la Sierra", "el Altiplano", "Mesoamérica", "el Cono Sur",
]
VERBS = ["Fortalecer", "Promover", "Impulsar", "Consolidar", "Desarrollar", "Articular", "Ampliar"]
OBJECTS = [
    "las capacidades institucionales", "la participación comunitaria", "los encadenamientos productivos",
    "el intercambio de conocimientos", "la gestión sostenible de los recursos", "la inclusión de mujeres y jóvenes",
    "la coordinación entre actores públicos y privados", "la innovación en los territorios",
]
PURPOSES = [
    "para mejorar la calidad de vida de la población", "con enfoque de derechos y sostenibilidad",
    "en el marco de la Agenda 2030", "a partir de experiencias exitosas de la región",
    "con la participación activa de la sociedad civil", "para reducir las brechas territoriales",
]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PURPOSES)}."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _organizations(rng: random.Random, countries: list[Country], count: int) -> list[Organization]:
    seen, rows = set(), []
    while len(rows) < count:
        actor_type = rng.choice(ActorType.values)
        name = f"{rng.choice(NAME_PREFIXES[actor_type])} {rng.choice(TOPICS)} de {rng.choice(PLACES)}"
        country = rng.choice(countries)
        key = (name, country.pk)
        if key in seen:
            continue
        seen.add(key)
        rows.append(Organization(name=name, actor_type=actor_type, country=country, normalized_name=""))
    for organization in rows:
        organization.clean()
    Organization.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Organization.objects.filter(country__in=countries).order_by("pk"))


def _institutions(countries: list[Country]) -> list[Institution]:
    return [
        Institution.objects.get_or_create(
            country=country,
            name=f"Agencia de Cooperación Internacional de {country.name_es}",
            defaults={"acronym": f"ACI-{country.iso2}"},
        )[0]
        for country in countries
    ]


def _batches(items: list, size: int = 1000) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@transaction.atomic
def generate_initiatives(*, count: int, seed: int) -> int:
    rng = random.Random(seed)
    ibero = list(Country.objects.filter(is_ibero_american=True).order_by("iso2"))
    everywhere = list(Country.objects.order_by("iso2"))
    institutions = _institutions(ibero)
    # Actors grow with the registry (about one new organization for every four initiatives), as in
    # any real one: a fixed few hundred would each take part in hundreds of initiatives at 100,000.
    organizations = _organizations(rng, ibero, max(50, count // 4))
    sectors = list(Sector.objects.order_by("code"))
    statuses = [Status.PUBLISHED] * 8 + [Status.SUBMITTED, Status.DRAFT, Status.IN_REVIEW, Status.RETURNED]
    now = timezone.now()
    sector_links = Initiative.sectors.through

    for batch in _batches(list(range(count))):
        initiatives, actors_of, partners_of, sectors_of = [], [], [], []
        for _ in batch:
            institution = rng.choice(institutions)
            initiative_type = rng.choice(InitiativeType.values)
            status = rng.choice(statuses)
            start_year = rng.randint(2012, 2024)
            actors = rng.sample(organizations, rng.randint(1, 8))
            initiative = Initiative(
                institution=institution,
                country_order=institution.country.name_es,  # bulk_create skips Initiative.save
                initiative_type=initiative_type,
                initiative_type_other="Red de intercambio técnico" if initiative_type == InitiativeType.OTHER else "",
                name=f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} en {rng.choice(TOPICS).lower()} de {rng.choice(PLACES)}",
                objectives=_paragraph(rng, rng.randint(2, 4)),
                focal_point_name=f"Punto focal {institution.acronym}",
                focal_point_email=f"punto.focal.{institution.country_id.lower()}@example.org",
                justification=_paragraph(rng, rng.randint(4, 8)),
                strengths=[_sentence(rng) for _ in range(rng.randint(1, 3))],
                challenges=[_sentence(rng) for _ in range(rng.randint(0, 3))],
                results=[_sentence(rng) for _ in range(rng.randint(1, 3))],
                wants_to_share=rng.random() < 0.8,
                modality=rng.choice(Modality.values),
                sdgs=sorted(rng.sample(SDG.values, rng.randint(1, 3))),
                phase=rng.choice(Phase.values),
                start_year=start_year,
                end_year=rng.choice([None, start_year + rng.randint(0, 4)]),
                status=status,
                status_changed_at=now,
                submitted_at=None if status == Status.DRAFT else now,
                published_at=now if status == Status.PUBLISHED else None,
                status_reason="Complete los resultados." if status == Status.RETURNED else "",
            )
            initiative.search_text = initiative.build_search_text([actor.name for actor in actors])
            initiatives.append(initiative)
            actors_of.append(actors)
            partners = [c for c in rng.sample(everywhere, rng.randint(0, 3)) if c.pk != institution.country_id]
            partners_of.append(partners)
            sectors_of.append(rng.sample(sectors, rng.randint(1, 2)))
        Initiative.objects.bulk_create(initiatives)
        Participation.objects.bulk_create(
            Participation(
                initiative=initiative,
                organization=organization,
                actor_type=organization.actor_type,
                position=position,
            )
            for initiative, actors in zip(initiatives, actors_of, strict=True)
            for position, organization in enumerate(actors)
        )
        InitiativeCountry.objects.bulk_create(
            InitiativeCountry(initiative=initiative, country=country, segib_role=rng.choice(["", *SegibRole.values]))
            for initiative, partners in zip(initiatives, partners_of, strict=True)
            for country in partners
        )
        sector_links.objects.bulk_create(
            sector_links(initiative_id=initiative.pk, sector_id=sector.pk)
            for initiative, chosen in zip(initiatives, sectors_of, strict=True)
            for sector in chosen
        )
    organizations_count_published()  # bulk_create skips the services that keep it
    return count
