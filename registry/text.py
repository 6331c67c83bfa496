"""Accent- and case-insensitive text, computed in Python.

The embedded PostgreSQL has no `unaccent` extension, so both the stored search text and every
query are folded here, the same way, before PostgreSQL's Spanish stemmer sees them.
"""

import re
import unicodedata

# The combining-mark blocks of Latin, Greek and Cyrillic script: every accent our languages write.
# A regular expression over these is many times faster than testing each character, and fold runs
# on every line of every uploaded ficha.
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    text = text or ""
    if not text.isascii():
        text = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(text.casefold().split())


# Characters XML 1.0 forbids (Word and Excel files are XML): control characters pasted from other
# programs reach the database through forms, and must not make a download fail.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _NOT_XML.sub("", text) if text else text


# A spreadsheet runs a cell that starts with one of these as a formula (CSV/formula injection):
# "=HYPERLINK(...)" typed in a ficha must reach an analyst's Excel as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text) -> bool:
    return isinstance(text, str) and text.startswith(FORMULA_STARTS)


def spreadsheet_safe(value):
    """A value for a CSV cell: CSV has no types, and the apostrophe is what spreadsheets read as
    "this is text", so a typed formula stays text."""
    if value is None:
        return ""
    return "'" + value if looks_like_formula(value) else value


# Every way our languages write a letter: a pattern built from them finds "Martín", "MARTIN" and
# "martín" alike, in PostgreSQL (which has no unaccent here) as in Python.
_LETTER_FORMS = {
    "a": "aáàâãäå", "e": "eéèêë", "i": "iíìîï", "o": "oóòôõö", "u": "uúùûü", "c": "cç", "n": "nñ", "y": "yýÿ",
}


def accent_insensitive_pattern(text: str) -> str:
    """A regular expression, valid for both PostgreSQL and Python, matching `text` whatever its
    accents, case and spacing."""
    parts = []
    for character in fold(text):
        if character == " ":
            parts.append(r"\s+")
        elif character.isalpha():
            forms = _LETTER_FORMS.get(character, character)
            parts.append("[" + forms + forms.upper() + "]")
        else:
            parts.append(re.escape(character))
    return "".join(parts)
