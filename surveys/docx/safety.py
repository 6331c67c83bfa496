"""Opening an uploaded .docx without trusting it.

Sizes, member counts and compression ratios are checked with zipfile before anything is
decompressed; legacy, encrypted, macro-enabled and entity-declaring files are refused before an
XML parser sees them. Only the parts a ficha needs are parsed (the main document and the core
properties), with a parser that resolves no entities and fetches nothing: python-docx would load
every part of the package, which costs more than reading the answers does."""

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext_lazy as _
from lxml import etree

from surveys.docx.text import W_ID, Paragraph, child, drop_hidden, settle_controls, walk

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 500
MAX_COMPRESSION_RATIO = 100
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, and encrypted Office files
# Entity declarations can only sit inside a document type declaration, and a parser refuses one
# anywhere else. Package parts are UTF-8 or UTF-16 (ECMA-376 part 2), and libxml2 also reads
# UTF-32: each spells the declaration in other bytes.
DOCUMENT_TYPE = "<!DOCTYPE"
DOCUMENT_TYPE_IN_UTF8 = DOCUMENT_TYPE.encode()
DOCUMENT_TYPE_IN_WIDE_ENCODINGS = tuple(
    DOCUMENT_TYPE.encode(encoding) for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
)

RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
OFFICE_DOCUMENT = "/officeDocument"
CORE_PROPERTIES = "/metadata/core-properties"
PAGE_MARGINS = ("/header", "/footer")  # the relationship types of a document's page headers and footers
NOTES = ("/footnotes", "/endnotes")  # the relationship types of a document's footnotes and endnotes
W_NOTE_TYPE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type"
MAX_MARGIN_PARTS = 12  # a section has three headers and three footers; two sections are plenty
W_BODY = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body"
DC_IDENTIFIER = "{http://purl.org/dc/elements/1.1/}identifier"
# The core properties are a few hundred bytes in any real file; a larger part is not read at all.
MAX_CORE_PROPERTIES_BYTES = 64 * 1024
MAX_PACKAGE_PART_BYTES = 1024 * 1024  # [Content_Types].xml and the package relationships


DECLARATIONS_REFUSED = _("The document contains XML declarations that are not allowed.")


class UnreadableFicha(Exception):
    """The file cannot be read as a ficha; `message` says why, for the person who sent it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class WordFile:
    """What the reader needs of a .docx: the body of its main document and its identifier property."""

    body: etree._Element
    identifier: str = ""
    # The package and its main part, for what is read only when the body lacks it (the margins).
    package: bytes = field(default=b"", repr=False, compare=False)
    main_part: str = field(default="", repr=False, compare=False)

    @cached_property
    def items(self) -> tuple:
        """The body's paragraphs and table rows (surveys.docx.text.walk), walked once: an upload
        looks for its campaign's reference and reads its answers in the same paragraphs."""
        return tuple(walk(self.body, lambda: self.notes))

    @cached_property
    def notes(self) -> dict[tuple[str, str], str]:
        """The footnotes' and endnotes' texts by (kind, id), opened only when the body refers to one."""
        if not self.package:
            return {}
        try:
            return _note_texts(self.package, self.main_part)
        except UnreadableFicha:
            return {}  # a notes part with a declaration in it: the body is read without its notes
        except Exception:  # the package passed its checks once; a damaged notes part is left unread
            return {}

    @cached_property
    def margins(self) -> tuple:
        """The paragraphs of the page headers and footers, where some agencies put their focal
        point ("Punto focal: … · correo"). Read on demand: most files never need them, and
        opening the package again costs what a small part's parsing does."""
        if not self.package:
            return ()
        try:
            return tuple(_margin_paragraphs(self.package, self.main_part))
        except UnreadableFicha:
            return ()  # a margin with a declaration in it: the body was read, its margins are not
        except Exception:  # the package passed its checks once; a damaged margin is left unread
            return ()


# One parser for every file: building one costs as much as parsing a package's small parts, and
# lxml serialises the threads sharing it. No ids are collected: nothing looks an element up by
# xml:id, and collecting them is a tenth of the parsing.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, collect_ids=False)


def _parse(xml: bytes) -> etree._Element:
    root = etree.fromstring(xml, _PARSER)
    # After the search of the raw bytes: in an encoding it does not know, a declaration is found
    # here (the parser has resolved and fetched nothing of it).
    if root.getroottree().docinfo.internalDTD is not None:
        raise UnreadableFicha(DECLARATIONS_REFUSED)
    return root


def _related_parts(archive: zipfile.ZipFile, main: str, kinds: tuple[str, ...]) -> list[str]:
    """The names of the main document's parts of the relationship types ending in `kinds`."""
    folder, name = posixpath.split(main)
    relationships = archive.read(posixpath.join(folder, "_rels", f"{name}.rels"))
    _refuse_declarations(relationships)
    parts = []
    for relationship in _parse(relationships).iter(RELATIONSHIPS):
        if relationship.get("Type", "").endswith(kinds) and relationship.get("TargetMode") != "External":
            target = relationship.get("Target", "")
            parts.append(posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)))
    return parts


def _opened_part(archive: zipfile.ZipFile, part: str) -> etree._Element:
    xml = archive.read(part)
    _refuse_declarations(xml)
    root = _parse(xml)
    drop_hidden(root)
    settle_controls(root)
    return root


def _note_texts(data: bytes, main: str) -> dict[tuple[str, str], str]:
    texts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in _related_parts(archive, main, NOTES)[:len(NOTES)]:
            for note in _opened_part(archive, part):
                kind = etree.QName(note).localname
                if kind in ("footnote", "endnote") and note.get(W_NOTE_TYPE) is None:  # not a separator
                    lines = (item.text for item in walk(note) if isinstance(item, Paragraph))
                    texts[(kind, note.get(W_ID) or "")] = "\n".join(line for line in lines if line.strip())
    return texts


