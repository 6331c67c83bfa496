"""Reading filled fichas from Word: the shared samples, real fillers' habits, and hostile files."""

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from docx import Document

from registry.text import without_pasted_marks
from surveys.docx import answers
from surveys.docx.answers import Notes, Where
from surveys.docx.reader import Answer, campaign_of, read_ficha
from surveys.docx.safety import UnreadableFicha, open_docx_safely

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "fichas"
# Every ficha with its expected reading beside it: the public samples, and the fixtures of each
# producer and Word feature (each folder has the generator that wrote them).
EXPECTED = sorted(path for path in FIXTURES.rglob("*.docx") if path.with_suffix(".json").exists())


def _generator(path: Path, name: str):
    """A fixtures folder's generator, imported as a module (it is a script beside its files)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    return generator


def read(data: bytes) -> dict:
    return read_ficha(open_docx_safely(data))


def where(number=1, question="answer") -> Where:
    return Where(Notes(), question, number)


@pytest.mark.parametrize("path", EXPECTED, ids=lambda path: str(path.relative_to(FIXTURES)))
def test_every_fixture_comes_out_exactly_as_expected(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert read(path.read_bytes()) == expected


def test_there_are_fixtures_of_every_producer():
    folders = {path.parent.name for path in EXPECTED}
    assert {"fichas", "features"} <= folders and len(EXPECTED) >= 12


def test_the_word_feature_fixtures_are_what_their_generator_writes():
    """The committed files and their expected readings still come from the committed generator."""
    generator = _generator(FIXTURES / "features" / "generate.py", "generate_features")
    for name, build in generator.FIXTURES.items():
        document, reading = build()
        buffer = io.BytesIO()
        document.save(buffer)
        assert reading == json.loads((FIXTURES / "features" / f"{name}.json").read_text(encoding="utf-8")), name
        assert read(buffer.getvalue()) == reading, name


HELD_OUT = sorted((FIXTURES / "heldout").glob("*.docx"))


def _straight_quotes(value):
    """The curator's reading as the reader stores text: typographic quotes made straight."""
    if isinstance(value, str):
        return without_pasted_marks(value)
    if isinstance(value, list):
        return [_straight_quotes(item) for item in value]
    if isinstance(value, dict):
        return {key: _straight_quotes(item) for key, item in value.items()}
    return value


@pytest.mark.parametrize("path", HELD_OUT, ids=lambda path: path.stem)
def test_the_held_out_fichas_read_as_their_curator_recorded_them(path):
    """Written by someone who had not read the reader (bench/word_accuracy.py scores them answer
    by answer); every answer is now read as the curator would, nothing flagged beyond what a
    curator should check."""
    expected = _straight_quotes(json.loads(path.with_suffix(".curator.json").read_text(encoding="utf-8")))
    reading = read(path.read_bytes())
    assert {key: value for key, value in reading.items() if key not in ("warnings", "flags")} == expected
    assert {flag["reason"] for flag in reading["flags"]} <= {"email_disguised"}


