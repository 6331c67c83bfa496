"""Words real fillers use for the ficha's vocabularies, folded (see registry.text.fold).

Country names come from ISO 3166 as pycountry carries it, in English, Spanish and Portuguese
(short, official and common names: "República Oriental del Uruguay", "Irão, República Islâmica
do"), besides our own reference list: a maintained list, instead of aliases typed here one by one.
"""

import csv
import gettext
import re
from functools import cache, lru_cache

import pycountry
from django.conf import settings
from django.utils import translation

from registry.choices import ActorType, ContributionKind, InitiativeType, currency_codes
from registry.reference_data import COUNTRIES_CSV
from registry.text import fold

A = ActorType
# Acronyms of the international organisations and cooperation agencies a ficha's actors most
# often are (UN system, development banks, regional bodies, bilateral agencies), folded.
INTERNATIONAL_ORGANISATIONS = [
    "pnud", "undp", "fao", "unicef", "unesco", "acnur", "unhcr", "oit", "ilo", "oim", "iom", "ops", "paho", "oms",
    "onudi", "unido", "unfpa", "onu mujeres", "un women", "pma", "wfp", "cepal", "eclac", "fida", "ifad", "pnuma", "unep",
    "onusida", "unaids", "unops", "bid", "idb", "caf", "bcie", "cabei", "banco mundial", "world bank", "fonplata", "oea",
    "oas", "sica", "segib", "oei", "iica", "caricom", "mercosur", "mercosul", "celac", "aladi", "giz", "jica", "koica",
    "aecid", "usaid", "afd", "aics", "tika", "kfw", "cosude", "asdi",
]
# A type as written, whole (after folding and dropping a final dot).
ACTOR_TYPE_WORDS = {
    A.PUBLIC_SECTOR: [
        "sector publico", "setor publico", "publico", "publica", "gobierno nacional", "gobierno central", "estado",
        "servicio publico", "institucion publica", "entidad publica", "organismo publico", "empresa publica",
        "empresa estatal", "ministerio", "gobierno federal", "orgao federal", "orgao publico", "orgao do governo federal", "governo federal", "governo", "gobierno", "public sector", "government",
        "national government", "administracion publica", "orgao publico", "autarquia", "sector gubernamental",
        "poder judicial", "poder ejecutivo", "poder judiciario", "fiscalia", "ministerio publico", "defensoria del pueblo",
        "defensoria publica", "contraloria", "procuraduria", "fuerzas armadas", "forcas armadas", "policia",
        "ente autonomo", "entidad autonoma", "institucion autonoma", "organismo descentralizado",
        "entidad descentralizada", "organismo autonomo", "agencia publica", "agencia estatal", "organismo federal",
    ],
    A.PRIVATE_SECTOR: [
        "sector privado", "setor privado", "privado", "privada", "empresa", "empresa privada", "empresas",
        "sector empresarial", "setor empresarial", "private sector", "business", "cooperativa", "cooperativas",
        "gremio empresarial", "gremio", "camara empresarial", "camara de comercio", "asociacion empresarial",
        "associacao empresarial", "sindicato patronal", "organizacion patronal", "organismo empresarial", "federacao empresarial", "federacion empresarial", "associacao comercial", "asociacion comercial",
        "fundacion empresarial", "sociedad anonima", "sociedade anonima",
        "sociedad de economia mixta", "sociedade de economia mista", "startup", "emprendimiento", "empreendimento",
        "empresa social", "emprendimiento social", "pyme", "pymes", "mipyme", "mipymes",
    ],
    A.CIVIL_SOCIETY: [
        "sociedad civil", "sociedade civil", "ong", "ongs", "ongd", "ngo", "osc", "oscs", "oscip", "fundacion", "fundacao",
        "tercer sector", "terceiro setor", "third sector", "soc civil", "organizacion de productores",
        "organizacao de produtores", "asociacion de productores", "organizacion etnico-territorial",
        "organizacion etnico territorial", "organizacion etnica", "consejo comunitario",
        "foundation", "organizacion de la sociedad civil", "organizacion no gubernamental", "asociacion civil",
        "asociacion", "associacao", "organizacion social", "organizacion comunitaria", "civil society",
        "organizacao da sociedade civil", "organizacao nao governamental", "movimiento social", "colectivo",
        "organizacion indigena", "organizaciones de la sociedad civil", "organizaciones indigenas",
        "comunidad indigena", "comunidades indigenas", "pueblo indigena", "pueblos indigenas", "povos indigenas",
        "comunidade indigena", "comunidad campesina", "organizacion campesina", "organizaciones campesinas",
        "organizacion de base", "organizaciones de base", "organizacion de productores", "junta de accion comunal",
        "iglesia", "igreja", "organizacion religiosa", "organizacion basada en la fe", "voluntariado",
        "colegio profesional", "organizacao comunitaria", "organizacao de base",
    ],
    A.ACADEMIA: [
        "academia", "universidad", "universidade", "universidad publica", "universidad privada", "universidade publica",
        "universidade privada", "university", "academico", "academica", "instituto de investigacion", "centro de investigacion",
        "instituto de pesquisa", "centro de pesquisa", "instituicao de pesquisa", "instituicao de ensino superior",
        "institucion de investigacion", "research institute", "research centre", "research center",
        "think tank", "centro academico", "sector academico", "setor academico", "ensenanza superior", "educacion superior",
        "centro de pensamiento", "instituto tecnologico", "instituto tecnico", "instituto universitario",
        "academia y ciencia", "academia e investigacion", "academia y centros de investigacion", "ciencia y tecnologia",
        "academia e pesquisa", "academia e ciencia", "centros de investigacion", "centros de pesquisa",
        "centro publico de investigacion", "centro publico de pesquisa", "instituto publico de investigacion",
    ],
    A.TRADE_UNION: [
        "sindicato", "sindicatos", "sindical", "central sindical", "central obrera", "trade union", "trade unions",
        "labor union", "labour union", "organizacion sindical", "organizacao sindical", "confederacion de trabajadores",
    ],
    # Portugal's "autarquias locais" are its municipalities and parishes (Brazil's "autarquia" is a public body).
    A.LOCAL_GOVERNMENT: [
        "autarquias locais", "autarquia local", "poder local",
        "gobierno local", "gobiernos locales", "governo local", "governos locais", "municipalidad", "municipio",
        "municipios", "municipal", "intendencia", "alcaldia", "prefeitura", "gobernacion", "gobierno regional",
        "gobierno subnacional", "gobierno provincial", "gobierno departamental", "gobierno municipal", "governo estadual",
        "governo municipal", "governo subnacional", "local government", "municipality", "ayuntamiento", "camara municipal",
        "concejo municipal", "gobierno autonomo", "gobierno estatal", "subnacional", "prefectura", "diputacion",
        "cabildo", "gobierno descentralizado", "gobierno autonomo descentralizado",
        "autarquia local", "autarquias locais",
        # Spain's autonomous communities and Portugal's autonomous regions: subnational governments.
        "comunidad autonoma", "comunidades autonomas", "gobierno autonomico", "region autonoma", "regiao autonoma",
        "governo regional", "governos regionais", "administracao regional", "gobiernos regionales",
        "empresa publica municipal", "empresa municipal", "empresa publica local", "administracion autonomica", "junta parroquial",
        "gobierno parroquial", "gad parroquial", "gobierno departamental", "gobierno estadual",
        "tercer nivel de gobierno", "segundo nivel de gobierno",  # Uruguay's municipalities and departments
        "administracion local", "administraciones locales", "red de gobiernos locales", "red de municipios", "entidad local", "entidades locales",
    ],
    A.PARLIAMENT: [
        "parlamento", "parlamentos", "congreso", "congresso", "poder legislativo", "asamblea legislativa", "asamblea",
        "asamblea nacional", "senado", "camara de diputados", "camara dos deputados", "camara de representantes",
        "parliament", "legislature", "legislativo", "assembleia legislativa", "congreso nacional", "organismo legislativo",
    ],
    A.INTERNATIONAL_COOPERATION: [
        "cooperacion internacional", "cooperacao internacional", "organismo internacional", "organismos internacionales",
        "organizacao internacional", "organismo multilateral", "organismos multilaterales", "fuente cooperante",
        "cooperante", "donante", "agencia de la onu", "agencia de naciones unidas", "agencia de las naciones unidas",
        "sistema de naciones unidas", "naciones unidas", "onu", "nacoes unidas", "banco de desarrollo", "cooperacion triangular",
        "cooperacao triangular", "socio triangular", "cooperante",
        "banca de desarrollo", "banco de desenvolvimento", "banca multilateral",
        "banco multilateral", "banco multilateral de desarrollo", "organismo regional", "multilateral", "bilateral",
        "international cooperation", "international organization", "international organisation", "un agency",
        "development bank", "cooperacion bilateral", "agencia de cooperacion", "organismo de cooperacion",
        "organizacion internacional", "organizaciones internacionales", "organizacoes internacionais",
        "organismo de naciones unidas", "agencia de cooperacion internacional", "union europea", "uniao europeia", "ue",
        "european union",
    ],
    # Uruguay's "persona pública no estatal" (INACOOP, INIA): a legal form of its own, neither State nor private.
    A.OTHER: ["otro", "otros", "outro", "outros", "other", "persona publica no estatal", "personas publicas no estatales"],
}
ACTOR_TYPE_BY_WORD = {fold(word): actor_type.value for actor_type, words in ACTOR_TYPE_WORDS.items() for word in words}