def _margin_paragraphs(data: bytes, main: str):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for part in _related_parts(archive, main, PAGE_MARGINS)[:MAX_MARGIN_PARTS]:
            margin = _opened_part(archive, part)
            for item in walk(margin):
                if isinstance(item, Paragraph):
                    yield item
                else:
                    yield from (paragraph for cell in item for paragraph in cell)


def _targets(relationships_xml: bytes) -> dict[str, str]:
    """Relationship type suffix -> part name, for the package-level relationships."""
    targets = {}
    for relationship in _parse(relationships_xml).iter(RELATIONSHIPS):
        kind = relationship.get("Type", "")
        target = posixpath.normpath(relationship.get("Target", "").lstrip("/"))
        for suffix in (OFFICE_DOCUMENT, CORE_PROPERTIES):
            if kind.endswith(suffix):
                targets.setdefault(suffix, target)
    return targets


def open_docx_safely(data: bytes) -> WordFile:
    if not data:
        raise UnreadableFicha(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFicha(_("The file is larger than 10 MB."))
    if data.startswith(OLE_MAGIC):
        raise UnreadableFicha(
            _("This is an old Word document (.doc) or a password-protected one. Save it as .docx without a password.")
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UnreadableFicha(_("This is not a Word (.docx) file.")) from None
    try:
        with archive:
            members = archive.infolist()
            _check_members(members)
            names = {member.filename for member in members}
            if "_rels/.rels" not in names or "[Content_Types].xml" not in names:
                raise UnreadableFicha(_("This is not a Word (.docx) file."))
            if "word/vbaProject.bin" in names or b"macroEnabled" in archive.read("[Content_Types].xml"):
                raise UnreadableFicha(_("Documents with macros (.docm) are not accepted. Save it as a plain .docx."))
            package_rels = archive.read("_rels/.rels")
            _refuse_declarations(package_rels)
            targets = _targets(package_rels)
            main = targets.get(OFFICE_DOCUMENT)
            if main not in names:
                raise UnreadableFicha(_("This is not a Word (.docx) file."))
            document_xml = archive.read(main)
            _refuse_declarations(document_xml)
            body = child(_parse(document_xml), W_BODY)
            if body is None:
                raise UnreadableFicha(_("This is not a Word (.docx) file."))
            # Both find what they change with lxml's own walk of the tree, in C: a file with
            # nothing for them costs microseconds (looking for their tags in the raw bytes first
            # cost a tenth of a millisecond more).
            drop_hidden(body)
            settle_controls(body)
            return WordFile(
                body=body, identifier=_identifier(archive, targets.get(CORE_PROPERTIES), names), package=data, main_part=main
            )
    except UnreadableFicha:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError, etree.XMLSyntaxError) as error:
        raise UnreadableFicha(_("The file is damaged or incomplete.")) from error
    except Exception as error:  # zlib and lxml raise many kinds on malformed input
        raise UnreadableFicha(_("The file is damaged or incomplete.")) from error


def _identifier(archive: zipfile.ZipFile, core_part: str | None, names: set[str]) -> str:
    # A pattern searched over the raw part backtracked for a minute on a part full of unterminated
    # tags: the small part is parsed instead, and an oversized or odd one is ignored, since the
    # visible reference in the body says the same thing.
    if core_part not in names or archive.getinfo(core_part).file_size > MAX_CORE_PROPERTIES_BYTES:
        return ""
    xml = archive.read(core_part)
    try:
        _refuse_declarations(xml)
        element = child(_parse(xml), DC_IDENTIFIER)
    except (UnreadableFicha, etree.XMLSyntaxError, ValueError):
        return ""
    return (element.text or "").strip()[:200] if element is not None else ""


def _refuse_declarations(xml: bytes) -> None:
    """Refuse entity declarations before a parser sees them: they have no place in a Word
    document, and are how XXE and billion-laughs work."""
    # A NUL in the first four bytes is how a wide encoding starts ("<" or a byte-order mark).
    wide = b"\x00" in xml[:4] or xml[:2] in (b"\xff\xfe", b"\xfe\xff")
    if DOCUMENT_TYPE_IN_UTF8 in xml or (wide and any(spelling in xml for spelling in DOCUMENT_TYPE_IN_WIDE_ENCODINGS)):
        raise UnreadableFicha(DECLARATIONS_REFUSED)


def _unsafe_name(name: str) -> bool:
    """A part name no Word file has, and that an unpacking tool would write outside its folder."""
    return name.startswith("/") or "\\" in name or ".." in name.split("/") or "\x00" in name or ":" in name.split("/")[0]


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise UnreadableFicha(_("The document has too many parts to be a ficha."))
    if any(_unsafe_name(member.orig_filename) for member in members):
        raise UnreadableFicha(_("The document's parts have names no Word file uses (absolute paths or “..”): it is not accepted."))
    package_parts = {"_rels/.rels", "[Content_Types].xml"}
    if any(member.filename in package_parts and member.file_size > MAX_PACKAGE_PART_BYTES for member in members):
        raise UnreadableFicha(_("The file is damaged or incomplete."))
    uncompressed = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members) or 1
    if uncompressed > MAX_UNCOMPRESSED_BYTES or uncompressed / compressed > MAX_COMPRESSION_RATIO:
        raise UnreadableFicha(_("The document expands to much more than its size: it is not accepted."))
