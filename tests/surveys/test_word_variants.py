"""Fichas as Word and LibreOffice write them, not as python-docx does: tracked changes, content
controls, smart tags, merged heading rows, list styles and text boxes must not lose or repeat answers."""

import io

from docx import Document
from docx.oxml import parse_xml

from surveys.docx.reader import read_ficha
from surveys.docx.safety import open_docx_safely

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def paragraph(inner: str, style: str = "") -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p {W}>{properties}{inner}</w:p>"


def row(label: str, answer_xml: str) -> str:
    return f"<w:tr><w:tc><w:p>{run(label)}</w:p></w:tc><w:tc>{answer_xml}</w:tc></w:tr>"


def table(*rows: str) -> str:
    return f'<w:tbl {W}><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="6000"/></w:tblGrid>{"".join(rows)}</w:tbl>'


def word_file(*body_xml: str) -> bytes:
    document = Document()
    body = document.element.body
    section = body[-1]
    for xml in body_xml:
        section.addprevious(parse_xml(xml))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def read(data: bytes) -> dict:
    return read_ficha(open_docx_safely(data))


INSTITUTION_TABLE = table(
    row("País e institución que completa la ficha", f"<w:p>{run('Perú – APCI')}</w:p>"),
    row("Le interesa compartir la experiencia", f"<w:p>{run('Sí')}</w:p>"),
)


def read_initiative(*rows: str) -> dict:
    """The one initiative of a ficha whose table holds a type, a name and `rows`."""
    named = (row("Tipo de iniciativa", f"<w:p>{run('2')}</w:p>"), row("Nombre de la iniciativa", f"<w:p>{run('Agua')}</w:p>"))
    parsed = read(word_file(INSTITUTION_TABLE, paragraph(run("INFORMACIÓN INICIATIVA 1")), table(*named, *rows)))
    return parsed["initiatives"][0]


def test_tracked_insertions_are_read_and_tracked_deletions_are_not():
    answer = (
        f"<w:p>{run('Red de ')}"
        f'<w:del w:id="1" w:author="Revisora"><w:r><w:delText>puertos</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" w:author="Revisora">{run("huertas escolares")}</w:ins></w:p>'
    )
    parsed = read(
        word_file(
            INSTITUTION_TABLE,
            paragraph(run("INFORMACIÓN INICIATIVA 1")),
            table(row("Tipo de iniciativa", f"<w:p>{run('2')}</w:p>"), row("Nombre de la iniciativa", answer)),
        )
    )
    assert parsed["initiatives"][0]["name"] == "Red de huertas escolares"


def test_answers_inside_content_controls_and_smart_tags_are_read():
    controlled = (
        f'<w:sdt><w:sdtPr><w:alias w:val="Nombre"/></w:sdtPr><w:sdtContent><w:p>{run("Escuelas ")}'
        f'<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">{run("Lima")}</w:smartTag>'
        "</w:p></w:sdtContent></w:sdt>"
    )
    inner_table = table(row("Tipo de iniciativa", f"<w:p>{run('1')}</w:p>"), row("Nombre de la iniciativa", controlled))
    whole_table_in_a_control = (
        f"<w:sdt {W}><w:sdtPr/><w:sdtContent>{inner_table.replace(f'<w:tbl {W}>', '<w:tbl>')}</w:sdtContent></w:sdt>"
    )
    parsed = read(word_file(INSTITUTION_TABLE, paragraph(run("INFORMACIÓN INICIATIVA 1")), whole_table_in_a_control))
    assert parsed["country"] == "PE" and parsed["wants_to_share"] is True
    assert [(i["initiative_type"], i["name"]) for i in parsed["initiatives"]] == [(1, "Escuelas Lima")]


def test_a_heading_merged_across_the_table_opens_the_initiative():
    merged_heading = (
        f'<w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p>{run("INFORMACIÓN INICIATIVA 1")}</w:p></w:tc></w:tr>'
    )
    parsed = read(
        word_file(
            INSTITUTION_TABLE,
            table(
                merged_heading,
                row("Tipo de iniciativa", f"<w:p>{run('3 - Espacio de articulación')}</w:p>"),
                row("Nombre de la iniciativa", f"<w:p>{run('Mesa de diálogo')}</w:p>"),
            ),
        )
    )
    assert [(i["initiative_type"], i["name"]) for i in parsed["initiatives"]] == [(3, "Mesa de diálogo")]