HELD_OUT_2 = [
    path
    for name in ("heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7", "heldout8", "heldout9", "heldout13")
    for path in sorted((FIXTURES / name).glob("*.docx"))
    if path.with_suffix(".curator.json").exists()  # heldout13's blank form, which its generator fills, has none
]
# Where the second set's curator and the reader part, each decided, not overlooked: the reader
# keeps a person's honorific and the case their name was typed in (a curator may tidy them; the
# first set's curator kept them; honorifics are looked past below), a list item's own full stop, a cooperative as private sector
# (registry: an enterprise of its members; this curator counted it as civil society); and one
# it cannot tell: a region in parentheses after the country ("España (Andalucía) – AACID"); in
# the third set, a closing remark under the last list ("Iniciativas 2 y 3: no se registran otras").
# (A comma inside a name that lists its fields, "Consejería de Agricultura, Pesca y Desarrollo
# Rural", and two actors joined by "y", the second named as an institution, are read since; so is
# the fourth set's Brazilian state form's objectives, labelled "Objetivo(s):".)
HELD_OUT_2_DIFFERENCES = {
    "b4_hn_sreci": {f".initiatives[0].results[{index}]" for index in range(3)},
    "b6_es_aecid": {".initiatives[0].actors[2].actor_type"},
    "r3_ec_cancilleria_pt": {".focal_point.name"},
    "r4_ni_cancilleria": {".initiatives[0].actors[4].actor_type"},
    "r5_es_aacid": {".institution"},
    "r10_cr_ucr": {".initiatives[0].results"},
    # The fourth set: "autarquia" as public sector (Brazil's sense, Portugal's is a local
    # authority); a Brazilian state's own form, read only in part.
    "f07_pt_camoes": {".initiatives[0].actors[1].actor_type"},
    # The fifth: the focal point typed after its label in the label's cell with no colon between;
    # a result typed after its question's words in one paragraph; actors named without a type
    # (flagged); a focal point's job title after a bar, kept after a comma.
    "h5_03_pt_camoes": {".focal_point.name", ".focal_point.email"},
    "h5_04_co_apc": {".initiatives[1].results"},
    "h5_07_ar_cancilleria": {".initiatives[1].actors[0].actor_type", ".initiatives[1].actors[1].actor_type"},
    "h5_08_mx_amexcid": {".focal_point.name"},
    # Its curator kept the position after the name; the reader keeps the name alone (as the
    # fourth, seventh and eighth sets' curators typed it).
    "h5_05_cr_mideplan": {".focal_point.name"},
    "h5_06_do_mepyd": {".focal_point.name"},
    # The thirteenth (the blank form through other tools and people's editing): a line break inside
    # an answer is kept, as in the seventh set (its curator joined the lines with a space).
    "g01_CO_apc_blank_tecleado": {".institution_strengths"},
    "g03_DO_mepyd_controles_contenido": {".institution_strengths"},
    "g05_CR_mideplan_ver_anexo": {".institution_strengths"},
    "g06_SV_esco_resave_libreoffice": {".initiatives[0].objectives"},
    "g12_UY_auci_html_libreoffice": {".initiatives[1].objectives"},
    # The seventh set (forms retyped by agencies), each decided: a line break inside a
    # justification is kept (r01; its curator joined the lines); "CENAVIT de Bolivia" is kept as
    # written (r04; its curator renamed it from what they knew); the last item of "(i) a; (ii) b."
    # keeps its full stop, as every list item its own (r08; its curator dropped it as the list's).
    "r01_co_apc": {".initiatives[0].justification"},
    # "Ídem anterior" under the second initiative: this curator copied the institution's focal
    # point, heldout13's the previous initiative's for "Idem al anterior". The reader takes the
    # answer above, the previous initiative's, and flags it (contact_referred) for the curator.
    "p11_gt_segeplan_gdocs": {".initiatives[1].focal_point.name", ".initiatives[1].focal_point.email"},
    "r04_ar_dgcin": {".initiatives[1].actors[2].name"},
    # The ninth set (more forms retyped by agencies), what is still read otherwise, open in issue 18: none.
    "r08_py_stp": {
        ".initiatives[0].challenges[1]", ".initiatives[0].results[2]", ".initiatives[0].strengths[2]",
        ".initiatives[1].results[1]", ".initiatives[1].strengths[0]",
    },
}


# The reader keeps a person's honorific as typed ("Dra.", "Dr.ª"); the later sets' curators were
# asked to leave it out, the earlier ones kept it: the comparison looks past it.
def _without_honorifics(reading: dict, honorific: re.Pattern) -> dict:
    """The accuracy bench's list of honorifics, which grew with the sets, is the one looked past here."""
    for contact in [reading.get("focal_point"), *(initiative.get("focal_point") for initiative in reading.get("initiatives", []))]:
        if contact and contact.get("name"):
            contact["name"] = honorific.sub("", contact["name"])
    return reading


def _differences(expected, read, path="") -> set[str]:
    if isinstance(expected, dict) and isinstance(read, dict):
        return {found for key in expected.keys() | read.keys() for found in _differences(expected.get(key), read.get(key), f"{path}.{key}")}
    if isinstance(expected, list) and isinstance(read, list) and len(expected) == len(read):
        return {found for index, pair in enumerate(zip(expected, read)) for found in _differences(*pair, f"{path}[{index}]")}
    return set() if expected == read else {path}


@pytest.mark.parametrize("path", HELD_OUT_2, ids=lambda path: path.stem)
def test_the_later_held_out_sets_read_as_their_curators_recorded_them_but_for_decided_differences(path, accuracy_scorer):
    expected = _straight_quotes(json.loads(path.with_suffix(".curator.json").read_text(encoding="utf-8")))
    reading = read(path.read_bytes())
    read_answers = {key: value for key, value in reading.items() if key not in ("warnings", "flags")}
    honorific = accuracy_scorer.HONORIFIC
    assert _differences(_without_honorifics(expected, honorific), _without_honorifics(read_answers, honorific)) == HELD_OUT_2_DIFFERENCES.get(path.stem, set())
    assert {flag["reason"] for flag in reading["flags"]} <= {"email_disguised", "type_guessed", "actor_type_guessed", "contact_referred"} | (
        {"country_unknown"} if path.stem in ("f09_br_ceara", "n01_gt_segeplan", "n07_es_aecid", "n09_br_abc", "g04_BR_abc_bloque_copiado_pt")
        # "funcionarios de 14 países de América Latina" and a type "por definir": flagged, not guessed
        else {"country_unknown", "type_unknown"} if path.stem == "g09_CL_agcid_pandoc"
        # content controls left with their "Haga clic aquí…" prompt: read as blank, flagged
        else {"placeholder"} if path.stem == "g03_DO_mepyd_controles_contenido"
        else {"country_guessed"} if path.stem == "r11_uy_auci"
        else {"actor_type_unknown"} if path.stem == "h5_07_ar_cancilleria" else set()
    )


