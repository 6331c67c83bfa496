"""Charts people can read: the Word report's PNG draws every accented letter, and the dashboard's
bars carry their names and values, with a table for screen readers."""

import io
import warnings

import lxml.html
import pytest
from PIL import Image

from reports import charts
from tests.factories import institution_for, make_initiative

ACCENTED = [("Sector público", 6), ("Cooperación internacional", 4), ("Gestão", 1)]


def test_a_chart_with_spanish_and_portuguese_labels_has_a_glyph_for_every_letter():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib's "Glyph … missing from font(s)" becomes a failure
        png = charts.bar_chart_png(ACCENTED)
    image = Image.open(io.BytesIO(png))
    image.verify()
    assert image.format == "PNG" and image.size == (1200, 150 + 3 * 75) == charts.png_size(3)


def test_the_missing_glyph_check_is_live():
    """The test above proves something only if a letter the font lacks does warn."""
    with pytest.warns(UserWarning, match="missing from font"):
        charts.bar_chart_png([("合作", 1)])


def test_the_same_figures_draw_the_same_bytes_with_no_software_stamp():
    png = charts.bar_chart_png(ACCENTED)
    assert png == charts.bar_chart_png(ACCENTED)
    assert "Software" not in Image.open(io.BytesIO(png)).info


def test_a_chart_of_nothing_is_still_an_image():
    assert Image.open(io.BytesIO(charts.bar_chart_png([]))).size == charts.png_size(0)


# --- The dashboard ---

@pytest.fixture
def three_initiatives(db):
    make_initiative(sectors=["social"])
    make_initiative(sectors=["social"])
    make_initiative(institution=institution_for("AR"), sectors=["environment"])


def country_chart(page: str):
    tree = lxml.html.fromstring(page)
    [figure] = [f for f in tree.xpath("//figure[contains(@class, 'chart')]") if "Costa Rica" in f.text_content()]
    return figure


def test_each_bar_on_the_dashboard_is_labelled_with_its_name_and_value(as_curator, three_initiatives):
    figure = country_chart(as_curator.get("/reports/").text)
    [svg] = figure.findall(".//svg")
    assert [text.text_content() for text in svg.iter("text")] == ["Costa Rica", "2", "Argentina", "1"]
    widths = [float(rect.get("width")) for rect in svg.iter("rect")]
    assert widths == [charts.SVG_WIDTH - charts.VALUE_ROOM, (charts.SVG_WIDTH - charts.VALUE_ROOM) / 2]
    # Drawn to scale: a viewBox the browser scales as a whole, never stretched out of proportion.
    assert svg.get("viewbox") == f"0 0 {charts.SVG_WIDTH} {2 * charts.SVG_ROW}" and svg.get("preserveaspectratio") is None


def test_screen_readers_get_the_dashboards_bars_as_a_table(as_curator, three_initiatives):
    figure = country_chart(as_curator.get("/reports/").text)
    [svg] = figure.findall(".//svg")
    assert svg.get("aria-hidden") == "true"  # read once, from the table
    [table] = figure.findall(".//table")
    assert "visually-hidden" in table.getparent().get("class").split()
    assert table.find("caption").text_content() == figure.find("figcaption").text_content()
    assert [th.get("scope") for th in table.findall("thead/tr/th")] == ["col", "col"]
    assert [(row.find("th").text_content(), row.find("td").text_content()) for row in table.findall("tbody/tr")] == [
        ("Costa Rica", "2"),
        ("Argentina", "1"),
    ]
    assert all(row.find("th").get("scope") == "row" for row in table.findall("tbody/tr"))