def _words(*phrases: str) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b")


# A type written in more words ("universidad pública regional", "cooperación alemana (GIZ)"),
# by the words that decide it, most specific first: "cámara de diputados" before "cámara",
# "universidad pública" before "pública".
ACTOR_TYPE_RULES = [
    (A.PARLIAMENT, _words(r"camara (?:de|dos) (?:diputados|deputados|representantes|senadores)", "senado", "congres+o",
                          "parlamento", "asamblea legislativa", "assembleia legislativa", "poder legislativo", "parliament")),
    (A.LOCAL_GOVERNMENT, _words("camara municipal", "concejo municipal", "entidad(?:es)? locale?s?", "autarquias? locais?", "autarquia local",
                                "poder local", "administracion local", "municipi\\w*", "alcaldia", "intendencia",
                                "prefeitura", "gobernacion", r"gobierno (?:local|regional|provincial|departamental|municipal|subnacional|autonomo|estatal)",
                                r"governo (?:local|estadual|municipal|subnacional|do estado)", "ayuntamiento", "local government")),
    (A.TRADE_UNION, _words("sindica\\w*", "central obrera", "trade unions?", "labou?r unions?")),
    # A ministry is the State whatever it deals with ("Ministerio de Comercio").
    (A.PUBLIC_SECTOR, _words("ministeri\\w*", "ministry", "secretaria de estado")),
    (A.INTERNATIONAL_COOPERATION, _words(
        r"organizaci\w+ internaciona\w*", "union europea", "uniao europeia", "european union",
        "cooperacion (?:internacional|alemana|japonesa|espanola|coreana|francesa|italiana|suiza|canadiense|europea|bilateral)",
        "cooperacao (?:internacional|alema|japonesa|espanhola|coreana|francesa|italiana|suica|canadense|europeia)",
        "(?:german|japanese|spanish|korean|french|italian|swiss|canadian|eu|international|development) cooperation",
        "onu", "naciones unidas", "nacoes unidas", "united nations",
        "organismo (?:internacional|multilateral|regional)", "organizacao internacional", "banco (?:de desarrollo|multilateral|mundial|interamericano)",
        "development bank", "multilateral", "agencia de cooperacion", "fuente cooperante", "donante", "un agency",
    )),
    (A.ACADEMIA, _words("universida\\w*", "university", "academi\\w*", r"instituto (?:de )?(?:investigacion|pesquisa)",
                        r"centro (?:de )?(?:investigacion|pesquisa|estudios)", "research", "think tank", "educacion superior")),
    (A.PRIVATE_SECTOR, _words("empresa\\w*", "privad[oa]s?", "cooperativa\\w*", "gremio\\w*", "camara\\w*", "private",
                              "business", "industria\\w*", "comercio", "compan(?:y|ies)", "chamber of commerce",
                              "cooperatives?", "firm")),
    (A.CIVIL_SOCIETY, _words("ongs?", "ongd", "ngos?", "oscs?", "fundaci\\w+", "foundation", "sociedad civil", "sociedade civil",
                             "civil society", "asociaci\\w+", "associac\\w+", "no gubernamental", "nao governamental",
                             "comunitari\\w+", "colectivo")),
    (A.PUBLIC_SECTOR, _words("public\\w*", "ministeri\\w*", "ministry", "gobierno", "governo", "government", "estatal",
                             "servicio nacional", "agencia nacional", "secretaria")),
]
# A name decides the type only through words that leave no doubt; a guess is flagged anyway.
NAME_RULES = [
    # Local governments first: their associations are often a congress ("Congreso de Intendentes",
    # "Frente Nacional de Prefeitos", "Federación de Municipios"), never a parliament.
    # Portugal's public institutes carry their legal form: "Camões, I.P.", "Instituto da Habitação, I.P.".
    (A.PUBLIC_SECTOR, re.compile(r",? i p$")),  # folded: "camoes, i p"
    (A.LOCAL_GOVERNMENT, _words("municipalidad(?:es)?", "municipios?", "alcaldias?", "alcaldes", "intendencias?", "intendentes",
                                "prefeituras?", "prefeitos", "gobernacion(?:es)?", "gobernadores", "gobierno regional",
                                "gobierno provincial", "gobierno departamental", "gobierno municipal", "gobiernos locales")),
    (A.PARLIAMENT, _words("congreso", "congresso", "senado", "asamblea legislativa", "camara de diputados", "camara dos deputados")),
    (A.TRADE_UNION, _words("sindicato", "central sindical", "central obrera")),
    (A.ACADEMIA, _words("universidad", "universidade", "university")),
    (A.CIVIL_SOCIETY, _words("fundacion", "fundacao", "foundation", "asociacion civil", "ong")),
    (A.PRIVATE_SECTOR, _words("camara de comercio", "camara de industria", "cooperativa", r"s\.?\s?a\.?", "ltda")),
    (A.PUBLIC_SECTOR, _words("ministerio", "ministry", "secretaria de estado")),
    (A.CIVIL_SOCIETY, _words("comunidad indigena", "comunidad campesina", "junta de accion comunal")),
    # A name that starts or ends with an international organisation's acronym ("PNUD", "FAO
    # Chile", "Banco Interamericano de Desarrollo (BID)") or names one in words. The acronyms are
    # no type words: in "Banco Interamericano de Desarrollo (BID)" the acronym is part of the name.
    (A.INTERNATIONAL_COOPERATION, re.compile(r"^(?:{0})\b|\b(?:{0})$".format("|".join(map(re.escape, INTERNATIONAL_ORGANISATIONS))))),
    (A.INTERNATIONAL_COOPERATION, _words("naciones unidas", "nacoes unidas", "united nations", "union europea",
                                         "uniao europeia", "european union", "banco interamericano", "banco mundial",
                                         "organizaci\\w+ internaciona\\w*", "banco \\w+ de desarrollo", "banco \\w+ de desenvolvimento")),
]
# A first column that numbers the rows: "No. | Entidad | Tipo".
NUMBER_HEADERS = {"no", "n", "n°", "nº", "#", "numero", "num", "item", "nro", "n o"}
ACTOR_HEADER_WORDS = {
    "actor", "actores", "ator", "atores", "tipo", "tipo de actor", "tipos de actor", "tipo de ator", "tipos de ator", "nombre",
    "nombre del actor", "nome", "institucion", "instituicao", "organizacion", "organizacao", "entidad", "entidade",
    "type", "actor type", "name", "organization", "organisation", "sector", "setor", "rol", "papel", "role",
    "funcion", "funcao", "tipologia", "tipologia do ator", "tipologia del actor", "tipo de actor y rol", "rol en la iniciativa", "papel na iniciativa", "role in the initiative",
    "funcion en la iniciativa", "actor involucrado", "naturaleza", "natureza", "naturaleza juridica", "natureza juridica",
    "tipo de institucion", "tipo de entidad", "tipo de entidade", "tipo de instituicao", "tipo de organizacion", "pais", "country",
    "institucion participante", "entidad participante", "entidade participante", "actores involucrados", "atores envolvidos",
    "actores participantes", "atores participantes", "entidades participantes", "instituciones participantes", "entidades",
    "instituciones", "instituicoes", "aporte", "aportes", "aporte a la alianza", "contribucion", "contribuicao", "rol en la alianza",
    "papel en la alianza", "papel na alianca", "rol o aporte", "que aporta", *NUMBER_HEADERS,
}


