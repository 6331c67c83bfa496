"""Accent- and case-insensitive text, computed in Python.

The embedded PostgreSQL has no `unaccent` extension, so both the stored search text and every
query are folded here, the same way, before PostgreSQL's stemmers see them (registry.search).
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


# What other programs paste along with the words: invisible marks (soft hyphens, zero-width
# spaces, byte-order marks), spaces of every width, and typographic quotes (guillemets are
# Spanish typography and stay). None of it is what a person meant to store, and all of it breaks
# matching ("afro\u00addescendiente").
_PASTED = str.maketrans(
    {
        **dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None),
        **dict.fromkeys(map(ord, "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"), " "),
        **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f"), '"'),
        **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b"), "'"),
    }
)
# Finding one is far cheaper than translating: most text with accents has none of them.
_ANY_PASTED = re.compile("[" + "".join(chr(code) for code in _PASTED) + "]")
_SPACES = re.compile(r"[ \t]+")


def without_pasted_marks(text: str) -> str:
    """The text with invisible marks dropped, odd spaces made plain and typographic quotes
    straight; line breaks and tabs kept (they still separate things)."""
    if not text or text.isascii() or _ANY_PASTED.search(text) is None:
        return text
    return text.translate(_PASTED)


def clean_pasted(text: str) -> str:
    """Text as it is stored: without_pasted_marks, tabs and runs of spaces made one space on each
    line, and no blank edges."""
    text = without_pasted_marks(text or "")
    if "\t" not in text and "  " not in text and " \n" not in text and "\n " not in text:
        return text.strip()
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


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
