"""The alliance follow-up page: phase history, co-chairs and working groups, risk register.
Open to the technical unit and the focal points of the initiative's institution."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from followup import health, progress, services
from followup.models import HEALTH_MIN_ANSWERS, Contribution, Evidence, PhaseStep, Risk, WorkingGroup
from registry.downloads import stored_file_download
from registry.lookups import posted_object_or_404
from followup.forms import (
    CoChairsForm, CommitmentForm, ContributionForm, HealthAnswerForm, HealthSendForm, IndicatorForm, OtherRiskForm, PhaseStepForm,
    ProgressUpdateForm, RiskForm, WorkingGroupForm,
)
from registry.models import Initiative
from registry.selectors import initiative_detail


def _forms(initiative, organizations, data=None, action=None):
    def bound(name):
        return data if action == name else None

    return {
        "phase_form": PhaseStepForm(bound("add_phase")),
        "co_chairs_form": CoChairsForm(
            bound("co_chairs"), organizations=organizations,
            initial={"organizations": [chair.organization_id for chair in initiative.co_chairs.all()]},
        ),
        "group_form": WorkingGroupForm(bound("add_group"), organizations=organizations),
        "other_risk_form": OtherRiskForm(bound("add_risk")),
        "contribution_form": ContributionForm(bound("add_contribution"), organizations=organizations),
        "health_form": HealthSendForm(bound("health_send")),
        "indicator_form": IndicatorForm(bound("add_indicator")),
        "commitment_form": CommitmentForm(bound("commitment"), organizations=organizations),
    }


def _update_form(request, initiative, action):
    """The progress update's form, pre-filled from the last update when nothing was posted."""
    indicators = initiative.indicators.all()
    if action == "add_update":
        return ProgressUpdateForm(request.POST, request.FILES, indicators=indicators)
    last = progress.last_update(initiative)
    initial = {"phase": initiative.phase, "confirms": request.GET.get("confirm") == "1"}
    if last is not None:
        initial.update(what_changed=last.what_changed, results_reached=last.results_reached, phase=last.phase or initiative.phase)
        initial.update({f"value_{value.indicator_id}": value.value for value in last.values.all()})
    return ProgressUpdateForm(initial=initial, indicators=indicators)


def _apply(request, initiative, organizations, action, forms_):
    """Runs one posted action; returns True when it changed something."""
    data, by = request.POST, request.user
    if action == "add_phase" and forms_["phase_form"].is_valid():
        services.phase_step_add(initiative=initiative, by=by, **forms_["phase_form"].cleaned_data)
    elif action == "remove_phase":
        services.phase_step_remove(step=posted_object_or_404(PhaseStep, data.get("step"), initiative=initiative), by=by)
    elif action == "co_chairs" and forms_["co_chairs_form"].is_valid():
        services.co_chairs_set(initiative=initiative, organizations=forms_["co_chairs_form"].cleaned_data["organizations"], by=by)
    elif action == "add_group" and forms_["group_form"].is_valid():
        services.working_group_add(initiative=initiative, by=by, **forms_["group_form"].cleaned_data)
    elif action == "remove_group":
        services.working_group_remove(group=posted_object_or_404(WorkingGroup, data.get("group"), initiative=initiative), by=by)
    elif action == "update_risk":
        risk = posted_object_or_404(Risk, data.get("risk"), initiative=initiative)
        form = RiskForm(data)
        if not form.is_valid():
            raise ValidationError(_("Choose a status for the risk."))
        services.risk_update(risk=risk, by=by, **form.cleaned_data)
    elif action == "add_risk" and forms_["other_risk_form"].is_valid():
        services.risk_add(initiative=initiative, by=by, **forms_["other_risk_form"].cleaned_data)
    elif action == "add_contribution" and forms_["contribution_form"].is_valid():
        services.contribution_add(initiative=initiative, by=by, **forms_["contribution_form"].cleaned_data)
    elif action == "remove_contribution":
        contribution = posted_object_or_404(Contribution, data.get("contribution"), initiative=initiative)
        services.contribution_remove(contribution=contribution, by=by)
    elif action == "commitment" and forms_["commitment_form"].is_valid():
        services.commitment_save(initiative=initiative, by=by, **forms_["commitment_form"].cleaned_data)
    elif action == "add_indicator" and forms_["indicator_form"].is_valid():
        progress.indicator_add(initiative=initiative, by=by, **forms_["indicator_form"].cleaned_data)
    elif action == "add_update":
        form = forms_["update_form"]
        if not form.is_valid():
            return False
        files = [(upload.name or "evidence", upload.read(progress.MAX_EVIDENCE_BYTES + 1)) for upload in form.cleaned_data["evidence"]]
        progress.progress_update_add(
            initiative=initiative, by=by, values=form.values(), files=files,
            **{name: form.cleaned_data[name] for name in ("period", "what_changed", "results_reached", "phase", "confirms")},
        )
    elif action == "health_send":
        if not by.is_technical_unit:
            raise PermissionDenied
        if not forms_["health_form"].is_valid():
            return False
        health.health_survey_send(
            initiative=initiative, addresses=forms_["health_form"].cleaned_data["addresses"],
            days_open=forms_["health_form"].cleaned_data["days_open"], by=by, base_url=request.build_absolute_uri("/"),
        )
    else:
        return False
    return True