@cache
def _actor_types_by_label() -> dict[str, str]:
    """The actor types' own labels in every language, as the survey and our Word files print them."""
    labels = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            labels.update({fold(str(label)): value for value, label in ActorType.choices})
    return labels


_TYPE_PUNCTUATION = re.compile(r"[.;:()\[\]\"']")


def _folded_type(text: str) -> str:
    return " ".join(_TYPE_PUNCTUATION.sub(" ", fold(text)).split()).strip(" -–—/")


# "Otro (fundación público-privada)", "Otro: red empresarial", "outro – coleta de leite": the
# person chose "other" and said why; the words of the reason name no type.
OTHER_SPECIFIED = re.compile(r"(?:otros?|outros?|others?)\s*[:(–—-]")
OTHER_IN_PARENTHESES = re.compile(r"\((?:otros?|outros?|other) (?:tipo|type)\b")


def actor_type_for(text: str, *, exact: bool = False) -> str | None:
    """The actor type a short phrase names ("ONG", "universidad privada", "Cooperación alemana"),
    or None when it names none (it may be the organisation's name). `exact` takes only a type
    written whole: where the phrase could as well be a name ("Ministerio de Comercio, Industria
    y Turismo"), the words that hint at a type would mislead."""
    if text[:1] in "oO" and OTHER_SPECIFIED.match(fold(text[:12])):
        return A.OTHER.value
    if "(" in text and OTHER_IN_PARENTHESES.search(fold(text)):
        return A.OTHER.value  # "autoridad tradicional indígena (otro tipo de actor)"
    if text.endswith(")") and (opening := text.find("(")) > 0 and (found := actor_type_for(text[:opening], exact=True)):
        return found  # "Pública (fundación del sector público)": the words in parentheses only qualify the type
    folded = _folded_type(text)
    if not folded or len(folded.split()) > 6:
        return None
    if found := ACTOR_TYPE_BY_WORD.get(folded) or _actor_types_by_label().get(folded):
        return found
    if exact:
        return None
    for actor_type, pattern in ACTOR_TYPE_RULES:
        if pattern.search(folded):
            return actor_type.value
    return None


def actor_type_from_name(name: str) -> str | None:
    folded = _folded_type(name)
    for actor_type, pattern in NAME_RULES:
        if pattern.search(folded):
            return actor_type.value
    return None