@pytest.fixture
def generator_modules():
    """The held-out sets' generators import helpers by the same names (fichas_a, fichas_b):
    each test imports its own and leaves none behind for the next."""
    names = ("fichas_a", "fichas_b", "fichas_c", "fichalib", "dochelp", "lib", "more", "data", "writers",
             "h12_docx", "h12_json", "h12_set_a", "h12_set_b", "h13_common", "h13_blank", "h13_files_a", "h13_files_b",
             "h14_common", "h14_docx", "h14_set1", "h14_set2", "h15_a", "h15_b", "h15_docx")
    for name in names:
        sys.modules.pop(name, None)
    yield
    for name in names:
        sys.modules.pop(name, None)


def test_the_ninth_held_out_set_is_what_its_generator_writes(tmp_path, monkeypatch, generator_modules):
    folder = FIXTURES / "heldout9"
    monkeypatch.syspath_prepend(str(folder))
    generator = _generator(folder / "generate.py", "generate_held_out_9")
    files = [entry for module in generator.MODULES for entry in module.FILES]
    assert len(files) == 11
    for name, data, render in files:
        generator.save(render(str(tmp_path / f"{name}.docx")), str(tmp_path / f"{name}.docx"))
        assert (tmp_path / f"{name}.docx").read_bytes() == (folder / f"{name}.docx").read_bytes(), name
        assert generator.expected(data) == json.loads((folder / f"{name}.curator.json").read_text(encoding="utf-8")), name


def test_the_seventh_held_out_set_is_what_its_generator_writes(tmp_path, monkeypatch, generator_modules):
    folder = FIXTURES / "heldout7"
    monkeypatch.syspath_prepend(str(folder))
    generator = _generator(folder / "generate.py", "generate_held_out_7")
    assert len(generator.BUILDERS) == 12
    for build in generator.BUILDERS:
        document, reading = build()
        generator.save(document, tmp_path / "written.docx")
        assert (tmp_path / "written.docx").read_bytes() == (folder / f"{build.__name__}.docx").read_bytes(), build.__name__
        assert reading == json.loads((folder / f"{build.__name__}.curator.json").read_text(encoding="utf-8")), build.__name__


def test_the_eighth_held_out_set_is_what_its_generator_writes(tmp_path, monkeypatch, generator_modules):
    """Its curator's readings, and the files it writes without LibreOffice or pandoc (the
    Google-Docs-style ones); the others were converted once and are committed as converted."""
    folder = FIXTURES / "heldout8"
    monkeypatch.syspath_prepend(str(folder))
    generator = _generator(folder / "generate.py", "generate_held_out_8")
    assert len(generator.data.FICHAS) == 12
    for ficha in generator.data.FICHAS:
        ficha["dirty"] = generator.DIRTY.get(ficha["id"], set())
        committed = json.loads((folder / f"{ficha['id']}.curator.json").read_text(encoding="utf-8"))
        assert generator.curator(ficha) == committed, ficha["id"]
        if ficha["producer"] == "gdocs":
            document = generator.writers.gdocs_doc(ficha, seed=sum(map(ord, ficha["id"])))
            generator.set_core(document, "Ficha PIFCSS")
            document.save(tmp_path / "raw.docx")
            generator.normalize(str(tmp_path / "raw.docx"), str(tmp_path / "final.docx"))
            assert (tmp_path / "final.docx").read_bytes() == (folder / f"{ficha['id']}.docx").read_bytes(), ficha["id"]


def test_the_sixth_held_out_set_is_what_its_generator_writes(tmp_path, monkeypatch, generator_modules):
    folder = FIXTURES / "heldout6"
    monkeypatch.syspath_prepend(str(folder))
    generator = _generator(folder / "generate.py", "generate_held_out_6")
    import lib  # its helpers, beside it
    import more

    monkeypatch.setattr(lib, "OUT", str(tmp_path))
    for build in (generator.ar, generator.br, generator.cl, generator.co, *more.MORE):
        build()
    written = sorted(path.name for path in tmp_path.glob("*.curator.json"))
    assert len(written) == 10
    for name in written:
        assert (tmp_path / name).read_text(encoding="utf-8") == (folder / name).read_text(encoding="utf-8"), name


def test_the_fifth_held_out_set_is_what_its_generator_writes(tmp_path):
    generator = _generator(FIXTURES / "heldout5" / "generate.py", "generate_held_out_5")
    generator.OUT = tmp_path  # its builders save beside themselves
    for build in generator.ALL:
        build()
    written = sorted(path.name for path in tmp_path.glob("*.curator.json"))
    assert len(written) == 10
    for name in written:
        assert (tmp_path / name).read_text(encoding="utf-8") == (FIXTURES / "heldout5" / name).read_text(encoding="utf-8"), name


def test_the_third_held_out_set_is_what_its_generator_writes():
    generator = _generator(FIXTURES / "heldout3" / "generate.py", "generate_held_out_3")
    assert len(generator.BUILDERS) == 14
    for build in generator.BUILDERS:
        _document, reading = build()
        committed = json.loads((FIXTURES / "heldout3" / f"{build.__name__}.curator.json").read_text(encoding="utf-8"))
        assert reading == committed, build.__name__


