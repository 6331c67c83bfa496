"""Inputs that used to give a 500 or hold a worker, found by fuzzing: each is now a 4xx with a clear
message, and nothing changes."""

import json
import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from registry.choices import ANSWER_MAX_CHARS, LIST_ITEM_MAX_CHARS
from followup.models import Risk
from registry.models import Initiative
from surveys.docx.reader import read_ficha
from surveys.docx.safety import UnreadableFicha, open_docx_safely
from surveys.intake import upload_receive
from surveys.models import Campaign, Ficha, FichaUpload
from tests.factories import make_initiative
from tests.security import hostile_files
from tests.surveys.conftest import initiative_post
from tests.surveys.word_files import filled_ficha

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign(db):
    now = timezone.now()
    return Campaign.objects.create(name="Relevamiento", opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=30))


@pytest.fixture
def published(costa_rica):
    return make_initiative(institution=costa_rica, sectors=["environment"], wants_to_share=True)


def quiet(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


# --- NUL characters -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "url",
    ["/success-cases/?q=%00", "/api/v1/sectors/%00/", "/api/v1/countries/%00/", "/actors/?q=%00",
     "/glossary/?q=%00", "/api/v1/initiatives/?q=%00", "/api/v1/initiatives/iati.xml?country=%00", "/initiatives/%00/"],
)
def test_a_nul_anywhere_in_the_address_is_a_clear_400(published, url):
    response = quiet().get(url)
    assert response.status_code == 400, url
    text = response.json()["detail"] if url.startswith("/api/") else response.text
    assert "carácter nulo" in text


def test_a_nul_in_a_fichas_list_is_refused_and_saves_nothing(as_focal_cr, campaign, costa_rica):
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica)
    url = reverse("surveys:ficha_initiative_create", args=[ficha.pk])
    for field in ("strengths", "challenges", "results", "objectives", "name"):
        response = as_focal_cr.post(url, initiative_post(**{field: "Confianza\x00"}))
        assert response.status_code == 400 and "carácter nulo" in response.text, field
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"sectors": ["\\u0000"]}', "carácter nulo"),
        ('{"status_reason": "a\\u0000b", "status": "in_review"}', "carácter nulo"),
        ('{"status": "\\ud800"}', "sustituto"),
        ("[" * 3000 + "]" * 3000, "anidado"),
        ('{"sectors": ' + "[" * 40 + "]" * 40 + "}", "anidado"),
        ('{"version": NaN, "sectors": []}', "JSON"),
        (b'{"status": "\xff"}', "UTF-8"),
    ],
)
def test_a_patch_body_that_cannot_be_stored_is_a_400(curator, published, body, message):
    version = published.version
    response = quiet(curator).patch(f"/api/v1/initiatives/{published.pk}/", body, content_type="application/json")
    assert response.status_code == 400 and message in json.dumps(response.json(), ensure_ascii=False)
    published.refresh_from_db()
    assert published.version == version and published.status == "published"


def test_a_nul_in_a_form_encoded_patch_is_a_400(curator, published):
    response = quiet(curator).patch(
        f"/api/v1/initiatives/{published.pk}/", "sectors=%00&version=1", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400


# --- Free text of any size -----------------------------------------------------------------

def test_two_megabytes_of_distinct_words_get_a_limit_not_a_database_error(as_focal_cr, campaign, costa_rica):
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica)
    url = reverse("surveys:ficha_initiative_create", args=[ficha.pk])
    huge = hostile_files.distinct_words(2 * 1024 * 1024)
    for field in ("objectives", "justification"):
        response = as_focal_cr.post(url, initiative_post(**{field: huge}))
        assert response.status_code in (200, 400) and "5000" in response.text.replace(".", "").replace(",", ""), field
    response = as_focal_cr.post(url, initiative_post(strengths=hostile_files.distinct_words(LIST_ITEM_MAX_CHARS + 1)))
    assert "como máximo 1000 caracteres" in response.text
    assert not Initiative.objects.exists()


def test_every_answer_at_its_limit_is_saved_and_searchable(as_focal_cr, campaign, costa_rica):
    """The limits fit together under the search vector's ceiling: a ficha full to the brim saves."""
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica)
    item = hostile_files.distinct_words(LIST_ITEM_MAX_CHARS)
    post = initiative_post(
        objectives=hostile_files.distinct_words(ANSWER_MAX_CHARS),
        justification=hostile_files.distinct_words(ANSWER_MAX_CHARS),
        strengths="\n".join([item] * 3), challenges="\n".join([item] * 3), results="\n".join([item] * 3),
    )
    response = as_focal_cr.post(reverse("surveys:ficha_initiative_create", args=[ficha.pk]), post)
    assert response.status_code == 302, response.text[:500]
    assert Initiative.objects.search("w1aq").exists()


def test_the_word_reader_keeps_the_same_limits_with_a_clear_message(campaign):
    for question, size in (("Objetivo/s", ANSWER_MAX_CHARS + 1), ("Fortalezas", 3 * LIST_ITEM_MAX_CHARS + 10)):
        data = hostile_files.ficha_with_answer(campaign, question, hostile_files.distinct_words(size))
        with pytest.raises(UnreadableFicha) as refused:
            read_ficha(open_docx_safely(data))
        assert question in str(refused.value.message) and "Acórtela" in str(refused.value.message)


@pytest.mark.parametrize("family", sorted(hostile_files.SLOW_PATTERN_TEXTS))
def test_no_answer_makes_the_reader_slow(campaign, family):
    text = hostile_files.SLOW_PATTERN_TEXTS[family]
    for question in ("Actores involucrados", "Otros países involucrados", "Punto focal de la iniciativa: nombre y correo electrónico", "Tipo de iniciativa", "Fortalezas"):
        data = hostile_files.ficha_with_answer(campaign, question, text[: 3000 if question == "Fortalezas" else None])
        started = time.perf_counter()
        try:
            read_ficha(open_docx_safely(data))
        except UnreadableFicha:
            pass
        assert time.perf_counter() - started < 1.5, (family, question)


