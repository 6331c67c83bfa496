"""What a ficha's answers mean, as people and programs write them: the type of initiative, yes
or no, actors and their types, countries, a focal point and lists. Pure functions of text.

Each answer the reading is not sure of is flagged (`Notes.flag`) with what was read, so the
curator checks those answers instead of all of them; what could not be read at all is also a
warning, as before."""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from registry.choices import ActorType, ContributionKind
from registry.text import clean_pasted, fold
from surveys.docx import vocabulary
from surveys.docx.text import PLACEHOLDER

# Why an answer is flagged, as the review screen says it (the flag keeps what was read).
FLAG_REASONS = {
    "type_guessed": gettext_lazy("The type was inferred from the words written: check it."),
    "type_unknown": gettext_lazy("The type of initiative was not recognised."),
    "several_ticked": gettext_lazy("More than one option is ticked: the first was taken."),
    "yes_no_unclear": gettext_lazy("Neither yes nor no could be read."),
    "actor_type_unknown": gettext_lazy(
        "The actor type was not recognised: it is kept as “Other” and does not count as a distinct type."
    ),
    "actor_type_guessed": gettext_lazy("No actor type was written: it was inferred from the name."),
    "country_unknown": gettext_lazy("Not recognised as a country."),
    "country_guessed": gettext_lazy("No country was written: it was inferred from the institution's name."),
    "email_disguised": gettext_lazy("The e-mail was written in disguise and was read back as an address."),
    "several_people": gettext_lazy("More than one person was written: the first one was taken."),
    "contact_referred": gettext_lazy(
        "The focal point refers to another one (“ídem al anterior”, “ver oficio”): it was copied from the previous initiative's or the institution's; check which was meant."
    ),
    "placeholder": gettext_lazy("Only the form's placeholder text was there: it was not read as an answer."),
    "option_unknown": gettext_lazy("Not recognised as one of the question's options."),
    "number_unclear": gettext_lazy("No number could be read."),
    "number_guessed": gettext_lazy("The number was written with separators that can mean thousands or decimals: check it."),
    "year_unclear": gettext_lazy("No year could be read."),
    "contribution_kind_unknown": gettext_lazy("What the actor brings (financial, in kind, staff, knowledge, convening) was not recognised."),
    "currency_unknown": gettext_lazy("The amount's currency could not be read: write its ISO code, e.g. USD."),
    "contribution_year_missing": gettext_lazy("The amount has no year: the reports convert it at that year's rate."),
}


@dataclass
class Notes:
    """What the reading of one ficha noticed: warnings (could not read) and flags (check this)."""

    warnings: list[str] = field(default_factory=list)
    flags: list[dict] = field(default_factory=list)

    def flag(self, reason: str, question: str, read: str, number: int | None) -> None:
        self.flags.append({"initiative": number, "question": question, "reason": reason, "read": clean_pasted(read)})


@dataclass(frozen=True)
class Where:
    """The question being read, for flags and messages."""

    notes: Notes
    question: str
    number: int | None

    def flag(self, reason: str, read: str) -> None:
        self.notes.flag(reason, self.question, read, self.number)

    def warn(self, message: str) -> None:
        self.notes.warnings.append(message)

    def prefixed(self, message: str) -> str:
        return _("Initiative %(number)d: %(message)s") % {"number": self.number, "message": message} if self.number else message


def without_placeholder(text: str) -> str:
    return text.replace(PLACEHOLDER, "").strip() if PLACEHOLDER in text else text


# --- Ticked options --------------------------------------------------------------------------
TICKED_MARKS = r"☒|☑|✓|✔|✗|✘|■|⊠|\[\s*[xX✓✔]\s*\]|\(\s*[xX✓✔]\s*\)"
UNTICKED_MARKS = r"☐|□|\[\s*\]|\(\s*\)"
MARK = re.compile(f"({TICKED_MARKS}|{UNTICKED_MARKS})")
TICKED = re.compile(f"^(?:{TICKED_MARKS})$")


def ticked_options(text: str) -> list[str] | None:
    """The options written next to a ticked box, or None when the text has no boxes.

    Boxes usually come before their option ("☐ 1 ☒ 2"); when the text does not start with one,
    they follow it ("Sí ☒ No ☐")."""
    pieces = MARK.split(text)
    if len(pieces) < 3:
        return None
    marks_first = not pieces[0].strip()
    ticked = []
    for index in range(1, len(pieces), 2):
        if TICKED.match(pieces[index]):
            option = pieces[index + 1] if marks_first else pieces[index - 1]
            ticked.append(option.strip(" \t\n.,;:-–—/|"))
    return ticked


# --- Type of initiative -----------------------------------------------------------------------
OPTION_WORDS = r"(?:opci[oó]n|op[cç][aã]o|option|tipo|type|n[°ºo.]*|n[uú]mero|#)"
# Before the number: a cross for a box ("X 2"), the words that ask for it ("Iniciativa tipo 2").
TYPE_LEAD = r"(?:x\s+)?(?:iniciativa\s+(?:de\s+)?|initiative\s+)?"
NUMBERED = re.compile(
    rf"^\s*{TYPE_LEAD}(?:{OPTION_WORDS}\s*[:.\-–—]?\s*)?\(?\s*([1-4])\s*\)?(?![\d])\s*[-–—.:)]?\s*(.*)$", re.S | re.I
)
OPTION_IN_A_SENTENCE = re.compile(r"\b(?:opci[oó]n|op[cç][aã]o|option|tipo)\s*(?:n[°º.o]*\s*)?([1-4])\b", re.I)
# What points at the answer typed after an instruction: "→ 2", "=> Proyecto".
ARROWS = re.compile(r"^\s*(?:→|⇒|➔|➜|->|=>|>|(?:respuesta|resposta|answer|rta\.?)\s*:)\s*", re.I)  # and "Resposta: 2"
# A typed cross before the option's name ("X Proyecto"), as before its number.
CROSS_BEFORE = re.compile(r"^\s*[xX]\s+")
OTHER_WORDS = re.compile(r"^\s*(?:otros?|outros?|others?)\b\s*(?:\(\s*especifique\s*\))?\s*[:.\-–—(]?\s*", re.I)


# One of the options the type question lists in its own cell, marked there ("1- Acción ...  X",
# "☒ 2 - Proyecto"): a cross or a ticked box at the start or the end of the option's line.
OPTION_START = re.compile(rf"(?:(?P<lead>{TICKED_MARKS}|[xX])\s*)?(?P<value>[1-4])\s*[-–—.)]\s*\S")
OPTION_END_MARK = re.compile(rf"{TICKED_MARKS}|[xX]")


def type_marked_among_options(label: str) -> int | None:
    """The option marked in the list of options a label prints, when exactly one is."""
    marked = set()
    for line in label.split("\n")[1:]:
        line = line.strip()
        if not (match := OPTION_START.match(line)):
            continue
        last = line[line.rfind(" ") + 1 :] if " " in line[match.end() :] else ""
        if match.group("lead") or (last and OPTION_END_MARK.fullmatch(last)):
            marked.add(int(match.group("value")))
    return marked.pop() if len(marked) == 1 else None


def with_type_marked(text: str, marked: int) -> str:
    """The answer to the type question once the option marked in its label is known: the marked
    number, before what was typed in the answer when that names no type itself (for option 4,
    what kind of initiative it is)."""
    text = without_placeholder(text).strip()
    if text and (NUMBERED.match(clean_pasted(text)) or _type_named(text) or ticked_options(text) is not None):
        return text
    return f"{marked} {text}".strip()


def initiative_type(text: str, where: Where) -> tuple[int | None, str]:
    text = without_placeholder(text)
    if not text:
        return None, ""
    text = TYPE_IN_A_SENTENCE.sub("", text)  # "Se trata de un proyecto binacional…": the sentence's words before the type
    options = ticked_options(text)
    if options is not None:
        if not options:
            where.flag("type_unknown", text)
            return None, ""
        if len(options) > 1:
            where.flag("several_ticked", text)
        # The specification of "Otros" often follows the boxes, on the line below.
        chosen, _sep, after = options[0].partition("\n")
        value, other = _type_of(chosen or options[0], where, text)
        if value == 4 and not other:
            other = _specification(after)
        return value, other
    first, _sep, after = text.partition("\n")
    value, other = _type_of(first, where, text)
    if value is None and after:
        value, other = _type_of(text.replace("\n", " "), where, text)
    elif value == 4 and not other:
        other = _specification(after)
    return value, other


def _specification(text: str) -> str:
    """The text of an "Otros" answer, without the words that ask for it."""
    text = re.sub(r"^\s*\(?\s*especifi(?:que|car)[^:]*(?::\s*|$)", "", clean_pasted(text), flags=re.I)
    text = OTHER_WORDS.sub("", text).strip(" .:-–—")
    # "Otro (programa de pasantías)" loses its parentheses, "Programa delegado (UE)" keeps its own.
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = OTHER_WORDS.sub("", text[1:-1])  # "4 (Otro: fondo concursable)"
    if text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1]
    if text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:]
    return text.strip(" .:-–—")


