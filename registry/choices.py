"""The controlled vocabularies of the PIFCSS ficha and of curation.

Defined once here and used by the models, forms, filters, the Word template and parser, the API and
the reports. Stored values are stable codes (analysts and the Word parser depend on them); labels are
gettext msgids translated in locale/.
"""

from datetime import timedelta
from functools import cache

import pycountry
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _, ngettext, pgettext_lazy

MAX_LIST_ITEMS = 3  # strengths, challenges and results: "hasta 3" in the ficha
# A draft keeps what was typed (a fourth strength, say) so nothing is lost while its focal points
# decide what to keep; the ficha's own limits hold from submission on (DRAFT_STATUSES).
DRAFT_LIST_ITEMS = 20
# How long written answers may be: several times any answer the countries have sent, and small
# enough that an initiative's searchable text stays far under PostgreSQL's 1 MB per tsvector (a
# 2 MB answer of distinct words used to fail the save) and pages and files stay readable.
ANSWER_MAX_CHARS = 5000  # an answer of the ficha, a reason, a comment
LIST_ITEM_MAX_CHARS = 1000  # one strength, challenge or result
NOTE_MAX_CHARS = 10000  # the technical unit's longer texts: agendas, notes, summaries
MAX_ACTORS = 40  # actors of one initiative


class InitiativeType(models.IntegerChoices):
    ACTION = 1, _("Action")
    PROJECT = 2, _("Project")
    COORDINATION_SPACE = 3, _("Inter-institutional coordination space")
    OTHER = 4, _("Other")


# The ficha explains each type next to its number; the form and the Word template show these.
INITIATIVE_TYPE_DESCRIPTIONS = {
    InitiativeType.ACTION: _("Carried out once and, in general, without a signed document."),
    InitiativeType.PROJECT: _(
        "Has a scope defined in time and objectives. Sets out activities, products and "
        "(development) results that allow its fulfilment and impact to be evaluated."
    ),
    InitiativeType.COORDINATION_SPACE: _(
        "A coordination space convened by a state body, in which public and/or private "
        "and/or civil society actors may take part."
    ),
    InitiativeType.OTHER: _("Specify what kind of initiative it is."),
}


