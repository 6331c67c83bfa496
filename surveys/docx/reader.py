"""Reading a filled ficha: a pure function from an opened Word file (surveys.docx.safety) to the plain dict of the
`import_ficha` contract. Nothing here touches the database.

The form's body is flattened into a stream of (label, answer paragraphs) entries: table rows
give both at once; in plain paragraphs a known label opens a field and the paragraphs after it
are its answer. The ficha as PIFCSS distributed it mixes both (initiative 1's description in
table rows, 2 and 3 as paragraphs), and real fillers leave instructions in place."""

import re
from functools import lru_cache
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from registry import ficha
from registry.choices import ANSWER_MAX_CHARS
from registry.text import clean_pasted, fold
from surveys.docx import answers as answers_of
from surveys.docx import layout
from surveys.docx import text as word_text
from surveys.docx import vocabulary
from surveys.docx.safety import UnreadableFicha, WordFile
from surveys.models import QuestionKind
from surveys.questionnaire import AddedQuestion, Questions, core

# The form's own headings, folded; the questions' labels come from registry.ficha.
TABLE_HEADINGS = [("informacion institucional", "institution_heading")]
PARAGRAPH_HEADINGS = [
    ("informacion institucional", "institution_heading"),
    ("informacion iniciativa", "initiative_heading"),
    ("informacoes da iniciativa", "initiative_heading"),
    ("informacao da iniciativa", "initiative_heading"),
    ("descripcion iniciativa", "description_heading"),
    ("descricao da iniciativa", "description_heading"),
]


def _declared() -> tuple[ficha.Question, ...]:
    """The core ficha, every question of it: the labels of the forms PIFCSS distributed are
    recognised whatever a campaign leaves out, so they never run into the answer before them."""
    return (*ficha.block_questions(), *ficha.initiative_questions())


# A question an agency asks in a sentence of its own ("¿Qué actores participan y de qué tipo es
# cada uno?", "¿Cuál es el nombre de la iniciativa?"): the words of registry.ficha's `asked_with`,
# the first of them written deciding. Only a short line that ends as a question is asked.
LONGEST_QUESTION = 220


def _asked_in_a_question(text: str) -> str | None:
    line = text.strip().split("\n", 1)[0].rstrip(" :")
    if line.endswith(")") and "?" in line:
        line = HELP_AFTER_QUESTION.sub("?", line)  # "¿Cuáles fueron las fortalezas? (hasta 3)"
    if len(line) > LONGEST_QUESTION:
        return None
    if not line.endswith(("?", "?)")):
        # "Pregunta 8. Objetivo u objetivos", "P.3 Otros países que participan": marked as a question.
        if not (line[:1] in "PpQq" and (mark := QUESTION_MARK.match(fold(line)))):
            return None
        line = line[mark.end() :]
    found = _question_words(tuple((question.key, question.asked_with) for question in _declared() if question.asked_with)).search(fold(line))
    return found.lastgroup.rsplit("_", 1)[0] if found else None


HELP_AFTER_QUESTION = re.compile(r"\?\s*\([^()]{1,80}\)$")


def _yes_no_asked(question: str) -> str | None:
    """A yes/no question in the agency's words with its answer on the same line ("¿Compartir las
    experiencias con otros países?  Sí ☒  No ☐"); other questions so asked are their form's help."""
    key = _asked_in_a_question(question)
    return key if key and any(declared.key == key and declared.kind == ficha.Kind.YES_NO for declared in _declared()) else None


@lru_cache(maxsize=4)
def _question_words(asked: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern:
    return re.compile("|".join(
        f"(?P<{key}_{index}>\\b(?:{'|'.join(map(re.escape, words))}))" for index, (key, words) in enumerate(asked)
    ))


def prefixes() -> tuple[layout.Prefixes, layout.Prefixes]:
    """(table rows, paragraphs): the labels the PIFCSS forms printed, in the order tried."""
    return _prefixes(tuple(question.key for question in _declared()))


@lru_cache(maxsize=8)
def _prefixes(keys: tuple[str, ...]) -> tuple[layout.Prefixes, layout.Prefixes]:
    # Keyed by the declared questions: another declaration (a campaign's, a test's) is read too.
    def labels(question):
        return (*question.original_labels, *question.whole_labels, *question.line_labels)

    in_rows = [(label, question.key) for question in _declared() if not question.paragraph for label in labels(question)]
    in_paragraphs = [(label, question.key) for question in _declared() if question.paragraph for label in labels(question)]
    whole = frozenset(label for question in _declared() for label in question.whole_labels)
    line_only = frozenset(label for question in _declared() for label in question.line_labels)
    # A table row's label is a question of the first part or one of the description's.
    description = [entry for entry in PARAGRAPH_HEADINGS if entry[1] == "description_heading"]
    return (
        layout.Prefixes(TABLE_HEADINGS + in_rows + in_paragraphs + description, whole, line_only),
        layout.Prefixes(PARAGRAPH_HEADINGS + in_paragraphs, whole, line_only),
    )


# Instructions of the form that fillers leave in the answer, possibly with the answer after them.
INSTRUCTIONS = [
    "Identifique el número de la opción deseada: 1, 2, 3 o 4. En el caso de elegir la opción 4 especifique a qué tipo de iniciativa se refiere.",
    "Nombre todos los actores e identifique a qué tipo de actor corresponden",
    "Describa brevemente por qué surgió la iniciativa y destaque las razones de su carácter multiactor",
    "¿Qué lecciones positivas se generaron durante el proceso de diseño e implementación? Enfoque su respuesta en aquellas lecciones vinculadas al carácter multiactor de la iniciativa.",
    "¿Qué cuellos de botella se generaron en el proceso multiactor?",
    "Si/No",
]
FOLDED_INSTRUCTIONS = [fold(text) for text in INSTRUCTIONS]
INSTRUCTION_INITIALS = {text[0] for text in FOLDED_INSTRUCTIONS}
# Latin characters that fold to one of those initials ("i", "I", "Í"...): most answers start with
# another letter, and this set spares folding them.
_LATIN_END = "\u0250"
INSTRUCTION_FIRST_CHARACTERS = {
    character for character in map(chr, range(ord(_LATIN_END))) if fold(character)[:1] in INSTRUCTION_INITIALS
}
STARTS_WITH_INSTRUCTION = re.compile("|".join(f"({re.escape(text)})" for text in FOLDED_INSTRUCTIONS))
# Labels and instructions sit at the start of a text: folding a prefix this long is enough to
# recognise them, and keeps long answers from being folded whole several times.
RECOGNITION_PREFIX = max(len(text) for text in INSTRUCTIONS) + 40



class NotAFicha(UnreadableFicha):
    pass


@dataclass(slots=True)
class Answer:
    text: str
    is_list_item: bool = False


@dataclass
class Scope:
    fields: dict[str, list[Answer]] = field(default_factory=dict)
    title: str = ""  # a numbered section's title over an initiative's questions


# What frames a label without being part of it: "¿...?", a colon, bullets and asterisks.
LABEL_EDGES = "¿¡ .:*?—–"  # "— Iniciativa 2 —" between dashes
LABEL_OPENINGS = "¿¡ .:*"
# A question's own number before it ("3. ¿Qué fortalezas...?", "2) Punto focal"), or its letter
# or Roman numeral in an agency's own numbering ("a) Institución", "IV. Resultados").
QUESTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\s*[.)]*-?\s+")  # "3.", "2)", "1.1", "3.10 -"
QUESTION_LETTER = re.compile(r"(?:[ivx]{1,4}|[a-z])(?:\)|\.|\s*[-–]|(?:\.\d{1,2})+[.)]?)\s+")  # "a)", "b.", "iv.", "c -", "B.2"


# The words a letter leads into a question with: "3. Respecto de las fortalezas de nuestra institución:".
LEAD_INTO_A_QUESTION = re.compile(r"(?:respecto (?:de|a)|con respecto a|en cuanto a|en relacion (?:con|a)|quanto (?:a|as|aos)|em relacao (?:a|as|aos)) (?:las |los |la |el |as |os |a |o )?")


def _without_number(folded: str) -> str:
    if folded[:1] in "pq" and (mark := QUESTION_MARK.match(folded)):
        folded = folded[mark.end() :].lstrip(LABEL_OPENINGS)
    if folded[:1].isdigit() and (number := QUESTION_NUMBER.match(folded)):
        folded = folded[number.end() :]
        return folded[lead.end() :] if folded[:1] in "recq" and (lead := LEAD_INTO_A_QUESTION.match(folded)) else folded
    if folded[1:2] in ").- " and folded[:1].isalpha() and (letter := QUESTION_LETTER.match(folded)):
        return folded[letter.end() :]
    if folded[:1] in "ivx" and (letter := QUESTION_LETTER.match(folded)):
        return folded[letter.end() :]
    return folded


NOTE_MARKS = str.maketrans("", "", "¹²³⁴⁵⁶⁷⁸⁹⁰")


@lru_cache(maxsize=4096)
def folded_head(text: str) -> tuple[str, str, str, str]:
    """The folded start of a text and of its first line, and both as a label is looked up in
    them (without its framing characters and its number). Each label and answer is looked at
    several times, and the form's own labels and instructions recur in every file: fold them once."""
    head = text.strip()[:RECOGNITION_PREFIX].translate(NOTE_MARKS)  # "Tipo¹": the mark of a note under the table
    folded = fold(head)
    first_line = fold(head.split("\n", 1)[0]) if "\n" in head else folded
    as_prefix = _without_number(folded.lstrip(LABEL_OPENINGS)).lstrip(LABEL_OPENINGS)
    as_label = _without_number(first_line.strip(LABEL_EDGES)).strip(LABEL_EDGES)
    return folded, first_line, as_prefix, as_label


