"""What a search of the initiatives keeps, found once: its count, its latest change and the
keys of the page asked for, in one statement.

The list's ETag needs the count and the latest change of every match, and the page needs its
keys in the list's order. Asked separately, PostgreSQL finds the matches twice; with filters that
each keep a large share of the registry (a common word, a sector, an actor type) finding them is
most of the work, and it grows with the registry. Here the matches are found once (a
materialized CTE, so the planner cannot walk the whole primary key looking for a page of them).

A search is listed best first while it matches at most registry.search.SEARCH_RANKING_LIMIT
initiatives, as in the catalog; ranking is computed for those matches only. A broader one is
listed by key, like the list without a search: ranking every match of a common word is what grew
with the registry, and a client paging through thousands of matches reads them all anyway."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber

from registry import search

BY_RELEVANCE = ("-rank", "name")  # the order registry.filters gives a search


@dataclass(frozen=True)
class Found:
    stamp: dict  # {"count", "latest"}
    keys: list[int]
    ranked: bool | None  # for a search: listed best first (True) or by key (False)


def _ordering(queryset: QuerySet) -> list | None:
    terms = queryset.query.order_by or ("pk",)
    if not all(isinstance(term, str) for term in terms):
        return None
    return [F(term[1:]).desc() if term.startswith("-") else F(term).asc() for term in terms] + [F("pk").asc()]


def stamp_and_page(queryset: QuerySet, first: int, size: int) -> Found | None:
    """The count and latest change of the queryset and the keys from position `first` on (at
    most `size`), in its order; None when it cannot be read this way (a DISTINCT, an ordering by
    an expression)."""
    if queryset.query.distinct:
        return None
    try:
        if tuple(queryset.query.order_by) == BY_RELEVANCE and "rank" in queryset.query.annotations:
            return _searched(queryset, first, size)
        ordering = _ordering(queryset)
        if ordering is None:
            return None
        numbered = queryset.order_by().annotate(list_position=Window(RowNumber(), order_by=ordering))
        sql, params = numbered.values("pk", "updated_at", "list_position").query.sql_with_params()
    except EmptyResultSet:  # filters that can match nothing (a SEGIB sector no registry sector maps to)
        return Found({"count": 0, "latest": None}, [], None)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH matches AS MATERIALIZED ({sql}) SELECT (SELECT count(*) FROM matches), (SELECT max(updated_at) FROM matches), "
            "ARRAY(SELECT pk FROM matches WHERE list_position > %s ORDER BY list_position LIMIT %s)",
            [*params, first, size],
        )
        count, latest, keys = cursor.fetchone()
    return Found({"count": count, "latest": latest}, list(keys), None)


def _searched(queryset: QuerySet, first: int, size: int) -> Found:
    sql, params = queryset.order_by().values("pk", "updated_at").query.sql_with_params()
    # The rank as the filterset wrote it, over the initiative's own row (joined for the few).
    rank_sql, rank_params = queryset.query.get_compiler(connection=connection).compile(queryset.query.annotations["rank"])
    table = queryset.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH matches AS MATERIALIZED ({sql}), total AS (SELECT count(*) AS n, max(updated_at) AS latest FROM matches) "
            "SELECT n, latest, n <= %s, CASE WHEN n <= %s THEN ARRAY("
            f"  SELECT matches.pk FROM matches JOIN {table} ON {table}.id = matches.pk"
            f"  ORDER BY {rank_sql} DESC, {table}.name, matches.pk OFFSET %s LIMIT %s"
            ") ELSE ARRAY(SELECT pk FROM matches ORDER BY pk OFFSET %s LIMIT %s) END FROM total",
            [*params, search.SEARCH_RANKING_LIMIT, search.SEARCH_RANKING_LIMIT, *rank_params, first, size, first, size],
        )
        count, latest, ranked, keys = cursor.fetchone()
    return Found({"count": count, "latest": latest}, list(keys), ranked)