def _type_of(text: str, where: Where, whole: str) -> tuple[int | None, str]:
    text = ARROWS.sub("", clean_pasted(text))
    if match := NUMBERED.match(text):
        value, rest = int(match.group(1)), match.group(2).strip()
        named = _type_named(rest)
        if named and named[0] != value:
            where.flag("type_guessed", whole)
        return value, (_specification(rest) if value == 4 else "")
    named = _type_named(CROSS_BEFORE.sub("", text))
    if named:
        value, rest, exact = named
        # "Proyecto (2)": the name with its own number says it twice.
        if not exact and rest.strip(" ()") != str(value):
            where.flag("type_guessed", whole)
        return value, (_specification(rest) if value == 4 else "")
    # "Se trata de un proyecto (opción 2 de la ficha).": the option's number, said in a sentence.
    if (said := OPTION_IN_A_SENTENCE.search(text)) and len(set(OPTION_IN_A_SENTENCE.findall(text))) == 1:
        value = int(said.group(1))
        return value, ""
    if where.number is not None:
        where.warn(
            _("Initiative %(number)d: the type “%(text)s” was not recognised.") % {"number": where.number, "text": whole}
        )
    where.flag("type_unknown", whole)
    return None, ""


TYPE_IN_A_SENTENCE = re.compile(
    r"^(?:se trata de|es|fue|ha sido|corresponde a|trata-se de|[eé]|foi|consiste en|consiste em)\s+(?:un|una|uma|um)\s+(?=\w)", re.I)
OPTION_NUMBER = re.compile(r"^(?:opci[oó]n|op[cç][aã]o|option|tipo)?\s*\d\s*\)\s*[:.–—-]?\s*", re.I)


def _type_named(text: str) -> tuple[int, str, bool] | None:
    """(type, what follows its name, whether the name was all there was)."""
    folded = re.sub(r"[\s:.,;–—()-]+", " ", fold(text)).strip()
    for value, words in vocabulary.INITIATIVE_TYPE_WORDS.items():
        for word in words:
            if folded == word:
                return int(value), "", True
            if folded.startswith(word + " "):
                rest = re.split(r"[\s:.,;–—()-]+", text.strip(), maxsplit=len(word.split()))
                rest_text = rest[-1] if len(rest) > len(word.split()) else ""
                if int(value) == 4:
                    rest_text = OPTION_NUMBER.sub("", rest_text)  # "Otra (opción 4): …": the option's number, then what it is
                # "Otros: X" names type 4 and says what X is; "Proyecto de riego" only suggests 2.
                return int(value), rest_text, int(value) == 4
    return None


# --- Yes or no --------------------------------------------------------------------------------
def yes_no(text: str, where: Where) -> bool | None:
    text = without_placeholder(text)
    if not text:
        return None
    options = ticked_options(text)
    if options is not None:
        answers = {_first_yes_no(option) for option in options} - {None}
        if len(answers) == 1:
            return answers.pop()
        where.flag("yes_no_unclear", text)
        return None
    answer = _first_yes_no(text)
    if answer is None:
        answer = vocabulary.sharing_said_in_a_sentence(fold(text))
    if answer is None and fold(text).strip(" .") not in vocabulary.UNANSWERED_YES_NO:
        where.flag("yes_no_unclear", text)
    return answer


def _first_yes_no(text: str) -> bool | None:
    folded = fold(text)
    words = re.findall(r"[a-z]+", folded)
    if not words or folded.strip(" .") in vocabulary.UNANSWERED_YES_NO:
        return None
    # "Sí, con gusto", or after the few words that lead to it ("Claro que sí", "Por ahora no");
    # any other word before it makes a sentence that merely holds a "no" ("Estamos listos, no
    # obstante...") or a doubt ("Tal vez sí"): neither.
    for word in words[: vocabulary.YES_NO_WITHIN]:
        if word in vocabulary.YES:
            return True
        if word in vocabulary.NO:
            return False
        if word not in vocabulary.YES_NO_LEADS:
            break
    head = " ".join(words[:3])
    for phrase, answer in vocabulary.YES_NO_PHRASES.items():
        if head == phrase or head.startswith(phrase + " "):
            return answer
    return None


# --- Texts ------------------------------------------------------------------------------------
# Quotes people put around a whole answer, a title above all ("“Huertas escolares”"); typographic
# ones are already straight (registry.text.clean_pasted).
CLOSING_QUOTE = {'"': '"', "'": "'", "«": "»"}


# Text pasted from a PDF keeps its lines' ends: a word cut with a hyphen ("coordi-\nnación"), a
# sentence going on in lower case on the next line ("con\nexperiencia").
HYPHEN_AT_LINE_END = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_])")
SENTENCE_GOING_ON = re.compile(r"(?<=[^\W\d_]|,)\n(?=[^\W\d_])")


def rejoined(text: str) -> str:
    """A text answer's sentences made whole where a line break cut them; a break after a full
    stop or before a capital is the writer's own and stays ("Sí.\nTenemos convenios")."""
    if "\n" not in text:
        return text
    text = HYPHEN_AT_LINE_END.sub(lambda match: "" if text[match.end()].islower() else match.group(0), text)
    return SENTENCE_GOING_ON.sub(lambda match: " " if text[match.end()].islower() else match.group(0), text)


def unquoted(text: str) -> str:
    """The text without the pair of quotes around all of it, when it quotes nothing inside."""
    closing = CLOSING_QUOTE.get(text[:1])
    if closing is None or len(text) < 3 or text[-1] != closing or text[0] in text[1:-1] or closing in text[1:-1]:
        return text
    return text[1:-1].strip()


# --- Lists ------------------------------------------------------------------------------------
# A bullet, or a number or letter with its punctuation ("1.", "2)", "3.-", "4 -", "a)").
_BULLET_OR_NUMBER = r"[-–—•*·▪●◦○■□➢➤►✓✔]|\(?\d{1,2}(?:[.)-]|[.)]-|\s+[-–—])"
_ROMAN_NUMBER = r"\(?(?:i{2,3}|iv|vi{0,3}|ix)[.)]"  # "ii.", "(iv)"
LIST_MARKER = re.compile(rf"^\s*(?:{_BULLET_OR_NUMBER}|\(?[a-zA-Z][.)]|{_ROMAN_NUMBER})\s+")
# Before a country's name a letter and a dot abbreviate it ("S. Tomé e Príncipe"): only "a)" lists.
COUNTRY_LIST_MARKER = re.compile(rf"^\s*(?:{_BULLET_OR_NUMBER}|\(?[a-zA-Z]\)|{_ROMAN_NUMBER})\s+")
INLINE_NUMBERING = re.compile(r"(?:^|\s)\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|vi{0,3}|ix|x)[.)]\s+")
# The item's own name and number before it: "Fortaleza 1:", "Desafío 2 –", "Lição 3)".
ITEM_LABEL = re.compile(
    r"^\s*(?:fortalezas?|debilidad(?:es)?|desaf[ií]os?|retos?|lecci[oó]n(?:es)?|obst[aá]culos?|cuellos? de botella|"
    r"for[cç]as?|fraquezas?|li[cç][aã]o|li[cç][oõ]es|strengths?|weakness(?:es)?|challenges?|lessons?)"
    r"\s*(?:n[°º.]?\s*)?\d{1,2}\s*[:.)–—-]\s*",
    re.I,
)


def items(answers, where: Where) -> list[str]:
    found: list[str] = []
    for answer in answers:
        text = without_placeholder(answer.text)
        if not text:
            continue
        if not answer.is_list_item and INLINE_NUMBERING.match(text) and len(INLINE_NUMBERING.findall(text)) >= 2:
            parts = [clean_pasted(part).strip(" ;,") for part in INLINE_NUMBERING.split(text)]
            found.extend(part for part in parts if part and not vocabulary.means_none(part))
            continue
        text = clean_pasted(LIST_MARKER.sub("", ITEM_LABEL.sub("", text)))
        for item in _items_of_a_line(text):
            if item and not vocabulary.means_none(item):  # "N/A", "—": nothing to list
                found.append(item)
    return found


def _items_of_a_line(text: str) -> list[str]:
    """Items written on one line with semicolons ("Redes locales; Apoyo municipal"): each starts
    as an item does, with a capital or a number; a sentence's semicolon ("...; sin embargo") stays.
    Or sentences between slashes: "La consulta dio legitimidad. / La universidad asumió el seguimiento."."""
    if " / " in text:
        parts = [part.strip() for part in text.split(" / ")]
        if all(part[:1].isupper() for part in parts) and all(part.endswith(".") for part in parts[:-1]):
            return parts
    if ";" not in text:
        return [text]
    parts = [part.strip() for part in text.split(";")]
    if len(parts) >= 2 and all(part[:1].isupper() or part[:1].isdigit() for part in parts if part) and all(parts[:-1]):
        return [part for part in parts if part]
    return [text]


