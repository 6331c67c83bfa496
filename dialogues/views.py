"""Dialogues, interest and seminars. Thin views: visibility through selectors, writes through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from dialogues import services
from dialogues.forms import InterestForm, ScheduleForm, StatusForm
from dialogues.models import DIALOGUE_TRANSITIONS, Dialogue, DialogueStatus, Interest, Seminar
from dialogues.selectors import (
    bilateral_matches,
    dialogues_visible_to,
    focus_summary,
    interest_candidates,
    seminars_visible_to,
)
from registry.downloads import stored_file_download
from registry.models import Initiative
from registry.privacy import may_see_contacts
from registry.timezones import zone_for_country

PAST_PAGE_SIZE = 50


def _is_technical_unit(user) -> bool:
    return user.is_authenticated and user.is_technical_unit


def _involves(dialogue: Dialogue, user) -> bool:
    """The person's country presents in the dialogue or is invited to it."""
    if not (user.is_authenticated and user.is_focal_point and user.institution_id):
        return False
    country = user.institution.country_id
    return any(i.institution.country_id == country for i in dialogue.initiatives.all()) or any(
        c.pk == country for c in dialogue.invited_countries.all()
    )


@require_safe
def dialogue_list(request):
    dialogues = dialogues_visible_to(request.user)
    now = timezone.now()
    finished = Q(status__in=[DialogueStatus.HELD, DialogueStatus.CANCELLED]) | Q(starts_at__lt=now)
    upcoming = dialogues.exclude(finished).order_by("starts_at", "pk")
    past = dialogues.filter(finished).order_by("-starts_at", "-pk")
    return render(
        request,
        "dialogues/dialogue_list.html",
        {
            "upcoming": upcoming,
            "past": Paginator(past, PAST_PAGE_SIZE).get_page(request.GET.get("page")),
            "seminars": seminars_visible_to(request.user),
            "can_manage": _is_technical_unit(request.user),
            "focus_summary": focus_summary() if _is_technical_unit(request.user) else None,
        },
    )


def _local_times(dialogue: Dialogue, moment) -> list[tuple[str, object]]:
    """The time in each country taking part, at its capital."""
    return [(country.name, moment.astimezone(zone_for_country(country.pk))) for country in services.taking_part(dialogue)]


def _detail(request, dialogue: Dialogue, *, schedule_form=None, status_form=None, warnings=None, status=200):
    manage = _is_technical_unit(request.user)
    involved = manage or _involves(dialogue, request.user)
    slots = []
    if manage:
        for slot in dialogue.slots.all():
            slots.append(
                {
                    "starts_at": slot.starts_at,
                    "local_times": _local_times(dialogue, slot.starts_at),
                    "warnings": services.scheduling_warnings(
                        dialogue=dialogue, starts_at=slot.starts_at, duration_minutes=dialogue.duration_minutes
                    ),
                }
            )
    return render(
        request,
        "dialogues/dialogue_detail.html",
        {
            "dialogue": dialogue,
            "involved": involved,
            "manage": manage,
            "local_times": _local_times(dialogue, dialogue.starts_at) if dialogue.starts_at else [],
            "slots": slots,
            "schedule_form": schedule_form or (ScheduleForm(dialogue=dialogue) if manage else None),
            "status_form": status_form or StatusForm(),
            "warnings": warnings,
            "can_move": {target: target in DIALOGUE_TRANSITIONS[dialogue.status] for target in DialogueStatus},
        },
        status=status,
    )


def _visible_dialogue(request, pk: int) -> Dialogue:
    try:
        return dialogues_visible_to(request.user).get(pk=pk)
    except Dialogue.DoesNotExist:
        raise Http404 from None


@require_safe
def dialogue_detail(request, pk: int):
    return _detail(request, _visible_dialogue(request, pk))


