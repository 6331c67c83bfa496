"""The report's figures come from grouped queries (fast at 100,000 initiatives); after every kind
of write they must still equal what a direct count of the initiatives, one by one, gives."""

from collections import Counter

import pytest

from registry import services
from registry.choices import ActorType as A
from registry.choices import Classification
from registry.models import Initiative
from reports import figures
from tests.factories import make_initiative

pytestmark = pytest.mark.django_db


def direct_counts() -> Counter:
    published = Initiative.objects.published().prefetch_related("participations")
    return +Counter(initiative.classification.value for initiative in published)


def grouped_counts() -> Counter:
    return figures.classification_counts(Initiative.objects.published().values("pk"))


def test_the_grouped_classification_counts_equal_a_direct_count_after_every_kind_of_write(curator):
    one_type = make_initiative(actors=[("Ministerio", A.PUBLIC_SECTOR), ("Ministerio B", A.PUBLIC_SECTOR)])
    two = make_initiative(actors=[("Ministerio", A.PUBLIC_SECTOR), ("Empresa", A.PRIVATE_SECTOR)])
    three = make_initiative(actors=[("M", A.PUBLIC_SECTOR), ("E", A.PRIVATE_SECTOR), ("U", A.ACADEMIA)])
    make_initiative(actors=[("M", A.PUBLIC_SECTOR), ("Red", A.OTHER), ("Otra red", A.OTHER)])
    make_initiative(actors=[])
    make_initiative(status="draft", actors=[("M", A.PUBLIC_SECTOR), ("E", A.PRIVATE_SECTOR)])  # not published
    assert grouped_counts() == direct_counts() == Counter(
        {Classification.NOT_MULTI_ACTOR: 3, Classification.MULTI_ACTOR_ALLIANCE: 1, Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE: 1}
    )
    # An override, an edit of the actors, a change of status: the figures follow.
    services.initiative_classify(initiative=three, classification=Classification.NOT_MULTI_ACTOR, reason="Proveedor", by=curator)
    assert grouped_counts() == direct_counts()
    services.initiative_save(
        initiative=one_type, by=curator,
        actors=[services.ActorInput(name="Universidad", actor_type=A.ACADEMIA), services.ActorInput(name="M", actor_type=A.PUBLIC_SECTOR)],
    )
    assert grouped_counts() == direct_counts()
    services.initiative_transition(initiative=two, to_status="in_review", by=curator)
    assert grouped_counts() == direct_counts()
    services.initiative_classify(initiative=three, classification="", reason="", by=curator)
    assert grouped_counts() == direct_counts()
    summary = figures.summary(figures.report_initiatives(Initiative.objects.published()))
    assert dict(summary.by_classification) == {
        str(label): direct_counts()[value] for value, label in Classification.choices if direct_counts()[value]
    }
    assert summary.initiatives == Initiative.objects.published().count()


def test_linking_and_unlinking_reports_keep_every_figure_equal_to_a_count_by_hand(curator, costa_rica):
    from registry.shared import shared_link, shared_unlink
    from tests.factories import institution_for
    from tests.registry.test_shared_initiatives import _direct_breakdowns

    ours = make_initiative(institution=costa_rica, partners=[("BR", "provider")], actors=[("M", A.PUBLIC_SECTOR), ("U", A.ACADEMIA)])
    theirs = make_initiative(institution=institution_for("BR", "ABC"), partners=[("CR", "recipient")],
                             actors=[("E", A.PRIVATE_SECTOR), ("U", A.ACADEMIA), ("M", A.PUBLIC_SECTOR)])
    make_initiative(institution=costa_rica, actors=[("M", A.PUBLIC_SECTOR)])

    def figures_equal_hand_counts(units: int):
        published = Initiative.objects.published()
        summary = figures.summary(figures.report_initiatives(published))
        direct = _direct_breakdowns(published)
        assert summary.initiatives == units and summary.reports == 3
        assert dict(summary.by_type) == direct["type"] and dict(summary.by_actor_type) == direct["actor_type"]
        assert dict(summary.by_classification) == direct["classification"]

    figures_equal_hand_counts(3)
    shared = shared_link(initiatives=[ours, theirs], by=curator)
    figures_equal_hand_counts(2)
    shared_unlink(initiative=theirs, expected_version=shared.version, by=curator)
    figures_equal_hand_counts(3)