def _folded_label(text: str) -> str:
    """The folded first line of a text, as a label is looked up."""
    return folded_head(text)[3]


# A heading an agency types over each initiative's questions ("Iniciativa 1", "INICIATIVA Nº 2",
# "Información de la iniciativa 3"): the whole line, so an answer starting "Iniciativa de..." is none.
# Agencies name their own: "Proyecto 2", "PROJETO 3", "Experiencia N° 1", "Caso 1", "Iniciativa A",
# "Segunda iniciativa", "Iniciativa única".
_INITIATIVE_HEADING = (
    # "Sección II – Experiencia N.º 2", "SECCIÓN 3. INICIATIVA 2": the agency's part before it.
    r"(?:(?:seccion|secao|section|parte|part|bloque|bloco|capitulo) (?:\d{1,2}|[ivx]{1,4}|[a-h])\.?(?: [-–—])? )?"  # "SECCIÓN C – INICIATIVA 2"
    r"(?:(?:informaci(?:on|ones|ao|oes)|datos|dados) (?:de |da |do |del |de la )?)?"
    r"(?:iniciativa|initiative|proyecto|projeto|project|experiencia|experience|caso|case|ficha) "
    r"(?:(?:de |del |da |do )?(?:alianzas?|aliancas?|multiactor|multiatores|cooperacion|cooperacao|css|ct|tecnica) ){0,3}"  # "Experiencia de alianza multiactor N.º 1"
    r"(?:n\.?[o°º]?\.? ?|# ?)?(?:\d{1,2}|[a-c])"
    r"(?: / (?:iniciativa|initiative) \d{1,2}| (?:de|of) \d)?"  # "Initiative 1 / Iniciativa 1", "Iniciativa 2 de 3"
    r"|(?:primera|segunda|tercera|primeira|terceira|first|second|third) (?:iniciativa|initiative|experiencia|proyecto|projeto|project)"
    r"|(?:iniciativa|proyecto|projeto|experiencia) unic[ao]|unic[ao] (?:iniciativa|proyecto|projeto|experiencia)"
)
NUMBERED_INITIATIVE = re.compile(_INITIATIVE_HEADING)
# The same heading as typed, to find where a title after it starts: lowercased and unaccented
# letter for letter (UNACCENTED keeps the length), any spaces between its words.
TYPED_INITIATIVE_HEADING = re.compile(r"\b(?:" + _INITIATIVE_HEADING.replace(" ", r"\s+") + r")(?!\w)")
UNACCENTED = str.maketrans("áéíóúàèìòùâêîôûãõçñüÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÃÕÇÑÜ", "aeiouaeiouaeiouaocnuAEIOUAEIOUAEIOUAOCNU")
# The first letters of those headings: most lines are tested by one look at their first letter.
HEADING_INITIALS = frozenset("idpcefstub")  # "ficha", "seccion", "parte" among them


def _key_for(text: str, labels: layout.Prefixes, printed: dict[str, str]) -> str | None:
    _folded, _first_line, folded, first_line = folded_head(text)
    # Our own printed forms are matched on their whole first line, in any language we print.
    if key := printed.get(first_line):
        return key
    if labels.takes_initiative_headings and first_line[:1] in HEADING_INITIALS and NUMBERED_INITIATIVE.fullmatch(first_line):
        return "initiative_heading"
    if (key := layout.printed_headings().key_for(first_line)) and (
        key == "institution_heading" or labels.takes_initiative_headings
    ):
        return key
    # A label given whole is on the first line, the help printed under it on the next ones.
    key = labels.key_for(folded) or (labels.key_for(first_line) if first_line != folded else None)
    if key is None and " para " in first_line and (own := AGENCY_BEFORE_PURPOSE.match(first_line)):
        # "Fortalezas de la APCI para promover alianzas…": the question without the agency's name.
        key = labels.key_for(f"{own.group(1)} {first_line[own.end():]}")
    return key


# An agency names itself inside the form's question: "Fortalezas de la APCI para promover alianzas".
AGENCY_BEFORE_PURPOSE = re.compile(r"^(\w+) (?:de la|del|da|do) (?!iniciativa|experiencia|proyecto|projeto|accion|acao)[\w.-]{2,12} (?=para )")


def campaign_of(document: WordFile) -> int | None:
    """The campaign a blank ficha was printed for, from its properties or its visible reference."""
    match = layout.CAMPAIGN_MARKER_PATTERN.search(document.identifier)
    if match is None:
        for item in document.items:
            if isinstance(item, word_text.Paragraph) and (match := layout.CAMPAIGN_MARKER_PATTERN.search(item.text)):
                break
    return int(match.group(1)) if match else None


# The options of the type of initiative listed after its label ("Tipo de iniciativa: 1 - Acción,
# 2 - Proyecto..."): the form's help, not an answer.
OPTIONS_LISTED = re.compile(r"(?:^|\W)1\s*[-–—.):=]?\s+[^\W\d].*?\W2\s*[-–—.):=]?\s+[^\W\d]", re.S)  # "1 Acción, 2 Proyecto", "1 = Ação; 2 = Projeto"
# Where a question ends and what was typed after it begins, on one line.
LABEL_END = re.compile(r"[:?]")
MOST_LABEL_ENDS = 4
LONGEST_LABEL = 160  # the characters of the longest question a form prints on one line
# A form's label carries words beyond those the reader knows ("País e institución que completa
# la ficha"); a label of one or two words ("Objetivo/s") only a few characters, since answers
# start with such words too ("Objetivo general: ...").
LABEL_SUFFIX = 3
WORDS_OF_A_DISTINCT_LABEL = 3
HEADINGS = {"institution_heading", "initiative_heading", "description_heading"}
# An initiative's question that, asked among the institution's before any initiative, is the
# institution's own ("Fortalezas | ..." in the institution's table).
BEFORE_INITIATIVES = {"strengths": "institution_strengths", "challenges": "institution_weaknesses"}


# Whose answer a label asks, after it: "de la iniciativa", "da experiência", "del proyecto".
QUALIFIER = re.compile(
    r"(?:de la|del|da|do|de|de esta|desta|of the) (?:iniciativa|experiencia|proyecto|projeto|accion|acao|initiative|project|caso)\b"
    # "Fortalezas para alianzas multiactor", "Debilidades institucionales", "Pontos fortes da instituição"
    r"|para (?:desarrollar |desenvolver |promover |el desarrollo de |o desenvolvimento de )?(?:las |as )?(?:alianzas|aliancas)(?: multi-?act?ori?(?:es|s)?)?\b"
    # "Actores involucrados, por tipo", "Atores envolvidos e seu tipo", "... e respetiva tipologia":
    # the actors' label asking for their types.
    r"|,? ?(?:por (?:tipo|tipologia)|y (?:su |sus )?(?:tipos?|tipologia)"
    r"|e (?:seus? |suas? |respe(?:c)?tiv[ao]s? |o )?(?:tipos?|tipologias?)|by type|and (?:their )?types?|[-–—/] (?:tipos?|tipologias?))"
    r"(?: de actor| de ator| de cada (?:uno|um|una|actor|ator))?$"
    r"|institucionales\b|institucionais\b|(?:de la|da) (?:institucion|instituicao)\b"
)


def _whole_label(text: str, labels: layout.Prefixes, *, question: bool = False, refuse_line_only: bool = False) -> str | None:
    """The key of a table row's label met outside a table (forms rebuilt as paragraphs or one
    column): the text is the label, or a question ending in "?" that starts with it."""
    folded = _folded_label(text)
    found = labels.find(folded)
    if found is None or refuse_line_only and found.line_only:
        return None
    beyond = folded[found.end :].strip()
    if beyond[:1] in "dpi,ye-–—/" and (qualified := QUALIFIER.match(beyond)):
        beyond = beyond[qualified.end() :].strip()  # "Punto focal de la experiencia (nombre y correo)"
    if (
        question
        or len(beyond) <= LABEL_SUFFIX
        or beyond.startswith("/")  # the label and its translation: "Institutional strengths / Fortalezas"
        or beyond.startswith("(") and beyond.endswith(")")  # "Punto focal (nombre y correo)"
        or found.words >= WORDS_OF_A_DISTINCT_LABEL
    ):
        return found.key
    return None


def _label_on_line(
    line: str, labels: layout.Prefixes, row_labels: layout.Prefixes, printed: dict[str, str], *, in_long_answer: bool = False
):
    """(key, what was typed after the label on its line) for a paragraph's line; (None, "").
    Inside a long answer, a label that answers start with too is no question with its answer."""
    key = (
        _key_for(line, labels, printed) or _whole_label(line, row_labels) or _numbered_question(line, row_labels, printed)
        or _asked_in_a_question(line)
    )
    if key in HEADINGS:
        return key, ""
    if key is None and labels.takes_initiative_headings and (title := _heading_title(line)):
        return "initiative_heading", title
    start = line[:LONGEST_LABEL]

    def key_of(head: str, question: bool) -> str | None:
        return (
            _key_for(head, labels, printed)
            or _whole_label(head, row_labels, question=question, refuse_line_only=in_long_answer)
            or (_yes_no_asked(head) if question else None)
        )

    def run_in_label() -> tuple[str, str] | None:
        # "Naturaleza. Proyecto de cooperación…", "Sobre nuestras capacidades. En primer lugar…":
        # the label run in, closed by a full stop.
        if (
            (run_in := RUN_IN_LABEL.match(start))
            and run_in.group(1).count("(") == run_in.group(1).count(")")  # "Fortalezas (máx. 3)" is one label
            and (found := key_of(run_in.group(1), False))
            and found not in HEADINGS
            and (key is None or found == key)
        ):
            return found, line[run_in.end() :]
        return None

    if key is None and len(line) < LONGEST_STATEMENT and ("focal" in line or "onsulta" in line) and CONTACT_STATED.search(line):
        return "focal_point", line  # "Para consultas dirigirse a la Mgs. Daniela Andrade…": the sentence names the person
    if ":" not in start and "?" not in start:  # most lines: nothing typed after a label
        return run_in_label() or (key, "")
    if (run_in := RUN_IN_LABEL.match(start)) and ":" in start and run_in.end() <= start.index(":") and (found := run_in_label()):
        return found  # "Nombre de la iniciativa. Pago por Servicios Ambientales: intercambio…": the colon is the answer's

    typed_for, typed = _typed_after_label(line, key_of, printed)
    if typed_for is None and key is None and (run_in := run_in_label()):
        return run_in  # "Enlace técnico. Ing. Roberto Hernández, del MARN: rhernandez@…"
    if key is None or typed_for == key:
        return typed_for, typed
    return key, ""