class ActorType(models.TextChoices):
    PUBLIC_SECTOR = "public_sector", _("Public sector")
    PRIVATE_SECTOR = "private_sector", _("Private sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    ACADEMIA = "academia", _("Academia")
    TRADE_UNION = "trade_union", _("Trade unions")
    LOCAL_GOVERNMENT = "local_government", _("Local governments")
    PARLIAMENT = "parliament", _("Parliaments")
    INTERNATIONAL_COOPERATION = "international_cooperation", _("International cooperation")
    OTHER = "other", pgettext_lazy("actor type", "Other")


class Modality(models.TextChoices):
    BILATERAL_SSC = "bilateral_ssc", _("Bilateral South-South cooperation")
    TRIANGULAR = "triangular", _("Triangular cooperation")
    REGIONAL_SSC = "regional_ssc", _("Regional South-South cooperation")


class Phase(models.TextChoices):
    IDENTIFICATION_DESIGN = "identification_design", _("Identification and design")
    IMPLEMENTATION = "implementation", _("Implementation")
    MONITORING = "monitoring", _("Monitoring and follow-up")
    EVALUATION = "evaluation", _("Evaluation")


class TypicalRisk(models.TextChoices):
    """The six challenges and risks of an alliance listed, with their contingency measures, in
    the alliance practice guide (source document 002). Every alliance's register starts with them."""

    UNREALISTIC_EXPECTATIONS = "unrealistic_expectations", _("Unrealistic expectations")
    OVERSHADOWED = "overshadowed", _("Overshadowing by international NGOs")
    NO_REPRESENTATION = "no_representation", _("Lack of representation of civil society or the affected population")
    POLITICAL_BIAS = "political_bias", _("Political bias")
    LOCAL_CSO_RESOURCES = "local_cso_resources", _("Lack of resources of local civil-society organisations")
    LIMITED_PARTICIPATION = "limited_participation", _("Limited participation")
    OTHER = "other", _("Other risk")


CONTINGENCY_MEASURES = {
    TypicalRisk.UNREALISTIC_EXPECTATIONS: _(
        "Choose the purpose, activities and tactics carefully, make sure the resources to carry them out are there "
        "now and later, and be clear and open about what is possible and what is not."
    ),
    TypicalRisk.OVERSHADOWED: _(
        "International NGOs keep a low profile when appropriate, leave room for the other members' views and ideas, "
        "and redirect resources to smaller or non-member organisations."
    ),
    TypicalRisk.NO_REPRESENTATION: _(
        "Open the alliance to small grassroots organisations close to the community: size or resources must not be "
        "a condition for joining."
    ),
    TypicalRisk.POLITICAL_BIAS: _(
        "Acknowledge the biases and keep the balance, with organisations of different political or ideological "
        "orientation equally represented."
    ),
    TypicalRisk.LOCAL_CSO_RESOURCES: _(
        "International NGOs and donors help local organisations with the costs of taking part, transparently from "
        "the start so as not to raise false expectations."
    ),
    TypicalRisk.LIMITED_PARTICIPATION: _(
        "Give less active members the chance to take part: understand why they joined or stopped, and make an "
        "explicit effort to include those who feel left out."
    ),
}


class TriangularValue(models.TextChoices):
    """The six added values of triangular cooperation a success case can show (format of the
    success cases, source document 004)."""

    OWNERSHIP_TRUST = "ownership_trust", _("Generate ownership and trust")
    COMPLEMENTARITY = "complementarity", _("Promote complementarity and increase coordination in development cooperation")
    SHARED_LEARNING = "shared_learning", _("Share knowledge and learn together")
    CO_CREATION = "co_creation", _("Co-create solutions, with flexibility")
    SCALE = "scale", _("Increase volume, scope and sustainability")
    GLOBAL_GOALS = "global_goals", _(
        "Reach global and regional development goals through strengthened partnerships for sustainable development"
    )


class RiskStatus(models.TextChoices):
    IDENTIFIED = "identified", _("Identified")
    MITIGATING = "mitigating", _("Being mitigated")
    OCCURRED = "occurred", _("Occurred")
    CLOSED = "closed", _("No longer relevant")


# What an actor brings to an alliance (followup.Contribution), as the follow-up page and the
# ficha's contributions question (surveys) both ask it.
class ContributionKind(models.TextChoices):
    FINANCIAL = "financial", _("Financial")
    IN_KIND = "in_kind", _("In kind")
    STAFF = "staff", _("Staff and technical assistance")
    KNOWLEDGE = "knowledge", _("Knowledge")
    CONVENING = "convening", _("Convening")


@cache
def currency_codes() -> list[tuple[str, str]]:
    """ISO 4217, as pycountry lists it (the names are English: the code is what people know)."""
    return sorted((currency.alpha_3, f"{currency.alpha_3} – {currency.name}") for currency in pycountry.currencies)


# The largest amount a contribution may state (15 digits with 2 decimals, as it is stored).
CONTRIBUTION_AMOUNT_MAX = 10**13


def contribution_money_problems(kind: str, amount, currency: str, year) -> list[str]:
    """What a contribution's money lacks, as the follow-up page, the ficha and the model say it:
    an amount needs its currency (ISO 4217) and year, and a financial contribution its amount."""
    problems = []
    if amount is not None and (amount < 0 or amount >= CONTRIBUTION_AMOUNT_MAX):
        problems.append(_("An amount cannot be negative or larger than 10,000,000,000,000."))
    if amount is not None and not (currency and year):
        problems.append(_("An amount needs its currency and year."))
    if currency and currency not in dict(currency_codes()):
        problems.append(_("Choose a currency of ISO 4217, e.g. USD."))
    if kind == ContributionKind.FINANCIAL and amount is None:
        problems.append(_("Give the amount of a financial contribution."))
    return problems


class SegibRole(models.TextChoices):
    """Roles of a partner country in the SEGIB classification of South-South cooperation."""

    PROVIDER = "provider", _("Provider")
    RECIPIENT = "recipient", _("Recipient")
    FIRST_PROVIDER = "first_provider", _("First provider")
    SECOND_PROVIDER = "second_provider", _("Second provider")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    RETURNED = "returned", _("Returned with comments")
    REJECTED = "rejected", _("Rejected")


# Still being written by its country: incomplete and over-limit answers are kept, not refused.
DRAFT_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})


class Freshness(models.TextChoices):
    """Whether a published initiative is still confirmed by its country, like the status lights
    of the UN partnerships registry: unconfirmed for a year it is "to be confirmed", for two
    years "inactive"."""

    CURRENT = "current", _("Up to date")
    TO_CONFIRM = "to_confirm", _("To be confirmed")
    INACTIVE = "inactive", _("Inactive")


CONFIRMATION_DUE_DAYS = 365
INACTIVE_AFTER_DAYS = 730


def freshness_cutoffs(now) -> tuple:
    """Confirmed after the first instant: up to date; after the second: to be confirmed; else
    inactive. The same rule as freshness_of, for queries."""
    return now - timedelta(days=CONFIRMATION_DUE_DAYS), now - timedelta(days=INACTIVE_AFTER_DAYS)