@login_required
@require_POST
def dialogue_schedule(request, pk: int):
    if not _is_technical_unit(request.user):
        raise PermissionDenied
    dialogue = _visible_dialogue(request, pk)
    form = ScheduleForm(request.POST, dialogue=dialogue)
    # The page comes back at its top: say there what stopped the scheduling, the details stay by the form.
    if not form.is_valid():
        messages.error(request, _("The dialogue was not scheduled: correct the schedule below."))
        return _detail(request, dialogue, schedule_form=form, status=400)
    moment, minutes = form.cleaned_data["moment"], form.cleaned_data["duration_minutes"]
    warnings = services.scheduling_warnings(dialogue=dialogue, starts_at=moment, duration_minutes=minutes)
    if warnings and not form.cleaned_data["accept_warnings"]:
        messages.warning(
            request,
            _("The dialogue was not scheduled yet: %(warnings)s Tick “Schedule it anyway” below to keep this time.")
            % {"warnings": " ".join(warnings)},
        )
        return _detail(request, dialogue, schedule_form=form, warnings=warnings)
    try:
        services.dialogue_schedule(
            dialogue=dialogue,
            starts_at=moment,
            duration_minutes=minutes,
            video_link=form.cleaned_data["video_link"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The dialogue is scheduled; the invitations were sent."))
    return redirect("dialogues:dialogue_detail", pk=dialogue.pk)


@login_required
@require_POST
def dialogue_status(request, pk: int):
    if not _is_technical_unit(request.user):
        raise PermissionDenied
    dialogue = _visible_dialogue(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _detail(request, dialogue, status_form=form, status=400)
    action, reason = form.cleaned_data["action"], form.cleaned_data["reason"]
    try:
        if action == "held":
            services.dialogue_mark_held(dialogue=dialogue, by=request.user, now=timezone.now())
        elif action == "postpone":
            services.dialogue_postpone(dialogue=dialogue, reason=reason, by=request.user)
        else:
            services.dialogue_cancel(dialogue=dialogue, reason=reason, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The dialogue's status was changed."))
    return redirect("dialogues:dialogue_detail", pk=dialogue.pk)


@login_required
@require_safe
def candidates(request):
    if not _is_technical_unit(request.user):
        raise PermissionDenied
    return render(
        request, "dialogues/candidates.html", {"candidates": interest_candidates(), "matches": bilateral_matches()}
    )


@login_required
@require_http_methods(["POST"])
def interest(request, initiative_pk: int):
    """Mark (or, with action=withdraw, take back) the institution's interest in an initiative."""
    if not (request.user.is_focal_point and request.user.institution_id):
        raise PermissionDenied
    initiative = get_object_or_404(Initiative.objects.published(), pk=initiative_pk)
    if request.POST.get("action") == "withdraw":
        existing = Interest.objects.filter(initiative=initiative, institution=request.user.institution).first()
        if existing:
            services.interest_withdraw(interest=existing, by=request.user)
            messages.success(request, _("Your institution's interest was withdrawn."))
        return redirect("registry:initiative_detail", pk=initiative.pk)
    form = InterestForm(request.POST)
    if form.is_valid():
        try:
            services.interest_mark(initiative=initiative, by=request.user, question=form.cleaned_data["question"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your interest was recorded. The technical unit will propose a dialogue."))
    else:
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
    return redirect("registry:initiative_detail", pk=initiative.pk)


def _visible_seminar(request, pk: int) -> Seminar:
    try:
        return seminars_visible_to(request.user).get(pk=pk)
    except Seminar.DoesNotExist:
        raise Http404 from None


@require_safe
def seminar_detail(request, pk: int):
    return render(
        request,
        "dialogues/seminar_detail.html",
        {"seminar": _visible_seminar(request, pk), "show_people": may_see_contacts(request.user)},
    )


@require_safe
def seminar_concept_note(request, pk: int):
    seminar = _visible_seminar(request, pk)
    extension = seminar.concept_note.name.rsplit(".", 1)[-1]
    return stored_file_download(seminar.concept_note, filename=f"nota-conceptual-{seminar.pk}.{extension}")
