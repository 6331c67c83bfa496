"""Fichas as Word and LibreOffice write them, not as python-docx does: tracked changes, content
controls, smart tags, merged heading rows, list styles and text boxes must not lose or repeat answers."""

import io

import pytest

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


def one_cell_row(text: str) -> str:
    return f"<w:tr><w:tc><w:p>{run(text)}</w:p></w:tc></w:tr>"


def one_column(*texts: str) -> str:
    rows = "".join(one_cell_row(text) for text in texts)
    return f'<w:tbl {W}><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>{rows}</w:tbl>'


EXPECTED_INSTITUTION = {"country": "PE", "institution": "APCI", "wants_to_share": True}
EXPECTED_FOCAL_POINT = {"name": "Ana Pérez", "email": "ana@example.org"}


def assert_read_as_typed(parsed: dict) -> None:
    assert {key: parsed[key] for key in EXPECTED_INSTITUTION} == EXPECTED_INSTITUTION
    assert parsed["focal_point"] == EXPECTED_FOCAL_POINT
    [initiative] = parsed["initiatives"]
    assert (initiative["initiative_type"], initiative["name"], initiative["other_countries"]) == (2, "Agua", ["BO", "CL"])


def test_a_form_rebuilt_as_one_column_reads_each_answer_from_the_row_under_its_question():
    parsed = read(word_file(
        one_column(
            "INFORMACIÓN INSTITUCIONAL", "País e institución que completa la ficha", "Perú – APCI",
            "Punto focal (nombre y correo electrónico)", "Ana Pérez ana@example.org",
            "Le interesa compartir la experiencia de las iniciativas registradas", "Sí",
        ),
        paragraph(run("INFORMACIÓN INICIATIVA 1")),
        one_column("Tipo de iniciativa", "2", "Nombre de la iniciativa", "Agua", "Otros países involucrados", "Bolivia, Chile"),
    ))
    assert_read_as_typed(parsed)


@pytest.mark.parametrize("layout", ["paragraphs", "one column", "label cells"])
def test_an_answer_typed_after_its_questions_colon_is_read(layout):
    block = ["País e institución que completa la ficha: Perú – APCI", "Nombre e email de punto focal: Ana Pérez ana@example.org",
             "¿Le interesa compartir la experiencia de las iniciativas? Sí"]
    initiative = ["Tipo de iniciativa: 2", "Nombre de la iniciativa: Agua", "Otros países involucrados: Bolivia, Chile"]
    if layout == "paragraphs":
        parts = [paragraph(run(text)) for text in ["INFORMACIÓN INSTITUCIONAL", *block, "INFORMACIÓN INICIATIVA 1", *initiative]]
    elif layout == "one column":
        parts = [one_column("INFORMACIÓN INSTITUCIONAL", *block), paragraph(run("INFORMACIÓN INICIATIVA 1")), one_column(*initiative)]
    else:  # the form's two columns, the answer typed in the label's cell and the answer's cell left empty
        empty = "<w:p/>"
        parts = [
            table(*(row(text, empty) for text in block[:2]), row("Le interesa compartir la experiencia", f"<w:p>{run('Sí')}</w:p>")),
            paragraph(run("INFORMACIÓN INICIATIVA 1")), table(*(row(text, empty) for text in initiative)),
        ]
    assert_read_as_typed(read(word_file(*parts)))


def test_the_forms_own_words_after_a_colon_are_no_answer():
    parsed = read(word_file(
        paragraph(run("INFORMACIÓN INSTITUCIONAL")),
        paragraph(run("País e institución que completa la ficha:")), paragraph(run("Perú – APCI")),
        # The label of our own printed form holds a colon; what follows the last one is the answer.
        paragraph(run("Punto focal: nombre y correo electrónico: Ana Pérez ana@example.org")),
        paragraph(run("INFORMACIÓN INICIATIVA 1")),
        # The options listed after the label are the form's help; the answer is on the next line.
        paragraph(run("Tipo de iniciativa: 1 - Acción, 2 - Proyecto, 3 - Programa, 4 - Otros")), paragraph(run("2")),
        paragraph(run("Nombre de la iniciativa: Agua")),
        paragraph(run("Justificación: Describa brevemente por qué surgió la iniciativa y destaque las razones de su carácter multiactor")),
        paragraph(run("La sequía.")),
    ))
    assert (parsed["country"], parsed["institution"], parsed["focal_point"]) == ("PE", "APCI", EXPECTED_FOCAL_POINT)
    [initiative] = parsed["initiatives"]
    assert (initiative["initiative_type"], initiative["name"], initiative["justification"]) == (2, "Agua", "La sequía.")


def test_an_answer_that_starts_like_a_short_label_stays_in_its_answer():
    parsed = read(word_file(
        INSTITUTION_TABLE, paragraph(run("INFORMACIÓN INICIATIVA 1")),
        table(row("Tipo de iniciativa", f"<w:p>{run('2')}</w:p>"), row("Nombre de la iniciativa", f"<w:p>{run('Agua')}</w:p>")),
        paragraph(run("Justificación")), paragraph(run("Objetivo general: reducir la pérdida de cosechas.")),
        paragraph(run("La sequía afecta a la región.")),
    ))
    [initiative] = parsed["initiatives"]
    assert initiative["justification"] == "Objetivo general: reducir la pérdida de cosechas.\nLa sequía afecta a la región."
    assert initiative["objectives"] == ""


# --- Forms an agency types itself: its own headings, no headings, its own translation ---
def two_column(*pairs: tuple[str, str]) -> str:
    return table(*(row(label, f"<w:p>{run(answer)}</w:p>") for label, answer in pairs))


INITIATIVE_ROWS = (("Tipo de iniciativa", "2"), ("Nombre de la iniciativa", "Agua"), ("Otros países involucrados", "Bolivia, Chile"))
SECOND_INITIATIVE_ROWS = (("Tipo de iniciativa", "1"), ("Nombre de la iniciativa", "Suelos"), ("Punto focal de la iniciativa", "Luis Paz luis@example.org"))
INSTITUTION_ROWS = (
    ("País e institución", "Perú – APCI"), ("Punto focal (nombre y correo)", "Ana Pérez ana@example.org"),
    ("¿Le interesa compartir la experiencia con otros países?", "Sí"),
)


def assert_two_initiatives(parsed: dict) -> None:
    assert_read_as_typed({**parsed, "initiatives": parsed["initiatives"][:1]})
    second = parsed["initiatives"][1]
    assert (second["initiative_type"], second["name"], second["focal_point"]) == (1, "Suelos", {"name": "Luis Paz", "email": "luis@example.org"})
    assert len(parsed["initiatives"]) == 2


@pytest.mark.parametrize("heading", ["Iniciativa 1", "INICIATIVA Nº 1", "Iniciativa n.° 1", "Iniciativa #1", "Información de la iniciativa 1", "Informação da iniciativa 1:"])
def test_an_agencys_own_heading_over_each_initiative_opens_it(heading):
    parsed = read(word_file(
        paragraph(run("Información institucional")), two_column(*INSTITUTION_ROWS),
        paragraph(run(heading)), two_column(*INITIATIVE_ROWS),
        paragraph(run(heading.replace("1", "2"))), two_column(*SECOND_INITIATIVE_ROWS),
    ))
    assert_two_initiatives(parsed)
    # The second initiative's focal point is its own, not the institution's.
    assert parsed["focal_point"] == EXPECTED_FOCAL_POINT


def test_an_answer_starting_with_the_word_initiative_is_no_heading():
    parsed = read(word_file(
        INSTITUTION_TABLE, paragraph(run("INFORMACIÓN INICIATIVA 1")), two_column(*INITIATIVE_ROWS),
        paragraph(run("Justificación")), paragraph(run("Iniciativa 2 de la mesa regional, que siguió a la primera.")),
    ))
    [initiative] = parsed["initiatives"]
    assert initiative["justification"] == "Iniciativa 2 de la mesa regional, que siguió a la primera."


@pytest.mark.parametrize("layout", ["one table", "a table each"])
def test_initiatives_without_any_heading_are_told_apart_by_their_questions(layout):
    """The institution's questions, then an initiative's, then the same again: each time an
    initiative's question comes back answered, the next initiative has begun."""
    rows = (*INSTITUTION_ROWS, *INITIATIVE_ROWS, *SECOND_INITIATIVE_ROWS)
    parts = [two_column(*rows)] if layout == "one table" else [two_column(*INSTITUTION_ROWS), two_column(*INITIATIVE_ROWS), two_column(*SECOND_INITIATIVE_ROWS)]
    assert_two_initiatives(read(word_file(*parts)))


def test_a_one_column_form_without_headings_reads_the_institutions_answers():
    parsed = read(word_file(one_column(
        "País e institución que completa la ficha", "Perú – APCI", "Nombre e email de punto focal", "Ana Pérez ana@example.org",
        "Le interesa compartir la experiencia de las iniciativas registradas con otros países", "Sí",
        "INFORMACIÓN INICIATIVA 1", "Tipo de iniciativa", "2", "Nombre de la iniciativa:", "Agua", "Otros países involucrados:", "Bolivia, Chile",
    )))
    assert_read_as_typed(parsed)


def test_the_ficha_translated_into_portuguese_by_an_agency_is_read():
    parsed = read(word_file(
        paragraph(run("INFORMAÇÃO INSTITUCIONAL")),
        two_column(
            ("País e instituição que preenche a ficha", "Perú – APCI"), ("Nome e e-mail do ponto focal", "Ana Pérez | ana@example.org"),
            ("Identifica pontos fortes na sua instituição para desenvolver alianças multiator?", "Sim, a rede."),
            ("Identifica fragilidades na sua instituição?", "Poucos recursos."),
            ("Tem interesse em partilhar a experiência com outros países?", "Sim"),
        ),
        paragraph(run("INFORMAÇÃO DA INICIATIVA 1")),
        two_column(
            ("Tipo de iniciativa", "2 – Projeto"), ("Nome da iniciativa:", "Agua"), ("Objectivo(s):", "Formar técnicos."),
            ("Tipo(s) de ator(es) envolvido(s):", "Universidade de Lisboa – universidade pública"),
            ("Outros países envolvidos:", "Bolívia e Chile"), ("Justificação", "Um pedido dos parceiros."),
            ("Identifique até 3 pontos fortes do desenho", "• Formação certificada."),
            ("Identifique até 3 desafios do desenho", "• Calendários."),
            ("Indique até 3 dos principais resultados alcançados", "• 60 técnicos formados."),
        ),
    ))
    assert_read_as_typed(parsed)
    assert (parsed["institution_strengths"], parsed["institution_weaknesses"]) == ("Sim, a rede.", "Poucos recursos.")
    [initiative] = parsed["initiatives"]
    assert initiative["objectives"] == "Formar técnicos." and initiative["justification"] == "Um pedido dos parceiros."
    assert initiative["actors"] == [{"name": "Universidade de Lisboa", "actor_type": "academia"}]
    assert (initiative["strengths"], initiative["challenges"], initiative["results"]) == (
        ["Formação certificada."], ["Calendários."], ["60 técnicos formados."],
    )


@pytest.mark.parametrize(("typed", "expected"), [("", (1, "")), ("Identifique el número de la opción deseada: 1, 2, 3 o 4.", (1, ""))])
def test_a_cross_beside_an_option_in_the_types_label_cell_is_read(typed, expected):
    label = "Tipo de iniciativa:\n1- Acción (se ejecuta una vez)   X\n2 - Proyecto\n3- Espacio de articulación\n4- Otros"
    cell = f"<w:tr><w:tc><w:p>{''.join(run(line) + '<w:r><w:br/></w:r>' for line in label.split(chr(10)))}</w:p></w:tc><w:tc><w:p>{run(typed)}</w:p></w:tc></w:tr>"
    parsed = read(word_file(INSTITUTION_TABLE, paragraph(run("INFORMACIÓN INICIATIVA 1")), table(cell, row("Nombre de la iniciativa", f"<w:p>{run('Agua')}</w:p>"))))
    [initiative] = parsed["initiatives"]
    assert (initiative["initiative_type"], initiative["initiative_type_other"]) == expected
    assert parsed["flags"] == []