def freshness_of(confirmed_at, now) -> Freshness:
    age = (now - confirmed_at).days
    if age < CONFIRMATION_DUE_DAYS:
        return Freshness.CURRENT
    if age < INACTIVE_AFTER_DAYS:
        return Freshness.TO_CONFIRM
    return Freshness.INACTIVE


# Which status may follow which. Returning and rejecting need a written reason (see models).
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SUBMITTED}),
    Status.SUBMITTED: frozenset({Status.IN_REVIEW, Status.PUBLISHED, Status.RETURNED, Status.REJECTED}),
    Status.IN_REVIEW: frozenset({Status.PUBLISHED, Status.RETURNED, Status.REJECTED}),
    Status.RETURNED: frozenset({Status.SUBMITTED}),
    Status.PUBLISHED: frozenset({Status.IN_REVIEW}),
    Status.REJECTED: frozenset({Status.IN_REVIEW}),
}
STATUSES_NEEDING_REASON = frozenset({Status.RETURNED, Status.REJECTED})


class Classification(models.TextChoices):
    NOT_MULTI_ACTOR = "not_multi_actor", _("Not multi-actor")
    MULTI_ACTOR_ALLIANCE = "multi_actor_alliance", _("Multi-actor alliance")
    SUSTAINABLE_DEVELOPMENT_ALLIANCE = (
        "sustainable_development_alliance",
        _("Multi-actor alliance for sustainable development"),
    )


# The report's rule: two distinct actor types meet the narrow definition of a multi-actor
# alliance; three or more make an alliance for sustainable development (AMDS).
MULTI_ACTOR_MIN_TYPES = 2
SUSTAINABLE_DEVELOPMENT_MIN_TYPES = 3
# "Other" says which sector an actor is not, not which it is: two "other" actors may be of one
# kind, and a type nobody could read (a Word file's unrecognised type is kept as "other") must not
# make an initiative look more multi-actor than it is. The rule counts the named sectors only.
UNCOUNTED_ACTOR_TYPES = frozenset({ActorType.OTHER.value})


# Shown in place of the actor types' names when an initiative has none yet.
NO_ACTOR_TYPES = "—"


def classification_reason(count: int, names: str) -> str:
    """Why the rule gave its class: `count` distinct actor types, `names` listing them."""
    return ngettext(
        "%(count)d distinct actor type: %(types)s.",
        "%(count)d distinct actor types: %(types)s.",
        count,
    ) % {"count": count, "types": names or NO_ACTOR_TYPES}


def classify(distinct_actor_types: int) -> Classification:
    if distinct_actor_types >= SUSTAINABLE_DEVELOPMENT_MIN_TYPES:
        return Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE
    if distinct_actor_types >= MULTI_ACTOR_MIN_TYPES:
        return Classification.MULTI_ACTOR_ALLIANCE
    return Classification.NOT_MULTI_ACTOR


class SDG(models.IntegerChoices):
    GOAL_1 = 1, _("1. No poverty")
    GOAL_2 = 2, _("2. Zero hunger")
    GOAL_3 = 3, _("3. Good health and well-being")
    GOAL_4 = 4, _("4. Quality education")
    GOAL_5 = 5, _("5. Gender equality")
    GOAL_6 = 6, _("6. Clean water and sanitation")
    GOAL_7 = 7, _("7. Affordable and clean energy")
    GOAL_8 = 8, _("8. Decent work and economic growth")
    GOAL_9 = 9, _("9. Industry, innovation and infrastructure")
    GOAL_10 = 10, _("10. Reduced inequalities")
    GOAL_11 = 11, _("11. Sustainable cities and communities")
    GOAL_12 = 12, _("12. Responsible consumption and production")
    GOAL_13 = 13, _("13. Climate action")
    GOAL_14 = 14, _("14. Life below water")
    GOAL_15 = 15, _("15. Life on land")
    GOAL_16 = 16, _("16. Peace, justice and strong institutions")
    GOAL_17 = 17, _("17. Partnerships for the goals")


class Role(models.TextChoices):
    """The three kinds of user; each is a Group created by a migration."""

    FOCAL_POINT = "focal_point", _("Focal point")
    TECHNICAL_UNIT = "technical_unit", _("Technical unit")
    ANALYST = "analyst", _("Analyst")


@cache
def _labels_in(choices: type[models.Choices], language: str) -> dict:
    with translation.override(language):
        return {value: str(label) for value, label in choices.choices}


def choice_labels(choices: type[models.Choices]) -> dict:
    """Code -> label in the active language, built once per language. Django's get_FOO_display()
    rebuilds its lookup on every call, which dominates exports and API pages."""
    return _labels_in(choices, translation.get_language() or "es")
