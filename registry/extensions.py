"""Where the apps built on the registry add to it without the registry importing them, as apps
register their models with django.contrib.admin's site: the survey adds each campaign's answers
to the initiative's page and a filter, the reports rebuild the open-data package after a
publication, the follow-up keeps the contributions a ficha reports."""

from collections.abc import Callable

from django.db import transaction

from registry.filters import InitiativeFilterSet

# Each provider takes (initiative, user) and returns the sections it adds: dicts with the
# "template" to include and what that template reads.
initiative_page_sections: list[Callable] = []


def register_initiative_section(provider: Callable) -> Callable:
    if provider not in initiative_page_sections:
        initiative_page_sections.append(provider)
    return provider


def sections_for(initiative, user) -> list[dict]:
    return [section for provider in initiative_page_sections for section in provider(initiative, user)]


def register_initiative_filter(name: str, initiative_filter) -> None:
    """A filter of the initiatives' one FilterSet (registry.filters), so the catalog, the API and
    the exports take it as they take the registry's own."""
    InitiativeFilterSet.base_filters[name] = initiative_filter


# Each listener takes an initiative that was published or stopped being published, once the
# transaction that did it commits.
publication_listeners: list[Callable] = []


def register_publication_listener(listener: Callable) -> None:
    if listener not in publication_listeners:
        publication_listeners.append(listener)


def publication_changed_on_commit(initiative) -> None:
    for listener in publication_listeners:
        transaction.on_commit(lambda listener=listener: listener(initiative))


# Each listener takes initiative=, contributions= and by= when a reporter submits what the
# initiative's actors bring: a list of dicts with actor (its name), kind (ContributionKind),
# description, amount (a decimal string or None), currency and year. Called inside the
# transaction that submits, so a listener's refusal rolls the submission back.
contribution_report_listeners: list[Callable] = []


def register_contribution_report_listener(listener: Callable) -> None:
    if listener not in contribution_report_listeners:
        contribution_report_listeners.append(listener)


def contributions_reported(initiative, contributions: list[dict], by) -> None:
    for listener in contribution_report_listeners:
        listener(initiative=initiative, contributions=contributions, by=by)