# --- Forms retyped with the agency's own short labels ---
def test_label_colon_answer_paragraphs_with_short_labels_and_numbered_sections_are_read():
    """Every answer after its short label, the initiatives as numbered sections whose title is their name."""
    lines = [
        "País: Perú", "Institución: APCI", "Punto focal: Ana Pérez, ana@example.org", "¿Interés en compartir la experiencia?: SI",
        "1. Agua", "Tipo: 2 (proyecto)", "Países: Bolivia, Chile", "Fortalezas:", "a) Redes locales", "b) Apoyo municipal",
        "2. Suelos", "Tipo: Opción 1 – Acción", "Punto focal: Luis Paz – luis@example.org", "Resultados: Un plan",
    ]
    parsed = read(word_file(*(paragraph(run(line)) for line in lines)))
    assert_read_as_typed({**parsed, "initiatives": parsed["initiatives"][:1]})
    first, second = parsed["initiatives"]
    assert first["strengths"] == ["Redes locales", "Apoyo municipal"]
    assert (second["initiative_type"], second["name"], second["results"]) == (1, "Suelos", ["Un plan"])
    assert second["focal_point"] == {"name": "Luis Paz", "email": "luis@example.org"}


def test_a_numbered_list_is_not_read_as_numbered_sections():
    parsed = read(word_file(
        INSTITUTION_TABLE, paragraph(run("INFORMACIÓN INICIATIVA 1")), two_column(*INITIATIVE_ROWS),
        paragraph(run("Resultados")), paragraph(run("1. Un plan")), paragraph(run("2. Dos talleres")),
        paragraph(run("Tipo de iniciativa: 1")), paragraph(run("Nombre de la iniciativa: Suelos")),
    ))
    first, second = parsed["initiatives"]
    assert first["results"] == ["Un plan", "Dos talleres"] and second["name"] == "Suelos"


@pytest.mark.parametrize(
    ("label", "key", "value"),
    [
        ("Nombre", "name", "Agua"), ("Título", "name", "Agua"), ("Nombre:", "name", "Agua"),
        ("Tipo", "initiative_type", 2), ("Modalidad de la iniciativa (1 Acción / 2 Proyecto)", "initiative_type", 2),
        ("Países", "other_countries", ["BO"]), ("Otros países participantes", "other_countries", ["BO"]),
        ("Actores participantes", "actors", [{"name": "Universidad de Chile", "actor_type": "academia"}]),
        ("Actores (nombre y tipo)", "actors", [{"name": "Universidad de Chile", "actor_type": "academia"}]),
        ("Actores involucrados, por tipo", "actors", [{"name": "Universidad de Chile", "actor_type": "academia"}]),
        ("Atores envolvidos e seu tipo", "actors", [{"name": "Universidad de Chile", "actor_type": "academia"}]),
        ("Fortalezas (hasta 3)", "strengths", ["Redes"]), ("Resultados", "results", ["Redes"]),
        ("Objetivo general", "objectives", "Redes"),
    ],
)
def test_an_agencys_short_label_in_a_table_row_is_its_question(label, key, value):
    answer = {"initiative_type": "Proyecto", "other_countries": "Bolivia", "actors": "Universidad de Chile – universidad"}.get(key, "Agua" if key == "name" else "Redes")
    rows = [("Tipo de iniciativa", "2"), ("Nombre de la iniciativa", "Agua")]
    rows = [row for row in rows if not (key in ("name", "initiative_type") and row[0].startswith({"name": "Nombre", "initiative_type": "Tipo"}[key]))]
    parsed = read(word_file(INSTITUTION_TABLE, paragraph(run("INFORMACIÓN INICIATIVA 1")), two_column(*rows, (label, answer))))
    assert parsed["initiatives"][0][key] == value


@pytest.mark.parametrize("label", ["Fortalezas institucionales para el desarrollo de alianzas multiactor",
                                   "Pontos fortes para o desenvolvimento de alianças multiatores"])
def test_the_institutions_strengths_are_read_whatever_the_alliances_are_for(label):
    parsed = read(word_file(two_column(("País e institución", "Perú – APCI"), (label, "Redes regionales")),
                            paragraph(run("INFORMACIÓN INICIATIVA 1")), two_column(*INITIATIVE_ROWS)))
    assert parsed["institution_strengths"] == "Redes regionales"


def test_a_table_of_actors_nested_in_the_answers_cell_keeps_their_names_and_types_not_their_roles():
    nested = table(*(
        f"<w:tr>{''.join(f'<w:tc><w:p>{run(cell)}</w:p></w:tc>' for cell in cells)}</w:tr>"
        for cells in (("Nombre / Name", "Rol / Role", "Tipo / Type"),
                      ("Universidad de Chile", "Socio técnico", "Academia"),
                      ("Fundación Avina", "Financiador", "Sociedad civil"))
    ))
    parsed = read(word_file(
        INSTITUTION_TABLE, paragraph(run("INFORMACIÓN INICIATIVA 1")),
        table(row("Tipo de iniciativa", f"<w:p>{run('2')}</w:p>"), row("Actores involucrados", f"{nested}<w:p/>")),
    ))
    assert parsed["initiatives"][0]["actors"] == [
        {"name": "Universidad de Chile", "actor_type": "academia"},
        {"name": "Fundación Avina", "actor_type": "civil_society"},
    ]


def test_a_short_label_is_the_whole_label_only():
    """'Nombre del punto focal' is the focal point, not the initiative's name; 'País' is not 'Países'."""
    parsed = read(word_file(
        two_column(("País", "Perú"), ("Institución", "APCI"), ("Nombre del punto focal", "Ana Pérez ana@example.org")),
        paragraph(run("Iniciativa 1")), two_column(("Tipo", "2"), ("Nombre", "Agua"), ("Países", "Bolivia y Chile")),
    ))
    assert (parsed["country"], parsed["institution"], parsed["focal_point"]) == ("PE", "APCI", EXPECTED_FOCAL_POINT)
    [initiative] = parsed["initiatives"]
    assert (initiative["name"], initiative["other_countries"]) == ("Agua", ["BO", "CL"])


def test_numbered_questions_in_paragraphs_are_read_and_a_name_label_under_a_focal_point_is_the_persons():
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "1. País e institución", "Perú – APCI", "2. Punto focal (nombre y correo electrónico)", "Nombre: Ana Pérez",
        "Correo: ana@example.org", "3. ¿Qué fortalezas identifica en su institución?", "Una red.", "4. ¿Y debilidades?", "Pocas.",
        "5. ¿Le interesaría compartir la experiencia con otros países?", "Sí",
        "INICIATIVA 1", "Tipo de iniciativa", "2", "Nombre de la iniciativa", "Agua", "Otros países involucrados", "Bolivia, Chile",
    ])))
    assert_read_as_typed(parsed)
    assert (parsed["institution_strengths"], parsed["institution_weaknesses"]) == ("Una red.", "Pocas.")


def test_a_table_with_a_column_per_initiative_reads_each_column_as_an_initiative():
    header = "<w:tr>" + "".join(f"<w:tc><w:p>{run(text)}</w:p></w:tc>" for text in ("Pregunta", "Iniciativa 1", "Iniciativa 2")) + "</w:tr>"

    def three(label, first, second):
        return "<w:tr>" + "".join(f"<w:tc><w:p>{run(text)}</w:p></w:tc>" for text in (label, first, second)) + "</w:tr>"

    matrix = f'<w:tbl {W}><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>' + header + three(
        "Tipo", "☒ Proyecto", "Otro: Fondo concursable") + three("Nombre", "Agua", "Fondo") + three("Otros países", "Bolivia", "-") + "</w:tbl>"
    parsed = read(word_file(INSTITUTION_TABLE, paragraph(run("Iniciativas")), matrix))
    first, second = parsed["initiatives"]
    assert (first["initiative_type"], first["name"], first["other_countries"]) == (2, "Agua", ["BO"])
    assert (second["initiative_type"], second["initiative_type_other"], second["name"], second["other_countries"]) == (4, "Fondo concursable", "Fondo", [])


def test_a_table_of_actors_of_its_own_answers_a_see_the_table_pointer():
    header = "<w:tr>" + "".join(f"<w:tc><w:p>{run(text)}</w:p></w:tc>" for text in ("Institución", "Tipo de actor", "Rol")) + "</w:tr>"
    rows = "".join(
        "<w:tr>" + "".join(f"<w:tc><w:p>{run(text)}</w:p></w:tc>" for text in cells) + "</w:tr>"
        for cells in (("Municipalidad de Rosario", "Gobierno local", "Miembro"), ("Red de ONG de Santa Fe", "OSC", "Secretaría técnica"))
    )
    actors_table = f'<w:tbl {W}><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>{header}{rows}</w:tbl>'
    parsed = read(word_file(
        INSTITUTION_TABLE, paragraph(run("Iniciativa 1")),
        two_column(("Tipo", "2"), ("Nombre", "Agua"), ("Actores", "Ver cuadro de actores")),
        paragraph(run("Cuadro de actores – Iniciativa 1")), actors_table,
    ))
    [initiative] = parsed["initiatives"]
    assert initiative["actors"] == [
        {"name": "Municipalidad de Rosario", "actor_type": "local_government"},
        {"name": "Red de ONG de Santa Fe", "actor_type": "civil_society"},
    ]


def test_one_list_item_per_row_is_read_as_the_list():
    parsed = read(word_file(
        INSTITUTION_TABLE, paragraph(run("INICIATIVA 1")),
        two_column(("Tipo de iniciativa", "2"), ("Nombre", "Agua"), ("Fortaleza 1", "Vecinos."), ("Fortaleza 2", "Universidad."),
                   ("Desafío 1", "Demoras."), ("Resultado 1", "100 barrios."), ("Resultado 2", "—")),
        paragraph(run("INICIATIVA 2")), two_column(("Tipo de iniciativa", "1"), ("Nombre", "Suelos"), ("Fortaleza 1", "Ley.")),
    ))
    first, second = parsed["initiatives"]
    assert (first["strengths"], first["challenges"], first["results"]) == (["Vecinos.", "Universidad."], ["Demoras."], ["100 barrios."])
    assert second["strengths"] == ["Ley."]


def test_english_first_labels_with_their_translation_and_a_titled_heading_are_read():
    parsed = read(word_file(
        paragraph(run("Country / Institution: Perú – APCI")), paragraph(run("Focal point (name &amp; e-mail): Ana Pérez – ana@example.org")),
        paragraph(run("Institutional strengths / Fortalezas institucionales: Una red.")),
        paragraph(run("Interested in sharing the experience? / ¿Le interesa compartir? Sí")),
        paragraph(run("Iniciativa N° 1: Agua")),
        two_column(("Type of initiative", "Project (2)"), ("Partner countries", "Bolivia, Chile"), ("Strengths / Fortalezas", "Redes")),
    ))
    assert_read_as_typed(parsed)
    assert parsed["institution_strengths"] == "Una red." and parsed["initiatives"][0]["strengths"] == ["Redes"]