# --- Actors -----------------------------------------------------------------------------------
# Actors written as sentences: "En la iniciativa intervienen el Ministerio X (sector público), la
# Fundación Y (sociedad civil) y la Municipalidad Z"; "Por el sector público participan la DGCIN y
# el INTA; por la academia, la Universidad W"; "...el INV, todos del sector público. Participan
# además el Gobierno de Tarija como gobierno local". Each actor follows an article there, which is
# where one name ends and the next begins ("Agricultura y Ganadería" is one name).
ARTICLE = r"(?:el|la|los|las|o|a|os|as)\s"
PROSE_LEAD = re.compile(
    r"^.{0,60}?\b(?:intervienen|interviene|participan|participaron|participa|participam|participaram|integran|conforman|"
    r"(?:es |son |fue |foi )?(?:ejecutad[oa]s?|executad[oa]s?|implementad[oa]s?) por)\b(?:\s+adem[aá]s|\s+tamb[ié]m|\s+tambi[eé]n)?:?\s+(?=" + ARTICLE + ")"
    # "La Mesa es convocada por SEGEPLAN (sector público) e integrada por el Ministerio…"
    r"|^.{0,60}?\b(?:es |son |est[aá] |foi )?(?:convocad|integrad|conformad|compuest)[oa]s? por\s+(?=[A-ZÁÉÍÓÚÑ]|" + ARTICLE + ")",
    re.I,
)
# "por el sector público participan", "por la academia,", "como gobierno local,", "los gobiernos
# locales están representados por", "el parlamento, por": the type of the names that follow.
PROSE_GROUP = re.compile(
    r"^(?:y\s+|e\s+)?(?:por\s+(?:el|la|los|las|o|a)\s+(?P<by>.{3,40}?)(?:,|\s+(?:participan?|intervienen?|participam))"
    r"|como\s+(?P<as>.{3,60}?),"
    r"|(?:el|la|los|las|o|a|os|as)\s+(?P<who>.{3,40}?)(?:\s+(?:est[aá]n?|est[aã]o)\s+representad[oa]s?\s+por|,\s+por))"
    r"\s+(?=" + ARTICLE + ")",
    re.I,
)
BETWEEN_NAMES = re.compile(
    r",\s+(?:y\s+|e\s+)?(?=" + ARTICLE + r")|\s+(?:y|e|junto con)\s+(?=" + ARTICLE + ")"
    r"|\s+e\s+(?:integrad|conformad)[oa]s? por\s+", re.I)
ALL_OF_A_TYPE = re.compile(r",?\s+tod[oa]s\s+(?:del|de la|de los|do|da)\s+(.{3,40})$", re.I)
AS_A_TYPE = re.compile(r"\s+como\s+(.{3,40})$", re.I)
LEADING_ARTICLE = re.compile(r"^" + ARTICLE + r"(?=[A-ZÁÉÍÓÚÑ])", re.I)
# Actors named one after another with no verb before them, each with what it does: "El Ministerio
# X (MARN), que coordina…; la Alcaldía Y y la Alcaldía Z, que ejecutan…; y la UCA".
PROSE_START = re.compile(r"^(?:El|La|Los|Las|O|A|Os|As)\s+[A-ZÁÉÍÓÚÑ]")
RELATIVE_CLAUSE = re.compile(r",\s+(?:que|quien|quienes|el cual|la cual)\s[^;]*$")
TRAILING_GROUP = re.compile(r",\s+por\s+(?:el|la|los|las|o|a)\s+(.{3,40})$")


def _prose_actors(text: str) -> list[str] | None:
    """The actors of a text written as sentences, one per line with its type in parentheses as
    written beside it; None when the text is no such sentence."""
    if len(text) < 40 or (
        PROSE_LEAD.match(text) is None and PROSE_GROUP.match(text) is None
        and not (PROSE_START.match(text) and (";" in text or ", que " in text))
    ):
        return None
    lines = []
    for sentence in re.split(r"(?<=[a-z)])\.\s+|;\s*", text.strip().rstrip(".")):
        group_type = ""
        sentence = RELATIVE_CLAUSE.sub("", sentence)  # "…(MARN), que coordina la ejecución": what it does
        if (by := TRAILING_GROUP.search(sentence)) and vocabulary.actor_type_for(by.group(1), exact=True):
            group_type, sentence = by.group(1), sentence[: by.start()]  # "El MITUR y CORSATUR, por el sector público"
        if grouped := PROSE_GROUP.match(sentence):
            group_type, sentence = grouped.group("by") or grouped.group("as") or grouped.group("who"), sentence[grouped.end() :]
        elif lead := PROSE_LEAD.match(sentence):
            sentence = sentence[lead.end() :]
        if every := ALL_OF_A_TYPE.search(sentence):
            group_type, sentence = every.group(1), sentence[: every.start()]
        for name in BETWEEN_NAMES.split(sentence):
            name = LEADING_ARTICLE.sub("", LEADING_CONJUNCTION.sub("", name.strip(" ,")))
            if as_type := AS_A_TYPE.search(name):
                name = f"{name[: as_type.start()]} ({as_type.group(1)})"
            elif group_type and vocabulary.actor_type_for(group_type):
                name = f"{name} ({group_type})"
            if name:
                lines.append(name)
    return lines or None


def _heads_a_list(answer, following) -> bool:
    if not following or len(answer.text) >= LONGEST_LEAD_IN:
        return False
    if not answer.is_list_item:
        return following[0].is_list_item
    # Bullets nested under bullets ("• Setor público" over "• Camões, I.P."): the reader sees no
    # level; a bullet that is a type alone, over one that is no type, heads it. An actor named by a
    # type's word ("• Cooperação internacional" over "• União Europeia", then "• Academia") is
    # told from a heading by what follows it: another heading, or nothing.
    if not following[0].is_list_item:
        return False
    if _type_of_a_heading(without_placeholder(following[0].text)) is None:
        return True
    return len(following) < 2 or _type_of_a_heading(without_placeholder(following[1].text)) is not None


def _type_of_a_heading(text: str) -> str | None:
    """The type a short heading names whole ("Setor público", "Parceiros sociais / sindicatos"), or None."""
    text = text.strip().rstrip(":")
    if text.endswith(")") and (opening := text.find("(")) > 0:
        text = text[:opening].strip()  # "Outros (fundação)": the type, then why
    if "(" in text or len(text.split()) > 5:
        return None
    for part in (text, *BETWEEN_ACTORS.split(text)[::-1]):
        if found := vocabulary.actor_type_for(part, exact=True):
            return found
    return None


def actors(answers, where: Where) -> list[dict]:
    found: list[dict] = []
    heading_type = None  # "Sector público:" on a line of its own heads the actors listed under it
    columns = None  # "Nombre | Rol | Tipo" over the rows of a table nested in the answer's cell
    for position, answer in enumerate(answers):
        text = without_placeholder(answer.text)
        if "\t" in text:
            cells = text.split("\t")
            if vocabulary.is_actor_header(text):
                columns = vocabulary.name_and_type_columns([fold(cell) for cell in cells]), len(cells)
                continue
            if columns and columns[0] and len(cells) == columns[1]:
                text = f"{cells[columns[0][0]]}\t{cells[columns[0][1]]}"
        if vocabulary.means_none(text):
            continue  # "Contrapartes: —": no actor in that row
        if _heads_a_list(answer, answers[position + 1 : position + 3]) and (typed := _type_of_a_heading(text)):
            heading_type = typed  # "Setor público" in bold over its bullets, with no colon
            continue
        if (prose := _prose_actors(text)) is not None:
            # Each actor of the sentence read as a line of its own (type(answer): the reader's Answer,
            # which this lower module does not import).
            found.extend(actors([type(answer)(line) for line in prose], where))
            continue
        # "Cooperación internacional: BID; NOAA": the type heads every actor after it on the line.
        group_type = heading_type
        for piece in (part for line in re.split(r"\s*;\s*", LIST_MARKER.sub("", text)) for part in _actors_of_a_line(line)):
            piece = without_final_dot(piece.strip(" \t"))
            if piece.endswith(":") and len(piece) < LONGEST_LEAD_IN:
                heading_type = group_type = vocabulary.actor_type_for(piece[:-1])
                continue  # "Participan de la iniciativa:": the words before the list
            if piece and not vocabulary.is_actor_header(piece) and not vocabulary.asks_for_actors(piece) and not vocabulary.refers_onward(piece):
                head, colon, _tail = piece.partition(":")
                if colon and (head_type := vocabulary.actor_type_for(head)):
                    group_type = head_type
                found.extend(_actor_entries(piece, where, group_type))
    return found


# Between actors written on one line, each with its type in parentheses: "MSPAS (sector
# público), Cruz Roja (sociedad civil), UNICEF", "MINED (sector público) y CITMA (sector público)".
AFTER_A_TYPED_ACTOR = re.compile(r"(?<=\))\s*(?:,|·|\s(?:y|e|and)\s)\s*")
# Or with the type after a dash, the actors between slashes: "GAMLP – gobierno local / BID – banco".
BETWEEN_ACTORS = re.compile(r"\s+/\s+")
TYPE_AFTER_DASH = re.compile(r"\s[–—→-]\s+([^–—→]+)$")


LONGEST_LEAD_IN = 60
TYPE_IN_BRACKETS = re.compile(r"\s*\[([^\[\]]{2,40})\]$")
# Two acronyms joined by "y" before one type: two actors ("Ministerio de Agricultura y Ganadería"
# is one, but no name is two acronyms joined by "y").
ACRONYMS_SHARING_A_TYPE = re.compile(
    r"^((?:[A-ZÁÉÍÓÚÑ]{2,10},\s*){0,8}[A-ZÁÉÍÓÚÑ]{2,10})\s+(?:y|e|and)\s+([A-ZÁÉÍÓÚÑ]{2,10})\s*\(([^()]+)\)$"
)


def _closed_by_words(text: str) -> bool:
    opening = text.rfind("(")
    return opening > 0 and text.endswith(")") and not text[opening + 1 : -1].isupper()


def _actors_of_a_line(line: str) -> list[str]:
    return [actor for part in _parts_of_a_line(line) for actor in _acronyms_sharing_a_type(part)]


def _acronyms_sharing_a_type(part: str) -> list[str]:
    if shared := ACRONYMS_SHARING_A_TYPE.match(part):  # "INTA y INV (sector público)", "MIDEPLAN, MINAE y SINAC (…)"
        acronyms = [*re.split(r",\s*", shared.group(1)), shared.group(2)]
        return [f"{acronym} ({shared.group(3)})" for acronym in acronyms]
    return [part]