_HEADER_CELLS = re.compile(r"\t|\s[|/–—-]\s|\|")


# The form's request retyped in the agency's words, left above the actors: "Nombre todos los
# actores e identifique...", "Nomeie todos os atores e identifique o tipo de cada um", "List all the actors".
ASKS_FOR_ACTORS = re.compile(r"^(?:nombre|nomeie|mencione|liste|list|enumere|indique|identifique|name)\b.{0,30}\b(?:actor|ator|actors)")


# "MIDEPLAN (sector público) y los indicados en las filas siguientes": the words that send to the
# actors listed after, no actor.
REFERS_ONWARD = re.compile(
    r"^(?:y |e )?(?:los|las|os|as|demas|demais|otros|outros) (?:actores |atores |demas |demais )?(?:indicad|mencionad|siguientes|seguintes|listad|detallad|"
    r"referid|que se (?:indican|detallan|listan)|que (?:figuram|constam)|abaixo|a continuacion)"
)


def refers_onward(text: str) -> bool:
    return len(text) < 100 and text[:1].islower() and REFERS_ONWARD.match(fold(text)) is not None


def asks_for_actors(text: str) -> bool:
    return len(text) < 120 and text[:1] in "NnMmLlEeIi" and ASKS_FOR_ACTORS.match(fold(text)) is not None


# An answer that sends the reader elsewhere: "Ver cuadro de actores", "Véase la tabla", "Ver anexo".
POINTER = re.compile(r"^(?:ver|vease|veja|see|consultar)\b.{0,40}\b(?:cuadro|tabla|anexo|abajo|adjunto|quadro|tabela|abaixo|table|below|annex|final)")


def points_elsewhere(text: str) -> bool:
    return len(text) < 80 and POINTER.match(fold(text)) is not None


# A contact given where the institution's is: "Ver oficio de remisión", "El indicado en el
# encabezado", "el punto focal institucional (ver pie de página)".
GIVEN_ABOVE = re.compile(
    r"^(?:ver|vease|veja|see|consultar)\b.{0,40}\b(?:oficio|carta|nota|encabezado|pie de pagina|membrete|remision|rodape|cabecalho|"
    r"header|footer|arriba|acima|above)"
    r"|^(?:el|la|los|las|o|a|os|as) (?:indicad|senalad|mencionad|consignad|referid)[oa]s? (?:en|no|na|arriba|acima|anteriormente|above)\b"
    r"|\((?:ver|vease|veja|see) [^()]{2,30}\)\.?$"
)


def points_to_the_institution(text: str) -> bool:
    return len(text) < 80 and GIVEN_ABOVE.search(fold(text)) is not None


@lru_cache(maxsize=2048)
def is_actor_header(text: str) -> bool:
    """A table's header row ("Actor | Tipo de actor"), not an actor. Asked of every row's first
    cell, the form's own labels again and again: cached."""
    if len(text) > 60:  # headers are a few words
        return False
    cells = [_folded_type(cell) for cell in _HEADER_CELLS.split(text) if cell.strip()]
    return bool(cells) and all(cell in ACTOR_HEADER_WORDS or _header_like(cell) for cell in cells)


NAME_HEADERS = {"actor", "actores", "ator", "atores", "nombre", "nome", "name", "institucion", "instituicao", "institution", "entidad",
                "entidade", "organizacion", "organizacao", "organization", "organisation", "nombre del actor", "institucion participante",
                "entidad participante", "entidade participante", "actor involucrado"}


def name_and_type_columns(header: list[str]) -> tuple[int, int] | None:
    """(name column, type column) of a table of actors whose header names both apart from a role's."""
    header = [cell.strip(" .:") for cell in header]
    names = [index for index, cell in enumerate(header) if cell in NAME_HEADERS or cell.split(" / ")[0] in NAME_HEADERS]
    types = [index for index, cell in enumerate(header) if cell.startswith(("tipo", "type", "sector", "setor", "naturaleza", "natureza"))]
    if len(names) == 1 and len(types) == 1 and (len(header) > 2 or types[0] < names[0]):  # "Tipo | Institución" too
        return names[0], types[0]
    return None


# A header's cell in the agency's words: "Naturaleza del actor", "Papel en la alianza".
# ("Sector público: APC-Colombia" is a line of actors: "sector" and "tipo" head no header of their own.)
HEADER_FIRST_WORDS = {"naturaleza", "natureza", "nombre", "nome", "entidad", "entidade", "institucion", "instituicao",
                      "actor", "ator", "organizacion", "organizacao", "rol", "papel", "type", "name", "caracter"}


def _header_like(cell: str) -> bool:
    words = cell.split()
    return 1 < len(words) <= 4 and words[0] in HEADER_FIRST_WORDS and "," not in cell


INITIATIVE_TYPE_WORDS = {
    InitiativeType.ACTION: ["accion", "acao", "action"],
    InitiativeType.PROJECT: ["proyecto", "projeto", "project"],
    InitiativeType.COORDINATION_SPACE: [
        "espacio de articulacion interinstitucional", "espacio de articulacion", "espaco de articulacao interinstitucional",
        "espaco de articulacao", "articulacion interinstitucional",
    ],
    InitiativeType.OTHER: ["otros", "otro", "otra", "otras", "outros", "outro", "outra", "other", "others"],
}

YES = {"si", "sim", "yes"}
NO = {"no", "nao"}
YES_NO_WITHIN = 4  # words: "Por el momento no"
YES_NO_LEADS = {
    "claro", "que", "por", "supuesto", "ahora", "el", "momento", "de", "desde", "luego", "todavia", "aun", "ainda",
    "agora", "enquanto", "com", "certeza", "pues", "bueno", "bem", "well", "of", "course", "not", "yet", "for", "now",
    "x",  # a cross typed for a box: "X Sí"
}
# Answers without the word itself.
YES_NO_PHRASES = {
    "claro": True, "por supuesto": True, "desde luego": True, "afirmativo": True, "de acuerdo": True, "con gusto": True,
    "com certeza": True, "certamente": True, "com prazer": True, "of course": True, "sure": True, "negativo": False,
    "de ninguna manera": False, "de modo algum": False, "not yet": False, "not now": False,
}
# What the form prints in the answer before anyone answers.
UNANSWERED_YES_NO = {"si/no", "si / no", "sim/nao", "sim / nao", "yes/no", "si o no", "sim ou nao"}

