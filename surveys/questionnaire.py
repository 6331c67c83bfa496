"""What one campaign asks, as every place that shows, reads or checks answers iterates it: the core
ficha's questions (registry.ficha), less the optional ones the campaign leaves out, then the
questions the technical unit added for it (CampaignQuestion), block by block.

The objects here are plain: the Word reader and writer take them without touching the database.
An added question quacks like a declared one (key, kind, verbose_label, help_text, required,
fields) and says `added`; its answer is kept under its key in the ficha's or the entry's
`answers`, as JSON: text, true/false, an option's key or a list of them, a number, a year, a list
of texts, a list of country codes, a list of contributions (surveys.contributions)."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from registry import ficha
from registry.choices import ANSWER_MAX_CHARS, LIST_ITEM_MAX_CHARS
from surveys.contributions import MAX_CONTRIBUTIONS, contribution_text
from surveys.models import HIDEABLE_CORE, Questionnaire, QuestionBlock, QuestionKind

SHORT_TEXT_MAX_CHARS = 300
# A contribution's line in Word: its actor, kind, what it is (an item's length) and its money.
CONTRIBUTION_LINE_MAX_CHARS = 300 + 60 + LIST_ITEM_MAX_CHARS + 60
LANGUAGES = ("es", "pt", "en")


def _in_reading_language(texts: tuple[tuple[str, str], ...]) -> str:
    """The text in the active language, else in Spanish (the programme's)."""
    by_language = dict(texts)
    language = (translation.get_language() or "es").split("-")[0]
    return by_language.get(language) or by_language.get("es", "")


@dataclass(frozen=True)
class Option:
    key: str
    labels: tuple[tuple[str, str], ...]  # (language, label)

    @property
    def label(self) -> str:
        return _in_reading_language(self.labels)


def parse_options(text: str) -> tuple[Option, ...]:
    """The options as the technical unit writes them: one per line, "Sí | Sim | Yes"."""
    options, seen = [], set()
    for line in text.splitlines():
        names = [name.strip() for name in line.split("|")]
        if not names[0]:
            continue
        key = slugify(names[0])[:40] or str(len(options) + 1)
        while key in seen:
            key = f"{key}-{len(options) + 1}"
        seen.add(key)
        options.append(Option(key, tuple((language, name) for language, name in zip(LANGUAGES, names, strict=False) if name)))
    return tuple(options)


@dataclass(frozen=True)
class AddedQuestion:
    key: str
    kind: QuestionKind
    block: QuestionBlock
    labels: tuple[tuple[str, str], ...]
    helps: tuple[tuple[str, str], ...] = ()
    required: bool = False
    options: tuple[Option, ...] = ()
    max_items: int | None = None

    # What the places written for declared questions ask of any question.
    added = True
    fields: tuple[str, ...] = ()
    original_labels: tuple[str, ...] = ()
    paragraph = False
    is_personal = False
    needed_to_save = False
    model = "surveys.CampaignQuestion"

    @classmethod
    def of(cls, question) -> "AddedQuestion":
        return cls(
            key=question.key,
            kind=QuestionKind(question.kind),
            block=QuestionBlock(question.block),
            labels=tuple((language, text) for language, text in zip(LANGUAGES, (question.label, question.label_pt, question.label_en), strict=True) if text),
            helps=tuple((language, text) for language, text in zip(LANGUAGES, (question.help, question.help_pt, question.help_en), strict=True) if text),
            required=question.required,
            options=parse_options(question.choices),
            max_items=question.max_items,
        )

    @property
    def verbose_label(self) -> str:
        return _in_reading_language(self.labels)

    @property
    def help_text(self) -> str:
        return _in_reading_language(self.helps)

    @property
    def every_label(self) -> tuple[str, ...]:
        return tuple(text for _language, text in self.labels)

    @property
    def max_length(self) -> int:
        """The most characters the answer may have, as the Word reader checks it."""
        match self.kind:
            case QuestionKind.SHORT_TEXT:
                return SHORT_TEXT_MAX_CHARS
            case QuestionKind.ITEMS:
                return (self.max_items or 1) * (LIST_ITEM_MAX_CHARS + 1)
            case QuestionKind.CONTRIBUTIONS:
                return MAX_CONTRIBUTIONS * CONTRIBUTION_LINE_MAX_CHARS
        return ANSWER_MAX_CHARS

    def option(self, key: str) -> Option | None:
        return next((option for option in self.options if option.key == key), None)

    def answer_text(self, value, country_names: dict[str, str] | None = None) -> str:
        """The answer as people read it, in the active language: pages, Word, CSV and Excel."""
        if value in (None, "", []):
            return ""
        match self.kind:
            case QuestionKind.YES_OR_NO:
                return _("Yes") if value else _("No")
            case QuestionKind.ONE_CHOICE:
                option = self.option(value)
                return option.label if option else str(value)
            case QuestionKind.SEVERAL_CHOICES:
                return "\n".join(option.label if (option := self.option(key)) else str(key) for key in value)
            case QuestionKind.ITEMS:
                return "\n".join(value)
            case QuestionKind.COUNTRY_LIST:
                names = country_names or {}
                return "\n".join(names.get(code, code) for code in value)
            case QuestionKind.CONTRIBUTIONS:
                return "\n".join(contribution_text(row) for row in value if isinstance(row, dict))
        return str(value)

    def answer_items(self, value, country_names: dict[str, str] | None = None) -> list[str] | None:
        """The answer as a list, for the kinds that have several parts; None for the others."""
        if self.kind in (QuestionKind.SEVERAL_CHOICES, QuestionKind.ITEMS, QuestionKind.COUNTRY_LIST, QuestionKind.CONTRIBUTIONS):
            text = self.answer_text(value, country_names)
            return text.split("\n") if text else []
        return None


def is_answered(value) -> bool:
    return value not in (None, "", [], {})


@dataclass(frozen=True)
class Questions:
    """The questions of the institutional block and of each initiative, in the order asked."""

    block: tuple
    initiative: tuple
    version: int | None = None

    @property
    def added(self) -> tuple[AddedQuestion, ...]:
        return tuple(question for question in (*self.block, *self.initiative) if getattr(question, "added", False))

    def added_in(self, block: QuestionBlock) -> tuple[AddedQuestion, ...]:
        return tuple(question for question in self.added if question.block == block)

    @property
    def all(self) -> tuple:
        return (*self.block, *self.initiative)


def core() -> Questions:
    return Questions(ficha.block_questions(), ficha.initiative_questions())


def questions_of(questionnaire: Questionnaire | None) -> Questions:
    """What a questionnaire asks; without one, the core ficha."""
    if questionnaire is None:
        return core()
    hidden = set(questionnaire.hidden_core) & set(HIDEABLE_CORE)
    added = [AddedQuestion.of(question) for question in sorted(questionnaire.questions.all(), key=lambda q: (q.order, q.pk or 0))]
    return Questions(
        block=(*(q for q in ficha.block_questions() if q.key not in hidden), *(q for q in added if q.block == QuestionBlock.INSTITUTION)),
        initiative=(*(q for q in ficha.initiative_questions() if q.key not in hidden), *(q for q in added if q.block == QuestionBlock.INITIATIVE)),
        version=questionnaire.version,
    )


def campaign_questions(campaign) -> Questions:
    """What a campaign asks now (the blank form, a new ficha, a Word file being read)."""
    return questions_of(campaign.current_questionnaire)


def ficha_questions(ficha_record) -> Questions:
    """What a ficha answers: a submitted one, the version it was given; one being filled in, the newest."""
    return questions_of(ficha_record.questionnaire_in_use)


@dataclass(frozen=True)
class AnswerRow:
    """One question as a review screen shows it: a text or a list of items, and what to check there."""

    label: str
    value: str | list
    flags: tuple[str, ...] = ()

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)


def added_rows(questions, answers: dict | None, country_names: dict[str, str]) -> list[AnswerRow]:
    """The answers to the added questions among `questions`, in their order."""
    answers = answers or {}
    rows = []
    for question in questions:
        if getattr(question, "added", False):
            value = answers.get(question.key)
            items = question.answer_items(value, country_names)
            rows.append(AnswerRow(question.verbose_label, items if items is not None else question.answer_text(value, country_names)))
    return rows