def _parts_of_a_line(line: str) -> list[str]:
    if ")" in line:
        # Each but the last closed by its parenthesis in words, a type ("(academia)") or what the
        # actor does ("(organismo federal)"); after an acronym ("(CIGIDEN), Pontificia Universidad")
        # the name may go on.
        parts = AFTER_A_TYPED_ACTOR.split(line)
        if len(parts) >= 2 and all(_closed_by_words(part) for part in parts[:-1]):
            return parts
    if " / " in line:
        parts = BETWEEN_ACTORS.split(line)
        if all((dash := TYPE_AFTER_DASH.search(part)) and vocabulary.actor_type_for(dash.group(1)) for part in parts):
            return parts
    # "… (MAGA) y SEGEPLAN": after an acronym closing a name, "y" and a capital start the next;
    # "Municipalidad de San Marcos y Municipalidad de Totonicapán": the same first word again.
    if " y " in line or " e " in line:
        return _split_at_y(line)
    return [line]


def _split_at_y(name: str) -> list[str]:
    """Two actors joined by "y"/"e": the same first word again ("Municipalidad de San Marcos y
    Municipalidad de Totonicapán"), an acronym closing the first ("… (MAGA) y SEGEPLAN"), or the
    second starting with what names an institution ("Mancomunidad Copanch'orti' y Municipalidad de
    Jocotán"); "Ministerio de Ambiente y Desarrollo Sostenible" is one."""
    if (same := SAME_FIRST_WORD.match(name)) or (same := AFTER_AN_ACRONYM.match(name)) or (same := INSTITUTION_AFTER_Y.match(name)):
        return [same.group("first"), same.group("second")]
    return [name]


# The part an actor plays, after its name: "União Europeia (financiador)", "Camões, I.P. (entidade
# convocante)", "Ejido Nuevo Becal — núcleo agrario (beneficiario)". Only the words of a role: a
# description in parentheses is the actor's own ("Ski Andorra (asociación de estaciones de esquí)").
ROLE_AFTER_NAME = re.compile(
    r"(?:\s+[–—]\s+[^\W\d][^–—()]{0,40})?\s*\((?:entidad |entidade |socio |sócio |actor |ator )?"
    r"(?:co-?)?(?:financiador|financiadora|beneficiari[oa]s?|beneficiári[oa]s?|ejecutor|ejecutora|executor|executora|coordinador|coordinadora|"
    r"coordenador|coordenadora|convocante|implementador|implementadora|receptor|receptora|oferente|donante|doador|facilitador|facilitadora|"
    r"socio|socia|sócio|aliado|aliada|contraparte|l[ií]der|parceiro|parceira)(?: [^()]{0,30})?\)$",
    re.I,
)


def _actor(name: str, actor_type: str) -> dict:
    name = clean_pasted(name)
    if name.endswith(")"):
        name = ROLE_AFTER_NAME.sub("", name) or name
    # "Ministerio de Agricultura –MAGA–": the acronym between dashes, as Guatemala writes it, keeps its closing one.
    edges = " ,:;" if ACRONYM_BETWEEN_DASHES.search(name.rstrip(" ,:;")) else " ,:;–—-"
    return {"name": without_final_dot(name.strip(edges)), "actor_type": actor_type}


SPACED_DASH = re.compile(r"\s+[–—]\s+")
SAME_FIRST_WORD = re.compile(r"(?P<first>(?P<word>[A-ZÁÉÍÓÚÑ]\w+)\b[^;()]*?)\s+(?:y|e)\s+(?P<second>(?P=word)\b[^;]*)$")
INSTITUTION_HEADS = (
    "Municipalidad|Municipio|Alcaldía|Intendencia|Gobernación|Prefeitura|Gobierno|Governo|Ministerio|Ministério|Secretaría|Secretaria|"
    "Universidad|Universidade|Organización|Organização|Programa|Agencia|Agência|Fondo|Fundo|Banco|Asociación|Associação|Federación|"
    "Federação|Cámara|Câmara|Consejo|Conselho|Comisión|Comissão|Fundación|Fundação|Corporación|Mancomunidad|Confederación|Cooperativa|"
    "Sindicato|Central|Coordinadora|Superintendencia|Embajada|Embaixada|Unión|União"
)
INSTITUTION_AFTER_Y = re.compile(
    rf"(?P<first>[A-ZÁÉÍÓÚÑ][^;]*?[\w')])\s+(?:y|e)\s+(?P<second>(?:{INSTITUTION_HEADS})\s+(?:de|del|da|do|dos|das|para|[A-ZÁÉÍÓÚÑ])[^;]*)$"
)
AFTER_AN_ACRONYM = re.compile(r"(?P<first>[^;]*\([A-ZÁÉÍÓÚÑ-]{2,12}\))\s+(?:y|e)\s+(?P<second>[A-ZÁÉÍÓÚÑ][^;()]*(?:\([^()]*\))?)$")
OF_A_TYPE = re.compile(r"^(?:tambi[eé]n\s+|tamb[eé]m\s+)?(?:del|de la|de los|de las|de|da|do|dos|das)\s+", re.I)
ACRONYM_BETWEEN_DASHES = re.compile(r"[–—-][A-ZÁÉÍÓÚÑ]{2,12}[–—-]$")


# The last word of a name that ends in its own dot: an abbreviation with dots inside ("S.A.",
# "I.P.", "A.C.") or one of the company forms written with one ("Ltda.", "Inc.").
DOTTED_ABBREVIATION = re.compile(r"(?:\w{1,4}\.)+\w{1,4}")
ABBREVIATIONS_WITH_A_DOT = {"ltda", "lda", "inc", "cia", "cía", "corp", "ltd", "co", "sas", "srl"}


def without_final_dot(text: str) -> str:
    """The text without the full stop that ends it as a sentence, keeping an abbreviation's."""
    if not text.endswith((".", " ")):
        return text
    text = text.rstrip(" .")
    last = text[text.rfind(" ") + 1 :]
    if DOTTED_ABBREVIATION.fullmatch(last) or last.casefold() in ABBREVIATIONS_WITH_A_DOT:
        return text + "."
    return text


# A company's legal form after a comma belongs to its name: "Reforestamos México, A.C.".
LEGAL_FORM = re.compile(r"(?:[A-Z]\.){1,3}[A-Z]?\.?|S\.?A\.?S?|Ltda\.?|S\.?R\.?L\.?|Inc\.?|I\.P\.?|S\.?L\.?|A\.?C\.?")


# A name that enumerates its fields: "Instituto Nacional de Sismología, Vulcanología, Meteorología e
# Hidrología (INSIVUMEH)", "Consejería de Agricultura, Pesca y Desarrollo Rural". The comma's piece
# before ends on "de <Field>"; the pieces after are single fields, the last two joined by "y"/"e".
# ("Sindicato Nacional de Trabajadores Agropecuarios, Forestales y Tabacaleros": the field may take an adjective.)
FIELD_BEFORE = re.compile(r"\S+\s+\S+.*\s(?:de|del|da|do)\s+[A-ZÁÉÍÓÚÑ][^\W\d]+(?:\s+[A-ZÁÉÍÓÚÑ][^\W\d]+)?$")
FIELD = re.compile(r"[A-ZÁÉÍÓÚÑ][^\W\d]+")
LAST_FIELDS = re.compile(r"[A-ZÁÉÍÓÚÑ][^\W\d]+\s+(?:y|e)\s+[A-ZÁÉÍÓÚÑ][^\W\d]+(?:\s+[A-ZÁÉÍÓÚÑa-z][^\W\d]+)?(?:\s*\([^()]+\))?")


def _with_fields_joined(names: list[str]) -> list[str]:
    joined: list[str] = []
    index = 0
    while index < len(names):
        name = names[index]
        if FIELD_BEFORE.match(name):
            end = index + 1
            while end < len(names) and FIELD.fullmatch(names[end]):
                end += 1
            if end < len(names) and LAST_FIELDS.fullmatch(names[end]):
                joined.append(", ".join(names[index : end + 1]))
                index = end + 1
                continue
        joined.append(name)
        index += 1
    return joined


def _names_of_a_group(tail: str) -> list[str]:
    pieces = [part.strip() for part in tail.split(",")]
    if len(pieces) > 1:
        pieces = _with_fields_joined(pieces)
    names: list[str] = []
    if len(pieces) > 1 and (" y " in pieces[-1] or " e " in pieces[-1]) and all(len(piece.split()) <= 2 for piece in pieces[:-1]):
        last, joined, after = re.split(r"\s(y|e)\s", pieces[-1], maxsplit=1)
        if len(last.split()) <= 2 and after[:1].isupper():
            pieces[-1:] = [last, after]  # "Embrapa, Fiocruz y Senai"
    for name in pieces:
        if names and (LEGAL_FORM.fullmatch(name) or (name.endswith(")") and LEGAL_FORM.fullmatch(ROLE_AFTER_NAME.sub("", name)))):
            names[-1] = f"{names[-1]}, {name}"
        elif (" y " in name or " e " in name) and len(pair := _split_at_y(name)) == 2:
            names.extend(pair)
        elif name:
            names.append(name)
    return names


