from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from knowledge.glossary import GlossaryTerm
from knowledge.success_cases import SuccessCase
from knowledge.word import success_case_document
from registry.downloads import DOCX_CONTENT_TYPE
from registry.models import current_language
from registry.text import fold

PAGE_SIZE = 20


def _visible(request):
    return SuccessCase.objects.visible_to(request.user)


@require_safe
def success_case_list_view(request):
    query = request.GET.get("q", "").strip()[:200]
    cases = _visible(request).search(query).prefetch_related("countries")
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "knowledge/success_case_list.html", {"page": page, "query": query})


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
    return render(request, "knowledge/success_case_detail.html", {"case": case, "initiatives": initiatives})


@require_safe
def success_case_word_view(request, pk: int):
    case = _case(request, pk)
    response = HttpResponse(success_case_document(case), content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="caso-de-exito-{case.pk}.docx"'
    return response


@require_safe
def glossary_view(request):
    """The public glossary: every term in the reader's language, by letter, with a search that
    ignores accents and case."""
    terms = sorted(GlossaryTerm.objects.all(), key=lambda term: fold(term.term))
    query = request.GET.get("q", "").strip()[:200]
    if query:
        wanted = fold(query)
        terms = [
            term for term in terms
            if wanted in fold(" ".join([term.term, term.definition, *term.forms(current_language())]))
        ]
    by_letter: dict[str, list] = {}
    for term in terms:
        by_letter.setdefault(fold(term.term)[:1].upper(), []).append(term)
    return render(
        request,
        "knowledge/glossary.html",
        {"by_letter": by_letter, "query": query, "alphabet": "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
    )