def test_objetivo_general_with_its_answer_opens_the_objectives_outside_a_long_answer():
    parsed = read(word_file(
        INSTITUTION_TABLE, paragraph(run("Iniciativa N° 1: Agua")), paragraph(run("Tipo: 2")),
        paragraph(run("Objetivo general: reducir la pérdida de cosechas.")), paragraph(run("Justificación: la sequía.")),
        paragraph(run("Objetivo general: este texto sigue la justificación.")),
    ))
    [initiative] = parsed["initiatives"]
    assert (initiative["name"], initiative["objectives"]) == ("Agua", "reducir la pérdida de cosechas.")
    assert initiative["justification"] == "la sequía.\nObjetivo general: este texto sigue la justificación."


def test_idem_under_an_initiatives_focal_point_is_the_institutions():
    parsed = read(word_file(
        two_column(("País e institución", "Perú – APCI"), ("Punto focal", "Ana Pérez ana@example.org")),
        paragraph(run("INICIATIVA 1")), two_column(("Tipo de iniciativa", "2"), ("Nombre", "Agua"), ("Punto focal de la iniciativa", "Ídem punto focal institucional")),
    ))
    assert parsed["initiatives"][0]["focal_point"] == EXPECTED_FOCAL_POINT


def test_a_letters_closing_and_signature_are_no_answer():
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "País: Perú", "Institución: APCI", "Iniciativa 1: Agua", "Tipo: 2", "Resultados:", "Un plan.",
        "Sin otro particular, saludo a usted atentamente.", "Embajador Luis Paz", "Director General", "luis@example.org",
        "Lima, 20 de marzo de 2023.",
    ])))
    [initiative] = parsed["initiatives"]
    assert initiative["results"] == ["Un plan."]


def test_strengths_among_the_institutions_questions_are_the_institutions_and_questions_numbered_1_1_are_read():
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "1.1 País e institución: Perú – APCI", "1.2 Fortalezas: Una red.", "1.3 Debilidades: Pocas.",
        "2. Iniciativa 1", "2.1 Tipo de iniciativa: 2", "2.2 Nombre de la iniciativa: Agua", "2.3 Fortalezas: Redes",
    ])))
    assert (parsed["country"], parsed["institution_strengths"], parsed["institution_weaknesses"]) == ("PE", "Una red.", "Pocas.")
    [initiative] = parsed["initiatives"]
    assert (initiative["name"], initiative["strengths"]) == ("Agua", ["Redes"])


def test_answers_typed_under_the_label_in_its_own_cell_are_read_and_the_forms_help_is_not():
    def label_cell_row(lines, answer=""):
        label = "".join(run(line) + "<w:r><w:br/></w:r>" for line in lines)
        return f"<w:tr><w:tc><w:p>{label}</w:p></w:tc><w:tc><w:p>{run(answer) if answer else ''}</w:p></w:tc></w:tr>"

    parsed = read(word_file(
        INSTITUTION_TABLE, paragraph(run("INFORMACIÓN INICIATIVA 1")),
        table(
            row("Tipo de iniciativa", f"<w:p>{run('2')}</w:p>"), label_cell_row(["Nombre de la iniciativa:", "Agua"]),
            label_cell_row(["Objetivo/s:", "Llevar agua a 20 comunidades."]),
            label_cell_row(["Justificación", "Describa brevemente por qué surgió la iniciativa y destaque las razones de su carácter multiactor"]),
        ),
    ))
    [initiative] = parsed["initiatives"]
    assert (initiative["name"], initiative["objectives"], initiative["justification"]) == ("Agua", "Llevar agua a 20 comunidades.", "")


def test_an_answer_after_an_instruction_keeps_its_final_full_stop():
    parsed = read_initiative(row("Justificación", f"<w:p>{run('Describa brevemente por qué surgió la iniciativa y destaque las razones de su carácter multiactor. La sequía.')}</w:p>"))
    assert parsed["justification"] == "La sequía."


@pytest.mark.parametrize("pointer", ["véase la persona de contacto al final del documento.", "Ver datos al final"])
def test_a_focal_point_pointing_at_a_contact_block_at_the_end_is_that_contact(pointer):
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "País: España", "Institución: AECID", f"Punto focal: {pointer}", "Iniciativa 1", "Tipo: 2", "Nombre: Agua",
        "Punto focal: ídem.", "Resultados:", "Un plan.", "Persona de contacto:", "Beatriz Olmedo Sanz",
        "Jefa de Área de Cooperación Sur-Sur", "Beatriz.Olmedo@aecid.es  ·  Tel. +34 91 583 81 00", "Madrid, 21 de marzo de 2023",
    ])))
    contact = {"name": "Beatriz Olmedo Sanz", "email": "beatriz.olmedo@aecid.es"}
    assert parsed["focal_point"] == contact
    [initiative] = parsed["initiatives"]
    assert initiative["focal_point"] == contact and initiative["results"] == ["Un plan."]


def test_a_focal_point_asked_twice_with_an_answer_each_time_is_not_a_contact_block():
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "País: Perú", "Institución: APCI", "Punto focal: Ana Pérez", "Correo del punto focal: ana@example.org", "Iniciativa 1", "Tipo: 2",
    ])))
    assert parsed["focal_point"] == {"name": "Ana Pérez", "email": "ana@example.org"}


def test_labels_run_in_with_a_full_stop_and_questions_marked_p_and_r():
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "Punto de contacto. Licda. Karla Menjívar (kmenjivar@esco.gob.sv).", "País: El Salvador", "Institución: ESCO",
        "Sobre la difusión. La ESCO prefiere no difundir las iniciativas por ahora.",
        "Iniciativa 1: Residuos", "Naturaleza. Proyecto de cooperación triangular.", "Objetivo. Fortalecer la gestión de residuos.",
        "P.6 Fortalezas (máx. 3)", "R.: Una mesa técnica.",
    ])))
    assert parsed["focal_point"]["email"] == "kmenjivar@esco.gob.sv" and parsed["wants_to_share"] is False
    [initiative] = parsed["initiatives"]
    assert initiative["initiative_type"] == 2 and initiative["objectives"] == "Fortalecer la gestión de residuos."
    assert initiative["strengths"] == ["Una mesa técnica."]


def test_one_question_over_rows_one_after_another_is_one_answer():
    parsed = read(word_file(
        INSTITUTION_TABLE, paragraph(run("INICIATIVA N.º 1")),
        table(row("Denominación", f"<w:p>{run('Huertas')}</w:p>"), row("Modalidad", f"<w:p>{run('Proyecto')}</w:p>"),
              row("Socios", f"<w:p>{run('Municipalidad de Rosario – gobierno local')}</w:p>"),
              row("Contrapartes", f"<w:p>{run('—')}</w:p>"),
              row("Aliados", f"<w:p>{run('INTA – sector público')}</w:p>"), row("Logros", f"<w:p>{run('42 huertas.')}</w:p>")),
    ))
    [initiative] = parsed["initiatives"]
    assert [actor["name"] for actor in initiative["actors"]] == ["Municipalidad de Rosario", "INTA"]
    assert initiative["results"] == ["42 huertas."]


@pytest.mark.parametrize("heading", ["Sección II – Experiencia N.º 2", "III. FICHA B", "SECCIÓN 3. INICIATIVA 2", "Experiencia de alianza multiactor N.º 2"])
def test_an_agencys_section_over_the_second_initiative_opens_it(heading):
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "País: Perú", "Institución: APCI", "Iniciativa 1", "Nombre: Agua", "Tipo: 2", heading, "Nombre: Riego", "Tipo: 1",
    ])))
    assert [initiative["name"] for initiative in parsed["initiatives"]] == ["Agua", "Riego"]


def test_questions_asked_in_the_agencys_own_sentences():
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "¿Qué institución y país responden la presente ficha?", "Perú – APCI",
        "¿Quién es la persona designada como punto focal y cuál es su correo electrónico?", "Ana Pérez, ana@example.org",
        "¿Le interesa a la institución compartir con otros países la experiencia de las iniciativas?", "Sí.",
        "Primera iniciativa", "¿Cuál es el nombre de la iniciativa?", "Agua segura",
        "¿A qué tipo corresponde (1 acción, 2 proyecto, 3 espacio, 4 otro)?", "Opción 2: proyecto.",
        "¿Qué actores participan y de qué tipo es cada uno?", "Universidad de Piura: academia",
        "¿Qué otros países participan?", "Bolivia",
        "¿Por qué surgió la iniciativa y por qué tiene carácter multiactor?", "Por la sequía.",
        "¿Qué desafíos o cuellos de botella se presentaron en el proceso multiactor (hasta tres)?", "Plazos largos.",
    ])))
    assert (parsed["country"], parsed["institution"], parsed["wants_to_share"]) == ("PE", "APCI", True)
    assert parsed["focal_point"] == {"name": "Ana Pérez", "email": "ana@example.org"}
    [initiative] = parsed["initiatives"]
    assert (initiative["name"], initiative["initiative_type"], initiative["other_countries"]) == ("Agua segura", 2, ["BO"])
    assert initiative["actors"] == [{"name": "Universidad de Piura", "actor_type": "academia"}]
    assert (initiative["justification"], initiative["challenges"]) == ("Por la sequía.", ["Plazos largos."])


def three_column(*rows: tuple[str, str, str]) -> str:
    cells = "".join(f"<w:tr>{''.join(f'<w:tc><w:p>{run(text)}</w:p></w:tc>' for text in cells)}</w:tr>" for cells in rows)
    return f'<w:tbl {W}><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="3000"/><w:gridCol w:w="5000"/></w:tblGrid>{cells}</w:tbl>'


def test_a_column_numbering_the_questions_or_naming_their_part_comes_before_the_label():
    parsed = read(word_file(three_column(
        ("N.º", "Pregunta", "Respuesta"), ("1.1", "País / institución", "Paraguay / STP"), ("1.5", "¿Desea compartir las experiencias?", "SÍ"),
        ("IDENTIFICACIÓN", "Tipo de iniciativa", "2"), ("", "Nombre de la iniciativa", "Alerta temprana"),
        ("Actor", "Tipo", "Rol en la alianza"),
    )))
    assert (parsed["country"], parsed["institution"], parsed["wants_to_share"]) == ("PY", "STP", True)
    [initiative] = parsed["initiatives"]
    assert (initiative["initiative_type"], initiative["name"]) == (2, "Alerta temprana")


def test_actors_typed_by_codes_a_legend_explains():
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "País: República Dominicana", "Institución: MEPyD", "Ficha técnica N.º 1", "Nombre: Focalización", "Tipo: 2",
        "Actores participantes (siglas): SIUBEN (SP) · INTEC (AC) · PNUD (CI) · FEDOMU (GL)", "Resultados:", "Un índice.",
        "Leyenda: SP = sector público; AC = academia; CI = cooperación internacional; GL = gobierno local",
    ])))
    [initiative] = parsed["initiatives"]
    assert [(actor["name"], actor["actor_type"]) for actor in initiative["actors"]] == [
        ("SIUBEN", "public_sector"), ("INTEC", "academia"), ("PNUD", "international_cooperation"), ("FEDOMU", "local_government")]
    assert initiative["results"] == ["Un índice."]


def test_a_box_holding_its_question_over_its_answer_and_a_type_in_brackets():
    box = lambda question, answer: f"<w:tr><w:tc><w:p>{run(question)}</w:p><w:p>{run(answer)}</w:p></w:tc></w:tr>"  # noqa: E731
    parsed = read(word_file(
        f'<w:tbl {W}><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>'
        + box("Institución que responde", "Respuesta: México — SEMARNAT") + box("Persona enlace y correo", "Respuesta: Itzel Hernández — itzel@semarnat.gob.mx")
        + "</w:tbl>",
        paragraph(run("Iniciativa 1")), paragraph(run("Tipo: 2")), paragraph(run("Actores: UCRUS [sindical]")),
    ))
    assert (parsed["country"], parsed["institution"]) == ("MX", "SEMARNAT")
    assert parsed["focal_point"] == {"name": "Itzel Hernández", "email": "itzel@semarnat.gob.mx"}
    assert parsed["initiatives"][0]["actors"] == [{"name": "UCRUS", "actor_type": "trade_union"}]


