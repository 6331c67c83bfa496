"""Text PostgreSQL cannot store never reaches a view: a NUL character in the address, the query
string or a form is refused with a 400 before anything reads it (every view at once, rather than
each search box, lookup and form on its own). JSON bodies are checked by the API's parser
(api.parsers), which knows about escapes such as \\u0000."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from alianzas.errors import API_PREFIX

NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _carries_nul(request) -> bool:
    if NUL in request.path_info:
        return True
    if any(NUL in key or any(NUL in value for value in values) for key, values in request.GET.lists()):
        return True
    if request.method == "POST" and request.content_type in FORM_TYPES:
        if any(NUL in key or any(NUL in value for value in values) for key, values in request.POST.lists()):
            return True
        return any(NUL in (upload.name or "") for upload in request.FILES.values())
    return False


def bad_request(request, message: str):
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"detail": message}, status=400)
    return render(request, "400.html", {"message": message}, status=400)


def reject_nul_characters(get_response):
    def middleware(request):
        if _carries_nul(request):
            return bad_request(request, _("The request contains a null character, which is not allowed. Nothing was changed."))
        return get_response(request)

    return middleware
