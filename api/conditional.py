"""Lists and records that national systems can sync and cache: `updated_since` keeps the records
changed at or after a moment; every list and detail says when it last changed (Last-Modified)
and what it is (ETag), and a conditional request for what the client already holds is answered
304 with no body, before the page is built.

A record's moment is its own `updated_at`. What a record shows from others (an initiative's
dialogues, an actor's name) changes with those others, in their own lists: sync those lists too."""

import hashlib
from datetime import UTC

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.http import HttpResponseNotModified
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

# Changed when a list's order changes for the same records (2: a search of over 1,000 listed by
# id), so a client does not keep a page in the old order beside new ones.
LIST_ETAG_VERSION = "2"
UPDATED_SINCE = OpenApiParameter(
    "updated_since", str,
    description="ISO 8601 date or date-time (e.g. 2026-11-30T12:00:00Z): only records changed at or after it.",
)
CONDITIONAL_HEADERS = [
    OpenApiParameter("If-None-Match", str, OpenApiParameter.HEADER, description="The ETag you hold: 304 when unchanged."),
    OpenApiParameter(
        "If-Modified-Since", str, OpenApiParameter.HEADER, description="The Last-Modified you hold: 304 when nothing changed since."
    ),
]


def conditional_schema(viewset):
    """The OpenAPI description of the parameters, on the list and the detail (the 304 answer is
    added to the operations that take them: api.schema.document_not_modified)."""
    return extend_schema_view(
        list=extend_schema(parameters=[UPDATED_SINCE, *CONDITIONAL_HEADERS]),
        retrieve=extend_schema(parameters=CONDITIONAL_HEADERS),
    )(viewset)


def updated_since(request):
    """The moment `updated_since` names (a date means its start, in UTC), or None; 400 when unreadable."""
    value = (request.query_params.get("updated_since") or "").strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value.replace(" ", "+"))  # "+" of a UTC offset arrives as a space
        if moment is None and (day := parse_date(value)) is not None:
            moment = timezone.datetime(day.year, day.month, day.day, tzinfo=UTC)
    except ValueError:
        moment = None
    if moment is None:
        raise ValidationError({"updated_since": ["Give an ISO 8601 date or date-time, e.g. 2026-11-30T12:00:00Z."]})
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)


def _not_modified(request, etag: str, last_modified) -> bool:
    matches = request.headers.get("If-None-Match")
    if matches is not None:
        return etag in [tag.strip() for tag in matches.split(",")] or matches.strip() == "*"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
    return since is not None and last_modified is not None and int(last_modified.timestamp()) <= since


def _stamped(response, etag: str, last_modified):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    # What a reader may see depends on who they are and the language of the labels.
    patch_vary_headers(response, ["Accept-Language", "Authorization", "Cookie"])
    return response


# How many of the newest changes of a table are looked through for the latest change of a list
# before every match is read: a list holding one record in a few hundred has one there.
RECENT_CHANGES = 200


def count_and_latest(queryset) -> dict:
    """How many records the queryset keeps and the latest `updated_at` among them, in one statement.

    Counting needs only the indexes, but the latest change read over every match needs each
    match's row: with a broad filter (an actor type keeps two fifths of the registry) that was
    nine tenths of the list's time at 100,000. The latest match is found first among the table's
    newest changes, which is exact whenever one of them matches (everything outside them is
    older); only a list with none there reads every match, as before. PostgreSQL evaluates the
    second reading only if the first finds nothing."""
    queryset = queryset.order_by()
    recent_keys = queryset.model._base_manager.order_by("-updated_at").values("pk")[:RECENT_CHANGES]
    try:
        keys_sql, keys_params = queryset.values("pk").query.sql_with_params()
        recent_sql, recent_params = queryset.filter(pk__in=recent_keys).values("updated_at").query.sql_with_params()
        dates_sql, dates_params = queryset.values("updated_at").query.sql_with_params()
    except EmptyResultSet:  # filters that can match nothing
        return {"count": 0, "latest": None}
    with connections[queryset.db].cursor() as cursor:
        # The fallback counts too: a lone max() would be planned as a walk of the whole
        # updated_at index looking for the newest match, slow when the matches are old.
        cursor.execute(
            f"WITH counted AS (SELECT count(*) AS n FROM ({keys_sql}) AS matches) "
            "SELECT n, CASE WHEN n = 0 THEN NULL ELSE coalesce("
            f"(SELECT max(updated_at) FROM ({recent_sql}) AS recent), "
            f"(SELECT latest FROM (SELECT max(updated_at) AS latest, count(*) FROM ({dates_sql}) AS every_match) AS whole)"
            ") END FROM counted",
            [*keys_params, *recent_params, *dates_params],
        )
        count, latest = cursor.fetchone()
    return {"count": count, "latest": latest}


class ConditionalMixin:
    """For read-only viewsets over models with `updated_at`."""

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.action == "list" and (moment := updated_since(self.request)) is not None:
            queryset = queryset.filter(updated_at__gte=moment)
        return queryset

    def _list_etag(self, stamp: dict) -> str:
        user = self.request.user
        seed = "|".join([
            LIST_ETAG_VERSION, self.request.get_full_path(), translation.get_language() or "", str(user.pk if user.is_authenticated else ""),
            str(stamp["count"]), stamp["latest"].isoformat() if stamp["latest"] else "",
        ])
        return quote_etag(hashlib.sha256(seed.encode()).hexdigest()[:32])

    def list_stamp(self, request) -> dict:
        """`latest` and `count` of what the filters keep."""
        return count_and_latest(self.filter_queryset(self.get_queryset()))

    def list(self, request, *args, **kwargs):
        # One aggregate says whether anything the filters keep changed: the page is not built otherwise.
        self.stamp = stamp = self.list_stamp(request)
        etag = self._list_etag(stamp)
        if _not_modified(request, etag, stamp["latest"]):
            return _stamped(HttpResponseNotModified(), etag, stamp["latest"])
        return _stamped(self.list_response(request, *args, **kwargs), etag, stamp["latest"])

    def list_response(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def record_etag(self, record) -> str:
        return quote_etag(f"{record._meta.model_name}-{record.pk}-{int(record.updated_at.timestamp() * 1_000_000)}")

    def retrieve(self, request, *args, **kwargs):
        record = self.get_object()
        etag = self.record_etag(record)
        if _not_modified(request, etag, record.updated_at):
            return _stamped(HttpResponseNotModified(), etag, record.updated_at)
        return _stamped(Response(self.get_serializer(record).data), etag, record.updated_at)
