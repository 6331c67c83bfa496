"""A ceiling on request bodies. Django streams uploaded files to disk without a limit of its own;
each ficha is checked for its 10 MB later, but a bulk upload without JavaScript sends every file
in one request, and nothing should be able to fill the disk with one."""

from django.conf import settings
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
