"""Words real fillers use for the ficha's vocabularies, folded (see registry.text.fold)."""

import csv
from functools import cache

from django.conf import settings
from django.utils import translation

from registry.choices import ActorType, InitiativeType
from registry.reference_data import COUNTRIES_CSV
from registry.text import fold

ACTOR_TYPE_WORDS = {
    ActorType.PUBLIC_SECTOR: ["sector publico", "setor publico", "publico", "gobierno nacional", "estado"],
    ActorType.PRIVATE_SECTOR: ["sector privado", "setor privado", "privado", "empresa", "empresa privada"],
    ActorType.CIVIL_SOCIETY: [
        "sociedad civil", "sociedade civil", "ong", "ongd", "fundacion", "fundacao", "organizacion de la sociedad civil",
    ],
    ActorType.ACADEMIA: ["academia", "universidad", "universidade", "academico", "academica"],
    ActorType.TRADE_UNION: ["sindicato", "sindicatos", "sindical"],
    ActorType.LOCAL_GOVERNMENT: [
        "gobierno local", "gobiernos locales", "governo local", "governos locais", "municipalidad", "municipio",
        "intendencia", "alcaldia", "gobierno subnacional",
    ],
    ActorType.PARLIAMENT: ["parlamento", "parlamentos", "congreso", "poder legislativo", "asamblea legislativa"],
    ActorType.INTERNATIONAL_COOPERATION: [
        "cooperacion internacional", "cooperacao internacional", "organismo internacional", "organismos internacionales",
        "organizacao internacional", "fuente cooperante", "organismo multilateral",
    ],
    ActorType.OTHER: ["otro", "otros", "outro", "outros"],
}
ACTOR_TYPE_BY_WORD = {fold(word): actor_type.value for actor_type, words in ACTOR_TYPE_WORDS.items() for word in words}

INITIATIVE_TYPE_WORDS = {
    InitiativeType.ACTION: ["accion", "acao"],
    InitiativeType.PROJECT: ["proyecto", "projeto"],
    InitiativeType.COORDINATION_SPACE: ["espacio de articulacion interinstitucional", "espacio de articulacion", "espaco de articulacao"],
    InitiativeType.OTHER: ["otros", "otro", "outros", "outro"],
}

YES = {"si", "sim", "yes"}
NO = {"no", "nao"}

# Names people write that ISO does not use.
COUNTRY_ALIASES = {
    "belice": "BZ", "brasil": "BR", "estados unidos de america": "US", "eeuu": "US", "ee.uu.": "US",
    "republica dominicana": "DO", "rd": "DO", "reino unido": "GB", "corea": "KR", "vietnam": "VN",
}


@cache
def _actor_types_by_label() -> dict[str, str]:
    """The actor types' own labels in every language, as the survey and our Word files print them."""
    labels = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            labels.update({fold(str(label)): value for value, label in ActorType.choices})
    return labels


def actor_type_for(text: str) -> str | None:
    folded = fold(text).strip(" .;:")
    return ACTOR_TYPE_BY_WORD.get(folded) or _actor_types_by_label().get(folded)


@cache
def country_codes_by_name() -> dict[str, str]:
    codes = dict(COUNTRY_ALIASES)
    with COUNTRIES_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for column in ("name_es", "name_pt", "name_en"):
                codes.setdefault(fold(row[column]), row["iso2"])
    return codes


def country_code_for(name: str) -> str | None:
    return country_codes_by_name().get(fold(name).strip(" .;:"))