def symbol(char: str, font: str = "Wingdings") -> str:
    return f'<w:r><w:sym w:font="{font}" w:char="{char}"/></w:r>'


@pytest.mark.parametrize(("ticked", "empty", "font"), [("F0FE", "F0A8", "Wingdings"), ("F078", "F06F", "Wingdings"), ("F053", "F0A3", "Wingdings 2")])
def test_check_boxes_inserted_as_symbols_are_read_as_ticked_or_empty(ticked, empty, font):
    options = f"{symbol(empty, font)}{run(' Acción  ')}{symbol(ticked, font)}{run(' Proyecto  ')}{symbol(empty, font)}{run(' Otro')}"
    parsed = read(word_file(
        INSTITUTION_TABLE, paragraph(run("INICIATIVA 1")),
        table(row("Tipo de iniciativa", f"<w:p>{options}</w:p>"), row("Nombre de la iniciativa", f"<w:p>{run('Agua')}</w:p>")),
    ))
    assert parsed["initiatives"][0]["initiative_type"] == 2


@pytest.mark.parametrize(("written", "expected"), [("Otra: red de gobiernos locales", (4, "red de gobiernos locales")),
                                                   ("Otra (opción 4): estrategia territorial.", (4, "estrategia territorial"))])
def test_other_in_the_feminine_and_with_its_option_number(written, expected):
    from surveys.docx import answers
    from surveys.docx.answers import Notes, Where

    assert answers.initiative_type(written, Where(Notes(), "initiative_type", 1)) == expected


def test_an_outline_numbered_title_over_an_initiatives_questions_is_its_name():
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "2.1 Entidad informante", "Perú – APCI", "3. Iniciativas", "3.1 Mesa de Coordinación del Corredor Seco", "a) Naturaleza",
        "Espacio de articulación interinstitucional.", "3.2 Proyecto de Gestión del Riesgo", "a) Naturaleza", "Proyecto.",
    ])))
    assert [(initiative["name"], initiative["initiative_type"]) for initiative in parsed["initiatives"]] == [
        ("Mesa de Coordinación del Corredor Seco", 3), ("Proyecto de Gestión del Riesgo", 2)]


def test_questions_marked_pregunta_n_the_type_in_a_sentence_and_blocks_over_initiatives():
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "Pregunta 1. Institución que responde", "Respuesta: Ecuador – Cancillería",
        "BLOQUE II – INICIATIVA N.º 1", "Pregunta 6. Tipo de iniciativa (acción, proyecto, espacio de articulación u otro)",
        "Respuesta: Se trata de un proyecto binacional con marco lógico.", "Pregunta 7. Nombre de la iniciativa", "Respuesta: Cuenca Catamayo-Chira",
        "Pregunta 8. Objetivo u objetivos", "Respuesta: Gestionar la cuenca.", "Pregunta 10. Otros países que participan", "Respuesta: República del Perú.",
        "Pregunta 15. Resultados", "Respuesta: Aún no se cuenta con resultados; la iniciativa inició en 2021.",
        "BLOQUE III – INICIATIVA N.º 2", "Pregunta 16. Nombre de la iniciativa", "Respuesta: Misión a Bolivia",
        "Quito, D.M., 26 de mayo de 2021",
    ])))
    first, second = parsed["initiatives"]
    assert (first["initiative_type"], first["name"], first["objectives"]) == (2, "Cuenca Catamayo-Chira", "Gestionar la cuenca.")
    assert (first["other_countries"], first["results"], second["name"]) == (["PE"], [], "Misión a Bolivia")


def test_a_heading_that_names_the_type_and_the_initiative():
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "País: República Dominicana", "Institución: MEPyD", "Ficha técnica N.º 1 – Proyecto: Transferencia del Modelo de Focalización",
        "Objetivo general: Transferir el modelo.", "Ficha técnica N.º 2 – Espacio de articulación: Mesa Multiactor", "Objetivo general: Coordinar.",
    ])))
    assert [(initiative["initiative_type"], initiative["name"]) for initiative in parsed["initiatives"]] == [
        (2, "Transferencia del Modelo de Focalización"), (3, "Mesa Multiactor")]


def word_file_with_margins(lines: list[str], header: str = "", footer: str = "") -> bytes:
    document = Document()
    for line in lines:
        document.add_paragraph(line)
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


LETTER_INITIATIVE = ["Iniciativa 1", "Nombre: Mesa Federal", "Tipo: Espacio de articulación"]


@pytest.mark.parametrize("pointer", ["El indicado en el encabezado.", "el punto focal institucional (ver pie de página).", "Ver oficio de remisión."])
@pytest.mark.parametrize(("header", "footer"), [
    ("", "Punto focal PIFCSS: Lic. Martín Sosa · mes@mrecic.gov.ar · (+54 11) 4819-7000"),
    ("Ministerio de Relaciones Exteriores | Punto focal: Martín Sosa – mes@mrecic.gov.ar", ""),
])
def test_a_focal_point_given_only_in_a_page_header_or_footer(pointer, header, footer):
    """The body names no focal point, or points at the margins; an initiative's pointer means the institution's."""
    lines = ["Institución: Argentina – DGCIN", *LETTER_INITIATIVE, f"Punto focal: {pointer}"]
    parsed = read(word_file_with_margins(lines, header=header, footer=footer))
    assert parsed["focal_point"]["email"] == "mes@mrecic.gov.ar"
    assert parsed["focal_point"]["name"] in {"Lic. Martín Sosa", "Martín Sosa"}
    assert parsed["initiatives"][0]["focal_point"] == parsed["focal_point"]


@pytest.mark.parametrize("footer", [
    "Punto focal institucional:\nMilagros Quispe Huamán – Dirección de Políticas y Programas\nmquispe@apci.\ngob.pe",
    "Av. José Pardo 261, Lima\tPunto focal:\nMilagros Quispe Huamán\nmquispe@apci.gob.pe",
])
def test_a_focal_point_under_its_label_in_the_footer_the_e_mail_broken_across_lines(footer):
    lines = ["Institución: Perú – APCI", "Punto focal: Ver datos en el pie de página.", *LETTER_INITIATIVE,
             "Punto focal: El mismo punto focal institucional."]
    parsed = read(word_file_with_margins(lines, footer=footer))
    assert parsed["focal_point"] == {"name": "Milagros Quispe Huamán", "email": "mquispe@apci.gob.pe"}
    assert parsed["initiatives"][0]["focal_point"] == parsed["focal_point"]


def test_a_footer_label_over_lines_without_an_e_mail_gives_no_focal_point():
    lines = ["Institución: Perú – APCI", "Punto focal: Ver pie de página.", *LETTER_INITIATIVE]
    parsed = read(word_file_with_margins(lines, footer="Contacto:\nAv. José Pardo 261, Miraflores\nLima 18"))
    assert parsed["focal_point"]["email"] == ""


def test_the_margins_do_not_replace_a_focal_point_the_body_gives():
    lines = ["Institución: Argentina – DGCIN", "Punto focal: Ana Ríos – arios@mrecic.gov.ar", *LETTER_INITIATIVE]
    parsed = read(word_file_with_margins(lines, footer="Punto focal PIFCSS: Martín Sosa · mes@mrecic.gov.ar"))
    assert parsed["focal_point"] == {"name": "Ana Ríos", "email": "arios@mrecic.gov.ar"}


def test_an_initiative_pointing_at_the_letter_with_no_institutional_contact_stays_blank():
    parsed = read(word_file_with_margins(["Institución: Argentina – DGCIN", *LETTER_INITIATIVE, "Punto focal: Ver oficio de remisión."]))
    assert parsed["initiatives"][0]["focal_point"] == {"name": "", "email": ""}


@pytest.mark.parametrize("sentence", [
    "Para consultas dirigirse a la Mgs. Daniela Fernanda Andrade Vinueza, Analista de Cooperación Sur-Sur, al correo DAndrade@cancilleria.gob.ec o al teléfono 299-3200 ext. 12245.",
    "Para cualquier consulta sobre esta comunicación, el punto focal designado es la Mgs. Daniela Fernanda Andrade Vinueza (dandrade@cancilleria.gob.ec).",
])
def test_a_focal_point_stated_in_a_sentence_of_the_letter(sentence):
    parsed = read(word_file_with_margins(["Institución: Ecuador – Cancillería", sentence, *LETTER_INITIATIVE]))
    assert parsed["focal_point"] == {"name": "Mgs. Daniela Fernanda Andrade Vinueza", "email": "dandrade@cancilleria.gob.ec"}


@pytest.mark.parametrize("sentence", [
    "Para cualquier consulta sobre esta comunicación, el punto focal designado es el suscrito.",
    "Punto focal. Para efectos de esta consulta, el punto focal será el suscrito, cuyos datos figuran al final de la presente comunicación.",
])
def test_the_undersigned_stated_as_focal_point_is_read_from_the_signature(sentence):
    lines = ["Institución: El Salvador – ESCO", sentence, "A continuación se describen las iniciativas:", *LETTER_INITIATIVE,
             "Resultados: Una mesa constituida.", "Atentamente,", "Lic. José Roberto Martínez Hernández", "Director de Cooperación Sur-Sur",
             "Tel. (503) 2231-1000 · jrmartinez@esco.gob.sv"]
    parsed = read(word_file_with_margins(lines))
    assert parsed["focal_point"] == {"name": "Lic. José Roberto Martínez Hernández", "email": "jrmartinez@esco.gob.sv"}
    assert parsed["initiatives"][0]["results"] == ["Una mesa constituida."]


@pytest.mark.parametrize("sentence", [
    "Asimismo, les confirmamos nuestro interés en compartir con otros países las experiencias que se registran en los anexos.",
    "1.5\tIntercambio de experiencias: SEGEPLAN manifiesta su anuencia para compartir las experiencias registradas.",
    "Intercambio de experiencias. APC-Colombia está interesada en compartir con otros países las experiencias aquí registradas.",
    "\t¿Compartir las experiencias con otros países?\tSí ☒     No ☐",
])
def test_sharing_said_unasked_in_the_letter_and_not_added_to_the_answer_before(sentence):
    lines = ["Institución: Guatemala – SEGEPLAN", "Debilidades: Rotación del personal.", sentence, *LETTER_INITIATIVE]
    parsed = read(word_file_with_margins(lines))
    assert (parsed["wants_to_share"], parsed["institution_weaknesses"]) == (True, "Rotación del personal.")


def test_a_table_of_contacts_naming_each_row_by_its_question_and_initiative():
    contacts = table(
        row("Punto focal institucional", f"<w:p>{run('Lcda. Yokasta Peña – ypena@mepyd.gob.do')}</w:p>"),
        row("Punto focal – Ficha técnica N.º 1", f"<w:p>{run('Ing. Wilkin Almonte – walmonte@siuben.gob.do')}</w:p>"),
        row("Punto focal – Ficha técnica N.º 2", f"<w:p>{run('Idem punto focal institucional')}</w:p>"),
    )
    parsed = read(word_file(*(paragraph(run(line)) for line in [
        "Institución: República Dominicana – MEPyD", "Los datos de los puntos focales figuran en la sección «Contactos».",
        "Ficha técnica N.º 1 – Proyecto “Transferencia del Modelo de Focalización del SIUBEN”", "Objetivo general: Transferir el modelo.",
        "Ficha técnica N.º 2 – Espacio de articulación: Mesa Multiactor", "Objetivo general: Coordinar.", "Contactos",
    ]), contacts))
    first, second = parsed["initiatives"]
    assert (first["initiative_type"], first["name"]) == (2, "Transferencia del Modelo de Focalización del SIUBEN")
    assert first["focal_point"]["email"] == "walmonte@siuben.gob.do"
    assert second["focal_point"] == parsed["focal_point"] == {"name": "Lcda. Yokasta Peña", "email": "ypena@mepyd.gob.do"}