def test_items_in_a_bullet_list_style_keep_their_inline_numbers():
    parsed = read(
        word_file(
            INSTITUTION_TABLE,
            paragraph(run("INFORMACIÓN INICIATIVA 1")),
            table(row("Tipo de iniciativa", f"<w:p>{run('2')}</w:p>"), row("Nombre de la iniciativa", f"<w:p>{run('Agua')}</w:p>")),
            paragraph(run("Identifique hasta 3 fortalezas")),
            paragraph(run("Ley 1) de aguas y 2) su reglamento"), style="ListBullet"),
            paragraph(run("Mesa técnica"), style="Listaconvietas"),
        )
    )
    assert parsed["initiatives"][0]["strengths"] == ["Ley 1) de aguas y 2) su reglamento", "Mesa técnica"]


def test_text_in_a_text_box_is_read_once_not_twice():
    text_box = (
        f"<w:p {W} {MC}><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent><w:p>"
        f"{run('Cancillería y Universidad de Lima – Academia')}</w:p></w:txbxContent></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><w:txbxContent><w:p>{run('Cancillería y Universidad de Lima – Academia')}</w:p>"
        "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    initiative = read_initiative(row("Justificación", text_box.replace(f"<w:p {W} {MC}>", f"<w:p {MC}>")))
    assert initiative["justification"] == "Cancillería y Universidad de Lima – Academia"


def test_a_table_or_a_control_inside_a_text_box_is_read_as_lines_of_the_paragraph_holding_it():
    box_table = (
        f"<w:tbl><w:tr><w:tc><w:p>{run('Universidad de Lima')}</w:p></w:tc>"
        f"<w:tc><w:p>{run('Academia')}</w:p></w:tc></w:tr></w:tbl>"
    )
    box_control = f"<w:sdt><w:sdtPr/><w:sdtContent><w:p>{run('Cancillería')}</w:p></w:sdtContent></w:sdt>"
    holder = (
        f"<w:p {MC}>{run('Antes ')}<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>"
        f"{box_table}{box_control}</w:txbxContent></w:drawing></mc:Choice></mc:AlternateContent></w:r>{run(' después')}</w:p>"
    )
    initiative = read_initiative(row("Justificación", holder), row("Objetivos", f"<w:p>{run('Riego')}</w:p>"))
    # Nothing of the box is lost, nor what follows it in its paragraph and in the next rows.
    assert initiative["justification"] == "Antes\nUniversidad de Lima\nAcademia\nCancillería después"
    assert initiative["objectives"] == "Riego"


def test_non_breaking_hyphens_and_tabs_survive():
    parsed = read(
        word_file(
            INSTITUTION_TABLE,
            paragraph(run("INFORMACIÓN INICIATIVA 1")),
            table(
                row("Tipo de iniciativa", f"<w:p>{run('2')}</w:p>"),
                row("Nombre de la iniciativa", f"<w:p>{run('Costa')}<w:r><w:noBreakHyphen/></w:r>{run('Rica verde')}</w:p>"),
            ),
        )
    )
    assert parsed["initiatives"][0]["name"] == "Costa-Rica verde"


def test_a_paragraphs_tab_stops_are_not_read_as_tabs():
    """LibreOffice writes the tab stops of HTML and RTF lists (`w:pPr/w:tabs/w:tab`) in every
    item: they set where a typed tab lands, and are no text."""
    stops = '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/><w:tab w:val="left" w:pos="1440"/></w:tabs></w:pPr>'
    typed = f"<w:p {W}>{stops}{run('Ministerio')}<w:r><w:tab/></w:r>{run('sector público')}</w:p>"
    document = open_docx_safely(word_file(typed))
    assert [item.text for item in document.items] == ["Ministerio\tsector público"]