# The focal point stated in a sentence of the agency's letter: "Para cualquier consulta sobre esta
# comunicación, el punto focal designado es el suscrito.", "Para consultas dirigirse a la Mgs. …".
CONTACT_STATED = re.compile(
    r"\b(?:el|la|o|a|nuestro|nuestra|nosso|nossa) (?:punto|ponto) focal(?: [\w-]+){0,3}? (?:es|será|sera|é|seria|sería) "
    r"|^Para (?:cualquier |cualquiera |mayor |mayores |más )?(?:consultas?|informaci[oó]n|dudas?)\b[^.]{0,60}?\b(?:dirigirse|contactar|comunicarse|escribir) (?:a|al|con) "
    # "le informo que la Mtra. Daniela Ortiz Salgado, Directora …, fungirá como punto focal de esta Agencia"
    r"|\b(?:fungir[aá]|actuar[aá]|atuar[aá]|servir[aá]|ser[aá]) (?:como|de) (?:el |la |o |a )?(?:punto|ponto) focal\b",
    re.I,
)
LONGEST_STATEMENT = 300
RUN_IN_LABEL = re.compile(r"([^.:?]{3,60}?)\.\s+(?=\S)")


# "1.3 Fortalezas institucionales para...", "2.4 Punto focal de la iniciativa": a question of the
# agency's numbered outline, by its number; a list's items are numbered "1." or "a)", not "1.3".
OUTLINE_NUMBER = re.compile(r"\d{1,2}\.\d{1,2}(?:\.\d{1,2})*\.?\s")


def _numbered_question(line: str, row_labels: layout.Prefixes, printed: dict[str, str]) -> str | None:
    if not (line[:1].isdigit() and len(line) < LONGEST_LABEL):
        return None
    if OUTLINE_NUMBER.match(line):
        return _key_for(line, row_labels, printed)
    # "9. Actores involucrados, por tipo": a question numbered "9." is no list's item when it is
    # short, no sentence, and starts with a label of several words.
    if len(line) < SHORT_QUESTION and not line.rstrip().endswith(".") and QUESTION_NUMBER.match(line):
        found = row_labels.find(folded_head(line)[3])
        return found.key if found and found.words >= 2 else None
    return None


SHORT_QUESTION = 80


TITLE_AFTER_HEADING = re.compile(r"\s*(?::|\.|\s[–—-])\s*(\S.*)$")


def _heading_title(line: str) -> str:
    """The initiative's name after its numbered heading ("Iniciativa N° 1: Mesa Regional de
    Turismo"), or ""."""
    folded = _folded_label(line)
    if folded[:1] not in HEADING_INITIALS or not (heading := NUMBERED_INITIATIVE.match(folded)) or folded[heading.end() :][:1] not in ":-–—. ":
        return ""
    # Where the title starts in what was typed: after the heading and its separator.
    typed = TYPED_INITIATIVE_HEADING.search(line[:LONGEST_LABEL].translate(UNACCENTED).lower())
    title = TITLE_AFTER_HEADING.match(line, typed.end()) if typed else None
    return clean_pasted(title.group(1)) if title else ""


def _typed_after_label(line: str, key_of, printed: dict[str, str]) -> tuple[str | None, str]:
    """(key, text) when the line is a question closed by a colon or a question mark and
    something was typed after it ("Tipo de iniciativa: 2", "¿Le interesa compartir...? Sí").

    The first such end is taken ("Tipo de iniciativa: 4 – Otros: una red"), or a later one that
    closes a label we print whole, whose own words follow a colon ("Punto focal: nombre y correo
    electrónico: Ana Pérez"); instructions left after the label are no answer."""
    found, typed = None, ""
    if _folded_label(line) in printed:  # all of it is the label we print
        return None, ""
    previous_end = 0
    for index, end in enumerate(LABEL_END.finditer(line)):
        if index == MOST_LABEL_ENDS or end.start() > LONGEST_LABEL:
            break
        question = end.group(0) == "?"
        head = line[: end.end()] if question else line[: end.start()]
        if found is not None:
            if line[previous_end : end.start()].lstrip().startswith("/"):  # the label's translation: "...? / ¿...? Sí"
                typed, previous_end = line[end.end() :], end.end()
                continue
            if _folded_label(head) not in printed:
                continue  # only a label we print whole goes on past the first end
        previous_end = end.end()
        if (key := key_of(head, question)) and key not in HEADINGS:
            found, typed = key, line[end.end() :]
    if found is None or not typed.strip(" \t\n:.–—-"):  # "...CSS y CT?:", the colon after the question
        return found, ""
    typed = _strip_instruction(typed.lstrip(" \t:"))  # "¿...?: Sí"
    if found == "initiative_type" and OPTIONS_LISTED.search(typed):
        return found, ""
    if typed[:1] == "(" and typed.rstrip(" .").endswith(")") and " " in typed.strip():
        return found, ""  # "¿De qué tipo…? (acción, proyecto, …)", "¿Fortalezas? (hasta 3)": the question's help
    return found, typed


# "P: ¿Nombre del punto focal?" / "R: Ana Pérez": questions and answers marked as in an interview.
ANSWER_MARK = re.compile(r"(?:r\.?|rta\.?|rpta\.?|resp\.?|respuesta|resposta|answer)\s*:\s*", re.I)
QUESTION_MARK = re.compile(r"(?:p|q|pregunta|pergunta|question)\s*\d{0,2}\s*[:.-]\s+|p\.\s?\d{1,2}\.?\s+")


def _strip_instruction(text: str) -> str:
    """Remove a form instruction from the start of an answer, keeping what was typed after it."""
    stripped = text.strip()
    if stripped[:1] in "RrA" and (mark := ANSWER_MARK.match(stripped)):
        stripped = stripped[mark.end() :]
    first = stripped[:1]
    if first not in INSTRUCTION_FIRST_CHARACTERS and (first < _LATIN_END or fold(first)[:1] not in INSTRUCTION_INITIALS):
        return stripped
    match = STARTS_WITH_INSTRUCTION.match(folded_head(stripped)[0])
    if match:
        instruction = match.group(0)
        # Folding can change lengths (collapsed spaces, "ß" -> "ss"); find the cut in the original
        # text, trying the instruction's own length first and then ever further from it.
        size = len(instruction)
        for offset in range(min(len(stripped), 64) + 1):
            for cut in (size + offset, size - offset) if offset else (size,):
                if 0 < cut <= len(stripped) and fold(stripped[:cut]) == instruction:
                    return stripped[cut:].lstrip(" .:-–\n\t").rstrip()  # the answer's own full stop stays
    return stripped


def _answers_of(paragraphs: list[word_text.Paragraph]) -> list[Answer]:
    answers = []
    for paragraph in paragraphs:
        for line in paragraph.text.split("\n"):
            text = _strip_instruction(line)
            if text:
                answers.append(Answer(text=text, is_list_item=paragraph.is_list_item))
    return answers


def _initiative_columns(row) -> int:
    """How many initiatives a table's header row names, one per column after the questions'
    ("Pregunta | Iniciativa 1 | Iniciativa 2"); 0 for any other row."""
    if len(row) < 3:
        return 0
    for cell in row[1:]:
        text = _folded_label(" ".join(paragraph.text for paragraph in cell))
        if not (text[:1] in HEADING_INITIALS and NUMBERED_INITIATIVE.fullmatch(text)):
            return 0
    return len(row) - 1


def _question_columns(row, is_label) -> dict[int, str]:
    """The columns of a table whose header row asks three questions or more ("Nº | Tipo |
    Iniciativa | Objetivo(s) | Atores envolvidos | …", "N.º | Fortalezas | Desafíos | Resultados"):
    {column: its label}; empty for any other row."""
    labels = {column: text for column, cell in enumerate(row) if (text := " ".join(paragraph.text for paragraph in cell).strip()) and is_label(text)}
    if len(labels) == len(row) == 2 and len(set(labels.values())) == 2:
        # "Fortalezas | Debilidades" over their items: two lists side by side (a row naming one
        # question and answering with another's label is none of these).
        row_prefixes, _paragraph_prefixes = prefixes()
        return labels if all(_key_for(label, row_prefixes, {}) in SIDE_BY_SIDE for label in labels.values()) else {}
    return labels if len(labels) >= 3 and len(set(labels.values())) == len(labels) else {}


LIST_KEYS = {question.key for question in ficha.INITIATIVE_QUESTIONS if question.kind == ficha.Kind.LIST}
# The questions answered as two lists side by side: the initiative's lists, and the institution's
# strengths and weaknesses (labelled as an initiative's are).
SIDE_BY_SIDE = LIST_KEYS | set(BEFORE_INITIATIVES.values())


