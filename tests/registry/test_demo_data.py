from collections import Counter

import io
import pytest
from django.core.management import call_command

from profiles.enabling import ENABLING_KEYS
from registry.choices import Classification, Status
from demo.registry_data import INITIATIVES
from registry.models import Initiative, User

pytestmark = pytest.mark.django_db

# Table 1 of 000_381a7b609e67a35c.txt: country and sectors per initiative, in the report's order.
TABLE_1 = [
    ("PE", "Desarrollo Sostenible del Turismo con Participación Comunitaria. Intercambio de experiencias entre el Perú y Tailandia. Gastronomía, técnicas e ingredientes, investigación y desarrollo turístico.", {"tourism"}),
    ("PY", "Estrategias de reestructuración e implementación de políticas de superación de la pobreza para Colombia y Paraguay (Segunda fase)", {"social"}),
    ("DO", "Implementación de instrumentos de desarrollo regional y ordenamiento territorial en la República Dominicana.", {"governance"}),
    ("DO", "Fomento de la competitividad de la cadena de valor del cacao diferenciado guatemalteco post COVID-19", {"economic_development"}),
    ("CO", "Fortalecimiento de experiencias a través del intercambio de conocimiento entre fundaciones aliadas en protección animal.", {"economic_development"}),
    ("SV", "Jóvenes Construyendo el Futuro", {"social"}),
    ("CL", "Centro Comunitario de Emprendimiento Agrícola Makueni", {"economic_development"}),
    ("CR", "Desarrollo de un mecanismo financiero innovador para la conservación de arrecifes de coral en República Dominicana", {"environment", "tourism"}),
    ("CR", "Proyecto piloto de restauración de arrecifes de coral en Costa Rica", {"environment", "tourism"}),
    ("CR", "Siembra y Cosecha de Agua y Servicios Ecosistémicos", {"environment"}),
    ("AR", "Fortalecimiento al sector Vitivinícola de Tarija", {"economic_development", "environment"}),
    ("AR", "APICARIBE: Fortalecimiento de la industria apícola en países del Caribe Anglófono", {"economic_development"}),
    ("BR", 'Projeto Regional de Fortalecimento do Setor Algodoeiro na Bacia do Lago Victoria (Projeto "Cotton-Victoria")', {"economic_development"}),
]


def test_load_demo_loads_table_1_exactly():
    call_command("load_demo", verbosity=0)
    loaded = {
        (initiative.institution.country_id, initiative.name, frozenset(initiative.sectors.values_list("code", flat=True)))
        for initiative in Initiative.objects.select_related("institution")
    }
    assert loaded == {(country, name, frozenset(sectors)) for country, name, sectors in TABLE_1}
    assert set(Initiative.objects.values_list("status", flat=True)) == {Status.PUBLISHED}


def test_the_demo_reproduces_the_reports_counts():
    call_command("load_demo", verbosity=0)
    sectors = Counter(code for initiative in Initiative.objects.all() for code in initiative.sectors.values_list("code", flat=True))
    assert sectors["economic_development"] == 6 and sectors["environment"] == 4
    classifications = Counter(Initiative.objects.with_classification().values_list("classification_code", flat=True))
    assert classifications[Classification.SUSTAINABLE_DEVELOPMENT_ALLIANCE] == 7
    countries = Counter(Initiative.objects.values_list("institution__country_id", flat=True))
    assert countries == {"AR": 2, "BR": 1, "CL": 1, "CO": 1, "CR": 3, "SV": 1, "PY": 1, "PE": 1, "DO": 2}


def test_load_demo_is_idempotent_and_creates_the_four_personas():
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert Initiative.objects.count() == len(INITIATIVES) == 13
    users = {user.username: user for user in User.objects.all()}
    assert users["focal_cr"].is_focal_point and users["focal_cr"].institution.country_id == "CR"
    assert users["focal_ar"].is_focal_point and users["focal_ar"].institution.country_id == "AR"
    assert users["curator"].is_technical_unit and users["curator"].is_staff
    assert users["analyst"].is_analyst and not users["analyst"].is_staff


def test_generate_demo_data_creates_the_requested_number_reproducibly():
    call_command("generate_demo_data", initiatives=120, seed=3, verbosity=0)
    assert Initiative.objects.count() == 120
    first_names = list(Initiative.objects.order_by("pk").values_list("name", flat=True)[:5])
    Initiative.objects.all().delete()
    call_command("generate_demo_data", initiatives=120, seed=3, verbosity=0)
    assert list(Initiative.objects.order_by("pk").values_list("name", flat=True)[:5]) == first_names


def test_synthetic_initiatives_are_searchable_and_respect_the_ficha_limits():
    call_command("generate_demo_data", initiatives=200, seed=5, verbosity=0)
    for initiative in Initiative.objects.prefetch_related("participations")[:50]:
        assert 1 <= initiative.participations.count() <= 8
        assert len(initiative.strengths) <= 3 and initiative.search_text
    assert Initiative.objects.filter(search_vector="fortalecer").exists()


def test_load_demo_tells_the_reports_dialogues_and_seminar():
    from dialogues.models import Dialogue, Seminar
    from dialogues.selectors import bilateral_matches

    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    statuses = sorted(Dialogue.objects.values_list("status", flat=True))
    assert statuses == ["cancelled", "held", "held", "held"]
    assert Dialogue.objects.get(status="cancelled").status_reason == "Agenda del país presentador"
    assert Dialogue.objects.filter(status="held", format="bilateral").count() == 1
    assert [(m.first.pk, m.second.pk) for m in bilateral_matches()] == [("AR", "CR")]
    seminar = Seminar.objects.get()
    assert (seminar.attendance_peak, seminar.attendance_minimum, seminar.panelists.count()) == (133, 90, 4)


def test_the_demo_has_the_2022_campaign_and_an_open_one_with_two_added_questions():
    from surveys.models import Campaign, FichaStatus
    from surveys.questionnaire import campaign_questions

    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)  # idempotent: no second 2022 ficha, no second questionnaire
    past = Campaign.objects.get(name="Relevamiento 2022 de Alianzas Multiactor")
    assert past.has_closed
    assert past.fichas.filter(status=FichaStatus.REVIEWED).count() == len({data["country"] for data in INITIATIVES})
    assert sum(ficha.initiatives.count() for ficha in past.fichas.all()) == len(INITIATIVES)
    open_now = next(campaign for campaign in Campaign.objects.all() if campaign.is_open())
    added = campaign_questions(open_now).added
    assert [question.key for question in added] == [*ENABLING_KEYS, "years_active", "contributions"]  # the institution's first
    years = next(question for question in added if question.key == "years_active")
    assert len(years.options) == 3 and years.required