def test_the_fourth_held_out_set_is_what_its_generator_writes():
    generator = _generator(FIXTURES / "heldout4" / "generate.py", "generate_held_out_4")
    assert len(generator.FILES) == 12
    for name, build in generator.FILES.items():
        _document, reading = build()
        assert reading == json.loads((FIXTURES / "heldout4" / f"{name}.curator.json").read_text(encoding="utf-8")), name


def test_the_held_out_fichas_are_what_their_generator_writes():
    generator = _generator(FIXTURES / "heldout" / "generate.py", "generate_held_out")
    assert len(HELD_OUT) == len(generator.FILES) == 12
    for name, build in generator.FILES.items():
        _document, reading = build()
        assert reading == json.loads((FIXTURES / "heldout" / f"{name}.curator.json").read_text(encoding="utf-8")), name


def test_the_second_held_out_set_is_what_its_generator_writes(tmp_path):
    generator = _generator(FIXTURES / "heldout2" / "generate.py", "generate_held_out_2")
    generator.OUT = tmp_path  # its builders save beside themselves
    builders = [value for name, value in vars(generator).items() if name[:1] in "br" and name[1:2].isdigit() and callable(value)]
    for build in builders:
        build()
    written = sorted(path.name for path in tmp_path.glob("*.curator.json"))
    assert written == sorted(path.with_suffix(".curator.json").name for path in (FIXTURES / "heldout2").glob("*.docx"))
    assert len(written) == 12
    for name in written:
        assert (tmp_path / name).read_text(encoding="utf-8") == (FIXTURES / "heldout2" / name).read_text(encoding="utf-8"), name


def test_the_blank_form_as_distributed_reads_as_an_empty_ficha():
    parsed = read((FIXTURES / "ficha_pifcss_blank.docx").read_bytes())
    assert parsed["initiatives"] == [] and parsed["wants_to_share"] is None and parsed["country"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2", (2, "")), ("2 - Proyecto", (2, "")), ("Proyecto", (2, "")), ("Projeto", (2, "")), ("3- Espacio", (3, "")),
     ("4 - Red de municipios", (4, "Red de municipios")), ("Otros: Plataforma", (4, "Plataforma")), ("1) Acción", (1, ""))],
)
def test_the_type_is_read_from_a_number_a_name_or_both(text, expected):
    assert answers.initiative_type(text, where()) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Sí", True), ("Si", True), ("SI", True), ("Sim", True), ("Yes", True), ("No", False), ("Não", False), ("", None)],
)
def test_sharing_accepts_spanish_portuguese_and_english(text, expected):
    assert answers.yes_no(text, where()) is expected


def test_lists_lose_their_bullets_and_numbering():
    written = [Answer("• Primera"), Answer("2. Segunda"), Answer("c) Tercera")]
    assert answers.items(written, where()) == ["Primera", "Segunda", "Tercera"]
    assert answers.items([Answer("1) Uno. 2) Dos. 3) Tres.")], where()) == ["Uno.", "Dos.", "Tres."]


def test_actors_are_read_in_every_written_form():
    reading = where()
    actors = answers.actors(
        [
            Answer("Ministerio de Salud – sector público"),
            Answer("Universidad Nacional (academia)"),
            Answer("Sector privado: Cámara de Comercio, Banco Andino; Academia: Universidad del Sur"),
            Answer("Fundación Oswaldo Cruz (Fiocruz) – setor público"),
            Answer("Municipio de Tapachula - gobierno local"),
            Answer("Red Misteriosa"),
        ],
        reading,
    )
    assert actors == [
        {"name": "Ministerio de Salud", "actor_type": "public_sector"},
        {"name": "Universidad Nacional", "actor_type": "academia"},
        {"name": "Cámara de Comercio", "actor_type": "private_sector"},
        {"name": "Banco Andino", "actor_type": "private_sector"},
        {"name": "Universidad del Sur", "actor_type": "academia"},
        {"name": "Fundación Oswaldo Cruz (Fiocruz)", "actor_type": "public_sector"},
        {"name": "Municipio de Tapachula", "actor_type": "local_government"},
        {"name": "Red Misteriosa", "actor_type": "other"},
    ]
    assert reading.notes.warnings == ["Iniciativa 1: no se reconoció el tipo de actor de «Red Misteriosa»."]
    assert reading.notes.flags == [{"initiative": 1, "question": "answer", "reason": "actor_type_unknown", "read": "Red Misteriosa"}]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Guatemala y Honduras", ["GT", "HN"]), ("Cabo Verde e São Tomé e Príncipe", ["CV", "ST"]),
     ("Trinidad y Tobago, Jamaica", ["TT", "JM"]), ("Brasil; Perú / Chile", ["BR", "PE", "CL"]),
     ("Espanha e Moçambique", ["ES", "MZ"])],
)
def test_countries_are_read_from_lists_and_sentences_in_spanish_and_portuguese(text, expected):
    assert answers.countries(text, where()) == expected


def test_a_name_that_is_not_a_country_becomes_a_warning():
    reading = where(2)
    assert answers.countries("Guatemala y Narnia", reading) == ["GT"]
    assert reading.notes.warnings == ["Iniciativa 2: «Narnia» no es un país."]