def _by_question_columns(columns: dict[int, str], rows: list):
    """A row per initiative under its questions, read as the initiatives one after another; or,
    when no initiative's name or type is asked there, the items of lists, a column each."""
    opening = {question.key for question in ficha.initiative_questions()[:2]}
    if any(_opens_a_row(label, opening) for label in columns.values()):
        for number, row in enumerate(rows, start=1):
            if all(vocabulary.means_none(" ".join(paragraph.text for paragraph in row[column])) for column in columns):
                continue
            yield f"Iniciativa {number}", Answer(text=f"Iniciativa {number}")
            for column, label in columns.items():
                yield label, _answers_of(row[column])
        return
    if numbers := _numbers_of_rows(columns, rows):
        for number, row in zip(numbers, rows):
            yield INITIATIVE_ROW, number
            for column, label in columns.items():
                yield label, _answers_of(row[column])
        return
    for column, label in columns.items():
        yield label, [answer for row in rows for answer in _answers_of(row[column])]


def _numbers_of_rows(columns: dict[int, str], rows: list) -> list[int] | None:
    """The initiatives' numbers a first column gives each row ("1", "2", "3"), or None. Only with a
    column no list answers ("Justificación"): "N.º | Fortalezas | Desafíos | Resultados" numbers
    the items of one initiative's lists."""
    if 0 in columns or not rows:
        return None
    row_prefixes, _paragraph_prefixes = prefixes()
    if all(_key_for(label, row_prefixes, {}) in LIST_KEYS for label in columns.values()):
        return None
    firsts = [" ".join(paragraph.text for paragraph in row[0]).strip(" .º°") for row in rows]
    return [int(first) for first in firsts] if all(first.isdigit() and len(first) <= 2 for first in firsts) else None


def _opens_a_row(label: str, opening: set[str]) -> bool:
    row_prefixes, _paragraph_prefixes = prefixes()
    return _key_for(label, row_prefixes, {}) in opening or _asked_in_a_question(label) in opening


def _by_initiative(header, rows: list):
    """A table with a column per initiative, read as the initiatives one after another; a column
    left with dashes only is none."""
    for column in range(1, len(header)):
        if all(vocabulary.means_none(" ".join(paragraph.text for paragraph in row[column])) for row in rows):
            continue
        heading = " ".join(paragraph.text for paragraph in header[column]).strip()
        yield heading, Answer(text=heading)
        for row in rows:
            yield "\n".join(paragraph.text for paragraph in row[0]), _answers_of(row[column])


# Stands for the label of a table of actors of its own ("Institución | Tipo de actor | Rol").
ACTORS_TABLE = "\ue001actors"
INITIATIVE_ROW = "\ue001initiative row"


def _header_of_actors(row) -> bool:
    # Most rows are a question and its answer: their first cell alone says they are no header.
    first = " ".join(paragraph.text for paragraph in row[0]).strip() if row else ""
    if not first or len(first) > LONGEST_HEADER_CELL or not vocabulary.is_actor_header(first):
        return False
    texts = [" ".join(paragraph.text for paragraph in cell).strip() for cell in row]
    return len(texts) >= 2 and all(texts) and vocabulary.is_actor_header("\t".join(texts))


LONGEST_HEADER_CELL = 30
# The first cell of a table of contacts' rows: the institution's, or an initiative's.
# ("Institución | AUCI" asks the ficha's question: only "Institucional" names whose contact a row is.)
INSTITUTIONAL_ROWS = {"institucional", "punto focal institucional", "ponto focal institucional", "institutional"}
# "Punto focal – Ficha técnica N.º 1", "Contacto de la iniciativa 2": the row names its question, then whose.
CONTACT_OF = re.compile(r"^(?:punto focal|ponto focal|focal point|contacto|contato|contact|enlace|referente)(?: tecnico)?\s*(?:[-–—:/]\s*|(?:de la|del|de|da|do|of the|of)\s+)")


def _points_away(said: str) -> bool:
    """A contact answered by pointing to another: "ídem", "véase al final", "quien suscribe"."""
    return bool(said.strip()) and (vocabulary.points_elsewhere(said) or vocabulary.means_the_same(said) or vocabulary.points_to_signature(said))


# A legend of the codes the actors' types are written with: "SP = sector público; SPR = sector
# privado; GAD = gobierno autónomo descentralizado", "SP: sector público · AC: academia".
TYPE_CODE = re.compile(r"\b([A-Z]{1,5})\s*(?:=|:|–)\s*([^;·=]{3,60}?)\s*(?=[;·.]|\s[A-Z]{1,5}\s*(?:=|:|–)|$)")


def _defines_types(line: str) -> bool:
    return line.count("=") >= 2 or len(TYPE_CODE.findall(line)) >= 3


def _legend_of_types(entries) -> dict[str, str]:
    """{code: the type it stands for, in words} from a legend anywhere in the document."""
    legend: dict[str, str] = {}
    for label, answer in entries:
        if isinstance(label, str) and len(label) < 600 and ("=" in label or label.count(":") >= 3) and _defines_types(label):
            for code, words in TYPE_CODE.findall(label):
                if vocabulary.actor_type_for(words.strip(" ,")):
                    legend[code] = words.strip(" ,")
        elif isinstance(answer, list) and isinstance(label, str) and CODE_CELL.fullmatch(code := label.strip()):
            # A table of the codes: "SP | Sector público | SPR | Sector privado".
            if (words := _text(answer).strip()) and len(words) < 60 and vocabulary.actor_type_for(words):
                legend[code] = words
    return legend if len(legend) >= 2 else {}


CODE_CELL = re.compile(r"[A-Z]{1,5}")


def _with_legend(text: str, legend: dict[str, str]) -> str:
    """An actor's type code written out: "SIUBEN (SP)" "SIUBEN (sector público)"; a column "SP" too."""
    return _codes(tuple(legend)).sub(lambda code: legend[code.group(1)], text) if _coded(text, legend) else text


@lru_cache(maxsize=8)
def _codes(codes: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(codes, key=len, reverse=True))) + r")(?![\w-])")


def _coded(text: str, legend: dict[str, str]) -> bool:
    return any(f"({code})" in text or f"[{code}]" in text or f"\t{code}\t" in f"\t{text}\t" for code in legend)


def _titled(title: str) -> Scope:
    """An initiative opened by its heading; a title that starts with the initiative's type
    ("Ficha técnica N.º 1 – Proyecto: Transferencia del modelo…") answers the type too."""
    folded = fold(title[:60])
    for words in vocabulary.INITIATIVE_TYPE_WORDS.values():
        for word in words:
            if folded.startswith(word) and (rest := TITLE_AFTER_TYPE.match(title, len(word))):
                return Scope(fields={"initiative_type": [Answer(text=title[: len(word)])]}, title=rest.group(1) or rest.group(2))
    return Scope(title=title)


# "Proyecto: Transferencia…", "Proyecto “Transferencia…”": the name after a colon or dash, or quoted.
TITLE_AFTER_TYPE = re.compile(r"\s*(?:[:–—]\s*(\S.*)|\s[\"“«„](.+?)[\"”»]\.?)$")


def _heading_number(line: str) -> int | None:
    """The number of an initiative's heading ("Iniciativa 2. Mesa…" 2, "Iniciativa B" 2), or None."""
    folded = _folded_label(line)
    heading = NUMBERED_INITIATIVE.match(folded) if folded[:1] in HEADING_INITIALS else None
    return _whose_contact(heading.group(0)) if heading else None


# In a page header or footer, a contact's label may carry the programme's name or the unit's:
# "Punto focal PIFCSS:", "Contacto institucional:".
MARGIN_CONTACT_LABEL = r"^\s*(?:punto focal|ponto focal|focal point|persona de contacto|pessoa de contato|contacto|contato|contact|enlace)\b[^:]{0,40}:"
MARGIN_CONTACT = re.compile(MARGIN_CONTACT_LABEL + r"\s*(\S.*)$", re.I)
MARGIN_CONTACT_ALONE = re.compile(MARGIN_CONTACT_LABEL + r"\s*$", re.I)


MARGIN_PIECES = re.compile(r"\n|\t|\s\|\s")


ANNEX_HEADING = re.compile(r"(?:anexo|anexos|annex|apendice)\b(?: (?:[ivx]{1,4}|\d{1,2}|unico))?\s*(?:[-–—:.]|$)")
# "2. Iniciativa 1 – Objetivos", "1. Fortalezas institucionales": an annex's part, by number, whose and question.
ANNEX_ENTRY = re.compile(
    r"\s*(?:\d{1,2}[.)]\s*)?(?:(?:iniciativa|initiative|proyecto|projeto|experiencia|experiência)\s+(?:n\.?[º°o]?\s*)?(\d{1,2}|[A-C])\s*[–—:.-]\s*)?(\S.{2,120})$",
    re.I,
)


def _points_to_an_annex(block: "Scope", initiatives: list["Scope"]) -> bool:
    return any(
        vocabulary.points_elsewhere(said := _text(answers)) and "nex" in said
        for scope in (block, *initiatives)
        for answers in scope.fields.values()
    )


def _annex_entry(line: str, initiatives: int, only_initiatives: frozenset[str], labelling) -> tuple[int, str] | None:
    if len(line) > 140 or not (entry := ANNEX_ENTRY.match(line)):
        return None
    whose = entry.group(1)
    key, typed = _label_on_line(entry.group(2), *labelling)
    if key is None or typed.strip() or key in HEADINGS:
        return None
    if whose is None:
        return (0, BEFORE_INITIATIVES.get(key, key)) if key not in only_initiatives else None
    number = int(whose) if whose.isdigit() else " ABC".find(whose.upper())
    return (number, key) if 1 <= number <= initiatives else None


# The institution a letter names as the one answering: "El organismo informante es la Dirección General
# de Cooperación Internacional de la Provincia de Córdoba (DGCI), República Argentina."
INSTITUTION_STATED = re.compile(
    r"\b(?:El|La|O|A) (?:organismo|institución|instituição|entidad|entidade|órgão) (?:informante|que (?:responde|informa|reporta|completa|suscribe)) "
    r"(?:es|é) (?:la |el |o |a )?(?P<named>[A-ZÁÉÍÓÚÑ][^.;]{3,200})"
)


