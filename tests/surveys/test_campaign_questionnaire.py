"""A campaign's own questionnaire: questions the technical unit adds (every kind), optional core
questions left out, round trips through the online form, the Word blank and reader, the review,
the initiative page, the API, CSV and Excel; frozen once a ficha is submitted."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from registry.choices import Status
from registry.models import Initiative
from surveys import services
from surveys.docx.reader import read_ficha
from surveys.docx.safety import open_docx_safely
from surveys.intake import upload_confirm, upload_receive
from surveys.models import CampaignQuestion, FichaInitiative, FichaStatus, Questionnaire
from surveys.questionnaire import campaign_questions
from tests.surveys.conftest import block_post, initiative_post
from tests.surveys.word_files import answer, blank, saved

pytestmark = pytest.mark.django_db

QUESTIONS = [
    # key, block, kind, labels (es, pt, en), extra
    ("years_active", "initiative", "several_choices", ("Años en que estuvo vigente", "Anos em que esteve vigente", "Years it ran"),
     {"choices": "2024\n2025\n2026", "required": True}),
    ("resources", "initiative", "long_text", ("Recursos que aporta cada actor", "Recursos que cada ator aporta", "Resources each actor brings"), {}),
    ("budget", "initiative", "number", ("Presupuesto total en dólares", "Orçamento total em dólares", "Total budget in dollars"), {}),
    ("started", "initiative", "year", ("Año de inicio", "Ano de início", "Year it started"), {}),
    ("includes_women", "initiative", "yes_or_no", ("Incluye a organizaciones de mujeres", "Inclui organizações de mulheres", "Includes women's organisations"), {}),
    ("priority", "initiative", "one_choice", ("Prioridad para el país", "Prioridade para o país", "Priority for the country"),
     {"choices": "Alta | Alta | High\nBaja | Baixa | Low"}),
    ("neighbours", "initiative", "country_list", ("Países vecinos que participan", "Países vizinhos que participam", "Neighbouring countries taking part"), {}),
    ("lessons", "initiative", "items", ("Lecciones aprendidas", "Lições aprendidas", "Lessons learned"), {"max_items": 2}),
    ("national_plan", "institution", "short_text", ("Plan nacional de cooperación", "Plano nacional de cooperação", "National cooperation plan"),
     {"required": True}),
]


@pytest.fixture
def questionnaire(campaign):
    questionnaire = Questionnaire.objects.create(campaign=campaign, hidden_core=["challenges"])
    for order, (key, block, kind, (es, pt, en), extra) in enumerate(QUESTIONS):
        CampaignQuestion.objects.create(
            questionnaire=questionnaire, key=key, block=block, kind=kind, label=es, label_pt=pt, label_en=en, order=order, **extra
        )
    return questionnaire


def added_post(**overrides) -> dict:
    data = {
        "added__years_active": ["2024", "2025"],
        "added__resources": "El ministerio aporta personal; la universidad, laboratorios.",
        "added__budget": "1500.5",
        "added__started": "2021",
        "added__includes_women": "true",
        "added__priority": "alta",
        "added__neighbours": ["NI", "PA"],
        "added__lessons": "Escuchar a las comunidades\nAcordar roles temprano",
    }
    data.update(overrides)
    return data


EXPECTED = {
    "years_active": ["2024", "2025"],
    "resources": "El ministerio aporta personal; la universidad, laboratorios.",
    "budget": 1500.5,
    "started": 2021,
    "includes_women": True,
    "priority": "alta",
    "neighbours": ["NI", "PA"],
    "lessons": ["Escuchar a las comunidades", "Acordar roles temprano"],
}


def fill_online(client, ficha, **overrides):
    client.post(reverse("surveys:ficha_detail", args=[ficha.pk]), block_post(version=1, **{"added__national_plan": "Plan 2030"}))
    data = initiative_post()
    del data["challenges"]
    data.update(added_post(**overrides))
    return client.post(reverse("surveys:ficha_initiative_create", args=[ficha.pk]), data)


def the_entry(ficha) -> FichaInitiative:
    return FichaInitiative.objects.get(ficha=ficha)


def test_the_online_form_asks_the_added_questions_and_leaves_out_the_hidden_core_one(as_focal_cr, cr_ficha, questionnaire):
    page = as_focal_cr.get(reverse("surveys:ficha_initiative_create", args=[cr_ficha.pk])).text
    for _key, _block, _kind, (label, _pt, _en), _extra in QUESTIONS[:-1]:
        assert label in page
    assert 'name="added__years_active"' in page and 'value="2025"' in page
    assert 'name="challenges"' not in page  # left out by this campaign
    assert 'name="strengths"' in page
    block = as_focal_cr.get(reverse("surveys:ficha_detail", args=[cr_ficha.pk])).text
    assert "Plan nacional de cooperación" in block


def test_every_kind_of_answer_typed_online_is_kept_and_read_back(as_focal_cr, cr_ficha, questionnaire):
    response = fill_online(as_focal_cr, cr_ficha)
    assert response.status_code == 302
    assert the_entry(cr_ficha).answers == EXPECTED
    cr_ficha.refresh_from_db()
    assert cr_ficha.answers == {"national_plan": "Plan 2030"}
    initiative = cr_ficha.initiatives.get()
    page = as_focal_cr.get(reverse("surveys:ficha_initiative_edit", args=[cr_ficha.pk, initiative.pk])).text
    assert "Acordar roles temprano" in page and 'value="2021"' in page


def test_a_required_added_question_holds_the_submission_until_answered(as_focal_cr, cr_ficha, questionnaire):
    fill_online(as_focal_cr, cr_ficha, added__years_active=[])
    response = as_focal_cr.post(reverse("surveys:ficha_submit", args=[cr_ficha.pk]), follow=True)
    assert "Años en que estuvo vigente" in response.text
    cr_ficha.refresh_from_db()
    assert cr_ficha.status == FichaStatus.DRAFT


def test_wrong_answers_get_a_message_and_change_nothing(as_focal_cr, cr_ficha, questionnaire):
    fill_online(as_focal_cr, cr_ficha)
    initiative = cr_ficha.initiatives.get()
    data = initiative_post(version=initiative.version)
    del data["challenges"]
    data.update(added_post(added__started="dos mil", added__priority="media", added__budget="1" * 40))
    response = as_focal_cr.post(reverse("surveys:ficha_initiative_edit", args=[cr_ficha.pk, initiative.pk]), data)
    assert response.status_code == 200
    assert "Introduzca un número entero" in response.text or "número entero" in response.text
    assert the_entry(cr_ficha).answers == EXPECTED


def submitted(client, ficha):
    fill_online(client, ficha)
    client.post(reverse("surveys:ficha_submit", args=[ficha.pk]))
    ficha.refresh_from_db()
    assert ficha.status == FichaStatus.SUBMITTED
    return ficha


def test_submitting_freezes_the_questionnaire_and_keeps_the_version_with_the_ficha(as_focal_cr, cr_ficha, questionnaire, curator):
    submitted(as_focal_cr, cr_ficha)
    questionnaire.refresh_from_db()
    assert questionnaire.is_frozen and cr_ficha.questionnaire == questionnaire
    question = questionnaire.questions.get(key="resources")
    question.label = "Otro texto"
    with pytest.raises(ValidationError, match="frozen|congelado"):
        services.campaign_question_save(question=question, by=curator)
    with pytest.raises(ValidationError):
        services.campaign_question_delete(question=question, by=curator)
    assert questionnaire.questions.get(key="resources").label == "Recursos que aporta cada actor"

    newer = services.questionnaire_new_version(campaign=questionnaire.campaign, by=curator)
    assert newer.version == 2 and not newer.is_frozen
    assert sorted(newer.questions.values_list("key", flat=True)) == sorted(key for key, *_rest in QUESTIONS)
    changed = newer.questions.get(key="resources")
    changed.label = "Recursos de cada actor (nuevo)"
    services.campaign_question_save(question=changed, by=curator)
    # The submitted ficha still reads with the questions it was given.
    cr_ficha.refresh_from_db()
    assert [q.verbose_label for q in campaign_questions(cr_ficha.campaign).added if q.key == "resources"] == ["Recursos de cada actor (nuevo)"]
    from surveys.questionnaire import ficha_questions

    assert [q.verbose_label for q in ficha_questions(cr_ficha).added if q.key == "resources"] == ["Recursos que aporta cada actor"]


def test_the_admin_shows_a_frozen_questionnaire_but_refuses_to_change_it(as_focal_cr, cr_ficha, questionnaire, as_curator):
    url = reverse("admin:surveys_questionnaire_change", args=[questionnaire.pk])
    assert as_curator.get(url).status_code == 200
    submitted(as_focal_cr, cr_ficha)
    page = as_curator.get(url)
    assert page.status_code == 200 and 'name="hidden_core"' not in page.text  # read-only now
    response = as_curator.post(url, {"hidden_core": ""})
    assert response.status_code == 403
    questionnaire.refresh_from_db()
    assert questionnaire.hidden_core == ["challenges"]


def test_only_optional_core_questions_can_be_left_out(campaign):
    with pytest.raises(ValidationError):
        Questionnaire(campaign=campaign, hidden_core=["results"]).full_clean()
    with pytest.raises(ValidationError):
        CampaignQuestion(questionnaire=Questionnaire(campaign=campaign), key="name", kind="short_text", label="x").full_clean(exclude=["questionnaire"])


def filled_word(campaign, language="es") -> bytes:
    document = blank(campaign, language)
    labels = {key: (es if language == "es" else pt) for key, _b, _k, (es, pt, _en), _x in QUESTIONS}
    fill = answer
    if language == "es":
        fill(document, "País e institución que completa la ficha", "Costa Rica – MIDEPLAN")
        fill(document, "Punto focal: nombre y correo electrónico", "Ana Solano <ana@mideplan.go.cr>")
        fill(document, "Tipo de iniciativa", "2 - Proyecto")
        fill(document, "Nombre de la iniciativa", "Cosecha de agua")
        fill(document, "Actores involucrados", "MAG – Sector público\nUniversidad EARTH (Academia)")
    else:
        fill(document, "País e instituição que preenche a ficha", "Costa Rica – MIDEPLAN")
        fill(document, "Tipo de iniciativa", "2 - Projeto")
        fill(document, "Nome da iniciativa", "Cosecha de agua")
        fill(document, "Atores envolvidos", "MAG – Setor público\nUniversidad EARTH (Academia)")
    fill(document, labels["national_plan"], "Plan 2030")
    # The blank prints a box per option: a person ticks two of them.
    fill(document, labels["years_active"], "☒ 2024\n☒ 2025\n☐ 2026")
    fill(document, labels["resources"], "El ministerio aporta personal; la universidad, laboratorios.")
    fill(document, labels["budget"], "1.500,50 dólares")
    fill(document, labels["started"], "Desde 2021")
    fill(document, labels["includes_women"], "Sí" if language == "es" else "Sim")
    fill(document, labels["priority"], "☐ Baja\n☒ Alta" if language == "es" else "☐ Baixa\n☒ Alta")
    fill(document, labels["neighbours"], "Nicaragua y Panamá")
    fill(document, labels["lessons"], "Escuchar a las comunidades\nAcordar roles temprano")
    return saved(document)


@pytest.mark.parametrize("language", ["es", "pt"])
def test_the_word_blank_prints_the_added_questions_with_boxes_and_reads_them_back(campaign, questionnaire, language):
    document = blank(campaign, language)
    text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    labels = [es if language == "es" else pt for _k, _b, _kind, (es, pt, _en), _x in QUESTIONS]
    for label in labels:
        assert label in text
    assert "☐ 2026" in text and ("☐ Baja" in text or "☐ Baixa" in text)
    assert ("Desafíos" not in text) and ("Desafios" not in text)  # left out by this campaign
    parsed = read_ficha(open_docx_safely(filled_word(campaign, language)), campaign_questions(campaign))
    assert parsed["added"] == {"national_plan": "Plan 2030"}
    assert len(parsed["initiatives"]) == 1  # the unticked boxes of the second block are no initiative
    read = parsed["initiatives"][0]["added"]
    assert read == {**EXPECTED, "budget": 1500.5}


def test_a_word_ficha_with_added_answers_goes_through_review_into_the_draft(campaign, questionnaire, focal_cr, as_focal_cr):
    upload = upload_receive(data=filled_word(campaign), name="ficha.docx", by=focal_cr, campaign=None)
    review = as_focal_cr.get(reverse("surveys:upload_review", args=[upload.pk])).text
    assert "Recursos que aporta cada actor" in review and "laboratorios" in review and "Nicaragua" in review
    ficha = upload_confirm(upload=upload, by=focal_cr, replace=False)
    ficha.refresh_from_db()
    assert ficha.answers == {"national_plan": "Plan 2030"}
    assert the_entry(ficha).answers == EXPECTED


def test_an_unclear_answer_in_word_is_flagged_not_guessed(campaign, questionnaire):
    document = blank(campaign)
    answer(document, "País e institución que completa la ficha", "Costa Rica – MIDEPLAN")
    answer(document, "Nombre de la iniciativa", "Cosecha de agua")
    answer(document, "Prioridad para el país", "Media")
    answer(document, "Año de inicio", "hace tiempo")
    parsed = read_ficha(open_docx_safely(saved(document)), campaign_questions(campaign))
    assert "priority" not in parsed["initiatives"][0].get("added", {})
    assert {(flag["question"], flag["reason"]) for flag in parsed["flags"]} >= {("priority", "option_unknown"), ("started", "year_unclear")}


def test_a_downloaded_ficha_prints_the_answers_and_reads_back_the_same(as_focal_cr, cr_ficha, questionnaire):
    fill_online(as_focal_cr, cr_ficha)
    content = as_focal_cr.get(reverse("surveys:ficha_download", args=[cr_ficha.pk])).content
    text = "\n".join(cell.text for table in Document(io.BytesIO(content)).tables for row in table.rows for cell in row.cells)
    assert "☒ 2025" in text and "☐ 2026" in text and "Nicaragua" in text
    parsed = read_ficha(open_docx_safely(content), campaign_questions(cr_ficha.campaign))
    assert parsed["initiatives"][0]["added"] == EXPECTED


def published(client, ficha, curator_client, *, filled=False):
    if not filled:
        fill_online(client, ficha)
    client.post(reverse("surveys:ficha_submit", args=[ficha.pk]))
    initiative = ficha.initiatives.get()
    curator_client.post(reverse("surveys:ficha_review", args=[ficha.pk]), {"initiative": initiative.pk, "decision": "publish"})
    initiative.refresh_from_db()
    assert initiative.status == Status.PUBLISHED
    return initiative


def test_the_review_screen_shows_the_added_answers(as_focal_cr, cr_ficha, questionnaire, as_curator):
    submitted(as_focal_cr, cr_ficha)
    page = as_curator.get(reverse("surveys:ficha_review", args=[cr_ficha.pk])).text
    assert "Plan 2030" in page and "Recursos que aporta cada actor" in page and "Acordar roles temprano" in page


def test_the_initiative_page_and_the_api_show_the_answers_as_submitted(as_focal_cr, cr_ficha, questionnaire, as_curator, as_anonymous):
    fill_online(as_focal_cr, cr_ficha)
    initiative = cr_ficha.initiatives.get()
    # A draft's answers stay on the survey's pages.
    assert as_curator.get(f"/api/v1/initiatives/{initiative.pk}/").json()["campaign_answers"] == []
    published(as_focal_cr, cr_ficha, as_curator, filled=True)
    page = as_anonymous.get(reverse("registry:initiative_detail", args=[initiative.pk])).text
    assert "Recursos que aporta cada actor" in page and "laboratorios" in page and "Panamá" in page
    expected = [{"campaign": cr_ficha.campaign_id, "questionnaire_version": 1, "answers": EXPECTED}]
    assert as_anonymous.get(f"/api/v1/initiatives/{initiative.pk}/").json()["campaign_answers"] == expected
    listed = as_anonymous.get("/api/v1/initiatives/").json()["results"]
    assert [item["campaign_answers"] for item in listed] == [expected]
    described = as_anonymous.get(f"/api/v1/questionnaires/{questionnaire.pk}/").json()
    assert described["hidden_core"] == ["challenges"]
    priority = next(q for q in described["questions"] if q["key"] == "priority")
    assert priority["kind"] == "one_choice" and priority["options"][0] == {"key": "alta", "labels": {"es": "Alta", "pt": "Alta", "en": "High"}}
    schema = as_anonymous.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    assert "CampaignAnswers" in schema["components"]["schemas"]


def test_csv_and_excel_have_a_column_per_added_question(as_focal_cr, cr_ficha, questionnaire, as_curator):
    published(as_focal_cr, cr_ficha, as_curator)
    api_rows = list(csv.DictReader(io.StringIO(as_curator.get("/api/v1/initiatives/", {"format": "csv"}).content.decode("utf-8-sig"))))
    assert api_rows[0][f"campaign_answers.{cr_ficha.campaign_id}.years_active"] == "2024; 2025"
    rows = list(csv.reader(io.StringIO(as_curator.get("/reports/report.csv").content.decode("utf-8-sig"))))
    header = rows[0]
    title = cr_ficha.campaign.title
    column = header.index(f"{title}: Recursos que aporta cada actor")
    assert rows[1][column] == "El ministerio aporta personal; la universidad, laboratorios."
    assert rows[1][header.index(f"{title}: Años en que estuvo vigente")] == "2024 | 2025"
    assert rows[1][header.index(f"{title}: Prioridad para el país")] == "Alta"
    workbook = load_workbook(io.BytesIO(as_curator.get("/reports/report.xlsx").content), read_only=True)
    sheet = list(workbook.worksheets[0].iter_rows(values_only=True))
    column = list(sheet[0]).index(f"{title}: Países vecinos que participan")
    assert sheet[1][column] == "Nicaragua | Panamá"


def test_the_catalog_and_the_api_filter_by_an_answer_from_a_list(as_focal_cr, cr_ficha, questionnaire, as_curator, as_anonymous):
    initiative = published(as_focal_cr, cr_ficha, as_curator)
    Initiative.objects.filter(pk=initiative.pk)  # the other initiative below answers nothing
    from tests.factories import make_initiative

    make_initiative(name="Otra iniciativa")
    found = as_anonymous.get("/api/v1/initiatives/", {"answer": "priority:alta"}).json()["results"]
    assert [item["id"] for item in found] == [initiative.pk]
    assert as_anonymous.get("/api/v1/initiatives/", {"answer": "years_active:2026"}).json()["results"] == []
    assert [i["id"] for i in as_anonymous.get("/api/v1/initiatives/", {"answer": "includes_women:true"}).json()["results"]] == [initiative.pk]
    catalog = as_anonymous.get(reverse("registry:initiative_list"), {"answer": "priority:alta"}).text
    assert "Prioridad para el país: Alta" in catalog and "Otra iniciativa" not in catalog