@pytest.mark.parametrize(
    "text", ["Ana Pérez <ana@example.org>", "Ana Pérez – ana@example.org", "Ana Pérez, ana@example.org", "Ana Pérez (ana@example.org)", "Ana Pérez\nana@example.org"]
)
def test_the_focal_point_is_read_whatever_the_separator(text):
    assert answers.focal_point(text, where()) == {"name": "Ana Pérez", "email": "ana@example.org"}


def _docx(build) -> bytes:
    document = Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_instructions_left_in_the_answer_are_removed_and_blank_blocks_skipped():
    def build(document):
        document.add_paragraph("INFORMACIÓN INSTITUCIONAL")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "País e institución que completa la ficha", "Chile - AGCID"
        table.cell(1, 0).text, table.cell(1, 1).text = "Le interesa compartir la experiencia", "Si/No SI"
        for number in (1, 2):
            document.add_paragraph(f"INFORMACIÓN INICIATIVA {number}")
            block = document.add_table(rows=2, cols=2)
            block.cell(0, 0).text = "Tipo de iniciativa:"
            block.cell(0, 1).text = (
                "Identifique el número de la opción deseada: 1, 2, 3 o 4. En el caso de elegir la opción 4 "
                "especifique a qué tipo de iniciativa se refiere." + (" 2 - Proyecto" if number == 1 else "")
            )
            block.cell(1, 0).text = "Nombre de la iniciativa:"
            block.cell(1, 1).text = "Huertas urbanas" if number == 1 else ""

    parsed = read(_docx(build))
    assert parsed["country"] == "CL" and parsed["institution"] == "AGCID"
    assert parsed["wants_to_share"] is True
    assert [(i["initiative_type"], i["name"]) for i in parsed["initiatives"]] == [(2, "Huertas urbanas")]


# --- Hostile and wrong files: one clear message each, nothing parsed ---

def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def sample_bytes() -> bytes:
    return (FIXTURES / "ficha_uruguay_auci_una_iniciativa.docx").read_bytes()