def _institution_stated(line: str) -> str | None:
    if len(line) > 2000 or not ("organismo" in line or "institu" in line or "entidad" in line or "órgão" in line):
        return None
    return stated.group("named").strip() if (stated := INSTITUTION_STATED.search(line)) else None


def _row_of_a_type(label: str) -> str | None:
    """A row's label that is an actor type alone ("Sector público", "Gobiernos locales:"), as written."""
    label = label.strip().rstrip(":").strip()
    return label if len(label) < 60 and "\n" not in label and vocabulary.actor_type_for(label, exact=True) else None


INSTITUTION_KEY = "country_institution"
# The levels a letterhead names, the most specific first: "SECRETARÍA DE RELACIONES EXTERIORES |
# Agencia Mexicana de Cooperación… | Dirección General…" is the agency's; a unit ("Dirección", "Unidad")
# is below what a ficha asks for.
LETTERHEAD_LEVELS = (
    ("agencia", "agência", "agency"), ("viceministerio", "vice-ministerio", "subsecretaria de cooperacion"),
    ("secretaria", "secretaría", "ministerio", "ministério", "ministry", "cancilleria", "cancillería", "instituto", "consejeria", "consejería", "gobierno", "governo", "intendencia", "prefeitura"),
)


def _institution(question, given: list[Answer] | None, document: WordFile, notes: "answers_of.Notes") -> dict:
    """The institution's answer; with no country in it, the country its letterhead names
    ("ESTADO PLURINACIONAL DE BOLIVIA" over the page), and then nothing to warn about."""
    read_alone = answers_of.Notes()
    read = _read(question, given, answers_of.Where(read_alone, question.key, None))
    if read.get("country") is None and read.get("institution") and (
        country := _country_in_margins(document) or _country_over_the_body(document)
    ):
        return {**read, "country": country}
    notes.warnings.extend(read_alone.warnings)
    notes.flags.extend(read_alone.flags)
    return read


def _margin_lines(document: WordFile) -> list[str]:
    lines = (line.strip(" \t·|") for paragraph in document.margins for line in MARGIN_PIECES.split(paragraph.text))
    return [line for line in lines if 3 <= len(line) <= 160]


def _country_in_margins(document: WordFile) -> str | None:
    return next((code for line in _margin_lines(document) if len(line) <= 60 and (code := vocabulary.country_code_for(line))), None)


LETTERHEAD_PARAGRAPHS = 6  # the paragraphs a letterhead typed in the body (or in a text box there) takes


def _country_over_the_body(document: WordFile) -> str | None:
    """The country a letterhead at the top of the body names on a line of its own ("REPÚBLICA DE
    CUBA" in a text box over the title), when the page header names none."""
    for item in document.items[:LETTERHEAD_PARAGRAPHS]:
        if not isinstance(item, word_text.Paragraph):
            break
        for line in item.text.split("\n"):
            if 3 <= len(line.strip()) <= 40 and (code := vocabulary.country_code_for(line.strip())):
                return code
    return None


def _institution_in_margins(document: WordFile) -> str:
    """The institution written only in the letterhead, with the country it names if any."""
    lines = _margin_lines(document)
    country = next((line for line in lines if len(line) <= 60 and vocabulary.country_code_for(line)), "")
    for level in LETTERHEAD_LEVELS:
        found = [line for line in lines if fold(line).startswith(tuple(fold(word) for word in level))]
        if found:
            named = next((line for line in reversed(found) if not line.isupper()), found[-1])
            return f"{country} – {named}" if country else named
    return ""


MARGIN_CONTACT_LINES = 3  # a name, a post, an e-mail under the label: "Punto focal institucional:" / "Ana Pérez – …" / "ana@…"


def _contact_in_margins(document: WordFile, key: str, labels, row_labels, printed) -> list[Answer]:
    # A letterhead's pieces share a line, between bars or tab stops: "Ministerio … | Punto focal: …".
    lines = [line for paragraph in document.margins for line in MARGIN_PIECES.split(paragraph.text)]
    for index, line in enumerate(lines):
        found, typed = _label_on_line(line, labels, row_labels, printed)
        if found == key and typed.strip():
            return [Answer(text=typed)]
        if found is None and (contact := MARGIN_CONTACT.match(line)):
            return [Answer(text=contact.group(1))]
        if found == key or found is None and MARGIN_CONTACT_ALONE.match(line):
            # The label alone on its line, the contact on the lines under it (an e-mail too long
            # for a footer's cell broken after a dot: "mquispe@apci." / "gob.pe").
            under = []
            for following in lines[index + 1 : index + 1 + MARGIN_CONTACT_LINES]:
                if not following.strip() or _label_on_line(following, labels, row_labels, printed)[0] is not None:
                    break
                under.append(following.strip())
            if under and answers_of.focal_point("\n".join(under), answers_of.Where(answers_of.Notes(), key, 0))["email"]:
                return [Answer(text="\n".join(under))]
    return []


def _whose_contact(folded: str) -> int | None:
    """0 for the institution's row of a table of contacts, N for initiative N's, else None."""
    folded = folded.strip(LABEL_EDGES)
    if folded in INSTITUTIONAL_ROWS:
        return 0
    if folded[:1] in "pcfer" and (named := CONTACT_OF.match(folded)):
        folded = folded[named.end() :]
    if folded[:1] in HEADING_INITIALS and NUMBERED_INITIATIVE.fullmatch(folded):
        if number := re.search(r"\d{1,2}", folded):
            return int(number.group(0))
        words = folded.split()
        if words[0] in vocabulary.ORDINALS:
            return vocabulary.ORDINALS[words[0]]
        return " abc".find(words[-1]) if len(words[-1]) == 1 and words[-1] in "abc" else None
    return None


SPECIFY = {"especifique", "especificar", "especifique cual", "cual", "specify", "especifique qual", "qual"}


TYPED_AFTER_COLON = re.compile(r":\s*\S")  # "Nombre: Diana Rincón" answers; "Persona enlace y correo" asks
PART_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?")


def _numbers_or_heads_a_part(cell) -> bool:
    """A first column that numbers the questions or names the part of the form they belong to
    (blank under the part's name, merged down): "2.3", "", "IDENTIFICAÇÃO", "DESCRIÇÃO"."""
    text = " ".join(paragraph.text for paragraph in cell).strip()
    return not text or PART_NUMBER.fullmatch(text) is not None or (len(text) < LONGEST_HEADER_CELL and text.isupper())


def _folded_cell(cell) -> str:
    return fold(" ".join(paragraph.text for paragraph in cell))


# A form answered inside an e-mail: each question quoted ("> Tipo de iniciativa"), each answer
# after "R:" (ANSWER_MARK); the original message, below "-----Mensaje original-----".
QUOTED_IN_A_REPLY = re.compile(r"^\s*(?:>\s*)+")
ORIGINAL_MESSAGE = re.compile(r"^[-_]{3,}\s*(?:mensaje original|mensagem original|original message)\s*[-_]{3,}\s*$", re.I)


def _entries(document: WordFile, is_question=lambda text: False, is_label=lambda text: False):
    """(label text, answers) for table rows; (paragraph line, None) for body paragraphs.
    `is_question` tells a row that asks another question, which ends a table of actors;
    `is_label`, a cell that holds a question's label."""
    items = document.items
    index = 0
    while index < len(items):
        item = items[index]
        index += 1
        if not isinstance(item, word_text.Paragraph) and len(item) >= 2 and _header_of_actors(item):
            actors = []
            # "Actor | Tipo | Actor | Tipo": two actors a row, side by side.
            half = len(item) // 2
            pairs = len(item) % 2 == 0 and list(map(_folded_cell, item[:half])) == list(map(_folded_cell, item[half:]))
            width = half if pairs else len(item)
            numbered = _folded_cell(item[0]).strip(" .:") in vocabulary.NUMBER_HEADERS  # "No. | Entidad | Tipo"
            # "Función | Tipo de actor | Institución": the header says which column names the actor and
            # which its type; a type merged down over several rows is written in the first only.
            name_and_type = None if pairs else vocabulary.name_and_type_columns([_folded_cell(cell) for cell in item])
            merged_type = ""
            while index < len(items) and not isinstance(items[index], word_text.Paragraph) and len(items[index]) == len(item):
                cells = [" ".join(paragraph.text.strip() for paragraph in cell).strip() for cell in items[index]]
                if is_question(cells[0]):
                    break  # "Otros países | Guatemala": the form goes on in the same table
                if name_and_type:
                    name, kind = cells[name_and_type[0]], cells[name_and_type[1]] or merged_type
                    merged_type = kind
                    cells = [name, kind] if name else []
                elif numbered:
                    cells = cells[1:]
                for start in range(0, len(cells), width):
                    if any(cells[start : start + width]):
                        actors.append(Answer(text="\t".join(cells[start : start + width])))
                index += 1
            yield ACTORS_TABLE, actors
            continue
        if not isinstance(item, word_text.Paragraph) and len(item) >= 2 and (columns := _question_columns(item, is_label)):
            rows = []
            while index < len(items) and not isinstance(items[index], word_text.Paragraph) and len(items[index]) == len(item):
                rows.append(items[index])
                index += 1
            yield from _by_question_columns(columns, rows)
            continue
        if not isinstance(item, word_text.Paragraph) and _initiative_columns(item):
            rows = []
            while index < len(items) and not isinstance(items[index], word_text.Paragraph) and len(items[index]) in (len(item), 1):
                if len(items[index]) == len(item):  # a row merged across the columns titles a part of the matrix
                    rows.append(items[index])
                index += 1
            yield from _by_initiative(item, rows)
            continue
        if isinstance(item, word_text.Paragraph):
            if item.text[:1] in "-_" and ORIGINAL_MESSAGE.match(item.text):
                return  # a reply pasted into Word: the message it answers, quoted below, is the form's own text
            for line in item.text.split("\n"):
                if line[:1] == ">":
                    line = QUOTED_IN_A_REPLY.sub("", line)  # "> Nome da iniciativa"
                if line[:1] in "RrA" and (mark := ANSWER_MARK.match(line)):
                    line = line[mark.end() :]  # "R: Rede Atlântica…"
                yield line, Answer(text=line.strip(), is_list_item=item.is_list_item)
        elif len(item) == 4 and _folded_cell(item[2]).strip(LABEL_EDGES) in SPECIFY:
            # "Tipo | Otro | Especifique | Red académica": the option and what it is, as one answer.
            chosen, specified = (" ".join(paragraph.text for paragraph in cell).strip() for cell in (item[1], item[3]))
            yield "\n".join(paragraph.text for paragraph in item[0]), [Answer(text=f"{chosen}: {specified}" if specified else chosen)]
        elif len(item) > 2 and _whose_contact(_folded_cell(item[0])) is not None:
            # "Iniciativa 1 | Ana Pérez | Coordinadora | ana@...": a table of contacts, every cell its answer.
            yield "\n".join(paragraph.text for paragraph in item[0]), [answer for cell in item[1:] for answer in _answers_of(cell)]
        elif len(item) == 3 and _numbers_or_heads_a_part(item[0]) and is_label(label := "\n".join(paragraph.text for paragraph in item[1])):
            # "1.1 | País / institución | Paraguay – STP", "IDENTIFICAÇÃO | Tipo de iniciativa | …": the
            # question's number, or the part of the form, in a column before its label.
            yield label, _answers_of(item[2])
        elif len(item) >= 2:
            yield "\n".join(paragraph.text for paragraph in item[0]), _answers_of(item[1])
            if len(item) == 4 and (is_question(label := "\n".join(paragraph.text for paragraph in item[2])) or CODE_CELL.fullmatch(label.strip())):
                yield label, _answers_of(item[3])  # "País | Chile | Institución | AGCID": two questions a row (or two codes of a legend)
        else:
            # A row of one cell reads as paragraphs: forms rebuilt as one column put each answer
            # in the row under its question, and headings merged across the table are labels.
            # A box holding its question over its answer ("Persona enlace y correo" / "Respuesta:
            # …") is a row's label and answer.
            if (
                item and len(item[0]) >= 2 and not TYPED_AFTER_COLON.search(question := item[0][0].text.strip())
                and is_label(question) and not _heading_number(question)
            ):
                yield item[0][0].text, _answers_of(item[0][1:])
                continue
            for paragraph in item[0] if item else []:
                for line in paragraph.text.split("\n"):
                    yield line, Answer(text=line.strip(), is_list_item=paragraph.is_list_item)