NONE_WORDS = {
    "n/a", "na", "n a", "no aplica", "no aplica.", "sin respuesta", "(sin respuesta)", "sem resposta", "(sem resposta)", "nao se aplica", "nao aplica", "not applicable", "none", "ninguno",
    "ninguna", "ningun", "nenhum", "nenhuma", "no hay", "sin otros paises", "-", "--", "—", "–", "no", "nao", "nada",
    "no corresponde", "ninguno/a", "s/d", "ningun otro", "ningun otro pais", "ningun pais", "ninguno otro",
    "no involucra otros paises", "no involucra", "no participan otros paises", "ninguno adicional",
    "ninguno relevante", "ninguna relevante", "ninguno en particular", "ninguna en particular", "nada relevante",
    "nenhum relevante", "nenhuma relevante", "none so far", "ninguno por ahora", "ninguna por ahora",
    "nenhum outro", "nenhum outro pais", "nenhum pais", "no other", "no other country", "no other countries",
    "sin informacion", "sin datos", "sin dato", "n.d", "n/d", "s.d", "sem informacao", "sem dados", "nao aplicavel",
    "pendiente de designacion", "por definir", "a definir", "pendiente", "no disponible", "nao disponivel",
}


# Folding never joins words, so an answer of more words than any of these is something: most
# answers are sentences, spared folding whole.
MOST_NONE_WORDS = max(len(words.split()) for words in NONE_WORDS)


# Saying an answer is another one's: "Ídem punto focal institucional", "El mismo", "O mesmo".
SAME_AS = re.compile(
    r"^(?:idem|id\.|(?:el |la |lo )?mism[oa]|igual(?: que| al)?|(?:o |a )?mesm[oa]|same as|the same"
    # "El enlace técnico es la misma persona designada en el numeral 2.2"
    r"|(?:el|la|o|a) [a-z]+(?: [a-z]+)? (?:es|e) (?:el|la|o|a) (?:mism|mesm)[oa])\b"
)


# A name said to be the institution's focal point: "Mtra. Daniela Ortiz Salgado (punto focal institucional)."
SAID_INSTITUTIONAL = re.compile(r"\((?:el |la |o |a )?(?:mism[oa] |mesm[oa] )?(?:punto|ponto) focal (?:institucional|de la institucion|da instituicao)\)\.?$")


def means_the_same(text: str) -> bool:
    if len(text) >= 80:
        return False
    folded = fold(text)
    return SAME_AS.match(folded) is not None or SAID_INSTITUTIONAL.search(folded) is not None


ORDINALS = {"primera": 1, "primeira": 1, "first": 1, "segunda": 2, "second": 2, "tercera": 3, "terceira": 3, "third": 3}
INITIATIVE_REFERRED = re.compile(
    r"\b(?:(primera|primeira|first|segunda|second|tercera|terceira|third) (?:iniciativa|initiative|experiencia|proyecto|projeto)"
    r"|(?:iniciativa|initiative|experiencia|proyecto|projeto) (?:n[o°º]?\.? ?)?(\d)|(?:iniciativa|experiencia|proyecto|projeto|initiative) (anterior|previous)"
    # "Ídem al anterior", "O mesmo da anterior": the initiative before.
    r"|^(?:idem|igual|(?:el |la |lo |o |a )?mism[oa]|(?:o |a )?mesm[oa])(?: que)? (?:al |a la |el |la |ao |a |do |da |de la )?(anterior|previous))\b"
)


def refers_to_the_previous(text: str) -> bool:
    found = INITIATIVE_REFERRED.search(fold(text))
    return found is not None and (found.group(3) or found.group(4)) is not None


def initiative_referred_to(text: str, before: int) -> int | None:
    """Which of the `before` initiatives read so far an answer says it is the same as ("el mismo de
    la primera iniciativa", "ídem iniciativa 1", "igual que la iniciativa anterior"); None for the institution."""
    found = INITIATIVE_REFERRED.search(fold(text))
    if found is None:
        return None
    number = ORDINALS[found.group(1)] if found.group(1) else int(found.group(2)) if found.group(2) else before
    return number if 1 <= number <= before else None


# "quien suscribe (ver firma al pie)": the person who signs the letter the ficha came in.
SIGNER = re.compile(r"\b(?:quien suscribe|quien firma|el firmante|la firmante|el suscrito|la suscrita|ver firma|quem assina|o signatario|a signataria|ver assinatura|the undersigned|see signature)\b")


def points_to_signature(text: str) -> bool:
    first_line = text.lstrip().split("\n", 1)[0]  # what follows may be the next paragraph of the letter
    return len(first_line) < 160 and SIGNER.search(fold(first_line)) is not None  # "el punto focal será el suscrito, cuyos datos…"


# What ends a letter, after which only its signature follows: "Sin otro particular, saludo a usted
# atentamente.", "Atenciosamente,", a place and a date ("Fortaleza, 20 de março de 2023.").
CLOSING = re.compile(
    r"^(?:sin otro particular|atentamente|cordialmente|saludos cordiales|reciba un cordial saludo|atenciosamente|"
    r"cordiais saudacoes|sem mais|respetuosamente|sincerely|best regards|fin de la ficha|fim da ficha|end of the form|"
    r"quedamos atent[oa]s|quedo atent[oa]|quedamos a (?:su )?disposicion|quedo a (?:su )?disposicion|ficamos a disposicao|"
    r"fecha de (?:llenado|elaboracion|diligenciamiento)|data de preenchimento|agradecemos (?:la|su|de antemano)|"
    r"fico a disposicao|ficamos ao dispor|fico ao dispor|com os melhores cumprimentos|melhores cumprimentos|consideraciones finales|consideracoes finais|a consideracao superior|"
    r"(?:documento )?elaborado por|revisado por|c\.c\.p?\.?|visto\. concordo)\b"
    # A report's last part, "5. RECOMENDACIÓN": the line alone.
    r"|^(?:recomendacion(?:es)?|conclusion(?:es)?|recomendacoes|conclusoes|recommendations?|conclusions?)$"
    r"|^[^\d,]{2,40}(?:, [^\d,]{1,12})?, (?:a )?(?:\d{1,2} de )?(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|"
    r"noviembre|diciembre|janeiro|fevereiro|marco|maio|junho|julho|setembro|outubro|novembro|dezembro) de \d{4}(?:\.|$)"
    # The heading of a table of contacts after the last answer.
    r"|^(?:cuadro|quadro|tabla|tabela) de conta(?:c?t)os$"
)