@pytest.mark.parametrize(("said", "expected"), [
    ("Enlace técnico. Ing. Roberto Alexander Hernández Portillo, del MARN: RHernandez@ambiente.gob.sv.",
     {"name": "Ing. Roberto Alexander Hernández Portillo", "email": "rhernandez@ambiente.gob.sv"}),
    ("Enlace técnico. Pendiente de designación.", {"name": "", "email": ""}),
    ("Punto focal: N/A", {"name": "", "email": ""}),
    ("Punto de enlace designado: Lic. Edgar Cux, Especialista, correo ECUX@SEGEPLAN.GOB.GT", {"name": "Lic. Edgar Cux", "email": "ecux@segeplan.gob.gt"}),
])
def test_an_initiatives_contact_run_in_pending_or_after_a_new_label(said, expected):
    parsed = read(word_file_with_margins(["Institución: El Salvador – ESCO", *LETTER_INITIATIVE, said]))
    assert parsed["initiatives"][0]["focal_point"] == expected


def three_columns(*rows: tuple[str, str, str]) -> str:
    cells = "".join(f"<w:tr>{''.join(f'<w:tc><w:p>{run(cell)}</w:p></w:tc>' if cell else '<w:tc><w:p/></w:tc>' for cell in row)}</w:tr>" for row in rows)
    return f'<w:tbl {W}><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="2000"/><w:gridCol w:w="4000"/></w:tblGrid>{cells}</w:tbl>'


def cells_row(*cells: str) -> str:
    """A table row of plain text cells."""
    return f"<w:tr>{''.join(f'<w:tc><w:p>{run(cell)}</w:p></w:tc>' for cell in cells)}</w:tr>"


def wide_table(*rows: tuple[str, ...]) -> str:
    """A table of plain text cells, a tuple per row (its grid sized for four columns or so)."""
    return f'<w:tbl {W}><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>{"".join(cells_row(*row) for row in rows)}</w:tbl>'


def test_a_table_of_actors_by_role_type_and_name_with_the_type_merged_down():
    actors = three_columns(
        ("Función en la iniciativa", "Tipo de actor", "Institución"),
        ("Coordinación técnica", "Sector público", "Secretaría de Agricultura y Desarrollo Rural"),
        ("Cofinanciamiento", "", "Secretaría de Bienestar"),
        ("Capacitación", "Academia", "Universidad Autónoma Chapingo"),
    )
    parsed = read(word_file(*(paragraph(run(line)) for line in ["Institución: México – AMEXCID", "Iniciativa 1. Agroforestería",
                                                                "Tipo de iniciativa: Proyecto", "Actores involucrados"]), actors))
    assert [(actor["name"], actor["actor_type"]) for actor in parsed["initiatives"][0]["actors"]] == [
        ("Secretaría de Agricultura y Desarrollo Rural", "public_sector"), ("Secretaría de Bienestar", "public_sector"),
        ("Universidad Autónoma Chapingo", "academia")]


def test_the_institution_only_in_the_letterhead_and_the_country_it_names():
    document = Document()
    for line in ["Fortalezas institucionales", "Un marco jurídico propio.", "Áreas de oportunidad", "La coordinación con los estados.",
                 "Difusión de las experiencias", "La Agencia está en la mejor disposición de compartir la experiencia.", *LETTER_INITIATIVE]:
        document.add_paragraph(line)
    header = document.sections[0].header
    header.paragraphs[0].text = "SECRETARÍA DE RELACIONES EXTERIORES"
    header.add_paragraph("Agencia Mexicana de Cooperación Internacional para el Desarrollo")
    header.add_paragraph("Dirección General de Cooperación Técnica y Científica")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = read(buffer.getvalue())
    assert (parsed["institution"], parsed["institution_weaknesses"], parsed["wants_to_share"]) == (
        "Agencia Mexicana de Cooperación Internacional para el Desarrollo", "La coordinación con los estados.", True)


def test_a_country_the_letterhead_names_completes_an_institution_without_one():
    lines = ["2.1 Entidad informante", "Viceministerio de Inversión Pública y Financiamiento Externo",
             "2.2 Capacidades de la entidad para impulsar alianzas multiactor", "El VIPFE es el ente rector.", *LETTER_INITIATIVE]
    parsed = read(word_file_with_margins(lines, header="ESTADO PLURINACIONAL DE BOLIVIA\tMinisterio de Planificación del Desarrollo"))
    assert (parsed["country"], parsed["institution"], parsed["institution_strengths"]) == (
        "BO", "Viceministerio de Inversión Pública y Financiamiento Externo", "El VIPFE es el ente rector.")
    assert parsed["warnings"] == []


def test_answers_given_in_an_annex_at_the_end():
    lines = ["Institución: Costa Rica – MIDEPLAN", "Fortalezas institucionales: Ver anexo", "Iniciativa 1", "Nombre: Mesa Técnica",
             "Objetivo: Ver anexo.", "Fortalezas: Ver anexo", "Resultados: Un catálogo.", "ANEXO – Respuestas ampliadas",
             "1. Fortalezas institucionales", "MIDEPLAN rige el sistema.", "2. Iniciativa 1 – Objetivos", "Coordinar la oferta técnica.",
             "3. Iniciativa 1 – Fortalezas", "Cada actor conoce la oferta.", "Se evitaron duplicaciones."]
    parsed = read(word_file_with_margins(lines))
    first = parsed["initiatives"][0]
    assert parsed["institution_strengths"] == "MIDEPLAN rige el sistema."
    assert (first["objectives"], first["strengths"], first["results"]) == (
        "Coordinar la oferta técnica.", ["Cada actor conoce la oferta.", "Se evitaron duplicaciones."], ["Un catálogo."])
    assert len(parsed["initiatives"]) == 1


def test_a_reports_recommendation_closes_the_last_answer():
    lines = ["Institución: Bolivia – VIPFE", *LETTER_INITIATIVE, "Resultados", "Una mesa constituida.", "5. RECOMENDACIÓN",
             "Se recomienda remitir el presente informe.", "Roxana Quispe Huanca"]
    assert read(word_file_with_margins(lines))["initiatives"][0]["results"] == ["Una mesa constituida."]


def test_actors_under_a_label_asking_their_typology_in_drop_down_content_controls():
    """Camões' form: "Atores envolvidos e respetiva tipologia" over an "Entidade | Tipologia" table whose
    cells are content controls, the type one of a drop-down list; "Até 3 principais resultados"."""

    def control(text: str, *, listed: bool = False) -> str:
        drop_down = '<w:dropDownList><w:listItem w:displayText="Setor público" w:value="Setor público"/></w:dropDownList>' if listed else ""
        return f"<w:p><w:sdt><w:sdtPr><w:alias w:val=\"Entidade\"/>{drop_down}</w:sdtPr><w:sdtContent>{run(text)}</w:sdtContent></w:sdt></w:p>"

    actors = table(*(f"<w:tr><w:tc>{control(name)}</w:tc><w:tc>{control(kind, listed=True)}</w:tc></w:tr>"
                     for name, kind in [("Entidade", "Tipologia"), ("Ministério da Saúde", "Setor público"),
                                        ("Câmara Municipal de Lisboa", "Autarquia local")]))
    lines = ["País e instituição: Portugal – Camões", "Iniciativa 1", "Tipo de iniciativa: Projeto", "Nome da iniciativa",
             "Saúde para Todos", "Objetivo(s)", "Melhorar os cuidados de saúde primários.", "Atores envolvidos e respetiva tipologia"]
    after = ["Outros países envolvidos", "Cabo Verde", "Até 3 desafios", "O financiamento.", "Até 3 principais resultados",
             "Trezentos profissionais formados."]
    parsed = read(word_file(*(paragraph(run(line)) for line in lines), actors, *(paragraph(run(line)) for line in after)))
    initiative = parsed["initiatives"][0]
    assert initiative["objectives"] == "Melhorar os cuidados de saúde primários."
    assert [(actor["name"], actor["actor_type"]) for actor in initiative["actors"]] == [
        ("Ministério da Saúde", "public_sector"), ("Câmara Municipal de Lisboa", "local_government")]
    assert (initiative["other_countries"], initiative["challenges"], initiative["results"]) == (
        ["CV"], ["O financiamento."], ["Trezentos profissionais formados."])


