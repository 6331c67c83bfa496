"""Bodies that cannot be stored or walked are refused as a 400 with a clear message: a NUL
(\\u0000, which PostgreSQL cannot store), a lone surrogate (\\ud800, which is no character and
cannot be encoded), or nesting deeper than any request of this API needs (the standard parser
recurses until Python gives up, which was a 500)."""

import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

MAX_DEPTH = 32


def _check(value) -> None:
    """Walk the parsed body without recursion, so no depth can exhaust the stack."""
    pending = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise ParseError(_("The JSON is nested too deeply."))
        if isinstance(node, dict):
            pending.extend((key, depth + 1) for key in node)
            pending.extend((item, depth + 1) for item in node.values())
        elif isinstance(node, list):
            pending.extend((item, depth + 1) for item in node)
        elif isinstance(node, str):
            if "\x00" in node:
                raise ParseError(_("The request contains a null character, which is not allowed. Nothing was changed."))
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                raise ParseError(_("The JSON contains an invalid character (a lone surrogate).")) from None


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = stream.read().decode(encoding) if stream is not None else ""
        except UnicodeDecodeError:
            raise ParseError(_("The body is not valid UTF-8 text.")) from None
        try:
            data = json.loads(text, parse_constant=_refuse_constant)
        except RecursionError:
            raise ParseError(_("The JSON is nested too deeply.")) from None
        except ValueError as error:
            raise ParseError(_("The body is not valid JSON: %(error)s") % {"error": error}) from None
        _check(data)
        return data


def _refuse_constant(name: str):
    # NaN and Infinity are not JSON, whatever Python's parser accepts by default.
    raise ValueError(f"{name} is not allowed")


def _check_form(data) -> None:
    for key, values in data.lists():
        _check([key, *values])


class StrictFormParser(FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        _check_form(data)
        return data


class StrictMultiPartParser(MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        _check_form(parsed.data)
        return parsed
