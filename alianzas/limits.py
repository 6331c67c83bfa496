"""Ceilings: on request bodies, and on how fast one person may send costly work (Word uploads).

A ceiling on request bodies. Django streams uploaded files to disk without a limit of its own;
each ficha is checked for its 10 MB later, but a bulk upload without JavaScript sends every file
in one request, and nothing should be able to fill the disk with one."""

import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render


def request_size_limit(get_response):
    def middleware(request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            return render(
                request,
                "413.html",
                {"limit_megabytes": settings.MAX_REQUEST_BYTES // (1024 * 1024)},
                status=413,
            )
        return get_response(request)

    return middleware


def within_rate(key: str, *, cost: int = 1, limit: int, period_seconds: int) -> bool:
    """Count `cost` against `limit` per fixed window of `period_seconds` in the shared cache
    (CACHE=database in production, so every app process counts together); False once spent."""
    window = int(time.time() // period_seconds)
    cache_key = f"rate:{key}:{window}"
    cache.add(cache_key, 0, timeout=period_seconds)
    try:
        used = cache.incr(cache_key, cost)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, cost, timeout=period_seconds)
        used = cost
    return used <= limit