def legacy_check_box(checked: bool) -> str:
    state = "<w:checked/>" if checked else ""
    return (f'<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Casilla"/><w:checkBox><w:sizeAuto/>'
            f'<w:default w:val="0"/>{state}</w:checkBox></w:ffData></w:fldChar></w:r>'
            '<w:r><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


@pytest.mark.parametrize("ticked, specified, expected", [(4, "Fondo concursable", (4, "Fondo concursable")), (2, "\u2002" * 5, (2, ""))])
def test_the_type_ticked_in_legacy_form_fields_over_the_line_specifying_other(ticked, specified, expected):
    """AGCID's protected form: "☐ 1. Acción ☒ 2. Proyecto …" then "Especifique (si marcó Otro):" on the
    line below, in one cell; the options listed with their boxes are the answer, not the form's help."""
    boxes = "".join(legacy_check_box(option == ticked) + run(f" {option}. {name}   ")
                    for option, name in enumerate(["Acción", "Proyecto", "Espacio de articulación", "Otro"], start=1))
    answer = f"<w:p>{boxes}<w:r><w:br/></w:r>{run('Especifique (si marcó Otro): ' + specified)}</w:p>"
    parsed = read(word_file(INSTITUTION_TABLE, paragraph(run("II. INICIATIVA 1")), table(
        row("Tipo de iniciativa", answer), row("Nombre de la iniciativa", f"<w:p>{run('Fondo Chile')}</w:p>"))))
    initiative = parsed["initiatives"][0]
    assert (initiative["initiative_type"], initiative["initiative_type_other"]) == expected


@pytest.mark.parametrize("label, key", [
    ("Fortalezas de la APCI para promover alianzas multiactor en la CSS y CT", "institution_strengths"),
    ("Fortalezas de la iniciativa para promover alianzas", None),
])
def test_the_agency_naming_itself_inside_the_question(label, key):
    parsed = read(word_file(table(row("País e institución", f"<w:p>{run('Perú – APCI')}</w:p>"),
                                  row(label, f"<w:p>{run('Un marco conceptual propio.')}</w:p>"))))
    assert (parsed["institution_strengths"] == "Un marco conceptual propio.") is (key == "institution_strengths")


def test_amexcid_letter_naming_its_focal_point_and_partners_by_their_people():
    """AMEXCID's letter: "Asimismo, le informo que la Mtra. …, fungirá como punto focal"; an
    initiative's contact "(punto focal institucional)"; partners only by their people."""
    lines = ["Institución: México – AMEXCID",
             "Asimismo, le informo que la Mtra. Daniela Ortiz Salgado, Directora de Cooperación con Centroamérica "
             "(dortiz@sre.gob.mx), fungirá como punto focal de esta Agencia para el seguimiento del relevamiento.",
             "Iniciativa 1", "Nombre: Agroforestería", "Tipo de iniciativa: Proyecto", "Objetivo: Transferir el modelo.",
             "Participación internacional: Participan contrapartes guatemaltecas, hondureñas y salvadoreñas.",
             "Punto focal: Mtra. Daniela Ortiz Salgado (punto focal institucional).",
             "Iniciativa 2", "Nombre: Taller de alerta temprana", "Tipo de iniciativa: Acción", "Objetivo: Intercambiar experiencias.",
             "Participación internacional: Delegaciones cubana y dominicana.", "Punto focal: Ing. Ramón Aguilar Tovar, CENAPRED."]
    parsed = read(word_file_with_margins(lines))
    first, second = parsed["initiatives"]
    assert parsed["focal_point"] == {"name": "Mtra. Daniela Ortiz Salgado", "email": "dortiz@sre.gob.mx"}
    assert first["focal_point"] == parsed["focal_point"]
    assert (first["objectives"], first["other_countries"], second["other_countries"]) == (
        "Transferir el modelo.", ["GT", "HN", "SV"], ["CU", "DO"])
    assert second["focal_point"]["name"] == "Ing. Ramón Aguilar Tovar"


@pytest.mark.parametrize("said, expected", [
    ("Participan contrapartes guatemaltecas y hondureñas.", ["GT", "HN"]),
    ("Delegaciones de Cuba y la República Dominicana.", ["CU", "DO"]),  # names, read as names
    ("Equipos técnicos de Honduras.", ["HN"]),
    ("México, a través de la AMEXCID, y Chile, por medio de la AGCID, ambos en calidad de oferentes.", ["MX", "CL"]),
    ("Venezuela y Bolivia, a través del INIA y del INIAF, respectivamente.", ["VE", "BO"]),
])
def test_partner_countries_named_by_their_people_or_by_their_names(said, expected):
    from surveys.docx import answers

    assert answers.countries(said, answers.Where(answers.Notes(), "other_countries", 1)) == expected


def test_a_label_cell_in_portuguese_over_its_spanish_translation():
    """ABC's bilingual form: each label cell holds the Portuguese label, then the Spanish one in italics."""

    def bilingual(portuguese: str, spanish: str, answer: str) -> str:
        return (f"<w:tr><w:tc><w:p>{run(portuguese)}</w:p><w:p>{run(spanish)}</w:p></w:tc>"
                f"<w:tc><w:p>{run(answer)}</w:p></w:tc></w:tr>")

    parsed = read(word_file(table(
        bilingual("País e instituição", "País e institución", "Brasil – ABC"),
        bilingual("Fortalezas da instituição para alianças multiatores", "Fortalezas de la institución", "Uma ampla rede."),
        bilingual("Debilidades da instituição", "Debilidades de la institución", "Restrições orçamentárias."),
        bilingual("Tipo de iniciativa", "Tipo de iniciativa (1, 2, 3 ou 4)", "2 – Projeto"),
        bilingual("Nome da iniciativa", "Nombre de la iniciativa", "+Algodão"),
        bilingual("Até 3 fortalezas", "Hasta 3 fortalezas", "Governança compartilhada."),
        bilingual("Até 3 principais resultados", "Hasta 3 resultados", "Cinco mil agricultores capacitados."),
    )))
    initiative = parsed["initiatives"][0]
    assert (parsed["institution_strengths"], parsed["institution_weaknesses"]) == ("Uma ampla rede.", "Restrições orçamentárias.")
    assert (initiative["strengths"], initiative["results"]) == (["Governança compartilhada."], ["Cinco mil agricultores capacitados."])


def test_a_numbered_report_asking_the_disposition_to_share():
    lines = ["2.1\tEntidad informante", "Viceministerio de Inversión Pública y Financiamiento Externo", "2.3\tLimitaciones identificadas",
             "La alta rotación del personal.", "2.4\tDisposición para compartir las iniciativas",
             "El VIPFE manifiesta su interés en compartir las experiencias.", *LETTER_INITIATIVE]
    parsed = read(word_file_with_margins(lines))
    assert (parsed["institution_weaknesses"], parsed["wants_to_share"]) == ("La alta rotación del personal.", True)


@pytest.mark.parametrize("said, expected", [
    ("n.d. (proyecto en fase inicial / project at an early stage)", True), ("N/A (aún en ejecución).", True),
    ("Red de escuelas (Uruguay)", False), ("CENAPRED (México)", False),
])
def test_nothing_said_with_the_reason_in_parentheses(said, expected):
    from surveys.docx import vocabulary

    assert vocabulary.means_none(said) is expected


def test_a_spanish_autonomous_community_is_a_local_government():
    from surveys.docx import answers
    from surveys.docx.reader import Answer

    read_actors = answers.actors([Answer(text="Junta de Andalucía (comunidad autónoma)")], answers.Where(answers.Notes(), "actors", 1))
    assert [(actor["name"], actor["actor_type"]) for actor in read_actors] == [("Junta de Andalucía", "local_government")]


def with_footnotes(data: bytes, notes: dict[int, str]) -> bytes:
    """The file with a footnotes part holding `notes` (id -> text), as Word writes it."""
    import zipfile

    main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    footnotes = (f'<w:footnotes xmlns:w="{main}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                 + "".join(f'<w:footnote w:id="{number}"><w:p><w:r><w:footnoteRef/></w:r>{run(" " + text)}</w:p></w:footnote>'
                           for number, text in notes.items()) + "</w:footnotes>").encode()
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", b'<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/'
                                          b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>')
            elif info.filename == "[Content_Types].xml":
                content = content.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                          b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            target.writestr(info, content)
        target.writestr("word/footnotes.xml", footnotes)
    return buffer.getvalue()


def footnote_reference(number: int) -> str:
    return f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'


def test_answers_carried_by_footnotes_and_a_country_in_a_letterhead_over_the_body():
    """MINCEX's reply: "REPÚBLICA DE CUBA" atop the body, the focal point's e-mail only in a note after
    the name, the other countries "véase nota" with the institutions they act through; a note that is
    a source is not read into the answer."""
    body = [
        paragraph(run("REPÚBLICA DE CUBA")), paragraph(run("Información sobre alianzas multiactor")),
        paragraph(run("Institución que completa la ficha: Ministerio del Comercio Exterior y la Inversión Extranjera")),
        paragraph(run("Punto focal: Yanelis Rodríguez Pérez") + footnote_reference(1)),
        paragraph(run("Fortalezas para desarrollar alianzas multiactor: Una red de puntos focales.") + footnote_reference(3)),
        paragraph(run("II. Iniciativa")), paragraph(run("Tipo: 2 – Proyecto")), paragraph(run("Nombre: Agroecología en Pinar del Río")),
        paragraph(run("Otros países involucrados: véase nota") + footnote_reference(2)),
    ]
    data = with_footnotes(word_file(*body), {
        1: "Correo electrónico: yanelis.rodriguez@mincex.gob.cu",
        2: "República Bolivariana de Venezuela y Estado Plurinacional de Bolivia, a través del Instituto Nacional de "
           "Investigaciones Agrícolas (INIA) y del Instituto Nacional de Innovación Agropecuaria y Forestal (INIAF), respectivamente.",
        3: "Según el Decreto 365 de 2019.",
    })
    parsed = read(data)
    assert (parsed["country"], parsed["institution"]) == ("CU", "Ministerio del Comercio Exterior y la Inversión Extranjera")
    assert parsed["focal_point"] == {"name": "Yanelis Rodríguez Pérez", "email": "yanelis.rodriguez@mincex.gob.cu"}
    assert parsed["institution_strengths"] == "Una red de puntos focales."
    assert parsed["initiatives"][0]["other_countries"] == ["VE", "BO"]
    assert parsed["warnings"] == [] and parsed["flags"] == []


