"""How alike two reports of an initiative are, across Spanish and Portuguese: their names, their
objectives and their actors, as folded words and character trigrams, computed in Python (the
embedded PostgreSQL has no pg_trgm). Pure functions of text.

No library of the field does this for es/pt pairs: a stemmer (Snowball) would still keep
"cosecha" and "colheita" apart, so the words the two languages spell differently in this
domain are mapped to one form here, in COGNATES, and the rest is left to the trigrams."""

import re
from dataclasses import dataclass
from functools import lru_cache

from registry.text import fold

STOP_WORDS = frozenset(
    "a al ante com como con da das de del do dos e el em en entre es et for in la las los na nas no nos o of "
    "on os para pela pelo per por que se sin sob sobre the to um uma un una y".split()
)

# Portuguese (folded) -> Spanish (folded), for the words of cooperation projects that are not
# spelled alike; plurals and the -ção/-ción family are handled by _stem.
COGNATES = {
    "colheita": "cosecha", "semeadura": "siembra", "plantio": "siembra", "desenvolvimento": "desarrollo",
    "seguranca": "seguridad", "alimentar": "alimentaria", "fortalecimento": "fortalecimiento", "gestao": "gestion",
    "projeto": "proyecto", "saude": "salud", "juventude": "juventud", "mulher": "mujer", "mulheres": "mujer",
    "infancia": "ninez", "crianca": "nino", "criancas": "nino", "emprego": "empleo", "trabalho": "trabajo",
    "rede": "red", "redes": "red", "alianca": "alianza", "aliancas": "alianza", "meio": "medio",
    "floresta": "bosque", "florestas": "bosque", "residuos": "residuo", "governo": "gobierno",
    "boas": "buena", "pratica": "practica", "praticas": "practica", "escola": "escuela",
    "fome": "hambre", "cidade": "ciudad", "cidades": "ciudad", "habitacao": "vivienda",
    "risco": "riesgo", "riscos": "riesgo", "mudanca": "cambio", "mudancas": "cambio", "climatica": "climatico",
    "sementes": "semilla", "semente": "semilla", "hortas": "huerta", "horta": "huerta", "leite": "leche",
    "aguas": "agua", "chuva": "lluvia", "chuvas": "lluvia", "terra": "tierra", "terras": "tierra",
    "pescadores": "pescador", "agricultores": "agricultor",
    "indigenas": "indigena", "povos": "pueblo", "povo": "pueblo", "comunidade": "comunidad", "comunidades": "comunidad",
    "sul": "sur", "tecnicas": "tecnica", "capacitacao": "capacitacion", "inovacao": "innovacion",
    "cooperacao": "cooperacion", "educacao": "educacion", "formacao": "formacion", "prevencao": "prevencion",
    "inclusao": "inclusion", "nutricao": "nutricion", "populacao": "poblacion", "producao": "produccion",
    "regiao": "region", "direitos": "derecho", "direito": "derecho", "jovens": "joven",
    "empresas": "empresa", "universidade": "universidad", "universidades": "universidad", "cidadania": "ciudadania",
    "sustentavel": "sostenible", "sustentaveis": "sostenible",
    "costeiro": "costero", "costeira": "costera", "marinho": "marino", "marinha": "marina",
    "recuperacao": "recuperacion", "restauracao": "restauracion", "recifes": "arrecife", "recife": "arrecife",
    "corais": "coral",
    "publicas": "publica", "politicas": "politica", "ensino": "ensenanza",
}


def _stem(word: str) -> str:
    """One form for a word's Spanish and Portuguese spellings and its plural: -ção/-ción and
    -ções/-ciones to "cion", -ões to "on", -ais/-ales to "al", -dade/-dad to "dad", "nh" to "n"
    (ñ folds to n), a final plural s."""
    word = COGNATES.get(word, word)
    for ending, common in (("coes", "cion"), ("ciones", "cion"), ("cao", "cion"), ("sao", "sion"), ("siones", "sion"),
                           ("oes", "on"), ("ais", "al"), ("eis", "el"), ("dades", "dad"), ("dade", "dad"), ("mente", "")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            word = word[: -len(ending)] + common
            break
    word = word.replace("nh", "n").replace("ss", "s")
    if len(word) > 4 and word.endswith("es") and word[-3] not in "aeiou":
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s"):
        word = word[:-1]
    return word


# Bounded: the texts are every report's names and objectives, and a server runs for months.
@lru_cache(maxsize=4096)
def words(text: str) -> frozenset[str]:
    """The meaningful words of a text, each in its common es/pt form."""
    return frozenset(_stem(word) for word in re.findall(r"[a-z0-9]+", fold(text)) if word not in STOP_WORDS and len(word) > 1)


def trigrams(text: str) -> frozenset[str]:
    padded = f"  {' '.join(sorted(words(text)))} "
    return frozenset(padded[index : index + 3] for index in range(len(padded) - 2))


def dice(first: frozenset, second: frozenset) -> float:
    return 2 * len(first & second) / (len(first) + len(second)) if first and second else 0.0


def name_likeness(first: str, second: str) -> float:
    """Word overlap, or trigram overlap when the words are near but not the same."""
    return max(dice(words(first), words(second)), dice(trigrams(first), trigrams(second)))


def same_actor(first: str, second: str) -> bool:
    """Two names of one organization: the same words, or a near spelling of them."""
    return dice(words(first), words(second)) >= 0.8 or dice(trigrams(first), trigrams(second)) >= 0.75


@dataclass(frozen=True)
class Report:
    """What the matching reads of a report: its country, names, and the countries it names."""

    pk: int
    country: str
    name: str
    objectives: str
    actors: tuple[str, ...]
    partners: frozenset[str]


@dataclass(frozen=True)
class Likeness:
    score: float
    name: float
    common_words: tuple[str, ...]
    objectives: float
    common_actors: tuple[str, ...]
    names_back: bool  # the candidate names the report's country as a partner


# The weights of each kind of evidence; a candidate needs at least MIN_SCORE to be shown.
WEIGHTS = {"name": 0.45, "objectives": 0.2, "actors": 0.25, "names_back": 0.1}
MIN_SCORE = 0.25


def likeness(report: Report, candidate: Report) -> Likeness:
    name = name_likeness(report.name, candidate.name)
    objectives = dice(words(report.objectives), words(candidate.objectives))
    common_actors = tuple(actor for actor in candidate.actors if any(same_actor(actor, mine) for mine in report.actors))
    actors = len(common_actors) / max(1, min(len(report.actors), len(candidate.actors)))
    names_back = report.country in candidate.partners
    score = (
        WEIGHTS["name"] * name + WEIGHTS["objectives"] * objectives + WEIGHTS["actors"] * actors
        + WEIGHTS["names_back"] * names_back
    )
    shared_words = words(report.name) & words(candidate.name)
    return Likeness(round(score, 3), round(name, 3), tuple(sorted(shared_words)), round(objectives, 3), common_actors, names_back)