# An e-mail's signature starts after a line of its own, "-- " (RFC 3676), pasted with the mail.
SIGNATURE_DELIMITER = "--"


def closes_a_letter(folded: str) -> bool:
    """Whether a folded line (registry.text.fold) closes a letter."""
    return len(folded) < 120 and CLOSING.match(folded) is not None


# "n.d. (proyecto en fase inicial / project at an early stage)": nothing, and why.
NONE_EXPLAINED = re.compile(r"^(.{1,20}?)\s*\([^()]{3,80}\)\.?$")


def means_none(text: str) -> bool:
    """An answer that says there is nothing ("N/A", "ninguno", "—")."""
    if text.endswith((")", ").")) and (explained := NONE_EXPLAINED.match(text.strip())) and means_none(explained.group(1)):
        return True
    if len(text) > 32 and len(text.strip(" .;:\t\n").split(None, MOST_NONE_WORDS)) > MOST_NONE_WORDS:
        return len(text) < 80 and NONE_SAID.match(fold(text).strip(" .;:")) is not None
    folded = fold(text).strip(" .;:")
    return not folded or folded in NONE_WORDS


# "No se han identificado obstáculos relevantes", "No se registran otros países": a sentence saying none.
NONE_SAID = re.compile(
    r"(?:no se (?:han )?(?:identificado|registrado|registran|identifican)|nao (?:foram|se) (?:identificad|registrad)"
    r"|aun no se cuenta con|todavia no se cuenta con|aun no hay|todavia no hay|ainda nao ha)\w*\b")


# An institution named after its country's people ("Agencia Uruguaya de Cooperación Internacional",
# "Agência Brasileira de Cooperação"): where no country is written, its name says which.
DEMONYMS = {
    "AR": "argentin", "BO": "bolivian", "BR": "brasileir|brasilen", "CL": "chilen", "CO": "colombian", "CR": "costarricense",
    "CU": "cuban", "DO": "dominican", "EC": "ecuatorian", "SV": "salvadoren", "GT": "guatemaltec", "HN": "honduren",
    "MX": "mexican", "NI": "nicaraguense", "PA": "panamen", "PY": "paraguay", "PE": "peruan", "UY": "uruguay",
    "VE": "venezolan", "ES": "espanol|espanhol", "PT": "portugues", "AD": "andorran",
    # Partners of triangular cooperation, named by their people: "la cooperación alemana".
    "DE": "aleman|alema", "JP": "japones|japon", "KR": "corean", "US": "estadounidense|norteamerican", "FR": "frances",
    "IT": "italian", "CA": "canadiense|canadens", "CH": "suiz|sui[cç]", "CN": "chin", "GB": "britanic", "NL": "neerlandes|holandes",
}
DEMONYM = re.compile(r"\b(?:" + "|".join(f"(?P<{code}>(?:{stem})[oa]?s?)" for code, stem in DEMONYMS.items()) + r")\b")


def country_of_demonym(institution: str) -> str | None:
    """The one country whose people an institution's name is named after, or None."""
    found = {match.lastgroup for match in DEMONYM.finditer(fold(institution))}
    return found.pop() if len(found) == 1 else None


# Names people write that neither ISO nor our list uses, abbreviations expanded first.
COUNTRY_ALIASES = {
    "belice": "BZ", "brasil": "BR", "estados unidos de america": "US", "eeuu": "US", "eua": "US", "usa": "US", "ee uu": "US",
    "estados unidos da america": "US", "republica dominicana": "DO", "rd": "DO", "reino unido": "GB", "uk": "GB",
    "corea": "KR", "corea del sur": "KR", "coreia do sul": "KR", "vietnam": "VN", "holanda": "NL", "paises bajos": "NL",
    "inglaterra": "GB", "rusia": "RU", "china": "CN", "iran": "IR", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ",
    "siria": "SY", "laos": "LA", "moldavia": "MD", "cabo verde": "CV", "guinea ecuatorial": "GQ", "guine equatorial": "GQ",
    "c. rica": "CR", "c rica": "CR", "sao tome": "ST", "santo tome y principe": "ST", "s. tome e principe": "ST", "s. tome y principe": "ST", "s tome e principe": "ST", "timor oriental": "TL", "timor-leste": "TL",
    # The UN's "República Democrática Popular Lao", the World Bank's "Lao PDR"; "Rep. Dom.".
    "republica democratica popular lao": "LA", "lao": "LA", "lao pdr": "LA", "rep. dom.": "DO",
    "russia": "RU", "republica de china": "TW", "republic of china": "TW",
    # Abbreviations a list of partners is written with: "Arg., Bra., Uru.".
    "arg": "AR", "bra": "BR", "uru": "UY", "urug": "UY", "parag": "PY", "bol": "BO", "col": "CO", "ven": "VE", "ecu": "EC",
    "mex": "MX", "guat": "GT", "hond": "HN", "nicar": "NI", "pan": "PA", "venez": "VE",
}
ABBREVIATIONS = [
    (re.compile(r"\brep\b\.?"), "republica"),
    (re.compile(r"\bedo\b\.?"), "estado"),
    (re.compile(r"\best\b\.?\s+plurinacional"), "estado plurinacional"),
    (re.compile(r"\bfed\b\.?"), "federativa"),
    (re.compile(r"\bdem\b\.?"), "democratica"),
    (re.compile(r"\bpop\b\.?"), "popular"),
]
_ABBREVIATION_DOTS = re.compile(r"(?<=\w)\.(?=\w)|(?<=\w)\.$")
_ARTICLES = re.compile(r"^(?:la|el|los|las|a|o|os|as|the)\s+")


def _country_key(name: str) -> str:
    """How a country's name is looked up: folded, abbreviations expanded, dots and articles gone
    ("R.D." -> "rd", "Rep. Dominicana" -> "republica dominicana", "El Salvador" stays)."""
    folded = fold(name).strip(" .;:,")
    if "." in folded or " " in folded:  # abbreviations end in a dot or stand before another word
        for pattern, replacement in ABBREVIATIONS:
            folded = pattern.sub(replacement, folded)
    if "." in folded:
        folded = _ABBREVIATION_DOTS.sub("", folded)  # "r.d." -> "rd", "ee.uu." -> "eeuu"
        folded = " ".join(folded.replace(".", " ").split())
    return folded