def _last_parenthesis(text: str) -> tuple[str, str] | None:
    """(before, inside) of the parenthesis closing the text, whatever it holds in parentheses."""
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            depth -= 1
            if depth == 0:
                before = text[:index].strip()
                return (before, text[index + 1 : -1]) if before else None
    return None


def _actor_entries(text: str, where: Where, group_type: str | None = None) -> list[dict]:
    if text.endswith("]"):
        text = TYPE_IN_BRACKETS.sub(r" (\1)", text)  # "UCRUS [sindical]": the type in brackets, as in parentheses
    # A second column (a tab, or a table of actors): name, then type; or type, then name.
    if "\t" in text:
        columns = [column.strip() for column in text.split("\t") if column.strip()]
        # A type written whole decides which column it is, before words that only hint at one
        # ("Cámara Costarricense Forestal" is a name): "Institución | Tipo de actor | Rol", "Nombre |
        # Tipo", and the type first, "Tipo | Institución (| Rol)".
        for exact in (True, False):
            for column in columns[1:-1]:
                if actor_type := vocabulary.actor_type_for(column, exact=exact):
                    return [_actor(columns[0], actor_type)]
            if len(columns) >= 2 and (actor_type := vocabulary.actor_type_for(columns[-1], exact=exact)):
                return [_actor(" ".join(columns[:-1]), actor_type)]
            if exact and len(columns) >= 2 and (actor_type := vocabulary.actor_type_for(columns[0], exact=True)):
                return [_actor(columns[1] if len(columns) > 2 else " ".join(columns[1:]), actor_type)]
        text = " ".join(columns)
    # "Academia: Universidad A, Universidad B" groups several actors under one type; a colon in
    # parentheses is the type's own ("(otro: cooperativa de productores)").
    head, colon, tail = text.partition(":")
    if colon and head.count("(") > head.count(")"):
        colon = ""
    if colon and (dash := TYPE_AFTER_DASH.search(head)) and (said := vocabulary.actor_type_for(dash.group(1), exact=True)):
        return [_actor(head[: dash.start()], said)]  # "Colegio de Ingenieros del Perú — otro: colegio profesional"
    if colon and tail.strip() and not vocabulary.actor_type_for(head, exact=True) and (actor_type := vocabulary.actor_type_for(tail, exact=True)):
        return [_actor(head, actor_type)]  # "Universidad de Chile: academia"; "Cooperação internacional: União Europeia" is a group
    if colon and (actor_type := vocabulary.actor_type_for(head)):
        return [_actor(name, actor_type) for name in _names_of_a_group(tail)]
    if colon and tail.strip() and (actor_type := vocabulary.actor_type_for(tail)):
        return [_actor(head, actor_type)]
    parenthesis = re.match(r"^(.*\S)\s*\(([^()]+)\)\s*$", text)
    if parenthesis and (actor_type := vocabulary.actor_type_for(parenthesis.group(2))):
        # "Mouvman Peyizan Papay — organización campesina (sociedad civil)": the type said twice.
        name = parenthesis.group(1)
        # ("… – Universidad de Chile (academia)": a name after the dash, the part of a name, stays.)
        if (dash := TYPE_AFTER_DASH.search(name)) and (dash.group(1)[:1].islower() or vocabulary.actor_type_for(dash.group(1), exact=True)) and (
            said := vocabulary.actor_type_for(dash.group(1))
        ):
            name = name[: dash.start()]
            if said == ActorType.OTHER.value:
                actor_type = said  # "– Otro (fundación público-privada)": "other" chosen, and why
        return [_actor(name, actor_type)]
    if text.endswith("))") and (nested := _last_parenthesis(text)):  # "Grupo FARO (sociedad civil (ONG))"
        name, kind = nested
        if actor_type := vocabulary.actor_type_for(kind) or vocabulary.actor_type_for(re.sub(r"\s*\([^()]*\)", "", kind)):
            return [_actor(name, actor_type)]
    opening = re.match(r"^\(([^()]+)\)\s*(.+)$", text)
    if opening and (actor_type := vocabulary.actor_type_for(opening.group(1))):
        return [_actor(opening.group(2), actor_type)]
    # "FONAFIFO – sector público – ejecutor técnico": the name, its type, what it does.
    parts = SPACED_DASH.split(text)
    for index in range(1, len(parts) - 1):
        if actor_type := vocabulary.actor_type_for(parts[index], exact=True):
            return [_actor(" – ".join(parts[:index]), actor_type)]
    # (A dash closing an acronym, "–MAGA–", separates nothing.)
    dash = re.match(r"^(.*\S)\s+[–—→-]\s+(.+?)$", text) or re.match(r"^(.*\S)(?<![A-ZÁÉÍÓÚÑ])\s*[–—→](?![A-ZÁÉÍÓÚÑ]{2,12}[–—])\s*(.+?)$", text)
    if dash:
        kind = re.sub(r"\s*\([^()]*\)\s*$", "", dash.group(2))
        if actor_type := vocabulary.actor_type_for(kind):
            return [_actor(dash.group(1), actor_type)]
        if actor_type := vocabulary.actor_type_for(dash.group(1), exact=True):
            return [_actor(dash.group(2), actor_type)]
    comma = re.match(r"^(.*\S)\s*,\s*([^,]+)$", text)
    # "…–MAGA–, del sector público", "…, también del sector público", "…, de sociedad civil"
    if comma and (actor_type := vocabulary.actor_type_for(OF_A_TYPE.sub("", comma.group(2)), exact=True)):
        return [_actor(comma.group(1), actor_type)]
    if group_type:
        return [_actor(text, group_type)]
    # "Banco Africano de Desenvolvimento (parceiro financeiro)": what the actor does, in words, after
    # its name; an acronym in capitals ("(BID)") is part of the name.
    if parenthesis and not parenthesis.group(2).isupper() and (guessed := vocabulary.actor_type_from_name(parenthesis.group(1))):
        where.flag("actor_type_guessed", text)
        return [_actor(parenthesis.group(1), guessed)]
    if guessed := vocabulary.actor_type_from_name(text):
        where.flag("actor_type_guessed", text)
        return [_actor(text, guessed)]
    where.warn(where.prefixed(_("the actor type of “%(name)s” was not recognised.") % {"name": clean_pasted(text)}))
    where.flag("actor_type_unknown", text)
    return [_actor(text, ActorType.OTHER.value)]


# --- Countries --------------------------------------------------------------------------------
MAX_NAME_PARTS = 4
LEADING_CONJUNCTION = re.compile(r"^\s*(?:y|e|and|et|así como|asi como|además de|ademas de)\s+", re.I)


# An agency's acronym after a country and a dash ("Japón – JICA", "Alemania - GIZ"): who in
# that country takes part, not another country.
AGENCY_AFTER_COUNTRY = re.compile(r"\s[–—-]\s*([A-ZÁÉÍÓÚÑ]{2,8})(?=\s*(?:[,;/\n]|$))")


def _without_agencies(text: str) -> str:
    return AGENCY_AFTER_COUNTRY.sub(lambda match: match.group(0) if vocabulary.country_code_for(match.group(1)) else "", text)


# "Países de la Alianza del Pacífico (Chile, Colombia y Perú)": a group, its countries in
# parentheses. Each parenthesis is found by itself and the group's name looked for in the few
# characters before it: one pattern spanning both tried every start and was quadratic.
PARENTHESIS = re.compile(r"\(([^()]*)\)")
LIST_INSIDE = re.compile(r",|;|\sy\s|\se\s|\sand\s")
GROUP_NAME_BEFORE = re.compile(r"[^,;\n]{0,80}$")


def _countries_of_groups(text: str) -> str:
    pieces, done = [], 0
    for parenthesis in PARENTHESIS.finditer(text):
        if not LIST_INSIDE.search(parenthesis.group(1)):
            continue
        window = text[max(done, parenthesis.start() - 80) : parenthesis.start()]
        group = GROUP_NAME_BEFORE.search(window)
        name = group.group(0) if group else ""
        if vocabulary.country_code_for(name):
            continue  # "Bolivia (Estado Plurinacional de)"
        pieces.append(text[done : parenthesis.start() - len(name)])
        pieces.append(f", {parenthesis.group(1)},")
        done = parenthesis.end()
    return "".join(pieces) + text[done:] if pieces else text


# What a country is in the initiative, written after its name: "Japón (JICA) como socio triangular".
ROLE_AFTER_COUNTRY = re.compile(r"(?:\s*\([^()]*\))?\s+(?:como|en calidad de|enquanto|as)\s.*$", re.I)


# "Venezuela y Bolivia, a través del INIA y del INIAF, respectivamente", "México, a través de la
# AMEXCID, y Chile, por medio de la AGCID": the institutions through which the countries take part
# (to the next comma) are no countries.
THROUGH_INSTITUTIONS = re.compile(
    r",?\s+(?:a trav[eé]s|por medio|por interm[eé]dio|por meio|atrav[eé]s|through)\s[^;\n,]*|,?\s*\b(?:respe(?:c)?tivamente|respectively)\b", re.I
)


