"""What each actor brings, asked as a campaign question: typed online in a table, written in Word
one contribution per line (or in a table), checked on submission against the initiative's
actors, and kept by the follow-up as contributions that the initiative page, the API and the
reports read; a new submission replaces what the ficha said before and nothing else."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from docx import Document

from followup.models import Contribution, ContributionSource, ExchangeRate
from followup.money import contribution_totals
from registry.choices import Status
from surveys import services
from surveys.docx import answers as answers_of
from surveys.docx.reader import Answer, read_ficha
from surveys.docx.safety import open_docx_safely
from surveys.intake import upload_confirm, upload_receive
from surveys.models import CampaignQuestion, FichaInitiative, FichaStatus, Questionnaire
from surveys.questionnaire import campaign_questions
from tests.surveys.conftest import block_post, initiative_post
from tests.surveys.word_files import answer, blank, saved

pytestmark = pytest.mark.django_db

LABEL = "Lo que aporta cada actor"


@pytest.fixture
def questionnaire(campaign):
    questionnaire = Questionnaire.objects.create(campaign=campaign)
    CampaignQuestion.objects.create(
        questionnaire=questionnaire, key="brings", block="initiative", kind="contributions", label=LABEL,
        label_pt="O que cada ator aporta", label_en="What each actor brings",
    )
    return questionnaire


def rows_post(*rows) -> dict:
    data = {"added__brings-TOTAL_FORMS": str(len(rows))}
    for index, row in enumerate(rows):
        data.update({f"added__brings-{index}-{column}": value for column, value in zip(
            ("actor", "kind", "description", "amount", "currency", "year"), row, strict=True)})
    return data


MAG = "Ministerio de Agricultura y Ganadería"
TYPED = [
    (MAG, "financial", "Fondos para cosechadoras", "1.500.000", "crc", "2024"),
    ("Universidad EARTH", "staff", "Dos técnicos a medio tiempo", "", "", ""),
    ("", "", "", "", "", ""),  # a blank row is no contribution
]
KEPT = [
    {"actor": MAG, "kind": "financial", "description": "Fondos para cosechadoras", "amount": "1500000", "currency": "CRC", "year": 2024},
    {"actor": "Universidad EARTH", "kind": "staff", "description": "Dos técnicos a medio tiempo", "amount": None, "currency": "", "year": None},
]


def fill_online(client, ficha, *rows):
    client.post(reverse("surveys:ficha_detail", args=[ficha.pk]), block_post(version=1))
    return client.post(reverse("surveys:ficha_initiative_create", args=[ficha.pk]), {**initiative_post(), **rows_post(*(rows or TYPED))})


def entry(ficha) -> FichaInitiative:
    return FichaInitiative.objects.get(ficha=ficha)


def test_the_online_form_shows_a_table_of_contributions_and_keeps_the_rows_typed(as_focal_cr, cr_ficha, questionnaire):
    page = as_focal_cr.get(reverse("surveys:ficha_initiative_create", args=[cr_ficha.pk])).text
    assert LABEL in page and 'name="added__brings-0-actor"' in page and 'id="id_added__brings-TOTAL_FORMS"' in page
    assert 'data-rows="added__brings"' in page and 'aria-label="Actor, fila 1"' in page
    assert fill_online(as_focal_cr, cr_ficha).status_code == 302
    assert entry(cr_ficha).answers == {"brings": KEPT}
    initiative = cr_ficha.initiatives.get()
    page = as_focal_cr.get(reverse("surveys:ficha_initiative_edit", args=[cr_ficha.pk, initiative.pk])).text
    assert 'value="Dos técnicos a medio tiempo"' in page and 'value="1500000"' in page and 'value="CRC"' in page


@pytest.mark.parametrize(
    "row, message",
    [
        (("", "financial", "Fondos", "100", "USD", "2024"), "actor"),
        ((MAG, "financial", "Fondos", "mucho", "USD", "2024"), "no es un número"),
        ((MAG, "financial", "Fondos", "100", "PESOS", "2024"), "ISO 4217"),
        ((MAG, "financial", "Fondos", "100", "USD", "año 24"), "entre 1900 y 2100"),
        ((MAG, "magic", "Fondos", "", "", ""), "tipo de aporte"),
        ((MAG, "financial", "Fondos", "-5", "USD", "2024"), "negativo"),
        ((MAG, "financial", "Fondos", "2 millones", "USD", "2024"), "no es un número"),
        ((MAG, "financial", "Fondos", "20.5555", "USD", "2024"), "dos decimales"),
        ((MAG, "financial", "Fondos", "100", "USD", "²⁰²⁴"), "entre 1900 y 2100"),
    ],
)
def test_a_row_that_cannot_be_kept_gets_a_message_and_changes_nothing(as_focal_cr, cr_ficha, questionnaire, row, message):
    fill_online(as_focal_cr, cr_ficha)
    initiative = cr_ficha.initiatives.get()
    data = {**initiative_post(version=initiative.version), **rows_post(row)}
    response = as_focal_cr.post(reverse("surveys:ficha_initiative_edit", args=[cr_ficha.pk, initiative.pk]), data)
    assert response.status_code == 200 and "Fila 1" in response.text and message in response.text
    assert entry(cr_ficha).answers == {"brings": KEPT}


def test_a_contribution_of_someone_not_among_the_actors_holds_the_submission(as_focal_cr, cr_ficha, questionnaire):
    fill_online(as_focal_cr, cr_ficha, ("Banco Mundial", "financial", "Préstamo", "100", "USD", "2024"), (MAG, "financial", "", "", "", ""))
    response = as_focal_cr.post(reverse("surveys:ficha_submit", args=[cr_ficha.pk]), follow=True)
    assert "“Banco Mundial” no es uno de los actores de la iniciativa" in response.text
    assert "fila 2" in response.text and "monto de un aporte financiero" in response.text
    cr_ficha.refresh_from_db()
    assert cr_ficha.status == FichaStatus.DRAFT and not Contribution.objects.exists()


def submit(client, ficha):
    client.post(reverse("surveys:ficha_submit", args=[ficha.pk]))
    ficha.refresh_from_db()
    assert ficha.status == FichaStatus.SUBMITTED


def test_submitting_makes_them_the_initiatives_contributions_and_a_new_submission_replaces_only_those(
    as_focal_cr, cr_ficha, questionnaire, curator, as_curator, as_anonymous
):
    fill_online(as_focal_cr, cr_ficha)
    initiative = cr_ficha.initiatives.get()
    # The technical unit recorded one on the follow-up page before: the ficha leaves it alone.
    from followup.services import contribution_add

    earth = initiative.participations.get(organization__name="Universidad EARTH").organization
    contribution_add(initiative=initiative, organization=earth, kind="knowledge", description="Manual de cosecha", by=curator)
    submit(as_focal_cr, cr_ficha)
    reported = Contribution.objects.filter(initiative=initiative, source=ContributionSource.FICHA).order_by("organization__name")
    assert [(c.organization.name, c.kind, c.amount, c.currency, c.year) for c in reported] == [
        (MAG, "financial", Decimal("1500000"), "CRC", 2024), ("Universidad EARTH", "staff", None, "", None),
    ]
    assert reported[0].updated_by.username == "focal_cr"

    services.ficha_return(ficha=cr_ficha, comment="Revisen los montos", by=curator)
    initiative.refresh_from_db()
    fill = {**initiative_post(version=initiative.version), **rows_post((MAG, "financial", "Fondos", "2000000", "CRC", "2025"))}
    as_focal_cr.post(reverse("surveys:ficha_initiative_edit", args=[cr_ficha.pk, initiative.pk]), fill)
    submit(as_focal_cr, cr_ficha)
    kinds = sorted(Contribution.objects.filter(initiative=initiative).values_list("source", "organization__name", "amount"))
    assert kinds == [("ficha", MAG, Decimal("2000000.00")), ("follow_up", "Universidad EARTH", None)]

    as_curator.post(reverse("surveys:ficha_review", args=[cr_ficha.pk]), {"initiative": initiative.pk, "decision": "publish"})
    initiative.refresh_from_db()
    assert initiative.status == Status.PUBLISHED
    page = as_anonymous.get(reverse("registry:initiative_detail", args=[initiative.pk])).text
    assert "2000000" in page and "Manual de cosecha" in page
    listed = as_anonymous.get("/api/v1/contributions/", {"initiative": initiative.pk}).json()["results"]
    assert sorted((item["source"], item["organization_name"]) for item in listed) == [("ficha", MAG), ("follow_up", "Universidad EARTH")]


def test_the_reports_total_reported_contributions_in_dollars(as_focal_cr, cr_ficha, questionnaire, as_curator):
    ExchangeRate.objects.create(currency="CRC", year=2024, units_per_usd=Decimal("500"), source="BCCR")
    fill_online(as_focal_cr, cr_ficha)
    submit(as_focal_cr, cr_ficha)
    totals = contribution_totals(Contribution.objects.all())
    assert totals["actor_type"].usd["public_sector"] == Decimal("3000.00")
    assert totals["country"].count["CR"] == 2
    as_curator.post(reverse("surveys:ficha_review", args=[cr_ficha.pk]), {"initiative": cr_ficha.initiatives.get().pk, "decision": "publish"})
    book = openpyxl.load_workbook(io.BytesIO(as_curator.get("/reports/report.xlsx").content))
    rows = list(book["Aportes"].iter_rows(values_only=True))
    assert (MAG, "CRC", 2024, 3000) in {(row[2], *row[-3:]) for row in rows[1:]}


def test_a_campaign_that_does_not_ask_leaves_the_reported_contributions_alone(as_focal_cr, cr_ficha, questionnaire, campaign):
    fill_online(as_focal_cr, cr_ficha)
    submit(as_focal_cr, cr_ficha)
    initiative = cr_ficha.initiatives.get()
    from surveys.contributions import report_contributions
    from surveys.questionnaire import core

    report_contributions(core(), [initiative], None)
    assert Contribution.objects.filter(initiative=initiative, source=ContributionSource.FICHA).count() == 2


def test_it_is_asked_of_each_initiative_only(campaign, questionnaire):
    question = CampaignQuestion(questionnaire=questionnaire, key="brings2", block="institution", kind="contributions", label="x")
    with pytest.raises(ValidationError, match="iniciativa"):
        question.full_clean()


# --- Word --------------------------------------------------------------------------------------
def read_lines(*lines):
    notes = answers_of.Notes()
    rows = answers_of.contributions([Answer(text=line) for line in lines], answers_of.Where(notes, "brings", 1))
    return rows, {flag["reason"] for flag in notes.flags}


def money(actor, kind, description, amount, currency, year):
    return {"actor": actor, "kind": kind, "description": description, "amount": amount, "currency": currency, "year": year}


@pytest.mark.parametrize(
    "line, expected, flags",
    [
        # As the blank asks it, and as our own download prints it.
        ("Universidad X – Financiero – becas – 20000 USD 2025", money("Universidad X", "financial", "becas", "20000", "USD", 2025), set()),
        # A table's columns (tabs), in Portuguese, with the currency as a sign and the year in parentheses.
        ("Prefeitura de Recife\tFinanceiro\tBolsas\tR$ 50.000,00 (2024)", money("Prefeitura de Recife", "financial", "Bolsas", "50000.00", "BRL", 2024), set()),
        # The kind in other words, the what inside it.
        ("ONG Agua - asistencia técnica de dos expertos", money("ONG Agua", "staff", "asistencia técnica de dos expertos", None, "", None), set()),
        ("Fundación Y | En especie | Salas y equipos", money("Fundación Y", "in_kind", "Salas y equipos", None, "", None), set()),
        ("Empresa W; conocimiento; metodología", money("Empresa W", "knowledge", "metodología", None, "", None), set()),
        ("Câmara de Comércio – convocação de empresas", money("Câmara de Comércio", "convening", "convocação de empresas", None, "", None), set()),
        # The actor before a colon, money in English with a comma before the year: an amount is financial.
        ("World Bank: US$ 3,000.50, 2023", money("World Bank", "financial", "", "3000.50", "USD", 2023), set()),
        ("GIZ – 1.500 euros en 2022 – para los talleres", money("GIZ", "financial", "para los talleres", "1500", "EUR", 2022), {"number_guessed"}),
        # Money valued in another kind keeps the kind written.
        ("UNAM – Conocimiento – curso valorado en 5000 USD 2024", money("UNAM", "knowledge", "curso valorado en 5000 USD 2024", "5000", "USD", 2024), set()),
        # What cannot be read is flagged for the curator, not guessed.
        ("Cámara – $ 1000 2024 – patrocinio", money("Cámara", "financial", "patrocinio", "1000", "", 2024), {"currency_unknown"}),
        ("Municipio – algo que hace", money("Municipio", "", "algo que hace", None, "", None), {"contribution_kind_unknown"}),
        ("INTA – Financiero – 5000 USD", money("INTA", "financial", "", "5000", "USD", None), {"contribution_year_missing"}),
        # A table's Amount | Currency | Year cells, in either order of amount and currency.
        ("Universidad\tFinanciero\tbecas\t20000\tUSD\t2025", money("Universidad", "financial", "becas", "20000", "USD", 2025), set()),
        ("Banco\tFinanciero\tcrédito\tUSD\t3000\t2021", money("Banco", "financial", "crédito", "3000", "USD", 2021), set()),
        # Scale words are read, and flagged for the curator to check.
        ("ONG – Financiero – USD 2 millones – 2024", money("ONG", "financial", "", "2000000", "USD", 2024), {"number_guessed"}),
        ("Prefeitura – 100 mil reais (2023)", money("Prefeitura", "financial", "", "100000", "BRL", 2023), {"number_guessed"}),
    ],
)
def test_the_reader_takes_contributions_as_people_write_them(line, expected, flags):
    rows, found = read_lines(line)
    assert rows == [expected] and found == flags


@pytest.mark.parametrize("text", ["Actor | Tipo de aporte | Descripción | Monto", "N/A", "ninguno", "—", ""])
def test_headers_and_words_for_none_are_no_contribution(text):
    assert read_lines(text) == ([], set())


def test_pasted_characters_are_normalised_away():
    rows, _flags = read_lines("Universidad\u00ad EARTH\u200b –\u00a0Conocimiento – “manual”")
    assert rows == [money("Universidad EARTH", "knowledge", "\"manual\"", None, "", None)]


def filled_word(campaign, fill_contributions) -> bytes:
    document = blank(campaign)
    answer(document, "País e institución que completa la ficha", "Costa Rica – MIDEPLAN")
    answer(document, "Punto focal: nombre y correo electrónico", "Ana Solano <ana@mideplan.go.cr>")
    answer(document, "Tipo de iniciativa", "2 - Proyecto")
    answer(document, "Nombre de la iniciativa", "Cosecha de agua")
    answer(document, "Actores involucrados", "MAG – Sector público\nUniversidad EARTH (Academia)")
    for label, text in [
        ("Fortalezas institucionales", "Equipo estable"), ("Debilidades institucionales", "Poco presupuesto"),
        ("Interés en compartir", "Sí"), ("Objetivo/s", "Cosechar agua de lluvia"), ("Justificación", "Sequías"),
        ("Punto focal de la iniciativa: nombre y correo electrónico", "Luis Mora <luis@mag.go.cr>"),
        ("Principales resultados", "Mil familias con agua"),
    ]:
        answer(document, label, text)
    fill_contributions(document)
    return saved(document)


def lines(document):
    answer(document, LABEL, "MAG – Financiero – fondos – 1500000 CRC 2024\nUniversidad EARTH – Personal y asistencia técnica – dos técnicos")


def nested_table(document):
    cell = next(row.cells[1] for table in document.tables for row in table.rows if row.cells[0].paragraphs[0].text == LABEL)
    table = cell.add_table(rows=3, cols=4)
    for number, values in enumerate([("Actor", "Aporte", "Descripción", "Monto"), ("MAG", "Financiero", "fondos", "1500000 CRC 2024"),
                                     ("Universidad EARTH", "Personal y asistencia técnica", "dos técnicos", "")]):
        for column, value in enumerate(values):
            table.cell(number, column).text = value


READ_FROM_WORD = [
    money("MAG", "financial", "fondos", "1500000", "CRC", 2024), money("Universidad EARTH", "staff", "dos técnicos", None, "", None),
]


def test_the_blank_says_how_to_write_them(campaign, questionnaire):
    document = blank(campaign)
    text = "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert LABEL in text and "Un aporte por línea" in text and "Financiero, En especie" in text


@pytest.mark.parametrize("fill", [lines, nested_table], ids=["lines", "nested-table"])
def test_a_word_ficha_brings_them_into_the_draft_and_to_the_follow_up_on_submission(campaign, questionnaire, focal_cr, as_focal_cr, fill):
    content = filled_word(campaign, fill)
    parsed = read_ficha(open_docx_safely(content), campaign_questions(campaign))
    assert parsed["initiatives"][0]["added"] == {"brings": READ_FROM_WORD}
    upload = upload_receive(data=content, name="ficha.docx", by=focal_cr, campaign=None)
    review = as_focal_cr.get(reverse("surveys:upload_review", args=[upload.pk])).text
    assert "MAG – Financiero – fondos – 1500000 CRC 2024" in review
    ficha = upload_confirm(upload=upload, by=focal_cr, replace=False)
    assert entry(ficha).answers == {"brings": READ_FROM_WORD}
    services.ficha_submit(ficha=ficha, by=focal_cr)
    assert sorted(Contribution.objects.values_list("organization__name", "kind")) == [("MAG", "financial"), ("Universidad EARTH", "staff")]


def test_a_downloaded_ficha_prints_them_and_reads_back_the_same(as_focal_cr, cr_ficha, questionnaire):
    fill_online(as_focal_cr, cr_ficha)
    content = as_focal_cr.get(reverse("surveys:ficha_download", args=[cr_ficha.pk])).content
    text = "\n".join(cell.text for table in Document(io.BytesIO(content)).tables for row in table.rows for cell in row.cells)
    assert f"{MAG} – Financiero – Fondos para cosechadoras – 1500000 CRC 2024" in text
    parsed = read_ficha(open_docx_safely(content), campaign_questions(cr_ficha.campaign))
    assert parsed["initiatives"][0]["added"] == {"brings": KEPT}


def test_an_unclear_contribution_in_word_is_flagged_on_the_review_screen(campaign, questionnaire, focal_cr, as_focal_cr):
    content = filled_word(campaign, lambda document: answer(document, LABEL, "MAG – algo que hace – $ 500 2024"))
    upload = upload_receive(data=content, name="ficha.docx", by=focal_cr, campaign=None)
    review = as_focal_cr.get(reverse("surveys:upload_review", args=[upload.pk])).text
    assert "no se pudo leer la moneda" in review.lower() or "moneda del monto" in review