def _iso_forms(name: str) -> set[str]:
    """ISO's "Bolivia, Estado Plurinacional de" is written "Bolivia" or "Estado Plurinacional de Bolivia"."""
    forms = {name}
    if ", " in name:
        head, tail = name.split(", ", 1)
        forms |= {head, f"{tail} {head}"}
    if " (" in name:
        forms.add(name.split(" (", 1)[0])
    return forms


@cache
def country_codes_by_name() -> dict[str, str]:
    codes: dict[str, str] = {}
    with COUNTRIES_CSV.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for column in ("name_es", "name_pt", "name_en"):
                codes.setdefault(_country_key(row[column]), row["iso2"])
    catalogs = [gettext.NullTranslations()] + [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
        for language in ("es", "pt", "pt_BR")
    ]
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            english = getattr(country, attribute, None)
            if not english:
                continue
            for catalog in catalogs:
                for form in _iso_forms(catalog.gettext(english)):
                    codes.setdefault(_country_key(form), country.alpha_2)
    for alias, code in COUNTRY_ALIASES.items():
        codes.setdefault(_country_key(alias), code)
    return codes


# A country's ISO code written for its name, in capitals ("PE, CR", "SV / HN").
ISO_CODE = re.compile(r"[A-Z]{2,3}")


def country_code_for(name: str) -> str | None:
    codes = country_codes_by_name()
    if ISO_CODE.fullmatch(stripped := name.strip(" .")) and (country := _country_of_code(stripped)):
        return country
    key = _country_key(name)
    if not key:
        return None
    if code := codes.get(key) or codes.get(_ARTICLES.sub("", key)):
        return code
    # "Irán (República Islámica del)", "México (Estados Unidos Mexicanos)": the qualifier the UN
    # writes in parentheses; then the name without it, or with it in front.
    if match := re.match(r"^([^()]*?)\s*\(([^()]+)\)$", key):
        short, qualifier = match.groups()
        return codes.get(short) or codes.get(f"{qualifier} {short}") or codes.get(qualifier)
    # A form of state in other words than ISO's ("Federación de Rusia" where ISO writes "Federación
    # Rusa", "República Islámica del Irán", "República de Moldova"): the name after it. Tried last,
    # so that "República Democrática del Congo" is never read as the Congo.
    if match := FORM_OF_STATE.match(key):
        return codes.get(match.group(1))
    return None


@cache
def _country_of_code(code: str) -> str | None:
    if code.lower() in INTERNATIONAL_ORGANISATIONS:  # "CAF" is a development bank before a country's code
        return None
    found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    return found.alpha_2 if found else None


FORM_OF_STATE = re.compile(
    r"^(?:republica|federacion|federacao|reino|estados?|principado|emirato|sultanato|commonwealth|republic|federation|"
    r"kingdom|state|union|uniao)\b.*?\b(?:de la|de las|de los|del|de|da|do|das|dos|of the|of)\s+(.+)$"
)


# --- Contributions ------------------------------------------------------------------------------
K = ContributionKind
# The first words of a kind as people write it, besides the kinds' own labels.
CONTRIBUTION_KIND_WORDS = {
    K.FINANCIAL: [
        "financiero", "financiera", "financeiro", "financeira", "financial", "financiamiento", "financiamento",
        "financiacion", "funding", "fondos", "fundos", "dinero", "money", "aporte financiero", "aporte economico",
        "economico", "economica", "recursos financieros", "recursos financeiros", "cofinanciamiento", "cofinanciamento",
        "presupuesto", "orcamento", "subvencion", "donacion", "grant",
    ],
    K.IN_KIND: [
        "en especie", "em especie", "in kind", "in-kind", "especie", "materiales", "materiais", "equipos",
        "equipamiento", "equipamentos", "infraestructura", "infraestrutura", "espacio fisico", "espaco fisico",
        "instalaciones", "instalacoes", "logistica", "logistics", "insumos",
    ],
    K.STAFF: [
        "personal", "pessoal", "staff", "asistencia tecnica", "assistencia tecnica", "technical assistance",
        "recursos humanos", "expertos", "especialistas", "experts", "tecnicos", "consultores", "voluntarios",
        "horas de trabajo", "cooperacion tecnica", "cooperacao tecnica",
    ],
    K.KNOWLEDGE: [
        "conocimiento", "conocimientos", "conhecimento", "conhecimentos", "knowledge", "saberes", "metodologia",
        "metodologias", "capacitacion", "capacitacao", "formacion", "formacao", "training", "investigacion",
        "pesquisa", "research", "estudios", "estudos", "buenas practicas", "boas praticas", "know-how",
    ],
    K.CONVENING: [
        "convocatoria", "convocacao", "convening", "convocar", "convoca", "articulacion", "articulacao",
        "movilizacion", "mobilizacao", "redes", "networks", "incidencia", "advocacy", "dialogo", "espacios de dialogo",
    ],
}
CONTRIBUTION_HEADER_WORDS = {
    "actor", "ator", "organizacion", "organizacao", "organization", "tipo", "type", "kind", "aporte", "aportes",
    "contribucion", "contribuicao", "contribution", "que aporta", "o que traz", "descripcion", "descricao",
    "description", "monto", "valor", "amount", "moneda", "moeda", "currency", "ano", "year", "tipo de aporte",
    "tipo de contribucion", "tipo de contribuicao", "kind of contribution", "o que aporta", "monto y moneda",
    "valor e moeda", "detalle", "detalhe",
}


@cache
def _contribution_kinds_by_word() -> dict[str, str]:
    words = {fold(word): kind.value for kind, phrases in CONTRIBUTION_KIND_WORDS.items() for word in phrases}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            words.update({fold(str(label)): value for value, label in ContributionKind.choices})
    return words


def contribution_kind_for(text: str) -> tuple[str | None, bool]:
    """The kind of contribution a short phrase names ("Aporte financiero", "Em espécie",
    "Asistencia técnica de 2 expertos"), and whether the phrase is that name and nothing more."""
    folded = _folded_type(text)
    if not folded or len(folded.split()) > 8:
        return None, False
    words = _contribution_kinds_by_word()
    if folded in words:
        return words[folded], True
    for length in (3, 2, 1):
        if (start := " ".join(folded.split()[:length])) in words:
            return words[start], False
    return None, False


def is_contribution_header(text: str) -> bool:
    cells = [_folded_type(cell) for cell in _HEADER_CELLS.split(text) if cell.strip()]
    return len(cells) >= 2 and all(cell in CONTRIBUTION_HEADER_WORDS or cell in ACTOR_HEADER_WORDS for cell in cells)