def countries(text: str, where: Where) -> list[str]:
    text = without_placeholder(text)
    codes: list[str] = []
    if vocabulary.means_none(text):
        return codes
    if " trav" in text or " medio" in text or " meio" in text or " interm" in text or "through" in text:
        text = THROUGH_INSTITUTIONS.sub("", text)
    if people := vocabulary.countries_by_their_people(text):
        return people
    if "-" in text or "–" in text or "—" in text:
        text = _without_agencies(text)
    if "(" in text:
        text = _countries_of_groups(text)
    for chunk in re.split(r"\s*(?:,|;|/|\n|\t|\s[–—-]\s|\s\|\s)\s*", text):
        # "Brasil, Argentina, e Uruguai": the conjunction after the last comma.
        chunk = LEADING_CONJUNCTION.sub("", COUNTRY_LIST_MARKER.sub("", chunk)).strip(" .")
        if not chunk or vocabulary.means_none(chunk):
            continue
        if code := vocabulary.country_code_for(chunk):  # before splitting "y": "Trinidad y Tobago"
            if code not in codes:
                codes.append(code)
            continue
        chunk = re.sub(r"(?<=\S)\s*\([^()]*\)", "", chunk)  # "Haití (país receptor) y España (socio)": roles, not names
        chunk = ROLE_AFTER_COUNTRY.sub("", chunk)  # "Japón (JICA) como socio triangular"
        # Names and the conjunctions between them, kept as written: "Trinidad y Tobago" is one name.
        parts = re.split(r"(\s+(?:y|e|and|et)\s+)", chunk.strip())
        names = parts[0::2]
        start = 0
        while start < len(names):
            # A country's name holds at most a few parts joined by "y"/"e" ("Trinidad y Tobago",
            # "Bosnia y Herzegovina"): trying longer spans only costs (cubic on a hostile answer).
            for end in range(min(len(names), start + MAX_NAME_PARTS), start, -1):
                candidate = "".join(parts[2 * start : 2 * end - 1])
                code = vocabulary.country_code_for(candidate) if candidate else None
                if code:
                    if code not in codes:
                        codes.append(code)
                    start = end
                    break
            else:
                if code := _country_ending_a_sentence(names[start]) or vocabulary.country_by_its_people(names[start]):
                    if code not in codes:
                        codes.append(code)
                elif names[start].strip() and not vocabulary.means_none(names[start]):
                    name = clean_pasted(names[start])
                    where.warn(where.prefixed(_("“%(name)s” is not a country.") % {"name": name}))
                    where.flag("country_unknown", name)
                start += 1
    return codes


def _country_ending_a_sentence(text: str) -> str | None:
    """The country that ends a sentence's words: "en la convocatoria de 2022 participaron Costa
    Rica" (the list's first name, after the words that introduce it)."""
    words = text.split()
    for size in range(min(MAX_NAME_PARTS, len(words) - 1), 0, -1):
        if words[-size][:1].isupper() and words[-size - 1].islower() and (code := vocabulary.country_code_for(" ".join(words[-size:]))):
            return code
    return None


# Where a country and its institution are separated: a dash between spaces, a long dash, a comma,
# colon, semicolon, slash or bar, a line.
COUNTRY_SEPARATOR = re.compile(r"\s+[–—-]\s+|\s*[–—]\s*|\s*[,:;/|]\s*|\n")
COUNTRY_LABELS = re.compile(r"\b(?:pa[ií]s|country|instituci[oó]n|institui[cç][aã]o|institution|entidad|entidade)\s*:\s*", re.I)
LONGEST_COUNTRY_NAME = 80  # characters: "Reino Unido de Gran Bretaña e Irlanda del Norte" and its forms
FULL_STOP = re.compile(r"\.\s+(?=[A-ZÁÉÍÓÚÑÂÊÔÃÕÇ])")
# The start of a qualifier the UN writes in parentheses ("Irán (República Islámica del)"), not an institution.
STATE_QUALIFIER = re.compile(r"^(?:rep|estado|estados|federac|reino|principado|plurinacional|bolivarian|islamic|state|republic)", re.I)


COUNTRY_NOTED = re.compile(r"\s*\(([^()]{3,40})\)$")


def country_and_institution(text: str, where: Where) -> tuple[str | None, str]:
    """The ficha's own country and institution, written in either order ("Perú – APCI", "AUCI,
    Uruguay", "Chile (AGCID)", "Ministerio de Relaciones Exteriores de Guatemala")."""
    text = clean_pasted(without_placeholder(text))
    if not text:
        return None, ""
    unlabelled = COUNTRY_LABELS.sub("", text).strip()
    if unlabelled[:1] in "ELOA" and (stated := STATED_BY.match(unlabelled)):
        if found := _institution_of_a_sentence(unlabelled[stated.end() :]):
            return found
    first, _sep, rest = _split_once(unlabelled)
    if found := _country_in(first, rest):
        return found
    # The institution first and the country after it: in parentheses ("Camões – Instituto da
    # Cooperação e da Língua, I.P. (Portugal)", the legal form kept), or after a separator.
    if unlabelled.endswith(")") and (noted := COUNTRY_NOTED.search(unlabelled)) and noted.start() > 0:
        if country := vocabulary.country_code_for(noted.group(1)):
            return country, unlabelled[: noted.start()].strip()
    separators = list(COUNTRY_SEPARATOR.finditer(unlabelled))
    if separators:
        last = separators[-1]
        if country := vocabulary.country_code_for(unlabelled[last.end() :]):
            return country, unlabelled[: last.start()].strip()
    # "Costa Rica. Ministerio de Planificación": a full stop after the country ("Rep. Dominicana"
    # has one inside it, so each is tried).
    for stop in FULL_STOP.finditer(unlabelled, 0, LONGEST_COUNTRY_NAME):
        if country := vocabulary.country_code_for(unlabelled[: stop.start()]):
            return country, unlabelled[stop.end() :].strip()
    # "Ministerio de Relaciones Exteriores de Guatemala": the country ends the institution's name.
    words = first.split()
    for size in range(min(4, len(words) - 1), 0, -1):
        if country := vocabulary.country_code_for(" ".join(words[-size:])):
            if fold(words[-size - 1]) in {"de", "del", "da", "do", "of"}:
                return country, unlabelled
    # "Agencia de El Salvador para la Cooperación Internacional": the country inside the name.
    if country := _country_inside(first):
        return country, unlabelled
    if country := vocabulary.country_of_demonym(unlabelled):
        where.flag("country_guessed", unlabelled)  # "Agencia Uruguaya de Cooperación Internacional (AUCI)"
        return country, unlabelled
    where.warn(_("“%(name)s” is not a country.") % {"name": first})
    where.flag("country_unknown", first)
    return None, text


# "El presente informe es elaborado por la Secretaría … (SEGEPLAN) de la República de Guatemala, por
# medio de …": the institution said in a sentence, the country after it.
STATED_BY = re.compile(
    r"^(?:El|La|Este|Esta|O|A)\s(?:presente\s)?.{0,40}?\b(?:es|fue|ha sido|foi|é)?\s?(?:elaborad[oa]|preparad[oa]|completad[oa]|remitid[oa]|"
    r"presentad[oa]|diligenciad[oa]|respondid[oa]|enviad[oa]|preenchid[oa])\s+(?:por|pel[oa])\s+(?:el |la |los |las |o |a )?",
    re.I,
)
CLAUSE_END = re.compile(r",\s|\.\s|\.$|\s(?:por medio de|a través de|através d[ao]|en el marco|no âmbito|con el|com o)\s")
OF_A_COUNTRY = re.compile(r"\s(?:de la |del |da |do |de )(?:Rep[úu]blica (?:de |del |da |do )?)?")


def _country_inside(name: str) -> str | None:
    words = name.split()
    for index, word in enumerate(words[:-1]):
        if word.lower() in ("de", "del", "da", "do"):
            for size in range(min(4, len(words) - index - 1), 0, -1):
                named = words[index + 1 : index + 1 + size]
                if named[0][:1].isupper() and (country := vocabulary.country_code_for(" ".join(named))):
                    return country
    return None


def _institution_of_a_sentence(said: str) -> tuple[str | None, str] | None:
    end = CLAUSE_END.search(said)
    named = said[: end.start()] if end else said
    for of in OF_A_COUNTRY.finditer(named):
        if len(named) - of.end() <= LONGEST_COUNTRY_NAME and (country := vocabulary.country_code_for(named[of.end() :])):
            return country, named[: of.start()].strip()
    return None


def _split_once(text: str) -> tuple[str, str, str]:
    match = COUNTRY_SEPARATOR.search(text)
    return (text[: match.start()], match.group(0), text[match.end() :]) if match else (text, "", "")


def _country_in(first: str, rest: str) -> tuple[str, str] | None:
    """(country, institution) when `first` is the country, with or without the institution in
    parentheses ("Uruguay (AUCI)") or the institution with the country in them ("AGCID (Chile)")."""
    rest = rest.strip()
    if parenthesis := re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", first):
        outside, inside = parenthesis.groups()
        if (country := vocabulary.country_code_for(outside)) and not STATE_QUALIFIER.match(fold(inside)):
            return country, clean_pasted(" ".join(part for part in (inside, rest) if part))
        if (country := vocabulary.country_code_for(inside)) and not vocabulary.country_code_for(outside):
            return country, clean_pasted(" ".join(part for part in (outside, rest) if part))
    if country := vocabulary.country_code_for(first):
        return country, rest
    return None


