from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from registry import services
from registry.search import SEARCH_RANKING_LIMIT
from registry.shared import also_reported_by
from registry.shared import may_read as may_read_shared
from registry.audit import audit_entries_for, readable_changes
from registry.choices import MULTI_ACTOR_MIN_TYPES, SUSTAINABLE_DEVELOPMENT_MIN_TYPES
from registry.filters import AuditEntryFilterSet
from registry.extensions import sections_for
from registry.ficha import initiative_questions
from registry.permissions import may_edit_for
from registry.privacy import may_see_contacts
from registry.models import AuditEntry, Initiative
from registry.text import fold
from registry.selectors import initiative_detail, initiative_filterset, initiative_list

PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25


def _page_size(request) -> int:
    try:
        requested = int(request.GET.get("page_size", DEFAULT_PAGE_SIZE))
    except ValueError:
        return DEFAULT_PAGE_SIZE
    return requested if requested in PAGE_SIZES else DEFAULT_PAGE_SIZE


# A search too broad to rank (registry.search) lists up to this many in the catalog's order, and
# the page asks for more words: counting every match grew with the registry too.


class CappedPaginator(Paginator):
    """Counts up to `cap` + 1 matches, never all of them: the count then costs the same at any size."""

    def __init__(self, *args, cap: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @cached_property
    def num_pages(self) -> int:
        return max(1, -(-min(self.count, self.cap) // self.per_page))

    def page(self, number):
        page = super().page(number)
        page.object_list = page.object_list[: max(0, self.cap - (page.number - 1) * self.per_page)]
        return page


@require_safe
def initiative_list_view(request):
    filterset = initiative_filterset(data=request.GET, user=request.user)
    if filterset.is_valid():
        initiatives = initiative_list(filterset=filterset)
    else:
        initiatives = Initiative.objects.none()
    too_broad = False
    if filterset.is_valid() and fold(filterset.form.cleaned_data.get("q") or ""):  # ranked as the filterset does
        paginator = CappedPaginator(initiatives, _page_size(request), cap=SEARCH_RANKING_LIMIT)
        too_broad = paginator.count > SEARCH_RANKING_LIMIT
        if too_broad and not filterset.form.cleaned_data.get("ordering"):
            paginator.object_list = initiatives.order_by(*Initiative._meta.ordering)
    else:
        paginator = Paginator(initiatives, _page_size(request))
    page = paginator.get_page(request.GET.get("page"))
    in_use = [name for name in filterset.filters_in_use if name != "ordering"]
    taking_part = list(filterset.form.cleaned_data.get("taking_part") or []) if filterset.is_valid() else []
    everywhere = request.GET.copy()
    everywhere.pop("taking_part", None)
    everywhere.pop("page", None)
    return render(
        request,
        "registry/initiative_list.html",
        {
            "filterset": filterset,
            "page": page,
            "too_broad": too_broad,
            "ranking_limit": SEARCH_RANKING_LIMIT,
            # An empty list means "nothing matches" only when something was asked for.
            "searched": bool(in_use) or not filterset.is_valid(),
            # The panel's summary counts the filters in it; the search box is outside it.
            "panel_filters_in_use": len([name for name in in_use if name not in ("q", "taking_part")]),
            # Set by a country on the map: said above the results, with the way back.
            "taking_part": taking_part,
            "without_taking_part": everywhere.urlencode(),
        },
    )


def initiative_answers(initiative, *, with_contacts: bool) -> list[dict]:
    """The ficha's answers in the order of its questions (registry.ficha), each shown by the
    template of its kind; a person's contact only for readers who may see it."""
    return [
        {
            "question": question,
            "values": [getattr(initiative, name) for name in question.fields],
            "template": f"registry/answers/{question.kind}.html",
        }
        for question in initiative_questions()
        if with_contacts or not question.is_personal
    ]


@require_safe
def initiative_detail_view(request, pk: int):
    try:
        initiative = initiative_detail(pk=pk, user=request.user)
    except Initiative.DoesNotExist:
        raise Http404 from None
    show_history = request.user.is_authenticated and request.user.is_technical_unit
    return render(
        request,
        "registry/initiative_detail.html",
        {
            "initiative": initiative,
            "history": [(entry, readable_changes(entry)) for entry in audit_entries_for(initiative).select_related("content_type")[:50]] if show_history else None,
            "can_confirm": initiative.is_published and services.can_confirm(request.user, initiative),
            "can_follow_up": may_edit_for(request.user, initiative.institution_id),
            # Through the reverse relation: the knowledge app builds on the registry, not the other way round.
            "success_cases": initiative.success_cases.visible_to(request.user),
            "answers": initiative_answers(initiative, with_contacts=may_see_contacts(request.user)),
            "sections": sections_for(initiative, request.user),
            "also_reported": also_reported_by(initiative, request.user),
            "can_compare": bool(initiative.shared_id) and may_read_shared(request.user, initiative.shared),
            "show_contacts": may_see_contacts(request.user),
            "introduction_address": settings.TECHNICAL_UNIT_EMAIL,
            "introduction_subject": _("Alianzas: introduction to the initiative “%(name)s” (#%(pk)d)")
            % {"name": initiative.name, "pk": initiative.pk},
            "multi_actor_min_types": MULTI_ACTOR_MIN_TYPES,
            "sustainable_min_types": SUSTAINABLE_DEVELOPMENT_MIN_TYPES,
        },
    )


@login_required
@require_http_methods(["POST"])
def initiative_confirm_view(request, pk: int):
    try:
        initiative = initiative_detail(pk=pk, user=request.user)
    except Initiative.DoesNotExist:
        raise Http404 from None
    try:
        services.initiative_confirm(initiative=initiative, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you: the initiative is confirmed as current for another year."))
    return redirect("registry:initiative_detail", pk=pk)


AUDIT_PAGE_SIZE = 50


@login_required
@require_safe
def audit_list_view(request):
    """The audit trail for the technical unit: every create, update, delete and status change."""
    if not request.user.is_technical_unit:
        raise PermissionDenied
    filterset = AuditEntryFilterSet(
        request.GET, queryset=AuditEntry.objects.select_related("actor", "content_type").order_by("-at", "-id")
    )
    entries = filterset.qs if filterset.is_valid() else AuditEntry.objects.none()
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(entry, readable_changes(entry)) for entry in page]
    return render(request, "registry/audit_list.html", {"filterset": filterset, "page": page, "rows": rows})


@require_safe
def privacy_view(request):
    return render(
        request,
        "privacy.html",
        {"technical_unit_email": settings.TECHNICAL_UNIT_EMAIL, "backup_days": settings.BACKUP_RETENTION_DAYS},
    )