# Symbols and words people write for a currency instead of its ISO 4217 code. "$" and "pesos"
# name too many currencies to guess.
CURRENCY_SIGNS = {"us$": "USD", "u$s": "USD", "usd$": "USD", "r$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY"}
CURRENCY_WORDS = {
    "dolares": "USD", "dolar": "USD", "dollars": "USD", "dolares estadounidenses": "USD", "euros": "EUR", "euro": "EUR",
    "reais": "BRL", "reales": "BRL", "yenes": "JPY", "ienes": "JPY", "yen": "JPY",
}
AMBIGUOUS_CURRENCIES = {"$", "pesos", "peso"}


@cache
def _currency_codes() -> frozenset[str]:
    return frozenset(code for code, _name in currency_codes())


def currency_in(text: str) -> tuple[str, str]:
    """(the ISO 4217 code a text names, what named it), or ("", a sign too ambiguous to read)."""
    for code in re.findall(r"\b[A-Za-z]{3}\b", text):
        if code.upper() in _currency_codes() and (code.isupper() or code.upper() in {"USD", "EUR", "BRL"}):
            return code.upper(), code
    lowered = text.casefold()
    for sign, code in CURRENCY_SIGNS.items():
        if sign in lowered:
            return code, sign
    folded = fold(text)
    for word, code in CURRENCY_WORDS.items():
        if re.search(rf"\b{word}\b", folded):
            return code, word
    for sign in AMBIGUOUS_CURRENCIES:
        if sign in folded.split() or (sign == "$" and "$" in text):
            return "", sign
    return "", ""


# Sharing answered in a sentence of the agency's own: "SEGEPLAN manifiesta su interés en compartir
# …", "la ESCO prefiere no difundir las iniciativas…", "O Camões não pretende partilhar…". The
# refusal is tested first: it holds the words of the assent ("no desea compartir").
SHARING_REFUSED = re.compile(
    r"\b(?:prefiere no|preferimos no|no (?:desea|deseamos|tiene interes|tienen interes|autoriza|autorizamos|considera oportuno|es posible)|"
    r"nao (?:deseja|tem interesse|autoriza|pretende)|prefere nao|no por ahora|aun no|todavia no)\b.{0,60}?"
    r"\b(?:compartir|difundir|divulgar|partilhar|compartilhar|publicar|intercambi)"
)
SHARING_AGREED = re.compile(
    r"\b(?:manifiesta|manifestamos|expresa|expresamos|tiene|tienen|tenemos|con|muestra|reitera|reiteramos|confirma|confirmamos|tem|temos|manifesta|manifestamos)\s+"
    r"(?:su |nuestro |seu |o seu |o nosso |el |todo )?"
    r"(?:interes|disposicion|disponibilidad|anuencia|interesse|disponibilidade)\b.{0,40}?\b(?:compartir|difundir|partilhar|compartilhar|intercambiar)"
    r"|\b(?:desea|deseamos|autoriza|autorizamos|acepta|aceptamos|deseja|aceita)\s+(?:compartir|difundir|partilhar|compartilhar)"
    r"|\b(?:nos|le|les) interesa(?:ria)? (?:mucho |muchisimo )?(?:compartir|difundir)|\b(?:nos )?interessa (?:compartilhar|partilhar)"
    r"|\b(?:esta|estamos) (?:interesad[oa]s?|dispuest[oa]s?|anuente) (?:a|en) (?:compartir|difundir)"
    r"|\b(?:en la|en|con la|com a|na) (?:mejor |plena |toda la |melhor |total )?(?:disposicion|disponibilidad|disposicao|disponibilidade) (?:de|para|a|em) (?:compartir|difundir|partilhar|compartilhar)"
)


def may_say_sharing(text: str) -> bool:
    """Whether a line has the words sharing is said with (a cheap look before folding it)."""
    return len(text) < 300 and ("ompart" in text or "artilh" in text or "ifund" in text or "ivulg" in text)


def sharing_said_in_a_sentence(folded: str) -> bool | None:
    if len(folded) > 300:
        return None
    if SHARING_REFUSED.search(folded):
        return False
    if SHARING_AGREED.search(folded):
        return True
    return None


# What stands for no answer in a text ("—", "N/A", "Sin información."): a curator leaves it blank.
# Narrower than NONE_WORDS: "No" answers "¿Identifica debilidades?".
BLANK_TEXTS = {
    "-", "--", "—", "–", "n/a", "na", "n.d", "n/d", "s/d", "sin informacion", "sin datos", "sem informacao", "sem dados",
    "no aplica", "nao se aplica", "nao aplicavel", "not applicable", "pendiente de designacion", "por definir", "a definir",
}


def leaves_blank(text: str) -> bool:
    return len(text) < 40 and fold(text).strip(" .;:") in BLANK_TEXTS


# A partner country named by its people in a sentence: "con acompañamiento de la cooperación
# mexicana", "asistencia técnica argentina", "financiamiento japonés".
BY_ITS_PEOPLE = re.compile(r"\b(?:cooperaci[oó]n|coopera[cç][aã]o|gobierno|governo|asistencia|assist[eê]ncia|apoyo|apoio|financiamiento|financiamento|fondos|recursos)\b", re.I)


def country_by_its_people(text: str) -> str | None:
    return country_of_demonym(text) if len(text) < 160 and BY_ITS_PEOPLE.search(text) else None


# Partners named only by their people: "Participan contrapartes guatemaltecas, hondureñas y
# salvadoreñas.", "Delegaciones cubana y dominicana." (a country's name is capitalised, its people not).
PEOPLE_OF_COUNTRIES = re.compile(
    r"\b(?:contrapartes?|delegaci(?:on|ones)|delegac(?:ao|oes)|instituciones|instituicoes|entidades|socios|equipos|equipes"
    r"|tecnicos|funcionarios|autoridades|gobiernos|governos|parceiros)\b"
)


def countries_by_their_people(text: str) -> list[str] | None:
    """The countries a sentence names only by their people, in its order; None when it names a
    country (a capitalised word after its first) or no people."""
    if len(text) > 200 or any(word[:1].isupper() for word in text.split()[1:]):
        return None
    folded = fold(text)
    if not PEOPLE_OF_COUNTRIES.search(folded):
        return None
    return list(dict.fromkeys(match.lastgroup for match in DEMONYM.finditer(folded))) or None