# --- A person and an e-mail -------------------------------------------------------------------
# A local part starts where a run of its characters starts, and none of what may follow it (@,
# spaces, a bracketed "at") is one of them: tried from every position of a long run, with
# backtracking, the search was quadratic (two seconds for a 5,000-character answer).
LOCAL_PART = r"(?<![\w.+'-])[\w.+'-]++"
EMAIL = re.compile(rf"{LOCAL_PART}@[\w-]+(?:\.[\w-]+)+")
AT = r"\s*(?:\[\s*(?:at|arroba)\s*\]|\(\s*(?:at|arroba)\s*\)|\{\s*(?:at|arroba)\s*\}|<\s*(?:at|arroba)\s*>|\s(?:at|arroba)\s)\s*"
DOT = r"\s*(?:\[\s*(?:dot|punto|ponto)\s*\]|\(\s*(?:dot|punto|ponto)\s*\)|\s(?:dot|punto|ponto)\s)\s*"
DISGUISED_EMAIL = re.compile(rf"({LOCAL_PART}){AT}([\w-]+(?:(?:\.|{DOT})[\w-]+)+)", re.I)
SPACED_EMAIL = re.compile(rf"({LOCAL_PART})\s+@\s*([\w-]+(?:\.[\w-]+)+)|({LOCAL_PART})\s*@\s+([\w-]+(?:\.[\w-]+)+)")
PERSON_LABELS = re.compile(
    r"\b(?:nombre(?:\s+y\s+apellidos?)?|nome|name|correo(?:\s+electr[oó]nico)?|e-?mail|mail|email|punto\s+focal|"
    r"ponto\s+focal|focal\s+point|persona\s+de\s+contacto|contacto|contato|contact|responsable|respons[aá]vel)\s*:\s*|"
    r"\b(?:correo(?:\s+electr[oó]nico)?|e-?mail)\s*$",
    re.I,
)
PERSON_EDGES = " \t\n–—-,;:<>()[]|/·•"
# What separates a name from an e-mail, a telephone or a role: a line, a semicolon or comma, or
# a slash, bar, dash or middle dot between spaces ("María-José" keeps its hyphen).
PERSON_SEGMENTS = re.compile(r"\n|;|,|\s+[/|–—-]\s+|\s*[|–—·•]\s*")
PHONE_LABELS = {
    "tel", "tel.", "tel:", "tel.:", "telefono", "telefono:", "telefone", "telefone:", "telefonos", "fono", "fono:", "cel",
    "cel.", "cel:", "celular", "celular:", "movil", "movil:", "phone", "phone:", "whatsapp", "whatsapp:", "fax", "fax:",
    "ext", "ext.", "ext:", "anexo", "anexo:", "ramal", "ramal:", "+",
}
PHONE_CHARACTERS = set("0123456789+()-./")


def focal_point(text: str, where: Where) -> dict:
    text = clean_pasted(without_placeholder(text)).replace("\uff20", "@")  # a full-width at sign, pasted
    found = EMAIL.findall(text)
    if not found and (disguised := DISGUISED_EMAIL.search(text)):
        address = f"{disguised.group(1)}@{re.sub(DOT, '.', disguised.group(2), flags=re.I)}"
        where.flag("email_disguised", disguised.group(0).strip())
        text = text.replace(disguised.group(0), f" {address} ")
    elif not found and (spaced := SPACED_EMAIL.search(text)):
        local, domain = (spaced.group(1), spaced.group(2)) if spaced.group(1) else (spaced.group(3), spaced.group(4))
        text = text.replace(spaced.group(0), f" {local}@{domain} ")
    elif not found and (dotted := _email_with_spaced_dots(text)):
        written, address = dotted
        where.flag("email_disguised", written)
        text = text.replace(written, f" {address} ")
    matches = list(EMAIL.finditer(text))
    if len({match.group(0).lower() for match in matches}) > 1:
        # Two people (a focal point and a deputy): the first one, with the name written by its
        # e-mail, before it or else after it.
        where.flag("several_people", text)
        before = text[: matches[0].start()]
        after = text[matches[0].end() : matches[1].start()]
        text = (before if _person_name(before) else after) + " " + matches[0].group(0)
        matches = matches[:1]
    email = matches[0].group(0) if matches else ""
    name = _person_name(text.replace(email, "\n") if email else text)
    return {"name": ARTICLE_BEFORE_HONORIFIC.sub("", name), "email": email.lower()}


# "la Sra. Macarena Rivas", "el Sr. Tomás Fuentealba": a letter's article before the honorific.
ARTICLE_BEFORE_HONORIFIC = re.compile(r"^(?:la|el|a|o)\s+(?=[A-ZÁÉÍÓÚ][a-záéíóúª]{0,5}\.)")


def _person_name(text: str) -> str:
    """What is left of a focal point's answer once its e-mail is gone: the name, without labels,
    telephone numbers and the position or unit written after it ("Sra. Ana Pérez, Coordinadora",
    "Cargo: Asesor"): the field holds a person's name, as curators type it."""
    text = re.sub(r"mailto:\s*", " ", text, flags=re.I)
    parts = []
    after_a_sentence = False
    for segment in PERSON_SEGMENTS.split(PERSON_LABELS.sub(" ", text)):
        if parts == [] and fold(segment.strip()) in SENTENCE_OPENINGS:
            continue  # "Asimismo, le informo que la Mtra. …": the sentence, not a name, starts here
        if parts == [] and (said := _person_in_a_sentence(segment)) is not None:
            if said:
                return said  # "La persona designada como enlace es la Licda. Ana Morales"
            after_a_sentence = True  # "Para efectos de esta consulta, …": a name may follow
            continue
        if after_a_sentence and not _looks_like_a_name(segment):
            continue
        if segment.endswith(")") and parts == [] and (bracketed := _last_parenthesis(segment.strip())):
            segment = bracketed[0]  # "Mauricio Chaves Rojas (FONAFIFO)": the person's institution, not the name
        words = [word for word in segment.split() if not _is_phone_word(word)]
        if words and words[-1].lower() in PHONE_LABELS:
            words.pop()  # "Tel." whose number was another segment
        segment = " ".join(words).strip(PERSON_EDGES)
        if segment and any(character.isalpha() for character in segment) and fold(segment) not in PHONE_LABELS:
            parts.append(segment)
    return parts[0] if parts else ""


# A person named in a sentence: "La persona a cargo de este proceso es la Licda. Karla Menjívar",
# "Para consultas dirigirse a la Mgs. Daniela Andrade": the capitalised words after the verb.
PERSON_INTRODUCED = re.compile(
    r"\b(?:es|ser[aá]|sería|é|is|dirigirse a|dirigir-se a|contactar a|comunicarse con|a cargo de"
    r"|(?:informo|informamos|comunico|comunicamos|indico|notifico|informo-lhe|comunico-lhe) que"
    r"|como (?:punto|ponto) focal (?:a|al|à|ao))\s+(?:(?:el|la|o|a|al|à)\s+)?(?=[A-ZÁÉÍÓÚÑ])"  # "Se designa como punto focal a la Lic. …"
)
# The words a letter's sentence opens with before a comma, never a name.
SENTENCE_OPENINGS = {"asimismo", "ademas", "igualmente", "finalmente", "adicionalmente", "al respecto", "por otra parte",
                     "por otro lado", "de igual forma", "de igual manera", "por ultimo", "alem disso", "por fim",
                     "do mesmo modo", "a esse respeito", "in addition", "finally", "likewise"}
NAME_PARTICLES = {"de", "del", "la", "las", "los", "da", "do", "dos", "das", "y", "e", "van", "von", "di"}
SENTENCE_WORDS = 3  # a name has fewer lowercase words than this, as "Para efectos de esta consulta" has not


def _looks_like_a_name(segment: str) -> bool:
    words = segment.split()
    return 2 <= len(words) <= 8 and all(word[:1].isupper() or word in NAME_PARTICLES for word in words)


def _person_in_a_sentence(segment: str) -> str | None:
    """The person a sentence names; "" for a sentence naming none; None for no sentence (a name,
    a position, a lowercase name)."""
    words = segment.split()
    lowercase = [word for word in words if word[:1].islower() and word not in NAME_PARTICLES]
    if len(lowercase) < SENTENCE_WORDS and not (words and words[0][:1].isupper() and len(words) > 6 and lowercase):
        return None
    introduced = None
    for introduced in PERSON_INTRODUCED.finditer(segment):
        pass  # the last verb: "La persona que es responsable del tema es la Lic. …"
    if introduced is None:
        tail = words[-2:]
        return None if all(word[:1].isupper() for word in tail) else ""  # a label run into a name, as before
    name = []
    for word in segment[introduced.end() :].split():
        bare = word.rstrip(".,;:)")
        if bare[:1].isupper() or (name and word in NAME_PARTICLES):
            name.append(word.rstrip(",;:)") if bare[:1].isupper() and word.endswith(".") and len(bare) > 4 else word.rstrip(",;:)"))
            if word[-1:] in ",;)":
                break
        else:
            break
    while name and name[-1] in NAME_PARTICLES:
        name.pop()
    return " ".join(name).rstrip(".") if len(name) >= 2 else ""


def _is_phone_word(word: str) -> bool:
    """A piece of a telephone number ("+51", "(01)", "234-5678") or its label: no name has digits."""
    folded = fold(word)
    return folded in PHONE_LABELS or (any(character.isdigit() for character in word) and set(word) <= PHONE_CHARACTERS)


def _email_with_spaced_dots(text: str) -> tuple[str, str] | None:
    """An e-mail written with spaces around its dots ("ana . perez @ example . org"): what was
    written and the address. Read outwards from the at sign, so that no backtracking regular
    expression runs over a long answer; a dot followed by a capital ends the address (a sentence)."""
    at = text.find("@")
    if at < 0:
        return None
    left = re.match(r"\s*[\w+'-]+(?:\s*\.\s*[\w+'-]+)*", text[:at][::-1])
    right = re.match(r"\s*[\w-]+(?:\s*\.\s*[a-z0-9][a-z0-9-]*)+", text[at + 1 :])
    if not left or not right:
        return None
    written = text[at - left.end() : at + 1 + right.end()].strip()
    address = re.sub(r"\s+", "", written)
    return (written, address) if EMAIL.fullmatch(address) else None