@pytest.mark.parametrize("part", [b"<w:footnotes><unclosed>", b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><w:footnotes>&a;</w:footnotes>', b"\x00" * 64])
def test_a_broken_or_hostile_footnotes_part_leaves_the_body_read(part):
    data = word_file(paragraph(run("Institución: Cuba – MINCEX")), paragraph(run("Punto focal: Yanelis Rodríguez") + footnote_reference(1)))
    import zipfile

    source, buffer = zipfile.ZipFile(io.BytesIO(with_footnotes(data, {1: "y@mincex.gob.cu"}))), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, part if info.filename == "word/footnotes.xml" else source.read(info))
    assert read(buffer.getvalue())["focal_point"] == {"name": "Yanelis Rodríguez", "email": ""}


def test_bullets_of_types_over_bullets_of_actors_one_named_by_a_types_word():
    """Camões' nested bullets, read without their levels: "União Europeia" is a type's word too, and
    is told from a heading by the heading after it; "Academia y ciencia" heads the academia."""
    from surveys.docx import answers
    from surveys.docx.reader import Answer

    lines = ["Setor público", "Centro de Estudos Judiciários (CEJ)", "Cooperação internacional", "União Europeia (financiador)",
             "Academia", "Faculdade de Direito da Universidade de Lisboa"]
    read_actors = answers.actors([Answer(text=line, is_list_item=True) for line in lines], answers.Where(answers.Notes(), "actors", 1))
    assert [(actor["name"], actor["actor_type"]) for actor in read_actors] == [
        ("Centro de Estudos Judiciários (CEJ)", "public_sector"), ("União Europeia", "international_cooperation"),
        ("Faculdade de Direito da Universidade de Lisboa", "academia")]
    given = [Answer(text="Academia y ciencia"), Answer(text="Universidad Nacional de Rosario (UNR)", is_list_item=True),
             Answer(text="Consejo Nacional de Investigaciones Científicas y Técnicas (CONICET)", is_list_item=True)]
    assert {actor["actor_type"] for actor in answers.actors(given, answers.Where(answers.Notes(), "actors", 1))} == {"academia"}


@pytest.mark.parametrize("said, expected", [
    ("Camões – Instituto da Cooperação e da Língua, I.P. (Portugal)", ("PT", "Camões – Instituto da Cooperação e da Língua, I.P.")),
    ("Reforestamos México, A.C. (México)", ("MX", "Reforestamos México, A.C.")),
    ("Chile (AGCID)", ("CL", "AGCID")),
])
def test_the_country_in_parentheses_after_an_institution_keeps_its_legal_form(said, expected):
    from surveys.docx import answers

    assert answers.country_and_institution(said, answers.Where(answers.Notes(), "country_institution", None)) == expected


def test_the_institutions_strengths_and_weaknesses_side_by_side_and_a_classification_with_its_options():
    """MEPyD's form: "Fortalezas | Debilidades" over their items, a column each; the type asked as
    "2.1 Clasificación (1 Acción · 2 Proyecto · …)"."""
    side_by_side = table(row("Fortalezas", f"<w:p>{run('Debilidades')}</w:p>"),
                         row("Rectoría establecida en la Ley 496-06.", f"<w:p>{run('Limitado presupuesto.')}</w:p>"),
                         row("Catálogo de oferta validado.", "<w:p/>"))
    lines = ["SECCIÓN 2. INICIATIVA 1", "2.1 Clasificación (1 Acción · 2 Proyecto · 3 Espacio de articulación · 4 Otro)", "2 – Proyecto",
             "2.2 Título", "Intercambio SIUBEN"]
    parsed = read(word_file(INSTITUTION_TABLE, side_by_side, *(paragraph(run(line)) for line in lines)))
    assert parsed["institution_strengths"].split("\n") == ["Rectoría establecida en la Ley 496-06.", "Catálogo de oferta validado."]
    assert parsed["institution_weaknesses"] == "Limitado presupuesto."
    assert (parsed["initiatives"][0]["initiative_type"], parsed["initiatives"][0]["name"]) == (2, "Intercambio SIUBEN")



def test_a_form_answered_inside_an_e_mail_pasted_into_word():
    """Azores' reply: each question quoted ("> …"), each answer after "R:", initiatives between dashes,
    the original message quoted below the signature."""
    lines = ["De: Teresa Furtado <teresa@azores.example.org>", "Assunto: RE: Levantamento", "> País e instituição que preenche a ficha",
             "R: Portugal – Governo dos Açores, DRAECE", "> Nome e e-mail do ponto focal", "R: Teresa Medeiros Furtado",
             "teresa@azores.example.org", "— Iniciativa 1 —", "> Tipo de iniciativa (1, 2, 3 ou 4)", "R: 2", "> Nome da iniciativa",
             "R: Rede Atlântica", "> Atores envolvidos e tipo de cada um", "R: ", "- Direção Regional das Pescas (governo regional)",
             "- Ilhas Verdes Energia, Lda. (empresa privada)", "> Outros países envolvidos", "R: Cabo Verde, S. Tomé e Príncipe e Brasil",
             "> Até 3 principais resultados", "R: ", "1. Trinta e dois observadores formados.", "— Iniciativa 2 —",
             "> Tipo de iniciativa (1, 2, 3 ou 4)", "R: 1", "> Nome da iniciativa", "R: Missão técnica", "> Até 3 principais resultados",
             "R: ", "1. Relatório com recomendações.", "Ficamos ao dispor para qualquer esclarecimento.", "Teresa Medeiros Furtado",
             "-----Mensagem original-----", "Nombre de la iniciativa", "Tipo de iniciativa: 4"]
    parsed = read(word_file_with_margins(lines))
    first, second = parsed["initiatives"]
    assert (parsed["country"], parsed["institution"]) == ("PT", "Governo dos Açores, DRAECE")
    assert parsed["focal_point"] == {"name": "Teresa Medeiros Furtado", "email": "teresa@azores.example.org"}
    assert (first["initiative_type"], first["name"], first["other_countries"]) == (2, "Rede Atlântica", ["CV", "ST", "BR"])
    assert [(actor["name"], actor["actor_type"]) for actor in first["actors"]] == [
        ("Direção Regional das Pescas", "local_government"), ("Ilhas Verdes Energia, Lda.", "private_sector")]
    assert (first["results"], second["name"], second["results"]) == (
        ["Trinta e dois observadores formados."], "Missão técnica", ["Relatório com recomendações."])


def test_actors_dash_type_and_partners_abbreviated():
    """STP's grid: "Actores – tipo" asks the actors with their types; "Arg., Bra., Uru." are countries."""
    actors = "".join(f"<w:p>{run(line)}</w:p>" for line in ["Ministerio de Agricultura y Ganadería (MAG) – sector público", "Gobernación de Itapúa – gobierno departamental"])
    parsed = read(word_file(INSTITUTION_TABLE, paragraph(run("2. INICIATIVA 1")), table(
        row("Tipo", f"<w:p>{run('☐ 1 Acción   ☒ 2 Proyecto   ☐ 3 Espacio de articulación   ☐ 4 Otro: ')}</w:p>"),
        row("Nombre", f"<w:p>{run('Yerba mate agroecológica')}</w:p>"), row("Actores – tipo", actors),
        cells_row("Otros países", "Arg., Bra., Uru.", "Punto focal", "Hugo Ramírez Ortiz – hramirez@mag.example.org"))))
    initiative = parsed["initiatives"][0]
    assert [(actor["name"], actor["actor_type"]) for actor in initiative["actors"]] == [
        ("Ministerio de Agricultura y Ganadería (MAG)", "public_sector"), ("Gobernación de Itapúa", "local_government")]
    assert (initiative["initiative_type"], initiative["other_countries"]) == (2, ["AR", "BR", "UY"])
    assert initiative["focal_point"]["email"] == "hramirez@mag.example.org"


def test_a_table_legend_of_type_codes_written_in_brackets():
    """GAD Imbabura: "SP | Sector público | SPR | Sector privado" rows, actors "Name [SP]", sections by letter."""
    legend = table(cells_row("SP", "Sector público", "SPR", "Sector privado"), cells_row("GL", "Gobierno local", "CI", "Cooperación internacional"))
    lines = ["SECCIÓN B – INICIATIVA 1", "P6. Tipo (1 acción, 2 proyecto, 3 espacio de articulación, 4 otro)", "(2)", "P7. Nombre", "Corredor",
             "P9. Actores [código de tipo]", "Ministerio de Turismo – Coordinación Zonal 1 [SP]", "GAD Parroquial Rural de Angochagua [GL]",
             "Cámara Provincial de Turismo de Imbabura [SPR]", "P11. Responsable de la iniciativa", "Verónica Cabascango – VC@IMBABURA.EXAMPLE.ORG",
             "P13. Fortalezas (máximo 3)", "a. Las comunidades definieron sus estándares.", "SECCIÓN C – INICIATIVA 2", "P7. Nombre", "Ruta"]
    parsed = read(word_file(INSTITUTION_TABLE, legend, *(paragraph(run(line)) for line in lines)))
    first = parsed["initiatives"][0]
    assert [(actor["name"], actor["actor_type"]) for actor in first["actors"]] == [
        ("Ministerio de Turismo – Coordinación Zonal 1", "public_sector"), ("GAD Parroquial Rural de Angochagua", "local_government"),
        ("Cámara Provincial de Turismo de Imbabura", "private_sector")]
    assert first["focal_point"] == {"name": "Verónica Cabascango", "email": "vc@imbabura.example.org"}
    assert (first["strengths"], len(parsed["initiatives"])) == (["Las comunidades definieron sus estándares."], 2)


def test_questions_in_the_agencys_sentences_with_their_help_in_parentheses():
    """ACI Medellín: "¿De qué tipo de iniciativa se trata? (acción, proyecto, …)" over "Proyecto.";
    "¿Cuáles fueron las fortalezas? (hasta 3)"; a municipal public company is a local government."""
    lines = ["Institución: Colombia – ACI Medellín", "Parte II. Iniciativa 1",
             "¿De qué tipo de iniciativa se trata? (acción, proyecto, espacio de articulación u otro)", "Proyecto.",
             "¿Cómo se llama la iniciativa?", "Laboratorio de Innovación Social", "¿Qué actores participan y de qué tipo es cada uno?",
             "Empresa de Desarrollo Urbano – EDU – empresa pública municipal", "¿Por qué surgió y por qué tiene carácter multiactor?",
             "Varias ciudades lo pidieron.", "¿Cuáles fueron las fortalezas? (hasta 3)", "El rigor de la universidad.",
             "¿Qué resultados principales se alcanzaron? (hasta 3)", "Tres pilotos."]
    initiative = read(word_file_with_margins(lines))["initiatives"][0]
    assert (initiative["initiative_type"], initiative["name"], initiative["justification"]) == (2, "Laboratorio de Innovación Social", "Varias ciudades lo pidieron.")
    assert [(actor["name"], actor["actor_type"]) for actor in initiative["actors"]] == [("Empresa de Desarrollo Urbano – EDU", "local_government")]
    assert (initiative["strengths"], initiative["results"]) == (["El rigor de la universidad."], ["Tres pilotos."])


def test_a_second_matrix_numbering_the_initiatives_the_first_listed():
    """SEGEPLAN's matrix: the initiatives' names in one table, their descriptions in another, each row
    numbered as the initiative it describes; a table numbering one initiative's items is unchanged."""
    general = wide_table(("N.º", "Tipo de iniciativa", "Nombre", "Objetivo(s)"), ("1", "2", "Alerta temprana", "Reducir riesgos."),
                   ("2", "3", "Mesa de Cooperación", "Coordinar la oferta."))
    details = wide_table(("N.º", "Justificación", "Fortalezas (máx. 3)", "Resultados principales (máx. 3)"),
                   ("1", "Las crecidas del Motagua.", "Las comunidades operan los pluviómetros.", "Doce sistemas instalados."),
                   ("2", "La oferta no estaba coordinada.", "Un reglamento aprobado.", "Un catálogo nacional."))
    parsed = read(word_file(INSTITUTION_TABLE, general, paragraph(run("")), details))
    first, second = parsed["initiatives"]
    assert (first["justification"], first["strengths"], first["results"]) == (
        "Las crecidas del Motagua.", ["Las comunidades operan los pluviómetros."], ["Doce sistemas instalados."])
    assert (second["name"], second["justification"], second["results"]) == ("Mesa de Cooperación", "La oferta no estaba coordinada.", ["Un catálogo nacional."])
    items = wide_table(("N.º", "Fortalezas", "Desafíos", "Resultados"), ("1", "A.", "B.", "C."), ("2", "D.", "E.", "F."))
    lone = read(word_file(INSTITUTION_TABLE, paragraph(run("Iniciativa 1")), paragraph(run("Nombre: Agua")), items))["initiatives"]
    assert [(initiative["strengths"], initiative["results"]) for initiative in lone] == [(["A.", "D."], ["C.", "F."])]


def test_a_brazilian_state_memo_and_how_it_names_its_actors_types():
    lines = ["Órgão respondente", "Brasil – Governo do Estado do Pará, AERI/SEPLAD.", "Iniciativa 1", "Modalidade", "Projeto (tipo 2)",
             "Título", "Cadeias do açaí", "Atores envolvidos e tipo de ator", "Embrapa Amazônia Oriental – instituição de pesquisa",
             "Agência Brasileira de Cooperação – ABC – órgão federal", "Instituto Peabiru – OSCIP", "Associação Comercial do Pará – associação comercial",
             "Federação das Indústrias do Estado do Pará – FIEPA – federação empresarial", "Outros países envolvidos", "Peru, Colômbia e Suriname."]
    parsed = read(word_file_with_margins(lines))
    initiative = parsed["initiatives"][0]
    assert (parsed["country"], parsed["institution"]) == ("BR", "Governo do Estado do Pará, AERI/SEPLAD")
    assert (initiative["initiative_type"], initiative["name"], initiative["other_countries"]) == (2, "Cadeias do açaí", ["PE", "CO", "SR"])
    assert [(actor["name"], actor["actor_type"]) for actor in initiative["actors"]] == [
        ("Embrapa Amazônia Oriental", "academia"), ("Agência Brasileira de Cooperação – ABC", "public_sector"),
        ("Instituto Peabiru", "civil_society"), ("Associação Comercial do Pará", "private_sector"),
        ("Federação das Indústrias do Estado do Pará – FIEPA", "private_sector")]


def test_a_provincial_letter_stating_its_institution_and_designating_its_focal_point():
    lines = ["Tengo el agrado de dirigirme a Uds. El organismo informante es la Dirección General de Cooperación Internacional de la "
             "Provincia de Córdoba (DGCI), República Argentina. En relación con los puntos del formulario, informamos lo siguiente:",
             "Punto focal: Se designa como punto focal a la Lic. María Laura Bustos, coordinadora de proyectos de la DGCI, quien podrá "
             "ser contactada en mlbustos@cba.example.org.", *LETTER_INITIATIVE]
    parsed = read(word_file_with_margins(lines, header="GOBIERNO DE LA PROVINCIA DE CÓRDOBA\tMinisterio de Gobierno"))
    assert (parsed["country"], parsed["institution"]) == ("AR", "Dirección General de Cooperación Internacional de la Provincia de Córdoba (DGCI)")
    assert parsed["focal_point"] == {"name": "Lic. María Laura Bustos", "email": "mlbustos@cba.example.org"}


def test_an_andalusian_report_its_entities_table_by_type_institution_and_role():
    entities = three_columns(("Tipo", "Institución", "Rol en la iniciativa"),
                     ("Administración autonómica", "Consejería de Agricultura, Pesca, Agua y Desarrollo Rural", "Asistencia técnica"),
                     ("Red de gobiernos locales", "Fondo Andaluz de Municipios para la Solidaridad Internacional (FAMSI)", "Coordinación"),
                     ("ONGD", "Ingeniería Sin Fronteras Andalucía", "Acompañamiento"))
    lines = ["1.1. Entidad y país", "España (Comunidad Autónoma de Andalucía). Agencia Andaluza de Cooperación Internacional para el Desarrollo (AACID).",
             "2. Iniciativa 1: Gestión comunitaria del agua", "2.1. Modalidad", "Proyecto", "2.4. Entidades participantes"]
    after = ["2.7. Origen y carácter multiactor", "El proyecto nace de la demanda de los municipios."]
    parsed = read(word_file(*(paragraph(run(line)) for line in lines), entities, *(paragraph(run(line)) for line in after)))
    initiative = parsed["initiatives"][0]
    assert (parsed["country"], parsed["institution"]) == ("ES", "Agencia Andaluza de Cooperación Internacional para el Desarrollo (AACID)")
    assert [(actor["name"], actor["actor_type"]) for actor in initiative["actors"]] == [
        ("Consejería de Agricultura, Pesca, Agua y Desarrollo Rural", "local_government"),
        ("Fondo Andaluz de Municipios para la Solidaridad Internacional (FAMSI)", "local_government"),
        ("Ingeniería Sin Fronteras Andalucía", "civil_society")]
    assert initiative["justification"] == "El proyecto nace de la demanda de los municipios."


def test_mincex_box_then_letterhead_a_field_with_its_adjective_and_a_signature_under_the_last_list():
    """MINCEX: the institution's data in a text box, the paragraph's own letterhead text after it;
    "Sindicato Nacional de Trabajadores Agropecuarios, Forestales y Tabacaleros" is one actor; an
    initiative's objective that starts as the sharing question does; the signer under the last list."""
    box = "".join(f"<w:p>{run(line)}</w:p>" for line in ["País: República de Cuba", "Institución: MINCEX",
                                                          "Correo: yperez(arroba)mincex.example.org"])
    holder = (f"<w:p {W}><w:r><w:drawing><w:txbxContent>{box}</w:txbxContent></w:drawing></w:r>"
              f"{run('MINISTERIO DEL COMERCIO EXTERIOR')}</w:p>")
    lines = ["INICIATIVA 1", "Nombre", "Red de Centros de Desarrollo Local", "Objetivo",
             "Compartir la experiencia de las estrategias municipales de desarrollo local con gobiernos municipales de la región.",
             "Actores participantes por tipo", "Sindicatos: Sindicato Nacional de Trabajadores Agropecuarios, Forestales y Tabacaleros",
             "Enlace de la iniciativa", "Osmany Rodríguez – orodriguez@inca.example.org",
             "Resultados principales", "a) Dos talleres regionales realizados.", "", "MSc. Yamilé Pérez Carbonell",
             "Especialista Principal, Dirección de Colaboración Internacional"]
    parsed = read(word_file(holder, *(paragraph(run(line)) for line in lines)))
    initiative = parsed["initiatives"][0]
    assert parsed["focal_point"]["email"] == "yperez@mincex.example.org"
    assert initiative["objectives"].startswith("Compartir la experiencia de las estrategias")
    assert [(actor["name"], actor["actor_type"]) for actor in initiative["actors"]] == [
        ("Sindicato Nacional de Trabajadores Agropecuarios, Forestales y Tabacaleros", "trade_union")]
    assert initiative["focal_point"] == {"name": "Osmany Rodríguez", "email": "orodriguez@inca.example.org"}
    assert initiative["results"] == ["Dos talleres regionales realizados."]


def test_labels_run_into_their_answers_by_a_full_stop_the_answer_holding_a_colon():
    lines = ["País e institución. Costa Rica – MIDEPLAN.", "Fortalezas para las alianzas multiactor. El Sistema reúne a 60 instituciones.",
             "Iniciativa 1", "Tipo. Opción 2 (proyecto)",
             "Nombre de la iniciativa. Pago por Servicios Ambientales: intercambio con Panamá y Honduras"]
    parsed = read(word_file_with_margins(lines))
    assert parsed["institution_strengths"] == "El Sistema reúne a 60 instituciones."
    assert parsed["initiatives"][0]["name"] == "Pago por Servicios Ambientales: intercambio con Panamá y Honduras"


def test_an_initiatives_heading_counting_them_and_the_forms_closing_lines():
    lines = ["Institución: Colombia – APC", "Iniciativa 1 de 2", "Nombre: Mesa de reciclaje", "Resultados", "Un censo de recicladores.",
             "Iniciativa 2 de 2", "Nombre: Red de viveros", "Resultados", "Diez viveros.", "Fecha de llenado: 25/05/2021",
             "Agradecemos la oportunidad de participar en este ejercicio de sistematización."]
    first, second = read(word_file_with_margins(lines))["initiatives"]
    assert (first["results"], second["name"], second["results"]) == (["Un censo de recicladores."], "Red de viveros", ["Diez viveros."])


def test_a_matrix_whose_type_column_carries_a_notes_mark_and_the_note_listing_the_codes():
    """ABC's landscape matrix: "Tipo¹" over "2" and "4 – Rede temática", the note "¹ Tipo: 1 = Ação; 2 =
    Projeto; …" under it; a type said in a sentence of the past ("Fue una acción puntual…")."""
    matrix = wide_table(("Nº", "Tipo¹", "Iniciativa", "Objetivo(s)"), ("1", "2", "Projeto +Algodão", "Fortalecer o setor."),
                  ("2", "4 – Rede temática", "Rede de Bancos de Leite", "Apoiar os bancos."))
    note = paragraph(run("¹ Tipo: 1 = Ação; 2 = Projeto; 3 = Espaço de articulação interinstitucional; 4 = Outro (especificar)."))
    initiatives = read(word_file(INSTITUTION_TABLE, matrix, note))["initiatives"]
    assert [(initiative["initiative_type"], initiative["initiative_type_other"]) for initiative in initiatives] == [(2, ""), (4, "Rede temática")]
    from surveys.docx import answers

    assert answers.initiative_type("Fue una acción puntual: una misión de cinco días.", answers.Where(answers.Notes(), "initiative_type", 1))[0] == 1


def test_antioquias_questions_in_its_own_words_and_its_own_country_among_the_others():
    parsed = read(word_file(INSTITUTION_TABLE.replace("Perú – APCI", "Colombia – Gobernación de Antioquia"),
                            paragraph(run("INICIATIVA N.º 1")), table(
        row("¿Cómo se llama?", f"<w:p>{run('Escuelas de paz')}</w:p>"),
        row("¿Con qué otros países se trabaja?", f"<w:p>{run('Colombia, Rep. Dominicana, C. Rica y Guatemala.')}</w:p>"),
        row("¿Quién la coordina? (nombre y correo)", f"<w:p>{run('Ing. Carlos Ochoa – COCHOA@ANTIOQUIA.EXAMPLE.GOV.CO')}</w:p>"),
        row("¿Qué salió bien? (máximo 3)", f"<w:p>{run('1. Las juntas dirigieron las visitas.')}</w:p>"),
        row("¿Qué fue difícil? (máximo 3)", f"<w:p>{run('1. Las alcaldías cambiaron de equipo.')}</w:p>"),
        row("¿Quiénes participan y de qué tipo es cada actor?", f"<w:p>{run('GAD Parroquial de Cangahua – junta parroquial')}</w:p>"))))
    initiative = parsed["initiatives"][0]
    assert initiative["other_countries"] == ["DO", "CR", "GT"]
    assert initiative["focal_point"] == {"name": "Ing. Carlos Ochoa", "email": "cochoa@antioquia.example.gov.co"}
    assert (initiative["strengths"], initiative["challenges"]) == (["Las juntas dirigieron las visitas."], ["Las alcaldías cambiaron de equipo."])
    assert [actor["actor_type"] for actor in initiative["actors"]] == ["local_government"]


def test_a_two_column_table_of_actors_with_the_type_first():
    from surveys.docx import answers
    from surveys.docx.reader import Answer

    given = [Answer(text="Tipo\tInstitución"), Answer(text="Gobierno federal\tInstituto Nacional de las Personas Adultas Mayores (INAPAM)")]
    assert answers.actors(given, answers.Where(answers.Notes(), "actors", 1)) == [
        {"name": "Instituto Nacional de las Personas Adultas Mayores (INAPAM)", "actor_type": "public_sector"}]


def test_recife_and_canelones_ask_their_institution_and_contact_in_their_words():
    recife = read(word_file_with_margins(["Qual é o país e a instituição que preenche a ficha?",
                                          "Brasil — Prefeitura do Recife, Gabinete de Relações Internacionais.", *LETTER_INITIATIVE]))
    assert (recife["country"], recife["institution"]) == ("BR", "Prefeitura do Recife, Gabinete de Relações Internacionais")
    canelones = read(word_file_with_margins(["Institución: Intendencia de Canelones", "País: República Oriental del Uruguay",
                                             "Responsable del informe: Mag. Soledad Pereira Núñez (spereira@imcanelones.example.uy)",
                                             *LETTER_INITIATIVE]))
    assert (canelones["country"], canelones["institution"]) == ("UY", "Intendencia de Canelones")
    assert canelones["focal_point"] == {"name": "Mag. Soledad Pereira Núñez", "email": "spereira@imcanelones.example.uy"}


def test_a_heading_row_that_also_asks_the_first_question():
    """MIRE's one-column table: "INICIATIVA 1 – Tipo de iniciativa (1, 2, 3 o 4)" over "2"."""
    rows = "".join(cells_row(text) for text in ["INICIATIVA 1 – Tipo de iniciativa (1, 2, 3 o 4)", "2", "Nombre de la iniciativa", "Ciudad resiliente",
                                          "INICIATIVA 2 – Tipo de iniciativa (1, 2, 3 o 4)", "Opción 1 – Acción", "Nombre de la iniciativa", "Misión"])
    grid = f'<w:tbl {W}><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>{rows}</w:tbl>'
    initiatives = read(word_file(INSTITUTION_TABLE, grid))["initiatives"]
    assert [(initiative["initiative_type"], initiative["name"]) for initiative in initiatives] == [(2, "Ciudad resiliente"), (1, "Misión")]


def test_a_regional_governments_letter_in_numbered_paragraphs():
    """GORE Biobío: "3. Respecto de las fortalezas de nuestra institución: …", "5. Sí, nos interesa
    compartir…", "la Sra. Macarena Rivas Contreras, Jefa…"."""
    lines = ["1. Institución que responde: Chile – Gobierno Regional del Biobío.",
             "2. Punto focal: la Sra. Macarena Rivas Contreras, Jefa del Departamento, quien puede ser contactada en mrivas[at]gorebiobio.example.cl.",
             "3. Respecto de las fortalezas de nuestra institución: Un Consejo Regional que aprueba recursos.",
             "4. Respecto de las debilidades: No hay un equipo permanente.",
             "5. Sí, nos interesa compartir estas experiencias con otros países.", *LETTER_INITIATIVE]
    parsed = read(word_file_with_margins(lines))
    assert parsed["focal_point"] == {"name": "Sra. Macarena Rivas Contreras", "email": "mrivas@gorebiobio.example.cl"}
    assert (parsed["institution_strengths"], parsed["institution_weaknesses"], parsed["wants_to_share"]) == (
        "Un Consejo Regional que aprueba recursos.", "No hay un equipo permanente.", True)
