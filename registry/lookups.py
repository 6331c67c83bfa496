"""Records named by a form field: the text arrives from the browser, and anything that is not a
key (`risk=abc`, a NUL, a number too large for the column) is simply not found, never an error."""

from django.http import Http404
from django.shortcuts import get_object_or_404

MAX_KEY_DIGITS = 18  # a bigint has 19 digits: 18 always fits


def posted_number(value) -> int | None:
    """A whole number as a form field sends it, or None for anything else ("abc", "²", a NUL)."""
    text = value.strip() if isinstance(value, str) else ""
    if not text.isascii() or not text.isdigit() or len(text) > MAX_KEY_DIGITS:
        return None
    return int(text)


def posted_object_or_404(queryset, value, **filters):
    if (key := posted_number(value)) is None:
        raise Http404
    return get_object_or_404(queryset, pk=key, **filters)
