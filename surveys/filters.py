import django_filters
from django.db.models import Q
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from registry.filters import CountryChoiceFilter, FilterSet
from surveys.models import CHOICE_KINDS, SHARED_FICHA_STATUSES, Campaign, Ficha, FichaInitiative, FichaStatus, QuestionKind
from surveys.selectors import added_initiative_questions


class FichaFilterSet(FilterSet):
    """The review queue's filters (and, later, the API's)."""

    campaign = django_filters.ModelChoiceFilter(queryset=Campaign.objects.all(), label=_("Campaign"))
    status = django_filters.MultipleChoiceFilter(choices=FichaStatus.choices, label=_("Status"))
    country = CountryChoiceFilter(field_name="institution__country", ibero_only=True, label=_("Country"))

    class Meta:
        model = Ficha
        fields = []


def answer_choices() -> list[tuple[str, str]]:
    """"key:value" for each answer a campaign's added question can take from a list (yes/no,
    options): the kinds an answer can be filtered by."""
    choices = []
    for campaign, question in added_initiative_questions():
        if question.kind == QuestionKind.YES_OR_NO:
            values = [("true", gettext_now("Yes")), ("false", gettext_now("No"))]
        elif question.kind in CHOICE_KINDS:
            values = [(option.key, option.label) for option in question.options]
        else:
            continue
        choices += [(f"{question.key}:{value}", f"{campaign.title} · {question.verbose_label}: {label}") for value, label in values]
    return choices


def filter_by_answer(queryset, name: str, value: str):
    key, _separator, wanted = value.partition(":")
    answer = {"true": True, "false": False}.get(wanted, wanted)
    # An option is kept alone (one choice) or in a list (several): either contains it.
    matching = Q(answers__contains={key: answer}) | Q(answers__contains={key: [answer]})
    entries = FichaInitiative.objects.filter(matching, ficha__status__in=SHARED_FICHA_STATUSES).values("initiative_id")
    return queryset.filter(pk__in=entries)


def campaign_answer_filter() -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        choices=answer_choices, method=filter_by_answer, label=_("Answer to a campaign's question"),
        help_text=_("Initiatives whose ficha gave this answer."),
    )