def _followed(request, pk: int) -> Initiative:
    """The initiative, when the reader may see it (else 404) and follow it up (else 403)."""
    try:
        initiative = initiative_detail(pk=pk, user=request.user)
    except Initiative.DoesNotExist:
        raise Http404 from None
    if not services.can_follow_up(request.user, initiative):
        raise PermissionDenied
    return initiative


@login_required
@require_http_methods(["GET", "POST"])
def followup_view(request, pk: int):
    initiative = _followed(request, pk)
    organizations = services.initiative_organizations(initiative)
    action = request.POST.get("action") if request.method == "POST" else None
    forms_ = _forms(initiative, organizations, request.POST, action)
    forms_["update_form"] = _update_form(request, initiative, action)
    status = 200
    if action:
        try:
            changed = _apply(request, initiative, organizations, action, forms_)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            status = 400
        else:
            if changed:
                messages.success(request, _("Follow-up saved."))
                return redirect("followup:initiative_followup", pk=pk)
            status = 400  # a form with errors: shown below, nothing saved
    risks = services.risk_register(initiative)
    return render(
        request,
        "followup/followup.html",
        {
            "initiative": initiative,
            "steps": initiative.phase_steps.all(),
            "groups": initiative.working_groups.select_related("lead"),
            "co_chairs": initiative.co_chairs.select_related("organization"),
            "risks": [(risk, RiskForm(initial={"status": risk.status, "note": risk.note}, auto_id=f"id_risk{risk.pk}_%s")) for risk in risks],
            "contributions": initiative.contributions.select_related("organization"),
            "health_results": health.health_results(initiative),
            "indicators": progress.indicator_progress(initiative),
            "updates": initiative.progress_updates.prefetch_related("values__indicator", "evidence").select_related("created_by"),
            "health_min_answers": HEALTH_MIN_ANSWERS,
            "commitments": initiative.commitments.select_related("organization").order_by("organization__name"),
            **forms_,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def health_answer_view(request, token: str):
    """A member's anonymous answer, through the link sent to them: no sign-in."""
    invitation = health.invitation_for(token[:200])
    if invitation is None:
        raise Http404
    context = {"survey": invitation.survey, "initiative": invitation.survey.initiative}
    if invitation.used or not invitation.survey.is_open():
        return render(request, "followup/health_closed.html", {**context, "used": invitation.used}, status=410)
    form = HealthAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            health.health_answer(token=token, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return render(request, "followup/health_thanks.html", context)
    return render(request, "followup/health_answer.html", {**context, "form": form}, status=400 if form.errors else 200)


@login_required
@require_safe
def evidence_download(request, pk: int, evidence_pk: int):
    """Evidence may show people: only those who follow the alliance read it, always as an attachment."""
    initiative = _followed(request, pk)
    evidence = get_object_or_404(Evidence, pk=evidence_pk, update__initiative=initiative)
    return stored_file_download(evidence.file, filename=evidence.original_name)