# --- Added questions: options, numbers, years -----------------------------------------------
def _option_for(text: str, options) -> str | None:
    """The key of the option a text names: its number in the list, or its label in any language."""
    folded = fold(text).strip(" .:-–")
    if not folded:
        return None
    if folded.isdigit() and 1 <= int(folded) <= len(options):
        return options[int(folded) - 1].key
    for option in options:
        labels = [fold(label) for _language, label in option.labels]
        if folded in labels or any(folded.startswith(f"{label} ") or folded.startswith(f"{label}:") for label in labels if label):
            return option.key
    return None


def chosen_options(text: str, options, where: Where, *, several: bool) -> list[str]:
    """The options chosen: the ticked boxes when the answer has boxes (the blank prints one per
    option), else each line or "; "-separated part named."""
    text = without_placeholder(text)
    if not text.strip():
        return []
    ticked = ticked_options(text)
    parts = ticked if ticked is not None else [part for part in re.split(r"\s*(?:\n|;)\s*", text) if part.strip()]
    keys: list[str] = []
    for part in parts:
        key = _option_for(LIST_MARKER.sub("", part), options)
        if key is None:
            where.flag("option_unknown", part)
        elif key not in keys:
            keys.append(key)
    if not several and len(keys) > 1:
        where.flag("several_ticked", text)
        keys = keys[:1]
    return keys


# Spaces group thousands only in threes ("1 500"), so "1000 2024" is an amount and a year.
NUMBER = re.compile(r"-?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])|-?\d[\d.,]*")
LARGEST_NUMBER = 10**15


def decimal_text(text: str) -> tuple[str | None, bool]:
    """The first number in a text as a plain decimal ("1500", "2.5"), and whether its separator
    could mean thousands as well as decimals; None when there is none. As people write in
    Spanish, Portuguese or English: "1.500", "2,5", "1,500.75", "1 500"."""
    match = NUMBER.search(text)
    if match is None:
        return None, False
    raw, guessed = re.sub(r"\s", "", match.group(0)).rstrip(".,"), False
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    elif "," in raw or "." in raw:
        separator = "," if "," in raw else "."
        whole, _sep, tail = raw.rpartition(separator)
        if raw.count(separator) > 1 or len(tail) == 3:
            # "1.500" is fifteen hundred in Spanish and Portuguese, one and a half in English.
            guessed = raw.count(separator) == 1
            raw = raw.replace(separator, "")
        else:
            raw = f"{whole}.{tail}"
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", raw) or abs(float(raw)) >= LARGEST_NUMBER:
        return None, False
    return raw, guessed


def number(text: str, where: Where) -> int | float | None:
    """A number as people write it: see decimal_text."""
    text = without_placeholder(text)
    raw, guessed = decimal_text(text)
    if raw is None:
        if text.strip():
            where.flag("number_unclear", text)
        return None
    if guessed:
        where.flag("number_guessed", text)
    value = float(raw)
    return int(value) if value.is_integer() else value


YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2}|2100)(?!\d)")


def year(text: str, where: Where) -> int | None:
    text = without_placeholder(text)
    if match := YEAR.search(text):
        return int(match.group(1))
    if text.strip():
        where.flag("year_unclear", text)
    return None


# --- Contributions ----------------------------------------------------------------------------
# The pieces of one contribution, as the blank asks them ("actor – kind – what – amount currency
# year") or as a table's columns give them (tabs), or people separate them (" - ", "|", ";").
CONTRIBUTION_PIECES = re.compile(r"\t|\s*\|\s*|\s*;\s*|\s+[-–—]\s+|\s*[–—]\s*")
LONE_YEAR = re.compile(r"^\(?\s*(?:a[nñ]o|ano|year)?\s*:?\s*(19\d{2}|20\d{2})\s*\)?$", re.I)
# A year after the amount: "(2025)", ", 2025", "en 2025", or after the currency ("20.000 USD 2025").
YEAR_AFTER_AMOUNT = re.compile(r"(?:[,(]\s*|\b(?:a[nñ]o|ano|year|en|em|in)\b\s*:?\s*|\s+)(19\d{2}|20\d{2})\s*\)?\s*$", re.I)


def contributions(answers, where: Where) -> list[dict]:
    """What each actor brings, one contribution per line: its actor first, then in any order its
    kind, what it is, and for money the amount with its currency and year."""
    found = []
    for answer in answers:
        for line in without_placeholder(answer.text).split("\n"):
            line = LIST_MARKER.sub("", line).strip(" .")
            if line.strip() and not vocabulary.is_contribution_header(line) and not vocabulary.means_none(line):
                found.append(_contribution(line, where))
    return found


def _contribution(line: str, where: Where) -> dict:
    pieces = [clean_pasted(piece).strip(" .,:") for piece in CONTRIBUTION_PIECES.split(line)]
    pieces = [piece for piece in pieces if piece]
    # "Banco Z: US$ 3.000, 2023": the actor before a colon.
    if pieces and ":" in pieces[0]:
        actor, _colon, rest = pieces[0].partition(":")
        if actor.strip() and rest.strip():
            pieces[0:1] = [actor.strip(), rest.strip()]
    pieces = _money_cells_joined(pieces)
    row = {"actor": pieces[0] if pieces else "", "kind": "", "description": "", "amount": None, "currency": "", "year": None}
    described = []
    for piece in pieces[1:]:
        kind, whole = vocabulary.contribution_kind_for(piece) if not row["kind"] else (None, False)
        if kind:
            row["kind"] = kind
            if not whole:  # "Asistencia técnica de dos expertos" says what, too
                described.append(piece)
        elif year_match := LONE_YEAR.match(piece):
            row["year"] = int(year_match.group(1))
        elif row["amount"] is None and re.search(r"\d", piece) and _money(piece, row, where):
            if MONEY_WORDS.sub("", fold(piece)).strip():  # "curso valorado en 5000 USD": what, too
                described.append(piece)
        else:
            described.append(piece)
    row["description"] = " – ".join(described)
    line = clean_pasted(line)
    if not row["kind"]:
        if row["amount"] is not None:
            row["kind"] = ContributionKind.FINANCIAL.value  # an amount is money, whatever the words
        else:
            where.flag("contribution_kind_unknown", line)
    if row["amount"] is not None and not row["currency"]:
        where.flag("currency_unknown", line)
    if row["amount"] is not None and row["year"] is None:
        where.flag("contribution_year_missing", line)
    return row


# What a piece of money says besides what it is worth: its figures, currency and year.
MONEY_WORDS = re.compile(
    r"[\d\s.,:()$€£¥]+|\b(?:[a-z]{3}|us|u|r|dolares|dolar|dollars|euros?|reais|reales|yenes|ienes|yen|pesos?|"
    r"estadounidenses|en|em|in|de|do|of|ano|year|mil|millones|millon|milhoes|milhao|million|millions|thousand)\b"
)


BARE_NUMBER = re.compile(r"^[\d\s.,]*\d[\d\s.,]*(?:\s*(?:mil|millones|millon|milhoes|milhao|million|millions|thousand))?$")


def _money_cells_joined(pieces: list[str]) -> list[str]:
    """A table's Amount | Currency | Year cells ("20000", "USD", "2025") as one piece of money."""
    joined: list[str] = []
    for piece in pieces:
        if joined and BARE_NUMBER.match(fold(joined[-1])) and vocabulary.currency_in(piece)[1] and len(piece) <= 20:
            joined[-1] = f"{joined[-1]} {piece}"
        elif joined and vocabulary.currency_in(joined[-1])[1] and len(joined[-1]) <= 20 and BARE_NUMBER.match(fold(piece)) \
                and not re.search(r"\d", joined[-1]):
            joined[-1] = f"{joined[-1]} {piece}"
        else:
            joined.append(piece)
    return joined


# Scale words after an amount ("USD 2 millones", "100 mil reais"): read, and flagged for a check.
SCALES = {"mil": 1000, "thousand": 1000, "millon": 10**6, "millones": 10**6, "milhao": 10**6, "milhoes": 10**6,
          "million": 10**6, "millions": 10**6}
SCALE_WORD = re.compile(r"\d\s*(" + "|".join(sorted(SCALES, key=len, reverse=True)) + r")\b")


def _money(piece: str, row: dict, where: Where) -> bool:
    """Read an amount with its currency (and its year, when it follows) into the row; False when
    the piece is not money (a number in a description, "2 expertos")."""
    currency, named = vocabulary.currency_in(piece)
    if not named:
        return False
    text = piece
    if (year_match := YEAR_AFTER_AMOUNT.search(text)) and re.search(r"\d", text[: year_match.start()]):
        row["year"] = int(year_match.group(1))
        text = text[: year_match.start()]
    amount, guessed = decimal_text(text)
    if amount is None:
        return False
    if scale := SCALE_WORD.search(fold(text)):
        value = Decimal(amount) * SCALES[scale.group(1)]
        amount = str(value.quantize(Decimal(1) if value == value.to_integral_value() else Decimal("0.01")))
        guessed = True
    if guessed:
        where.flag("number_guessed", piece)
    row["amount"], row["currency"] = amount, currency
    return True