def read_ficha(document: WordFile, questions: Questions | None = None) -> dict:
    """The answers to `questions` (a campaign's, surveys.questionnaire; the core ficha by
    default); those to added questions under "added", in the block and in each initiative."""
    questions = questions or core()
    block = Scope()
    initiatives: list[Scope] = []
    current_field: str | None = None
    in_form = False

    answering = -1  # which initiative the answers go to: the last opened, or one revisited

    def scope() -> Scope:
        return initiatives[answering] if initiatives else block

    only_initiatives = _initiative_only_keys(questions)
    list_keys = frozenset(question.key for question in questions.initiative if question.kind == ficha.Kind.LIST)
    block_keys = frozenset(question.key for question in questions.block) - only_initiatives
    # Read from the declaration at each call, as everywhere (registry.ficha: a campaign or a test may declare others).
    long_answers = {question.key for question in _declared() if question.paragraph and question.kind == ficha.Kind.TEXT}
    contacts = {question.key for question in _declared() if question.kind == ficha.Kind.CONTACT}

    def scope_for(key: str) -> Scope:
        """Where a question's answer goes. Forms an agency retypes may print no heading over an
        initiative: a question only initiatives have opens the first one after the institution's,
        and asked again once answered, the next one."""
        nonlocal answering
        if key in only_initiatives and (
            not initiatives or any(answer.text.strip() for answer in scope().fields.get(key) or ())
        ):
            initiatives.append(Scope())
            answering = len(initiatives) - 1
        return scope()

    row_prefixes, paragraph_prefixes = prefixes()
    printed = layout.printed_labels(questions)

    def asks_another_question(text: str) -> bool:
        return len(text) < LONGEST_LABEL and _key_for(text, row_prefixes, printed) not in (None, "actors")

    def labels_a_question(text: str) -> bool:
        return len(text) < LONGEST_LABEL and (_key_for(text, row_prefixes, printed) or _asked_in_a_question(text)) is not None

    entries = list(_entries(document, asks_another_question, labels_a_question))
    legend = _legend_of_types(entries)
    helps: set[str] = set()
    # The lines after a letter's closing, for a focal point answered "quien suscribe".
    signature: list[Answer] = []
    in_signature = False
    # "Ver anexo", answered under "ANEXO – Respuestas ampliadas" by "2. Iniciativa 1 – Objetivos":
    # (0 for the institution or N for initiative N, key) -> the annex's answer.
    annexed: dict[tuple[int, str], list[Answer]] = {}
    annex_entry: tuple[int, str] | None = None
    in_annex = False
    contacts_table: dict[int, list[Answer]] = {}  # "Cuadro de contactos": 0 the institution's, N initiative N's
    previous_row_key = this_row_key = None
    for position, (label, answer) in enumerate(entries):
        if label is INITIATIVE_ROW:
            # A numbered row of a second table about the initiatives ("N.º | Justificación | Fortalezas"):
            # the initiative of that number, listed already, answered by the row.
            if 1 <= answer <= len(initiatives):
                answering, current_field = answer - 1, None
            continue
        if label is ACTORS_TABLE:  # "Ver cuadro de actores": the table below is the answer
            current = [given for given in scope().fields.get("actors", []) if not vocabulary.points_elsewhere(given.text)]
            scope().fields["actors"] = [*current, *answer]
            current_field = None
            continue
        if isinstance(answer, list) and answer and (whose := _whose_contact(folded_head(label)[3])) is not None:
            contacts_table[whose] = answer  # read once every initiative is known
            continue
        if isinstance(answer, list):  # a table row: label and answer together
            key = _key_for(label, row_prefixes, printed) or _asked_in_a_question(label)
            if key is None and this_row_key == "actors" and (typed_row := _row_of_a_type(label)):
                # "Sector público | A; B", "Academia | C" under the actors' row: more actors, of that type.
                given = [Answer(text=f"{typed_row}: {line.text}") for line in answer if line.text.strip()]
                scope().fields["actors"] = [*scope().fields.get("actors", []), *given]
                continue
            previous_row_key, this_row_key = this_row_key, key
            if not initiatives and key in BEFORE_INITIATIVES:
                key = BEFORE_INITIATIVES[key]
            item_of = None if key else _item_row(label)
            if item_of:  # "Fortaleza 2": one more item of the list
                scope().fields[item_of] = [*scope().fields.get(item_of, []), *answer]
                in_form, current_field = True, None
                continue
            if key == "institution_heading":
                in_form = True
            elif key and key != "description_heading":
                in_form = True
                if not answer:  # typed in the label's cell, after its colon
                    typed_for, typed = _typed_after_label(
                        label.split("\n", 1)[0], lambda head, question: None if question else _key_for(head, row_prefixes, printed), printed
                    )
                    answer = [Answer(text=typed)] if typed and typed_for == key else answer
                if "\n" in label and answer:
                    # The words under a label whose answer is in its own cell are the form's help:
                    # met again over an empty cell, they are no answer typed under the label.
                    helps.add(label.split("\n", 1)[1].strip())
                elif not answer and key != "initiative_type" and "\n" in label and label.split("\n", 1)[1].strip() not in helps:
                    answer = [Answer(text=line) for line in _typed_under_label(label, questions)]
                if key == "initiative_type" and (marked := answers_of.type_marked_among_options(label)) is not None:
                    answer = [Answer(text=answers_of.with_type_marked(_text(answer), marked))]
                # "Socios | …", "Contrapartes | …", "Aliados | …": one question asked in rows one after
                # another is one answer, not the next initiative's.
                target = scope() if key == previous_row_key and initiatives else scope_for(key)
                if (key not in only_initiatives or key == previous_row_key) and target.fields.get(key):
                    target.fields[key] = [*target.fields[key], *answer]  # "País:" and "Institución:" in two rows
                else:
                    target.fields[key] = answer
            current_field = None
            continue
        if not label.strip() or (legend and _defines_types(label)):
            continue  # the legend of the actors' type codes is no answer
        head = folded_head(label)
        if (
            vocabulary.closes_a_letter(head[0])
            or (head[0][:1].isdigit() and vocabulary.closes_a_letter(head[3]))  # "4. Consideraciones finales"
            or label.rstrip() == vocabulary.SIGNATURE_DELIMITER
        ):
            current_field = None  # "Sin otro particular, saludo atentamente", a place and date: the signature follows
            if not (in_signature and signature):  # a place and date under the signature ends it, and keeps it
                signature, in_signature = [], True
            continue
        if initiatives and current_field in list_keys and not answer.is_list_item and SIGNED_NAME.match(label.strip()):
            # "MSc. Yamilé Pérez Carbonell" / "Especialista Principal, …" under the last list: who signs, no item.
            current_field, in_signature, signature = None, True, [Answer(text=label.strip())]
            continue
        if initiatives and len(label) < 80 and ANNEX_HEADING.match(head[0]) and _points_to_an_annex(block, initiatives):
            in_annex, annex_entry, current_field = True, None, None
            continue
        if in_annex:
            if entry := _annex_entry(label, len(initiatives), only_initiatives, (paragraph_prefixes, row_prefixes, printed)):
                annex_entry = entry
                annexed[entry] = []
                continue
            if annex_entry is not None and not _label_on_line(label, paragraph_prefixes, row_prefixes, printed)[0]:
                annexed[annex_entry].append(Answer(text=label.strip(), is_list_item=answer.is_list_item))
                continue
            in_annex = False  # the form goes on after the annex
        key, typed = _label_on_line(label, paragraph_prefixes, row_prefixes, printed, in_long_answer=current_field in long_answers)
        if key in contacts and _points_away(_text(scope().fields.get(key))):
            # "Punto focal: véase la persona de contacto al final", and at the end "Persona de
            # contacto:" over a name and an e-mail: the person it pointed to, read as a signature.
            current_field = None
            signature, in_signature = ([Answer(text=typed)] if typed else []), True
            continue
        if in_signature and key:
            in_signature = False  # the form goes on after a cover letter's signature
        elif in_signature:
            signature.append(Answer(text=label.strip()))
        if (
            key is None
            and not initiatives
            and "wants_to_share" not in block.fields
            and vocabulary.may_say_sharing(label)
            and vocabulary.sharing_said_in_a_sentence(fold(label)) is not None
        ):
            # "Asimismo, les confirmamos nuestro interés en compartir…": the letter answers it, unasked.
            key, typed = "wants_to_share", label
        elif key is None and not initiatives and INSTITUTION_KEY not in block.fields and (stated := _institution_stated(label)):
            key, typed = INSTITUTION_KEY, stated  # "El organismo informante es la Dirección General …, República Argentina."
        if not initiatives and key in BEFORE_INITIATIVES:
            key = BEFORE_INITIATIVES[key]  # "Fortalezas" among the institution's questions are the institution's
        elif (
            key in block_keys and initiatives and current_field in only_initiatives
            and not scope().fields.get(current_field) and _is_a_sentence(label)
        ):
            # "Objetivo" / "Compartir la experiencia de las estrategias municipales…": an initiative's
            # question still unanswered is answered by a sentence that starts as the institution's would.
            key, typed = None, ""
        if key == "name" and typed and current_field in contacts:
            key = None  # "Nombre: Ana Pérez" under a focal point's question is the person's name
        if key == "institution_heading":
            in_form, current_field = True, None
        elif key == "initiative_heading":
            in_form, current_field = True, None
            asked, after = _label_on_line(typed, paragraph_prefixes, row_prefixes, printed) if typed else (None, "")
            if asked and asked not in HEADINGS and not after.strip():
                # "INICIATIVA 1 – Tipo de iniciativa (1, 2, 3 o 4)": the heading, then the first question, no title.
                typed, current_field = "", asked
            number = _heading_number(label)
            if number is not None and number < len(initiatives) + 1 and initiatives and number - 1 != answering:
                # "Iniciativa 1. …" under a summary table that listed it first: the same initiative,
                # its details, answered until the next heading.
                answering = number - 1
                initiatives[number - 1].title = initiatives[number - 1].title or typed
            else:
                initiatives.append(_titled(typed))
                answering = len(initiatives) - 1
            if current_field:
                scope().fields.setdefault(current_field, [])
        elif key == "description_heading":
            current_field = None
        elif key:
            current_field = key
            in_form = True
            scope_for(key).fields.setdefault(key, [])
            if typed and answer is not None:
                scope().fields[key].append(Answer(text=typed, is_list_item=answer.is_list_item))
        elif (
            in_form
            and (title := _numbered_title(label, len(initiatives) + 1))
            and not _numbered_title(_line_before(entries, position), len(initiatives))  # "1. A", "2. B": a list's items
            and _opens_initiative(entries, position + 1, paragraph_prefixes, row_prefixes, printed)
        ):
            # "2. Intercambio sobre electrificación rural" over the second initiative's questions:
            # it starts there, and the title is its name unless a question gives one.
            initiatives.append(Scope(title=title))
            answering = len(initiatives) - 1
            current_field = None
        elif in_form and current_field and answer is not None:
            text = _strip_instruction(answer.text)
            if text:
                scope().fields[current_field].append(Answer(text=text, is_list_item=answer.is_list_item))

    for (whose, key), given in annexed.items():
        owner = initiatives[whose - 1] if whose else block
        if given and vocabulary.points_elsewhere(_text(owner.fields.get(key))):
            owner.fields[key] = given
    if not _text(block.fields.get(INSTITUTION_KEY)).strip() and (letterhead := _institution_in_margins(document)):
        block.fields[INSTITUTION_KEY] = [Answer(text=letterhead)]  # the institution only in the letterhead
    for key in contacts:
        said = _text(block.fields.get(key))
        if not said.strip() or vocabulary.points_to_the_institution(said):
            # "Punto focal PIFCSS: Lic. Martín Sosa · mes@…" in the page footer, or the letterhead.
            if margin := _contact_in_margins(document, key, paragraph_prefixes, row_prefixes, printed):
                block.fields[key] = margin
    for number, owner in enumerate((block, *initiatives)):
        for key in contacts:
            said = _text(owner.fields.get(key))
            if number in contacts_table and (not said.strip() or vocabulary.points_elsewhere(said)):
                owner.fields[key] = contacts_table[number]  # "Punto focal: ver cuadro de contactos"
            elif signature and (vocabulary.points_to_signature(said) or vocabulary.points_elsewhere(said)):
                owner.fields[key] = signature  # "Punto focal: quien suscribe (ver firma al pie)", "véase al final"
    for initiative in initiatives:
        if initiative.title and not any(answer.text.strip() for answer in initiative.fields.get("name") or ()):
            initiative.fields["name"] = [Answer(text=initiative.title)]
    if not in_form:
        raise NotAFicha(_("This document is not a PIFCSS ficha: none of its questions were found."))
    # Before anything interprets the answers: what no ficha can hold is refused, with where it is.
    _check_lengths(block.fields, questions.block, None)
    for number, initiative in enumerate(initiatives, start=1):
        _check_lengths(initiative.fields, questions.initiative, number)
    notes = answers_of.Notes()
    result = {}
    skipped = _without_placeholders(block)
    for question in questions.block:
        if question.kind == ficha.Kind.INSTITUTION:
            _put(result, question, _institution(question, block.fields.get(question.key), document, notes))
        else:
            _put(result, question, _read(question, block.fields.get(question.key), answers_of.Where(notes, question.key, None)))
        _flag_placeholder(notes, question, skipped, block, None)
    result.update(initiatives=[], warnings=notes.warnings, flags=notes.flags)
    number = 0
    for initiative in initiatives:
        skipped = _without_placeholders(initiative)
        if not _has_answers(initiative, questions):
            continue  # a blank block that still holds the instructions or the placeholders
        number += 1
        answers = {}
        for question in questions.initiative:
            given = initiative.fields.get(question.key)
            if legend and question.kind == ficha.Kind.ACTORS and given:
                given = [Answer(text=_with_legend(answer.text, legend), is_list_item=answer.is_list_item) for answer in given]
            _put(answers, question, _read(question, given, answers_of.Where(notes, question.key, number)))
            _flag_placeholder(notes, question, skipped, initiative, number)
        for key in contacts:
            # "Ídem punto focal institucional": the institution's focal point again; "el mismo de la
            # primera iniciativa": that initiative's.
            said = _text(initiative.fields.get(key)).strip()
            if key not in answers or answers[key].get("email"):
                continue
            if vocabulary.means_the_same(said) or vocabulary.means_the_same(answers[key].get("name", "")):
                earlier = vocabulary.initiative_referred_to(said, len(result["initiatives"]))
                source = result["initiatives"][earlier - 1] if earlier else result
                answers[key] = dict(source.get(key) or answers[key])
                if vocabulary.refers_to_the_previous(said):
                    # "Ídem al anterior": curators differ on whether the answer above is the previous
                    # initiative's or the institution's; the previous one is taken and flagged.
                    answers_of.Where(notes, key, number).flag("contact_referred", said)
            elif vocabulary.points_elsewhere(said) or vocabulary.points_to_the_institution(said):
                # "Ver oficio de remisión", "El indicado en el encabezado": where the institution's
                # contact is given; nothing else was found there for this initiative.
                answers[key] = dict(result.get(key) or {"name": "", "email": ""})
                answers_of.Where(notes, key, number).flag("contact_referred", said)
        if result.get("country") and result["country"] in answers.get("other_countries", ()):
            # "Chile, Perú y Colombia" in Chile's ficha: the question asks for the other countries.
            answers["other_countries"] = [code for code in answers["other_countries"] if code != result["country"]]
        result["initiatives"].append(answers)
    return result


