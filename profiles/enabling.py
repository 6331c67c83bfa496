"""The enabling environment for non-state actors, as the source report's Working Paper 20 asked
it of each country: does its cooperation framework allow them, are there funds for them, are
there specific instruments or spaces. Declared once here, asked as three yes/no questions of a
campaign's institutional block (surveys.CampaignQuestion, by these keys), and read back
campaign over campaign on the country profiles with the regional percentages."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import translation

from surveys import services as survey_services
from surveys.models import CampaignQuestion, Ficha, QuestionBlock, QuestionKind, Questionnaire, SHARED_FICHA_STATUSES


@dataclass(frozen=True)
class EnablingQuestion:
    key: str
    es: str
    pt: str
    en: str

    @property
    def label(self) -> str:
        """In the reader's language (Spanish when it is neither Portuguese nor English)."""
        language = (translation.get_language() or "es")[:2]
        return {"pt": self.pt, "en": self.en}.get(language, self.es)


ENABLING_QUESTIONS = (
    EnablingQuestion(
        "framework_allows_non_state_actors",
        "¿El marco de la cooperación de su país permite la participación de actores no estatales?",
        "O marco da cooperação do seu país permite a participação de atores não estatais?",
        "Does your country's cooperation framework allow non-state actors to take part?",
    ),
    EnablingQuestion(
        "funds_for_non_state_actors",
        "¿Existen fondos disponibles para los actores no estatales?",
        "Existem fundos disponíveis para os atores não estatais?",
        "Are there funds available to non-state actors?",
    ),
    EnablingQuestion(
        "instruments_for_non_state_actors",
        "¿Existen instrumentos o espacios específicos para los actores no estatales?",
        "Existem instrumentos ou espaços específicos para os atores não estatais?",
        "Are there specific instruments or spaces for non-state actors?",
    ),
)
ENABLING_KEYS = tuple(question.key for question in ENABLING_QUESTIONS)
# After the questions the technical unit adds by hand, so the form ends with them.
FIRST_ORDER = 900


@transaction.atomic
def add_enabling_questions(*, questionnaire: Questionnaire, by) -> list[CampaignQuestion]:
    """Ask the three questions in a questionnaire that does not ask them yet (through the
    survey's own service: a frozen questionnaire is refused there, with its message)."""
    asked = set(questionnaire.questions.values_list("key", flat=True))
    added = []
    for order, question in enumerate(ENABLING_QUESTIONS, start=FIRST_ORDER):
        if question.key in asked:
            continue
        added.append(survey_services.campaign_question_save(
            question=CampaignQuestion(
                questionnaire=questionnaire, key=question.key, block=QuestionBlock.INSTITUTION, kind=QuestionKind.YES_OR_NO,
                label=question.es, label_pt=question.pt, label_en=question.en, order=order,
            ),
            by=by,
        ))
    return added


@dataclass(frozen=True)
class CountryAnswers:
    """One country's enabling environment in one campaign, from its submitted fichas."""

    campaign: object
    strengths: list[str]
    weaknesses: list[str]
    answers: dict[str, bool | None]


def country_answers(country_id: str) -> list[CountryAnswers]:
    """Campaign by campaign, newest first: what the country's institutions reported."""
    fichas = (
        Ficha.objects.filter(institution__country_id=country_id, status__in=SHARED_FICHA_STATUSES)
        .select_related("campaign").order_by("-campaign__opens_at", "pk")
    )
    by_campaign: dict[int, CountryAnswers] = {}
    for ficha in fichas:
        entry = by_campaign.setdefault(ficha.campaign_id, CountryAnswers(ficha.campaign, [], [], {key: None for key in ENABLING_KEYS}))
        if ficha.institutional_strengths:
            entry.strengths.append(ficha.institutional_strengths)
        if ficha.institutional_weaknesses:
            entry.weaknesses.append(ficha.institutional_weaknesses)
        for key in ENABLING_KEYS:
            entry.answers[key] = _combined(entry.answers[key], (ficha.answers or {}).get(key))
    return list(by_campaign.values())


def _combined(before: bool | None, answer) -> bool | None:
    """A country answers yes when one of its institutions does; no when they all say no."""
    if not isinstance(answer, bool):
        return before
    if before is None:
        return answer
    return before or answer


@dataclass(frozen=True)
class RegionalShare:
    key: str
    yes: int
    answered: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.yes / self.answered) if self.answered else None


def regional_shares(campaign) -> list[RegionalShare]:
    """Of the countries that answered each question in the campaign, the share that said yes, as
    the Working Paper counts them: per country, not per institution."""
    per_country: dict[str, dict[str, bool | None]] = {}
    for country_id, answers in (
        Ficha.objects.filter(campaign=campaign, status__in=SHARED_FICHA_STATUSES, institution__country__is_ibero_american=True)
        .values_list("institution__country_id", "answers")
    ):
        combined = per_country.setdefault(country_id, {key: None for key in ENABLING_KEYS})
        for key in ENABLING_KEYS:
            combined[key] = _combined(combined[key], (answers or {}).get(key))
    return [
        RegionalShare(key, sum(1 for answers in per_country.values() if answers[key] is True),
                      sum(1 for answers in per_country.values() if answers[key] is not None))
        for key in ENABLING_KEYS
    ]


@dataclass(frozen=True)
class EnablingRow:
    key: str
    label: str
    country: bool | None
    share: RegionalShare


def enabling_rows(answers: CountryAnswers) -> list[EnablingRow]:
    """A campaign's three answers of one country beside the region's shares."""
    shares = {share.key: share for share in regional_shares(answers.campaign)}
    return [EnablingRow(question.key, question.label, answers.answers[question.key], shares[question.key]) for question in ENABLING_QUESTIONS]
