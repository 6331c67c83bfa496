from datetime import UTC, datetime

import pytest

from dialogues.models import Dialogue, Invitee
from registry.models import Country
from tests.factories import institution_for, make_initiative


@pytest.fixture
def cr_initiative(costa_rica):
    return make_initiative(institution=costa_rica, name="Siembra y cosecha de agua", wants_to_share=True)


@pytest.fixture
def ar_initiative(argentina):
    return make_initiative(institution=argentina, name="Pro Huerta", wants_to_share=True)


@pytest.fixture
def dialogue(cr_initiative, curator):
    dialogue = Dialogue.objects.create(title="Diálogo sobre cosecha de agua", agenda="1. Presentación\n2. Preguntas")
    dialogue.initiatives.add(cr_initiative)
    dialogue.invited_countries.add(Country.objects.get(pk="AR"), Country.objects.get(pk="ES"))
    dialogue.facilitators.add(curator)
    Invitee.objects.create(dialogue=dialogue, name="Lucía Gómez", email="lucia@cancilleria.gob.ar", country_id="AR")
    Invitee.objects.create(dialogue=dialogue, name="Marta Ruiz", email="marta@aecid.es", country_id="ES")
    return dialogue


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


__all__ = ["institution_for", "utc"]
