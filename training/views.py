"""The training workshops: the technical unit runs them; members (focal points) read them and
download their materials; participants answer the survey through a single-use link, signed in
or not; the report counts officials trained per country and actor type."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from registry.choices import ActorType
from registry.downloads import stored_file_download
from registry.lookups import posted_number, posted_object_or_404
from registry.models import Country
from registry.privacy import may_see_contacts
from registry.services import EditConflict
from training import services
from training.forms import MaterialForm, ParticipantForm, SatisfactionForm, SessionForm, WorkshopForm
from training.models import Material, Workshop, WorkshopSession

MAX_UPLOAD = 10 * 1024 * 1024 + 1


def _require_member(user) -> None:
    if not may_see_contacts(user):
        raise PermissionDenied


def _require_unit(user) -> None:
    if not user.is_technical_unit:
        raise PermissionDenied


@login_required
@require_safe
def workshop_list(request):
    _require_member(request.user)
    workshops = Workshop.objects.prefetch_related("sessions")
    return render(request, "training/workshop_list.html", {"workshops": workshops, "is_unit": request.user.is_technical_unit})


@login_required
@require_http_methods(["GET", "POST"])
def workshop_form(request, pk: int | None = None):
    _require_unit(request.user)
    workshop = get_object_or_404(Workshop, pk=pk) if pk else Workshop()
    form = WorkshopForm(request.POST or None, instance=workshop, initial={"version": workshop.version})
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.workshop_save(workshop=form.save(commit=False), by=request.user, expected_version=form.cleaned_data.get("version"))
        except EditConflict:
            messages.error(request, _("Someone changed it after you opened it. Here it is as it is now; make your change again."))
            return redirect("training:workshop_edit", pk=workshop.pk)
        return redirect("training:workshop_detail", pk=saved.pk)
    return render(request, "training/workshop_form.html", {"form": form, "workshop": workshop})


@login_required
@require_http_methods(["GET", "POST"])
def workshop_detail(request, pk: int):
    _require_member(request.user)
    workshop = get_object_or_404(Workshop, pk=pk)
    forms = {"session": SessionForm(), "material": MaterialForm(), "participant": ParticipantForm()}
    if request.method == "POST":
        _require_unit(request.user)
        action = request.POST.get("action")
        try:
            if action == "session":
                forms["session"] = form = SessionForm(request.POST)
                if form.is_valid():
                    services.session_add(workshop=workshop, by=request.user, **form.cleaned_data)
                    return redirect("training:workshop_detail", pk=pk)
            elif action == "material":
                forms["material"] = form = MaterialForm(request.POST, request.FILES)
                if form.is_valid():
                    upload = form.cleaned_data["file"]
                    services.material_add(workshop=workshop, title=form.cleaned_data["title"], description=form.cleaned_data["description"],
                                          name=upload.name, data=upload.read(MAX_UPLOAD), by=request.user)
                    return redirect("training:workshop_detail", pk=pk)
            elif action == "participant":
                forms["participant"] = form = ParticipantForm(request.POST)
                if form.is_valid():
                    services.participant_add(workshop=workshop, by=request.user, **form.cleaned_data)
                    return redirect("training:workshop_detail", pk=pk)
            elif action == "attendance":
                session = posted_object_or_404(WorkshopSession.objects.filter(workshop=workshop), request.POST.get("session"))
                present = [key for value in request.POST.getlist("present") if (key := posted_number(value)) is not None]
                services.attendance_set(session=session, participant_ids=present, by=request.user)
                messages.success(request, _("Attendance saved."))
                return redirect("training:workshop_detail", pk=pk)
            elif action == "invite":
                count = services.invitations_send(workshop=workshop, by=request.user)
                messages.success(request, _("%(count)d invitations sent, with the sessions as calendar events.") % {"count": count})
                return redirect("training:workshop_detail", pk=pk)
            elif action == "survey":
                count = services.survey_send(workshop=workshop, by=request.user)
                messages.success(request, ngettext(
                    "The survey was sent to %(count)d person who attended and had not received it.",
                    "The survey was sent to the %(count)d people who attended and had not received it.", count,
                ) % {"count": count})
                return redirect("training:workshop_detail", pk=pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    sessions = list(workshop.sessions.prefetch_related("attendees"))
    participants = list(workshop.participants.select_related("country")) if request.user.is_technical_unit else []
    return render(request, "training/workshop_detail.html", {
        "workshop": workshop, "forms": forms, "is_unit": request.user.is_technical_unit,
        "sessions": [(session, {p.pk for p in session.attendees.all()}) for session in sessions],
        "participants": participants, "materials": workshop.materials.all(), "results": services.survey_results(workshop),
    })


@login_required
@require_safe
def material_download(request, pk: int, material_pk: int):
    _require_member(request.user)
    material = get_object_or_404(Material, pk=material_pk, workshop_id=pk)
    return stored_file_download(material.file, filename=material.original_name)


@require_http_methods(["GET", "POST"])
def survey_answer(request, token: str):
    invitation = services.invitation_for(token)
    if invitation is None or invitation.used:
        return render(request, "training/survey_closed.html", status=404 if invitation is None else 410)
    form = SatisfactionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_answer(token=token, **form.cleaned_data)
        except ValidationError:
            return render(request, "training/survey_closed.html", status=410)
        return render(request, "training/survey_thanks.html")
    return render(request, "training/survey_answer.html", {"form": form, "workshop": invitation.workshop})


@login_required
@require_safe
def trained_report(request):
    if not (request.user.is_technical_unit or request.user.is_analyst):
        raise PermissionDenied
    counts = services.trained_counts()
    names = {country.pk: country.name for country in Country.objects.filter(pk__in=list(counts["country"]))}
    labels = dict(ActorType.choices)
    return render(request, "training/trained_report.html", {
        "by_country": sorted(((names.get(code, code), count) for code, count in counts["country"].items()), key=lambda row: (-row[1], row[0])),
        "by_actor_type": sorted(((str(labels.get(code, code)), count) for code, count in counts["actor_type"].items()), key=lambda row: (-row[1], row[0])),
        "total": sum(counts["country"].values()),
    })