def with_member(name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(sample_bytes()))
    members = {info.filename: source.read(info) for info in source.infolist()}
    members[name] = content
    return _zip(members)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>'
)
XXE = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
)
BAD_FILES = {
    "empty": (b"", "vacío"),
    "pdf renamed": (b"%PDF-1.7\n1 0 obj<<>>endobj", "no es un archivo de Word"),
    "text renamed": (b"Ficha de Costa Rica", "no es un archivo de Word"),
    "truncated": (sample_bytes()[: len(sample_bytes()) // 2], "no es un archivo de Word"),
    "legacy .doc or encrypted": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "protegido con contraseña"),
    "macro-enabled .docm": (with_member("word/vbaProject.bin", b"\0" * 100), "macros"),
    "over the size limit": (b"PK" + b"\0" * (10 * 1024 * 1024 + 1), "10 MB"),
    "zip bomb": (_zip({"word/document.xml": b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>", "[Content_Types].xml": b"<x/>"}), "se expande"),
    "billion laughs": (with_member("word/document.xml", BILLION_LAUGHS), "declaraciones XML"),
    "external entity": (with_member("word/document.xml", XXE), "declaraciones XML"),
    "zip without a document": (_zip({"hello.txt": b"hi"}), "no es un archivo de Word"),
    "broken document xml": (with_member("word/document.xml", b"<w:document><unclosed>"), "dañado"),
    "a docx that is not a ficha": (_docx(lambda d: d.add_paragraph("Acta de la reunión del comité")), "no es una ficha"),
}


@pytest.mark.parametrize("kind", BAD_FILES)
def test_each_bad_file_gets_one_clear_translated_message(kind):
    data, message = BAD_FILES[kind]
    with pytest.raises(UnreadableFicha) as error:
        read(data)
    assert message in str(error.value.message)


def test_an_upload_walks_its_body_once(monkeypatch):
    """Looking for the campaign's reference and reading the answers go through the same
    paragraphs: a file without the reference in its properties is not walked twice."""
    from surveys.docx import safety

    walks = []
    real_walk = safety.walk
    monkeypatch.setattr(safety, "walk", lambda body, *notes: walks.append(body) or real_walk(body, *notes))
    document = open_docx_safely(sample_bytes())
    assert document.identifier == "" and campaign_of(document) is None
    assert read_ficha(document) == read(sample_bytes())
    assert len([body for body in walks if body is document.body]) == 1


# Package parts may be UTF-16 (ECMA-376 part 2) and libxml2 also reads UTF-32: there the
# declarations are other bytes than in UTF-8, with or without a byte-order mark.
WIDE_ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"]


def encoded(xml: bytes, encoding: str) -> bytes:
    """The XML part written in another encoding, its declaration saying which (the byte order
    too, by a byte-order mark, or by the bytes of "<?xml" alone for -le and -be)."""
    declaration, rest = xml.split(b"?>", 1)
    assert declaration.startswith(b"<?xml")
    declared = encoding.upper().removesuffix("-LE").removesuffix("-BE")
    return (f'<?xml version="1.0" encoding="{declared}"?>' + rest.decode()).encode(encoding)


@pytest.mark.parametrize("encoding", WIDE_ENCODINGS)
@pytest.mark.parametrize("attack", ["billion laughs", "external entity"])
def test_declarations_are_refused_in_every_encoding_a_parser_reads(attack, encoding):
    xml = {"billion laughs": BILLION_LAUGHS, "external entity": XXE}[attack]
    with pytest.raises(UnreadableFicha) as error:
        read(with_member("word/document.xml", encoded(xml, encoding)))
    assert "declaraciones XML" in str(error.value.message)


def test_a_declaration_the_byte_search_misses_is_refused_once_parsed(monkeypatch):
    from surveys.docx import safety

    monkeypatch.setattr(safety, "_refuse_declarations", lambda xml: None)
    with pytest.raises(UnreadableFicha) as error:
        read(with_member("word/document.xml", BILLION_LAUGHS))
    assert "declaraciones XML" in str(error.value.message)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_ficha_written_in_utf16_reads_as_in_utf8(encoding):
    document = zipfile.ZipFile(io.BytesIO(sample_bytes())).read("word/document.xml")
    assert read(with_member("word/document.xml", encoded(document, encoding))) == read(sample_bytes())


# --- The command ---

def run_command(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "import_ficha", *map(str, args)],
        cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.django_db(transaction=True)
def test_dry_run_json_prints_exactly_one_object_and_writes_nothing(tmp_path):
    result = run_command(FIXTURES / "ficha_mexico_amexcid_tres_iniciativas.docx", "--dry-run", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads((FIXTURES / "ficha_mexico_amexcid_tres_iniciativas.json").read_text())


@pytest.mark.django_db(transaction=True)
def test_a_bad_file_gives_one_line_on_stderr_and_a_non_zero_exit(tmp_path):
    bad = tmp_path / "ficha.docx"
    bad.write_bytes(b"%PDF-1.4 not word")
    result = run_command(bad, "--dry-run", "--format", "json")
    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.django_db
def test_importing_writes_a_draft_ficha_through_the_survey(campaign, curator):
    from django.core.management import call_command

    from surveys.models import Ficha

    call_command("import_ficha", str(FIXTURES / "ficha_mexico_amexcid_tres_iniciativas.docx"), campaign=campaign.pk, user="curator")
    ficha = Ficha.objects.get(institution__country_id="MX")
    assert ficha.status == "draft" and ficha.focal_point_email == "gtorres@example.org"
    initiatives = list(ficha.initiatives.order_by("pk"))
    assert [i.initiative_type for i in initiatives] == [2, 1, 4]
    assert initiatives[2].initiative_type_other == "Red regional de cooperación técnica"
    assert [c.country_id for c in initiatives[0].country_links.order_by("pk")] == ["GT", "HN", "SV"]
    assert {i.status for i in initiatives} == {"draft"}


@pytest.mark.django_db
def test_a_dry_run_writes_nothing(campaign):
    from django.core.management import call_command

    from registry.models import Initiative, Institution

    before = (Institution.objects.count(), Initiative.objects.count())
    call_command("import_ficha", str(FIXTURES / "ficha_portugal_camoes_pt.docx"), dry_run=True, stdout=io.StringIO())
    assert (Institution.objects.count(), Initiative.objects.count()) == before


# The tenth, eleventh, twelfth, fourteenth and fifteenth sets (forms retyped by agencies in their
# own words, the twelfth with the Word features their tools add: footnotes, text boxes, content
# controls, legacy form fields, tracked changes), each written by a helper who had seen neither
# the reader nor the earlier sets. On the reader of the day before each: heldout10 42.8% of its
# answers right, heldout11 28.0%, heldout12 76.5%, heldout14 75.0%, heldout15 90.4%. What the
# reader gets right of each file now, scored answer by answer as bench/word_accuracy.py scores
# (an answer per field and per list item, two per actor): a floor that only rises. Issue 18 stays
# open until each file reads as its curator's.
HELD_OUT_RETYPED_RIGHT_AT_LEAST = {
    "t01_gt_segeplan_memorando": 63, "t02_co_apc_oficio": 89, "t03_br_abc_formulario_tabela": 69,
    "t04_pt_camoes_quadro_colunas": 80, "t05_mx_amexcid_preguntas_numeradas": 66,
    "t06_ec_cancilleria_pregunta_respuesta": 83, "t07_sv_esco_carta_anexos": 61,
    "t08_pe_apci_experiencias": 84, "t09_cr_mideplan_formulario_casillas": 63,
    "t10_do_mepyd_fichas_tecnicas": 93, "t11_ar_cancilleria_iniciativas": 89,
    "t12_py_stp_cuadro_numerado": 64, "e01_gt_segeplan_informe_por_capitulos": 76,
    "e02_ar_santafe_tablas_dos_columnas": 77, "e03_br_abc_paisagem_linha_por_iniciativa": 84,
    "e04_pt_camoes_listas_com_subniveis": 83, "e05_cr_mideplan_resumen_y_detalle": 77,
    "e06_ec_cancilleria_oficio_y_anexo_siglas": 61, "e07_sv_esco_carta_en_prosa": 56,
    "e08_do_mepyd_formulario_codificado": 73, "e09_py_stp_cuestionario_pregunta_respuesta": 59,
    "e10_co_aci_medellin_ficha_tecnica_casillas": 67, "e11_mx_semarnat_recuadros_respuesta": 56,
    "e12_uy_intendencia_montevideo_matriz_transpuesta": 78, "f01_bo_vipfe_informe_numerado_pie_de_pagina": 64,
    "f02_br_abc_quadro_bilingue_pt_es": 59, "f03_es_aecid_tabla_apaisada_tres_columnas": 75,
    "f04_cu_mincex_cuadro_de_texto_notas_al_pie": 40, "f05_mx_amexcid_oficio_iniciativa_por_pagina": 63,
    "f06_pt_camoes_controlos_de_conteudo": 46, "f07_uy_auci_control_de_cambios": 60,
    "f08_cl_agcid_formulario_campos_heredados": 58, "f09_pe_apci_membrete_y_pie_correo_partido": 36,
    "f10_hn_sreci_html_convertido_libreoffice": 59,
    "f11_ar_cancilleria_listas_numeradas_actores_por_tipo": 81,
    "f12_pa_mire_tabla_es_en_casillas_wingdings": 58,
    "k01_ar_cordoba_nota_en_prosa": 60, "k02_br_para_memorando_pt_cambios": 63,
    "k03_gt_segeplan_matriz_apaisada": 71, "k04_co_aci_medellin_preguntas": 53,
    "k05_cr_mideplan_etiquetas_en_linea": 69, "k06_cu_mincex_recuadro_y_campos": 60,
    "k07_do_mepyd_tabla_y_controles": 59, "k08_ec_gad_imbabura_codigos": 65, "k09_mx_jalisco_revisiones": 64,
    "k10_es_aacid_informe": 62, "k11_py_stp_formulario_casillas": 65, "k12_pt_acores_correo": 56,
    "m01_chile_gore_biobio_carta": 49, "m02_colombia_antioquia_preguntas_tabla": 60,
    "m03_peru_gore_cusco_columnas": 68, "m04_uruguay_canelones_informe_cambios": 56,
    "m05_brasil_recife_pt_grupos": 54, "m06_mexico_jalisco_cuestionario": 59,
    "m07_honduras_sreci_tres_columnas": 59, "m08_ecuador_pichincha_etiquetas": 57,
    "m09_espana_aacid_tablas_cambios": 57, "m10_panama_mire_pregunta_respuesta": 52,
}
HELD_OUT_RETYPED = [path for name in ("heldout10", "heldout11", "heldout12", "heldout14", "heldout15") for path in sorted((FIXTURES / name).glob("*.docx"))]


@pytest.fixture(scope="module")
def accuracy_scorer():
    """bench/word_accuracy.py's scorer (a script beside the benches, imported as a module). As a
    script it points DATABASE_URL at no server: the environment is given back as it was, or the
    commands later tests run would inherit it."""
    environment = dict(os.environ)
    try:
        return _generator(Path(settings.BASE_DIR) / "bench" / "word_accuracy.py", "word_accuracy")
    finally:
        os.environ.clear()
        os.environ.update(environment)


@pytest.mark.parametrize("path", HELD_OUT_RETYPED, ids=lambda path: path.stem)
def test_the_retyped_held_out_sets_read_at_least_as_well_as_they_did(path, accuracy_scorer):
    tally = accuracy_scorer.Tally()
    accuracy_scorer.score_file(tally, path.stem, json.loads(path.with_suffix(".curator.json").read_text(encoding="utf-8")), read(path.read_bytes()))
    assert sum(row[3] for row in tally.rows) >= HELD_OUT_RETYPED_RIGHT_AT_LEAST[path.stem]
    assert len(HELD_OUT_RETYPED) == len(HELD_OUT_RETYPED_RIGHT_AT_LEAST) == 58


def test_the_tenth_held_out_set_is_what_its_generator_writes(tmp_path, monkeypatch):
    folder = FIXTURES / "heldout10"
    monkeypatch.syspath_prepend(str(folder))
    generator = _generator(folder / "generate.py", "generate_held_out_10")
    fichas = generator.FICHAS_A + generator.FICHAS_B
    assert len(fichas) == len(generator.BUILDERS) == 12
    for ficha, build in zip(fichas, generator.BUILDERS):
        title, author, created = generator.META[ficha["key"][:3]]
        generator.save_det(build(ficha), str(tmp_path / "written.docx"), title, author, created)
        assert (tmp_path / "written.docx").read_bytes() == (folder / f"{ficha['key']}.docx").read_bytes(), ficha["key"]
        assert generator.expected(ficha) == json.loads((folder / f"{ficha['key']}.curator.json").read_text(encoding="utf-8")), ficha["key"]


def test_the_eleventh_held_out_set_is_what_its_generator_writes(tmp_path, monkeypatch):
    folder = FIXTURES / "heldout11"
    monkeypatch.syspath_prepend(str(folder))
    generator = _generator(folder / "generate.py", "generate_held_out_11")
    import importlib

    assert len(generator.MODULES) == 12
    for name in generator.MODULES:
        module = importlib.import_module(name)
        document, reading = module.build()
        generator.save(document, str(tmp_path / "written.docx"))
        assert (tmp_path / "written.docx").read_bytes() == (folder / f"{module.NAME}.docx").read_bytes(), module.NAME
        assert reading == json.loads((folder / f"{module.NAME}.curator.json").read_text(encoding="utf-8")), module.NAME


def test_the_twelfth_held_out_set_is_what_its_generator_writes(tmp_path, monkeypatch, generator_modules):
    """f10 is HTML converted by LibreOffice, whose output differs between versions: the committed
    file is what the tests read, and the generator is asked to skip it."""
    folder = FIXTURES / "heldout12"
    monkeypatch.syspath_prepend(str(folder))
    generator = _generator(folder / "generate.py", "generate_held_out_12")
    monkeypatch.setattr(generator.B, "shutil", type("NoLibreOffice", (), {"which": staticmethod(lambda name: None)}))
    assert len(generator.FILES) == 12
    skipped = []
    for stem, build in generator.FILES:
        reading = build(str(tmp_path / f"{stem}.docx"))
        if reading is None:
            skipped.append(stem)
            continue
        assert (tmp_path / f"{stem}.docx").read_bytes() == (folder / f"{stem}.docx").read_bytes(), stem
        assert json.loads(json.dumps(reading)) == json.loads((folder / f"{stem}.curator.json").read_text(encoding="utf-8")), stem
    assert skipped == ["f10_hn_sreci_html_convertido_libreoffice"]


def test_the_thirteenth_held_out_set_is_what_its_generator_writes(tmp_path, monkeypatch, generator_modules):
    """Five files are the form passed through LibreOffice or pandoc, whose output differs between
    versions: for those the expected reading is checked and the committed file stands."""
    folder = FIXTURES / "heldout13"
    monkeypatch.syspath_prepend(str(folder))
    import importlib

    modules = [importlib.import_module(name) for name in ("h13_files_a", "h13_files_b")]
    # imported first: the blank form the files fill is read from beside them, the files go to tmp_path
    monkeypatch.setattr(importlib.import_module("h13_common"), "HERE", str(tmp_path))
    converted = []
    for module in modules:
        for converter in ("soffice_to_docx", "pandoc_to_docx"):
            if hasattr(module, converter):
                monkeypatch.setattr(module, converter, lambda source, name, *args, **kwargs: converted.append(name))
    files = [build for module in modules for build in module.FILES]
    assert len(files) == 12
    for build in files:
        name, reading = build()
        assert json.loads(json.dumps(reading)) == json.loads((folder / f"{name}.curator.json").read_text(encoding="utf-8")), name
        if name not in converted:
            assert (tmp_path / f"{name}.docx").read_bytes() == (folder / f"{name}.docx").read_bytes(), name
    assert [name[:3] for name in converted] == ["g06", "g07", "g08", "g09", "g12"]


@pytest.mark.parametrize("number, files", [(14, 12), (15, 10)])
def test_the_fourteenth_and_fifteenth_held_out_sets_are_what_their_generators_write(number, files, tmp_path, monkeypatch, generator_modules):
    folder = FIXTURES / f"heldout{number}"
    monkeypatch.syspath_prepend(str(folder))
    generator = _generator(folder / "generate.py", f"generate_held_out_{number}")
    assert len(generator.FILES) == files
    for stem, build in generator.FILES:
        reading = build(str(tmp_path / f"{stem}.docx"))
        assert (tmp_path / f"{stem}.docx").read_bytes() == (folder / f"{stem}.docx").read_bytes(), stem
        assert json.loads(json.dumps(reading)) == json.loads((folder / f"{stem}.curator.json").read_text(encoding="utf-8")), stem


def _replaced(data: bytes, name: str, content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    return _zip({info.filename: content if info.filename == name else source.read(info) for info in source.infolist()})


@pytest.mark.parametrize("footer", [BILLION_LAUGHS.replace(b"w:document", b"w:ftr"), b"<w:ftr><unclosed>", b"\x00" * 64])
def test_a_hostile_or_broken_page_footer_is_left_unread_and_the_body_is_read(footer):
    """The margins are opened only when the body lacks a focal point, after the body's checks:
    what they hold never stops the reading nor reaches it."""

    def build(document):
        document.add_paragraph("Institución: Argentina – DGCIN")
        document.add_paragraph("Punto focal: ver pie de página")
        document.sections[0].footer.paragraphs[0].text = "Punto focal: Martín Sosa – mes@mrecic.gov.ar"

    data = _docx(build)
    assert read(data)["focal_point"]["email"] == "mes@mrecic.gov.ar"
    parsed = read(_replaced(data, "word/footer1.xml", footer))
    assert (parsed["institution"], parsed["focal_point"]["email"]) == ("DGCIN", "")
