"""Reads of the dialogues app: who sees which dialogue, and where interest meets."""

from registry.choices import choice_labels
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from dialogues.models import Dialogue, DialogueStatus, Focus, Interest, Seminar
from registry.models import Country, Initiative


def _with_countries(dialogues: QuerySet[Dialogue]) -> QuerySet[Dialogue]:
    """What a list of dialogues shows: the presenting and the invited countries."""
    return dialogues.prefetch_related(
        Prefetch("initiatives", queryset=Initiative.objects.select_related("institution__country")),
        "invited_countries",
    )


def dialogues_visible_to(user) -> QuerySet[Dialogue]:
    """The technical unit sees every dialogue; a focal point those its country presents in or is
    invited to; everybody else the held ones whose countries agreed to share (public_dialogues)."""
    dialogues = _with_countries(Dialogue.objects.all())
    if user.is_authenticated and user.is_technical_unit:
        return dialogues
    if user.is_authenticated and user.is_focal_point and user.institution_id:
        country = user.institution.country_id
        involved = Dialogue.objects.filter(
            Q(initiatives__institution__country_id=country) | Q(invited_countries=country)
        ).values("pk")
        return dialogues.filter(Q(pk__in=involved) | Q(pk__in=public_dialogues().values("pk")))
    return public_dialogues()


def public_dialogues() -> QuerySet[Dialogue]:
    not_shared = Initiative.objects.filter(dialogues=OuterRef("pk")).exclude(wants_to_share=True)
    return _with_countries(Dialogue.objects.filter(status=DialogueStatus.HELD).exclude(Exists(not_shared)))


def focus_summary() -> list[tuple[str, int]]:
    """How many held dialogues touched each focus, in the order of the choices."""
    counts = dict.fromkeys(Focus.values, 0)
    for focus in Dialogue.objects.filter(status=DialogueStatus.HELD).values_list("focus", flat=True):
        for value in focus:
            if value in counts:
                counts[value] += 1
    return [(choice_labels(Focus)[value], count) for value, count in counts.items()]


def public_seminars() -> QuerySet[Seminar]:
    return Seminar.objects.filter(is_public=True).prefetch_related("panelists")


def seminars_visible_to(user) -> QuerySet[Seminar]:
    """The technical unit sees every seminar; everybody else the public ones."""
    if user is not None and user.is_authenticated and user.is_technical_unit:
        return Seminar.objects.prefetch_related("panelists")
    return public_seminars()


def interest_candidates() -> QuerySet[Initiative]:
    """Published initiatives others asked about, most interested countries first."""
    return (
        Initiative.objects.published()
        .annotate(interested_countries=Count("interests__institution__country", distinct=True))
        .filter(interested_countries__gt=0)
        .select_related("institution__country")
        .prefetch_related(Prefetch("interests", queryset=Interest.objects.select_related("institution__country")))
        .order_by("-interested_countries", "name")
    )


@dataclass(frozen=True)
class BilateralMatch:
    """Two countries each interested in initiatives of the other: a bilateral dialogue waiting to happen."""

    first: Country
    second: Country
    first_wants: list[Initiative]  # initiatives of `second` that `first` asked about
    second_wants: list[Initiative]


def bilateral_matches() -> list[BilateralMatch]:
    wanted: dict[tuple[str, str], list[Initiative]] = defaultdict(list)
    interests = Interest.objects.filter(initiative__in=Initiative.objects.published()).select_related(
        "institution__country", "initiative__institution__country"
    )
    countries = {}
    for interest in interests:
        asking, owning = interest.institution.country, interest.initiative.institution.country
        countries[asking.pk], countries[owning.pk] = asking, owning
        if interest.initiative not in wanted[(asking.pk, owning.pk)]:
            wanted[(asking.pk, owning.pk)].append(interest.initiative)
    matches = []
    for (asking, owning), initiatives in sorted(wanted.items()):
        if asking < owning and (owning, asking) in wanted:
            matches.append(
                BilateralMatch(
                    first=countries[asking],
                    second=countries[owning],
                    first_wants=initiatives,
                    second_wants=wanted[(owning, asking)],
                )
            )
    return matches
