"""Opening an uploaded .docx without trusting it.

python-docx reads every zip member whole, so sizes, member counts and compression ratios are
checked with zipfile first; legacy, encrypted, macro-enabled and entity-declaring files are
refused before any XML parser sees them."""

import io
import re
import zipfile

import docx
from django.utils.translation import gettext_lazy as _

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 500
MAX_COMPRESSION_RATIO = 100
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, and encrypted Office files
ENTITY_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


class UnreadableFicha(Exception):
    """The file cannot be read as a ficha; `message` says why, for the person who sent it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def open_docx_safely(data: bytes) -> docx.document.Document:
    if not data:
        raise UnreadableFicha(_("The file is empty."))
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableFicha(_("The file is larger than 10 MB."))
    if data.startswith(OLE_MAGIC):
        raise UnreadableFicha(
            _("This is an old Word document (.doc) or a password-protected one. Save it as .docx without a password.")
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableFicha(_("This is not a Word (.docx) file."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_members(members)
            names = {member.filename for member in members}
            if "word/document.xml" not in names:
                raise UnreadableFicha(_("This is not a Word (.docx) file."))
            if "word/vbaProject.bin" in names or b"macroEnabled" in archive.read("[Content_Types].xml"):
                raise UnreadableFicha(_("Documents with macros (.docm) are not accepted. Save it as a plain .docx."))
            for member in members:
                if member.filename.endswith((".xml", ".rels")) and ENTITY_DECLARATION.search(archive.read(member)):
                    raise UnreadableFicha(_("The document contains XML declarations that are not allowed."))
        return docx.Document(io.BytesIO(data))
    except UnreadableFicha:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
        raise UnreadableFicha(_("The file is damaged or incomplete.")) from error
    except Exception as error:  # python-docx and lxml raise many kinds on malformed parts
        raise UnreadableFicha(_("The file is damaged or incomplete.")) from error


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > MAX_MEMBERS:
        raise UnreadableFicha(_("The document has too many parts to be a ficha."))
    uncompressed = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members) or 1
    if uncompressed > MAX_UNCOMPRESSED_BYTES or uncompressed / compressed > MAX_COMPRESSION_RATIO:
        raise UnreadableFicha(_("The document expands to much more than its size: it is not accepted."))
