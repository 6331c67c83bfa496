"""Where the apps built on the registry add to its pages without the registry importing them, as
apps register their models with django.contrib.admin's site: the survey adds each campaign's
answers to the initiative's page."""

from collections.abc import Callable

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
