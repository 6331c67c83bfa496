"""Generators of crafted Word files, one per family of attack the fuzzing found: nothing here is a
committed binary, so each family can be produced at any size."""

import io
import zipfile

from tests.surveys.word_files import answer, blank, saved

RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="r2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    "</Relationships>"
)
TYPES = '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
DOCUMENT = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    "<w:p><w:r><w:t>Información institucional</w:t></w:r></w:p></w:body></w:document>"
)


def package(members: dict[str, str | bytes]) -> bytes:
    # Stored, not compressed: a repetitive part would otherwise be refused for its compression
    # ratio before the check under test is reached.
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name), content)
    return buffer.getvalue()


def minimal(**extra: str | bytes) -> dict[str, str | bytes]:
    return {"[Content_Types].xml": TYPES, "_rels/.rels": RELS, "word/document.xml": DOCUMENT, **extra}


def unterminated_identifiers(count: int = 20_000) -> bytes:
    """A core-properties part full of `<dc:identifier ` that never close: a pattern searched over it
    backtracked for a minute."""
    return package(minimal(**{"docProps/core.xml": "<dc:identifier " * count}))


def oversized_core_properties(megabytes: int = 2) -> bytes:
    core = (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier>ALIANZAS-C1</dc:identifier>'
        f"<dc:description>{'x' * megabytes * 1024 * 1024}</dc:description></cp:coreProperties>"
    )
    return package(minimal(**{"docProps/core.xml": core}))


def member_named(name: str) -> bytes:
    """A package with one part whose name leaves the folder it would be unpacked in."""
    return package(minimal(**{name: "<x/>"}))


def ficha_with_answer(campaign, question: str, text: str) -> bytes:
    document = blank(campaign)
    answer(document, "País e institución que completa la ficha", "Costa Rica – MIDEPLAN")
    answer(document, "Tipo de iniciativa", "2 - Proyecto")
    answer(document, "Nombre de la iniciativa", "Iniciativa larga")
    answer(document, question, text)
    return saved(document)


def distinct_words(characters: int) -> str:
    """Text of that many characters made of words that never repeat: what made the search
    vector exceed PostgreSQL's 1 MB."""
    words, size, number = [], 0, 0
    while size < characters:
        word = f"w{number:x}q"
        words.append(word)
        size += len(word) + 1
        number += 1
    return " ".join(words)[:characters]


# Texts that make naive patterns slow: long runs without the character a pattern waits for.
SLOW_PATTERN_TEXTS = {
    "word characters, no @": "a" * 5000,
    "spaces, then a parenthesis": " " * 4990 + "x (y",
    "dashes between words": " - ".join(["a"] * 1600),
    "dots and hyphens": "a.-" * 1600,
    "opening parentheses": "(" * 5000,
    "an address without its domain": "ana.solano" * 480 + "@",
}