# --- Crafted Word files ----------------------------------------------------------------------

def test_unterminated_identifier_tags_are_read_at_once():
    started = time.perf_counter()
    document = open_docx_safely(hostile_files.unterminated_identifiers(100_000))
    assert time.perf_counter() - started < 1 and document.identifier == ""


def test_an_oversized_core_properties_part_is_not_read():
    assert open_docx_safely(hostile_files.oversized_core_properties()).identifier == ""


@pytest.mark.parametrize("name", ["/etc/cron.d/x", "../../outside.xml", "word/..\\..\\x.xml", "word\\document2.xml", "C:/x.xml"])
def test_parts_named_outside_the_package_are_refused(name):
    with pytest.raises(UnreadableFicha, match="nombres"):
        open_docx_safely(hostile_files.member_named(name))


def test_uploads_are_limited_per_person(as_focal_cr, campaign):
    from surveys.word_views import UPLOADS_PER_PERIOD

    for number in range(UPLOADS_PER_PERIOD["focal_point"]):
        as_focal_cr.post(reverse("surveys:upload"), {"files": SimpleUploadedFile(f"f{number}.docx", b"PK")})
    response = as_focal_cr.post(reverse("surveys:upload"), {"files": SimpleUploadedFile("last.docx", b"PK")})
    assert "muchos archivos en poco tiempo" in response.text


def test_one_empty_file_among_several_is_named_and_the_others_are_read(as_curator, campaign):
    files = [
        SimpleUploadedFile("vacio.docx", b""),
        SimpleUploadedFile("costa-rica.docx", filled_ficha(campaign)),
        SimpleUploadedFile("argentina.docx", filled_ficha(campaign, country_institution="Argentina – DGCIN")),
    ]
    page = as_curator.post(reverse("surveys:upload"), {"files": files}).text
    assert "vacio.docx" in page and "El archivo está vacío" in page
    assert FichaUpload.objects.count() == 2


def test_a_duplicate_of_another_institutions_file_reveals_nothing_about_it(focal_cr, as_focal_cr, as_focal_ar, campaign):
    data = filled_ficha(campaign)
    upload = upload_receive(data=data, name="ficha.docx", by=focal_cr, campaign=campaign)
    other = as_focal_ar.post(reverse("surveys:upload"), {"files": SimpleUploadedFile("copia.docx", data)}).text
    assert "Este archivo ya fue cargado." in other
    assert "ya fue cargado el" not in other and f"/survey/uploads/{upload.pk}/" not in other
    own = as_focal_cr.post(reverse("surveys:upload"), {"files": SimpleUploadedFile("copia.docx", data)}).text
    assert "ya fue cargado el" in own


# --- Ids that are not numbers ----------------------------------------------------------------

@pytest.mark.parametrize(
    "posted",
    [{"action": "update_risk", "risk": "abc", "status": "open"}, {"action": "remove_group", "group": "1e9"},
     {"action": "remove_phase", "step": "-1"}, {"action": "update_risk", "risk": "9" * 30, "status": "open"},
     {"action": "remove_group"}],
)
def test_follow_up_actions_with_odd_ids_are_not_found(curator, published, posted):
    response = quiet(curator).post(reverse("followup:initiative_followup", args=[published.pk]), posted)
    assert response.status_code == 404
    assert Risk.objects.filter(initiative=published).count() in (0, 6)


def test_review_actions_with_odd_ids_are_not_found(curator, campaign, costa_rica):
    ficha = Ficha.objects.create(campaign=campaign, institution=costa_rica)
    for posted in ({"action": "merge", "initiative": "abc", "into": "1"}, {"action": "merge", "initiative": "1", "into": "abc"}):
        assert quiet(curator).post(reverse("surveys:ficha_review", args=[ficha.pk]), posted).status_code == 404


def test_a_nul_in_a_posted_id_is_a_400(curator, published):
    response = quiet(curator).post(reverse("followup:initiative_followup", args=[published.pk]), {"action": "remove_group", "group": "\x00"})
    assert response.status_code == 400


# --- Empty filters and CSV details ----------------------------------------------------------

@pytest.mark.parametrize("url", ["/api/v1/initiatives/", "/api/v1/initiatives/iati.xml", "/initiatives/", "/api/v1/stats/", "/actors/", "/api/v1/organizations/"])
def test_empty_filter_values_mean_any(published, as_analyst, url):
    plain = as_analyst.get(url)
    empty = as_analyst.get(url + "?sector=&country=&q=&modality=&actor_type=&ordering=")
    assert plain.status_code == empty.status_code == 200
    if url.startswith("/api/v1/initiatives/") and not url.endswith(".xml"):
        assert empty.json()["count"] == plain.json()["count"] == 1


def test_a_csv_detail_is_one_row(published, as_anonymous):
    published.results = ["Mil familias con agua", "Dos municipios"]
    published.save()
    lines = as_anonymous.get(f"/api/v1/initiatives/{published.pk}/?format=csv").content.decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith("id,") and "Mil familias con agua; Dos municipios" in lines[1]


# --- A sweep: no address of the site answers a NUL with a server error ------------------------

def test_no_page_answers_a_nul_with_a_server_error(curator, published):
    from tests.security.test_every_url import url_names

    client = quiet(curator)
    for name in url_names():
        try:
            url = reverse(name)
        except Exception:  # needs arguments: the parametrised tests above cover those
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url + "?q=%00&page=%00")
            assert response.status_code < 500, (name, method, response.status_code)
