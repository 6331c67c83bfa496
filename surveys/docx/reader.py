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
from registry.text import fold
from surveys.docx import layout
from surveys.docx import text as word_text
from surveys.docx.safety import UnreadableFicha, WordFile
from surveys.docx.vocabulary import INITIATIVE_TYPE_WORDS, NO, YES, actor_type_for, country_code_for

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
    return (*ficha.block_questions(), *ficha.initiative_questions())


def prefixes() -> tuple[layout.Prefixes, layout.Prefixes]:
    """(table rows, paragraphs): the labels the PIFCSS forms printed, in the order tried."""
    return _prefixes(tuple(question.key for question in _declared()))


@lru_cache(maxsize=8)
def _prefixes(keys: tuple[str, ...]) -> tuple[layout.Prefixes, layout.Prefixes]:
    # Keyed by the declared questions: another declaration (a campaign's, a test's) is read too.
    in_rows = [(label, question.key) for question in _declared() if not question.paragraph for label in question.original_labels]
    in_paragraphs = [(label, question.key) for question in _declared() if question.paragraph for label in question.original_labels]
    # A table row's label is a question of the first part or one of the description's.
    description = [entry for entry in PARAGRAPH_HEADINGS if entry[1] == "description_heading"]
    return (
        layout.Prefixes(TABLE_HEADINGS + in_rows + in_paragraphs + description),
        layout.Prefixes(PARAGRAPH_HEADINGS + in_paragraphs),
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

LIST_MARKER = re.compile(r"^\s*(?:[-–—•*·▪●◦]|\(?\d{1,2}[.)-]|[a-zA-Z][.)])\s+")
INLINE_NUMBERING = re.compile(r"(?:^|\s)\(?\d{1,2}[.)]\s+")
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
SEPARATORS = " \t\n–—-,;:<>()[]|/"


class NotAFicha(UnreadableFicha):
    pass


@dataclass(slots=True)
class Answer:
    text: str
    is_list_item: bool = False


@dataclass
class Scope:
    fields: dict[str, list[Answer]] = field(default_factory=dict)


@lru_cache(maxsize=4096)
def folded_head(text: str) -> tuple[str, str]:
    """The folded start of a text and of its first line. Each label and answer is looked at several
    times, and the form's own labels and instructions recur in every file: fold them once."""
    head = text.strip()[:RECOGNITION_PREFIX]
    folded = fold(head)
    first_line = fold(head.split("\n", 1)[0]) if "\n" in head else folded
    return folded, first_line


def _key_for(text: str, labels: layout.Prefixes) -> str | None:
    folded, first_line = folded_head(text)
    folded, first_line = folded.lstrip("¿¡ .:*"), first_line.strip("¿¡ .:*?")
    # Our own printed forms are matched on their whole first line, in any language we print.
    if key := layout.printed_labels().get(first_line):
        return key
    if (key := layout.printed_headings().key_for(first_line)) and (
        key == "institution_heading" or labels.takes_initiative_headings
    ):
        return key
    return labels.key_for(folded)


def campaign_of(document: WordFile) -> int | None:
    """The campaign a blank ficha was printed for, from its properties or its visible reference."""
    match = layout.CAMPAIGN_MARKER_PATTERN.search(document.identifier)
    if match is None:
        for item in word_text.walk(document.body):
            if isinstance(item, word_text.Paragraph) and (match := layout.CAMPAIGN_MARKER_PATTERN.search(item.text)):
                break
    return int(match.group(1)) if match else None


def _strip_instruction(text: str) -> str:
    """Remove a form instruction from the start of an answer, keeping what was typed after it."""
    stripped = text.strip()
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
                    return stripped[cut:].strip(" .:-–\n\t")
    return stripped


def _answers_of(paragraphs: list[word_text.Paragraph]) -> list[Answer]:
    answers = []
    for paragraph in paragraphs:
        for line in paragraph.text.split("\n"):
            text = _strip_instruction(line)
            if text:
                answers.append(Answer(text=text, is_list_item=paragraph.is_list_item))
    return answers


def _entries(document: WordFile):
    """(label text, answers) for table rows; (paragraph line, None) for body paragraphs."""
    for item in word_text.walk(document.body):
        if isinstance(item, word_text.Paragraph):
            for line in item.text.split("\n"):
                yield line, Answer(text=line.strip(), is_list_item=item.is_list_item)
        elif len(item) >= 2:
            yield "\n".join(paragraph.text for paragraph in item[0]), _answers_of(item[1])
        else:
            for paragraph in item[0] if item else []:
                for line in paragraph.text.split("\n"):
                    yield line, None


def read_ficha(document: WordFile) -> dict:
    block = Scope()
    initiatives: list[Scope] = []
    current_field: str | None = None
    in_form = False

    def scope() -> Scope:
        return initiatives[-1] if initiatives else block

    row_prefixes, paragraph_prefixes = prefixes()

    for label, answer in _entries(document):
        if isinstance(answer, list):  # a table row: label and answer together
            key = _key_for(label, row_prefixes)
            if key == "institution_heading":
                in_form = True
            elif key and key != "description_heading":
                in_form = True
                scope().fields[key] = answer
            current_field = None
            continue
        if not label.strip():
            continue
        key = _key_for(label, paragraph_prefixes)
        if key == "institution_heading":
            in_form, current_field = True, None
        elif key == "initiative_heading":
            in_form, current_field = True, None
            initiatives.append(Scope())
        elif key == "description_heading":
            current_field = None
        elif key:
            current_field = key
            scope().fields.setdefault(key, [])
        elif in_form and current_field and answer is not None:
            text = _strip_instruction(answer.text)
            if text:
                scope().fields[current_field].append(Answer(text=text, is_list_item=answer.is_list_item))

    if not in_form:
        raise NotAFicha(_("This document is not a PIFCSS ficha: none of its questions were found."))
    # Before anything interprets the answers: what no ficha can hold is refused, with where it is.
    _check_lengths(block.fields, ficha.block_questions(), None)
    for number, initiative in enumerate(initiatives, start=1):
        _check_lengths(initiative.fields, ficha.initiative_questions(), number)
    warnings: list[str] = []
    result = {}
    for question in ficha.block_questions():
        result.update(_read(question, block.fields.get(question.key), None, warnings))
    result.update(initiatives=[], warnings=warnings)
    for number, initiative in enumerate(initiatives, start=1):
        if not any(initiative.fields.values()):
            continue  # a blank block that still holds the instructions
        answers = {}
        for question in ficha.initiative_questions():
            answers.update(_read(question, initiative.fields.get(question.key), number, warnings))
        result["initiatives"].append(answers)
    return result


def _read(question: ficha.Question, answers: list[Answer] | None, number: int | None, warnings: list[str]) -> dict:
    """A declared question's answer as the import contract writes it (surveys.services.ficha_import)."""
    match question.kind:
        case ficha.Kind.INSTITUTION:
            country, institution = _country_and_institution(_text(answers), warnings)
            return {"country": country, "institution": institution}
        case ficha.Kind.CONTACT:
            return {question.key: _focal_point(answers)}
        case ficha.Kind.TEXT:
            return {question.key: _text(answers)}
        case ficha.Kind.YES_NO:
            return {question.key: _yes_no(_text(answers))}
        case ficha.Kind.LIST:
            return {question.key: _items(answers or [])}
        case ficha.Kind.INITIATIVE_TYPE:
            return dict(zip(question.fields, _initiative_type(_text(answers), number, warnings), strict=True))
        case ficha.Kind.ACTORS:
            return {question.key: _actors(answers or [], number, warnings)}
        case ficha.Kind.COUNTRIES:
            return {question.key: _countries(_text(answers), number, warnings)}
    raise ValueError(f"A question of kind {question.kind} cannot be read from Word yet.")


def answer_limit(question: ficha.Question) -> int:
    """The most characters an answer may have: its field's own limit where the answer fills one
    text field, the whole list for a list, ANSWER_MAX_CHARS otherwise."""
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


def _yes_no(text: str) -> bool | None:
    folded = fold(text).strip(" .!")
    if folded in YES:
        return True
    if folded in NO:
        return False
    return None


def _focal_point(answers: list[Answer] | None) -> dict:
    text = _text(answers)
    match = EMAIL.search(text)
    email = match.group(0) if match else ""
    name = text.replace(email, " ") if email else text
    return {"name": " ".join(name.split()).strip(SEPARATORS), "email": email}


def _country_and_institution(text: str, warnings: list[str]) -> tuple[str | None, str]:
    if not text:
        return None, ""
    parts = re.split(r"\s+[–—-]\s+|\s*[,:/]\s*|\n", text.strip(), maxsplit=1)
    country = country_code_for(parts[0])
    if country is None:
        warnings.append(_("“%(name)s” is not a country.") % {"name": parts[0]})
        return None, text.strip()
    return country, parts[1].strip() if len(parts) > 1 else ""


def _initiative_type(text: str, number: int, warnings: list[str]) -> tuple[int | None, str]:
    if not text:
        return None, ""
    match = re.match(r"^\s*([1-4])\s*(?:[-–—.:)]\s*)?(.*)$", text, re.S)
    if match:
        value = int(match.group(1))
        rest = match.group(2).strip()
        return value, rest if value == 4 else ""
    folded = re.sub(r"[\s:.,;–—-]+", " ", fold(text)).strip()
    for value, words in INITIATIVE_TYPE_WORDS.items():
        for word in words:
            if folded == word or folded.startswith(word + " "):
                rest = re.split(r"[\s:.,;–—-]+", text.strip(), maxsplit=len(word.split()))
                return int(value), (rest[-1].strip() if value == 4 and len(rest) > len(word.split()) else "")
    warnings.append(
        _("Initiative %(number)d: the type “%(text)s” was not recognised.") % {"number": number, "text": text}
    )
    return None, ""


def _items(answers: list[Answer]) -> list[str]:
    items: list[str] = []
    for answer in answers:
        text = answer.text
        if not answer.is_list_item and len(INLINE_NUMBERING.findall(text)) >= 2:
            items.extend(part.strip() for part in INLINE_NUMBERING.split(text) if part.strip())
            continue
        text = LIST_MARKER.sub("", text).strip()
        if text:
            items.append(text)
    return items


def _actors(answers: list[Answer], number: int, warnings: list[str]) -> list[dict]:
    actors: list[dict] = []
    for answer in answers:
        for piece in re.split(r"\s*;\s*", LIST_MARKER.sub("", answer.text)):
            if piece.strip():
                actors.extend(_actor_entries(piece.strip(), number, warnings))
    return actors


def _actor_entries(text: str, number: int, warnings: list[str]) -> list[dict]:
    # "Academia: Universidad A, Universidad B" groups several actors under one type.
    head, colon, tail = text.partition(":")
    if colon and actor_type_for(head):
        return [
            {"name": name.strip(), "actor_type": actor_type_for(head)} for name in tail.split(",") if name.strip()
        ]
    parenthesis = re.match(r"^(.*\S)\s*\(([^()]+)\)\s*$", text)
    if parenthesis and actor_type_for(parenthesis.group(2)):
        return [{"name": parenthesis.group(1).strip(), "actor_type": actor_type_for(parenthesis.group(2))}]
    dash = re.match(r"^(.*\S)\s+[–—-]\s+([^–—-]+?)(?:\s*\([^()]*\))?$", text)
    if dash and actor_type_for(dash.group(2)):
        return [{"name": dash.group(1).strip(), "actor_type": actor_type_for(dash.group(2))}]
    warnings.append(
        _("Initiative %(number)d: the actor type of “%(name)s” was not recognised.") % {"number": number, "name": text}
    )
    return [{"name": text, "actor_type": "other"}]


def _countries(text: str, number: int, warnings: list[str]) -> list[str]:
    codes: list[str] = []
    for chunk in re.split(r"\s*(?:,|;|/|\n)\s*", text):
        chunk = re.sub(r"(?<=\S)\s*\([^()]*\)\s*$", "", chunk)  # "Guatemala (Oferente)": a role, not a name
        names = re.split(r"\s+(?:y|e|and)\s+", chunk.strip())
        start = 0
        while start < len(names):
            for end in range(len(names), start, -1):
                candidate = _rejoin(chunk, names[start:end])
                code = country_code_for(candidate) if candidate else None
                if code:
                    if code not in codes:
                        codes.append(code)
                    start = end
                    break
            else:
                if names[start].strip():
                    warnings.append(
                        _("Initiative %(number)d: “%(name)s” is not a country.") % {"number": number, "name": names[start]}
                    )
                start += 1
    return codes


def _rejoin(chunk: str, names: list[str]) -> str:
    """The original words between the first and last name, conjunctions included."""
    if len(names) == 1:
        return names[0]
    start = chunk.find(names[0])
    end = chunk.rfind(names[-1]) + len(names[-1])
    return chunk[start:end] if start >= 0 and end > start else " ".join(names)
