from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from registry.success_case_word import success_case_document
from registry.success_cases import SuccessCase
from registry.downloads import DOCX_CONTENT_TYPE

PAGE_SIZE = 20


def _visible(request):
    return SuccessCase.objects.visible_to(request.user)


@require_safe
def success_case_list_view(request):
    query = request.GET.get("q", "").strip()[:200]
    cases = _visible(request).search(query).prefetch_related("countries")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/success_case_list.html", {"page": page, "query": query})


def _case(request, pk):
    try:
        return (
            _visible(request)
            .prefetch_related("countries", "actors__organization", "actors__country", "initiatives")
            .get(pk=pk)
        )
    except SuccessCase.DoesNotExist:
        raise Http404 from None


@require_safe
def success_case_detail_view(request, pk: int):
    case = _case(request, pk)
    initiatives = [initiative for initiative in case.initiatives.all() if initiative.is_published]
    return render(request, "registry/success_case_detail.html", {"case": case, "initiatives": initiatives})


@require_safe
def success_case_word_view(request, pk: int):
    case = _case(request, pk)
    response = HttpResponse(success_case_document(case), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="caso-de-exito-{case.pk}.docx"'
    return response