# "2. Intercambio sobre electrificación rural"; in an agency's outline, "3.2 Proyecto de …".
NUMBERED_TITLE = re.compile(r"(?:\d{1,2}\.(?P<outline>\d{1,2})\.?|(?P<number>\d{1,2})\s*[.)]-?)\s+(?P<title>\S.*)")


def _numbered_title(line: str, number: int) -> str:
    """The title of the section numbered `number` ("1. Red de escuelas"), or ""."""
    if not line[:1].isdigit() or (match := NUMBERED_TITLE.fullmatch(line.strip())) is None:
        return ""
    if int(match.group("outline") or match.group("number")) != number:
        return ""
    return clean_pasted(match.group("title"))


def _opens_initiative(entries: list, start: int, paragraph_prefixes, row_prefixes, printed) -> bool:
    """Whether the next line with text is a question an initiative starts with (the first two
    registry.ficha declares: its type and its name)."""
    opening = {question.key for question in ficha.initiative_questions()[:2]}
    for label, answer in entries[start:]:
        if not label.strip():
            continue
        if isinstance(answer, list):
            return _key_for(label, row_prefixes, printed) in opening
        return _label_on_line(label, paragraph_prefixes, row_prefixes, printed)[0] in opening
    return False


def _line_before(entries: list, position: int) -> str:
    for label, _answer in reversed(entries[:position]):
        if label.strip():
            return label
    return ""


