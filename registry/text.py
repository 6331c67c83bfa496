"""Accent- and case-insensitive text, computed in Python.

The embedded PostgreSQL has no `unaccent` extension, so both the stored search text and every
query are folded here, the same way, before PostgreSQL's Spanish stemmer sees them.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", without_marks.casefold()).strip()