def _typed_under_label(label: str, questions: Questions) -> list[str]:
    """The lines typed under a question in its own cell, the answer's cell left empty; not the
    form's own: the options it lists, its instructions, the help we print under the label."""
    helps = layout.printed_helps(questions)
    typed = []
    for line in label.split("\n")[1:]:
        line = line.strip()
        if (
            not line
            or answers_of.OPTION_START.match(line)
            or not _strip_instruction(line)
            or fold(line) in helps
            or line.startswith("(") and line.endswith(")")
        ):
            continue
        typed.append(line)
    return typed


def _item_row(label: str) -> str | None:
    """The list a row's label numbers one item of ("Fortaleza 2", "Resultado n.° 1"), or None."""
    folded = _folded_label(label)
    if not folded[-1:].isdigit():
        return None
    names, pattern = _item_rows(tuple(question.key for question in _declared()))
    match = pattern.fullmatch(folded)
    return names[match.group(1)] if match else None


@lru_cache(maxsize=8)
def _item_rows(keys: tuple[str, ...]):
    names = {label: question.key for question in _declared() for label in question.item_labels}
    alternatives = "|".join(re.escape(label) for label in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"({alternatives})(?:s|es)?\s*(?:n[o°]?\.?\s*|#\s*)?\d{{1,2}}")


# A person's name after an honorific, alone on its line: "MSc. Yamilé Pérez Carbonell", "Abg. Carolina Villalba Ortiz".
SIGNED_NAME = re.compile(
    r"^(?:Lic|Licda|Lcda|Lcdo|Ing|Inga|Dr|Dra|Mtro|Mtra|MSc|M\.Sc|Mgs|Mag|Abg|Abog|Sr|Sra|Prof|Profa|Econ|Arq)\.[ªº]?(?: C\.)?"
    r"(?:\s+(?:de|del|da|do|dos|la)|\s+[A-ZÁÉÍÓÚÑ][\wáéíóúñ'-]+){2,6}$"
)


def _is_a_sentence(line: str) -> bool:
    """A line no label is: long, closed by a full stop, with no colon or question mark to end a label."""
    line = line.strip()
    return len(line) > SENTENCE_LENGTH and line.endswith(".") and ":" not in line and "?" not in line


SENTENCE_LENGTH = 60


def _initiative_only_keys(questions: Questions) -> frozenset[str]:
    return frozenset(question.key for question in questions.initiative) - {question.key for question in questions.block}


def _flag_placeholder(notes, question: ficha.Question, skipped: set[str], scope: Scope, number: int | None) -> None:
    if question.key in skipped and not scope.fields.get(question.key):
        notes.flag("placeholder", question.key, "", number)


def _put(result: dict, question, read: dict) -> None:
    """The core answers at the top of the scope, the added questions' under "added" (answered only)."""
    if getattr(question, "added", False):
        result.setdefault("added", {}).update({key: value for key, value in read.items() if value not in (None, "", [])})
    else:
        result.update(read)


def _read_added(question: AddedQuestion, answers: list[Answer] | None, where: answers_of.Where):
    text = _text(answers)
    match question.kind:
        case QuestionKind.SHORT_TEXT | QuestionKind.LONG_TEXT:
            return clean_pasted(text)
        case QuestionKind.YES_OR_NO:
            return answers_of.yes_no(text, where)
        case QuestionKind.ONE_CHOICE:
            return next(iter(answers_of.chosen_options(text, question.options, where, several=False)), None)
        case QuestionKind.SEVERAL_CHOICES:
            return answers_of.chosen_options(text, question.options, where, several=True)
        case QuestionKind.NUMBER:
            return answers_of.number(text, where)
        case QuestionKind.YEAR:
            return answers_of.year(text, where)
        case QuestionKind.ITEMS:
            found = answers_of.items(answers or [], where)
            most = question.max_items or 1
            # As for the core lists: what goes beyond the limit stays inside the last item.
            return found if len(found) <= most else [*found[: most - 1], "; ".join(found[most - 1 :])]
        case QuestionKind.COUNTRY_LIST:
            return answers_of.countries(text, where)
        case QuestionKind.CONTRIBUTIONS:
            return answers_of.contributions(answers or [], where)
    raise ValueError(f"An added question of kind {question.kind} cannot be read from Word yet.")


def _read(question, answers: list[Answer] | None, where: answers_of.Where) -> dict:
    """A question's answer as the import contract writes it (surveys.services.ficha_import)."""
    if getattr(question, "added", False):
        return {question.key: _read_added(question, answers, where)}
    match question.kind:
        case ficha.Kind.INSTITUTION:
            country, institution = answers_of.country_and_institution(_text(answers), where)
            return {"country": country, "institution": answers_of.without_final_dot(institution)}  # "Institución: STP."
        case ficha.Kind.CONTACT:
            contact = answers_of.focal_point(_text(answers), where)
            if not contact["email"] and vocabulary.leaves_blank(contact["name"]):
                contact["name"] = ""  # "Pendiente de designación.", "N/A"
            return {question.key: contact}
        case ficha.Kind.TEXT:
            text = answers_of.unquoted(answers_of.rejoined(clean_pasted(_text(answers))))
            return {question.key: "" if vocabulary.leaves_blank(text) else text}
        case ficha.Kind.YES_NO:
            return {question.key: answers_of.yes_no(_text(answers), where)}
        case ficha.Kind.LIST:
            return {question.key: answers_of.items(answers or [], where)}
        case ficha.Kind.INITIATIVE_TYPE:
            if len(answers or ()) > 1:  # the options printed as a line of their own over the answer
                # (the options with their boxes are the answer: "☐ 1. Acción ☒ 2. Proyecto", then "Especifique: …")
                answers = [answer for answer in answers if not OPTIONS_LISTED.search(answer.text) or answers_of.ticked_options(answer.text)] or answers
            return dict(zip(question.fields, answers_of.initiative_type(_text(answers), where), strict=True))
        case ficha.Kind.ACTORS:
            return {question.key: answers_of.actors(answers or [], where)}
        case ficha.Kind.COUNTRIES:
            return {question.key: answers_of.countries(_text(answers), where)}
    raise ValueError(f"A question of kind {question.kind} cannot be read from Word yet.")


def answer_limit(question: ficha.Question) -> int:
    """The most characters an answer may have: its field's own limit where the answer fills one
    text field, the whole list for a list, ANSWER_MAX_CHARS otherwise."""
    if getattr(question, "added", False):
        return question.max_length
    # Cached by name: hashing the question itself would evaluate its lazy labels on every answer.
    name = (question.model, question.key, question.kind)
    if name not in _ANSWER_LIMITS:
        _ANSWER_LIMITS[name] = _limit_of(question)
    return _ANSWER_LIMITS[name]


_ANSWER_LIMITS: dict[tuple[str, str, str], int] = {}


def _limit_of(question: ficha.Question) -> int:
    if question.kind == ficha.Kind.LIST:
        return question.max_items * question.max_length
    if question.kind == ficha.Kind.TEXT and question.max_length:
        return question.max_length
    return ANSWER_MAX_CHARS


def _check_lengths(fields: dict[str, list[Answer]], questions, number: int | None) -> None:
    for question in questions:
        answers = fields.get(question.key) or []
        length = sum(len(answer.text) + 1 for answer in answers) - 1
        if length > (limit := answer_limit(question)):
            where = _("Initiative %(number)d") % {"number": number} if number else _("Institutional information")
            raise UnreadableFicha(
                _(
                    "%(where)s: the answer to “%(question)s” has %(count)s characters; the ficha takes up to "
                    "%(limit)s. Shorten it and upload the file again."
                )
                % {"where": where, "question": question.verbose_label, "count": f"{length:,}", "limit": f"{limit:,}"}
            )


def _text(answers: list[Answer] | None) -> str:
    return "\n".join(answer.text for answer in answers or [])


# What is left of a line once its placeholder is gone, when nothing was typed: the label the
# control was waiting beside ("Especifique (solo opción 4):"), a list number, cells of a row.
LEFT_OF_A_PLACEHOLDER = re.compile(r"^[\s\t]*(?:[^:\n]{0,80}:|\(?\d{1,2}[.)]|[-–—•*·▪●◦])?[\s\t.]*$")


def _without_placeholders(scope: Scope) -> set[str]:
    """Drop what only a control's placeholder filled; the questions that had one."""
    skipped = set()
    for key, answers in scope.fields.items():
        kept = []
        for answer in answers:
            if word_text.PLACEHOLDER not in answer.text:
                kept.append(answer)
                continue
            skipped.add(key)
            lines = [
                line.replace(word_text.PLACEHOLDER, "")
                for line in answer.text.split("\n")
                if word_text.PLACEHOLDER not in line or not LEFT_OF_A_PLACEHOLDER.match(line.replace(word_text.PLACEHOLDER, ""))
            ]
            if text := "\n".join(lines).strip():
                kept.append(Answer(text=text, is_list_item=answer.is_list_item))
        scope.fields[key] = kept
    return skipped


def _has_answers(scope: Scope, questions: Questions) -> bool:
    """Anything typed in the block, besides the header row of an actors' table and the boxes of
    an added choice that none were ticked of (the blank prints them)."""
    actors = {question.key for question in ficha.initiative_questions() if question.kind == ficha.Kind.ACTORS}
    boxes = {q.key for q in questions.added if q.kind in (QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES)}
    return any(
        answer.text.strip()
        and not (key in actors and vocabulary.is_actor_header(answer.text))
        and not (key in boxes and answers_of.ticked_options(answer.text) == [])
        for key, answers in scope.fields.items()
        for answer in answers
    )
