"""The online ficha. Thin views: permissions through selectors, writes through services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from registry.choices import ANSWER_MAX_CHARS, Classification
from registry.downloads import DOCX_CONTENT_TYPE
from registry.ficha import Kind
from registry.lookups import posted_object_or_404
from registry.models import Initiative, Institution
from registry.services import ActorInput, EditConflict, PartnerCountryInput
from surveys import services
from surveys.carry_over import carry_over_candidates, changes_since_previous
from surveys.completeness import block_problems, ficha_progress, initiative_problems
from surveys.docx.writer import ficha_document
from surveys.filters import FichaFilterSet
from surveys.forms import (
    ActorRows,
    DecisionForm,
    ExtensionForm,
    FichaBlockForm,
    FichaInitiativeForm,
    form_sections,
    InvitationForm,
    NoticesForm,
    PartnerCountryRows,
    ReturnFichaForm,
)
from surveys.invitations import focal_point_invite
from surveys.models import (
    Campaign, CampaignExtension, Ficha, FichaInitiative, FichaStatus, FichaUpload, NoticeFrequency, SubmissionNotices,
)
from surveys.questionnaire import added_rows, ficha_questions
from registry.shared import candidates_for_each, roles_to_confirm
from surveys.reminders import reminder_send_by_hand
from surveys.selectors import (
    campaign_funnel,
    campaign_progress,
    campaigns_with_fichas_for,
    country_names,
    entry_answers,
    ficha_initiatives,
    fichas_visible_to,
    organization_suggestions,
    possible_duplicates,
)


def require_survey_user(user) -> None:
    if not (user.is_technical_unit or user.is_focal_point):
        raise PermissionDenied


def _visible_ficha(request, pk: int):
    require_survey_user(request.user)
    try:
        return fichas_visible_to(request.user).get(pk=pk)
    except Ficha.DoesNotExist:
        raise Http404 from None


def _freeze(*forms) -> None:
    for form in forms:
        for field in form.fields.values():
            field.disabled = True


def _conflict_rows(form, current) -> list[dict]:
    """The fields where what is saved now differs from what this editor is sending."""
    rows = []
    for name, field in form.fields.items():
        # The added questions' answers are kept apart from the record (Ficha.answers, the entry's).
        if name == "version" or name not in form.cleaned_data or name not in form.answer_names():
            continue
        saved = getattr(current, name, None)
        mine = form.cleaned_data[name]
        if saved != mine:
            rows.append({"label": capfirst(field.label or name), "saved": saved, "mine": mine})
    return rows


def _report_conflict(request, form, conflict: EditConflict):
    who = conflict.current.updated_by if hasattr(conflict.current, "updated_by") else None
    messages.warning(
        request,
        _(
            "Someone else saved this form while you were editing it%(who)s. Your text is still here: "
            "compare it with what is saved now, then save again to keep yours."
        )
        % {"who": f" ({who.get_full_name() or who.username})" if who else ""},
    )
    rows = _conflict_rows(form, conflict.current)
    data = request.POST.copy()
    data["version"] = conflict.current.version  # saving again now deliberately replaces the newer version
    return rows, data


QUEUE_PAGE_SIZE = 50


@login_required
@require_safe
def survey_home(request):
    """Focal points: their campaigns and fichas. Technical unit: the review queue."""
    require_survey_user(request.user)
    context = {"campaigns": campaigns_with_fichas_for(request.user)}
    if request.user.is_focal_point:
        context["shared_roles"] = roles_to_confirm(request.user.institution.country_id, request.user)
    if request.user.is_technical_unit:
        filterset = FichaFilterSet(request.GET, queryset=fichas_visible_to(request.user).order_by("-submitted_at", "pk"))
        fichas = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        context["filterset"] = filterset
        context["page"] = Paginator(fichas, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
        context["waiting"] = {
            "fichas": Ficha.objects.filter(status=FichaStatus.SUBMITTED).count(),
            "uploads": FichaUpload.objects.filter(status=FichaUpload.Status.PENDING).count(),
        }
        notices = SubmissionNotices.objects.filter(user=request.user).first()
        context["notices_form"] = NoticesForm(initial={"frequency": notices.frequency if notices else NoticeFrequency.EACH})
    return render(request, "surveys/survey_home.html", context)


@login_required
@require_POST
def ficha_start(request, campaign_pk: int):
    if not request.user.is_focal_point:
        raise PermissionDenied
    campaign = get_object_or_404(Campaign, pk=campaign_pk)
    try:
        ficha = services.ficha_start(campaign=campaign, institution=request.user.institution, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("surveys:survey_home")
    return redirect("surveys:ficha_detail", pk=ficha.pk)


@login_required
@require_http_methods(["GET", "POST"])
def ficha_detail(request, pk: int):
    ficha = _visible_ficha(request, pk)
    questions = ficha_questions(ficha)
    conflict_rows = None
    if request.method == "POST":
        form = FichaBlockForm(request.POST, instance=ficha, questions=questions)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.answer_names()}
            data["answers"] = form.added_answers(ficha.answers)
            try:
                services.ficha_update_block(
                    ficha=ficha, data=data, expected_version=form.cleaned_data["version"], by=request.user
                )
            except EditConflict as conflict:
                conflict_rows, data = _report_conflict(request, form, conflict)
                form = FichaBlockForm(data, instance=conflict.current, questions=questions)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("surveys:ficha_detail", pk=ficha.pk)
            else:
                messages.success(request, _("Draft saved. You can come back and go on at any time."))
                return redirect("surveys:ficha_detail", pk=ficha.pk)
    else:
        form = FichaBlockForm(instance=ficha, questions=questions)
    if not ficha.is_editable:
        _freeze(form)
    initiatives = ficha_initiatives(ficha)
    can_add = ficha.is_editable and len(initiatives) < ficha.campaign.max_initiatives
    return render(
        request,
        "surveys/ficha_detail.html",
        {
            "ficha": ficha,
            "form": form,
            "initiatives": initiatives,
            "progress": ficha_progress(ficha, initiatives),
            "can_add": can_add,
            "carry_over": carry_over_candidates(ficha) if can_add else [],
            "conflict_rows": conflict_rows,
        },
    )


@login_required
@require_POST
def ficha_carry_over(request, pk: int):
    """Bring the chosen initiatives of the institution's earlier fichas into this one."""
    ficha = _visible_ficha(request, pk)
    chosen = [int(value) for value in request.POST.getlist("initiative") if value.isdigit() and len(value) < 12]
    try:
        carried = services.ficha_carry_over(ficha=ficha, initiative_ids=chosen, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Brought over: %(names)s. Check and update their answers for this campaign.") % {"names": "; ".join(i.name for i in carried)},
        )
    return redirect("surveys:ficha_detail", pk=ficha.pk)


def _problems(ficha: Ficha, initiative: Initiative, questions) -> list[str]:
    fresh = (
        Initiative.objects.annotate(entry_answers=entry_answers(ficha))
        .prefetch_related("participations", "country_links")
        .get(pk=initiative.pk)
    )
    return initiative_problems(fresh, questions)


def _entry_answers(ficha: Ficha, initiative: Initiative) -> dict:
    if initiative.pk is None:
        return {}
    return FichaInitiative.objects.filter(ficha=ficha, initiative=initiative).values_list("answers", flat=True).first() or {}


def _rows_from(initiative: Initiative | None):
    if initiative is None or initiative.pk is None:
        return [], []
    actors = [
        {"name": p.organization.name, "actor_type": p.actor_type, "role": p.role}
        for p in initiative.participations.select_related("organization")
    ]
    countries = [{"country": link.country, "segib_role": link.segib_role} for link in initiative.country_links.all()]
    return actors, countries


@login_required
@require_http_methods(["GET", "POST"])
def ficha_initiative_edit(request, ficha_pk: int, pk: int | None = None):
    ficha = _visible_ficha(request, ficha_pk)
    initiative = get_object_or_404(ficha.initiatives, pk=pk) if pk else Initiative(institution=ficha.institution)
    if pk is None and not ficha.is_editable:
        messages.error(request, _("The ficha can no longer be changed."))
        return redirect("surveys:ficha_detail", pk=ficha.pk)
    conflict_rows = None
    questions, answers = ficha_questions(ficha), _entry_answers(ficha, initiative)
    if request.method == "POST":
        form = FichaInitiativeForm(request.POST, instance=initiative, questions=questions, answers=answers)
        actor_rows = ActorRows(request.POST, prefix="actors")
        country_rows = PartnerCountryRows(request.POST, prefix="countries")
        if all([form.is_valid(), actor_rows.is_valid(), country_rows.is_valid()]):
            try:
                saved = services.ficha_save_initiative(
                    ficha=ficha,
                    initiative=form.instance,
                    actors=[ActorInput(name=row["name"], actor_type=row["actor_type"], role=row["role"]) for row in actor_rows.rows()],
                    partner_countries=[
                        PartnerCountryInput(country=row["country"], segib_role=row["segib_role"])
                        for row in country_rows.rows()
                        if row.get("country")
                    ],
                    expected_version=form.cleaned_data["version"] if pk else None,
                    by=request.user,
                    answers=form.added_answers(answers),
                )
            except EditConflict as conflict:
                conflict_rows, data = _report_conflict(request, form, conflict)
                form = FichaInitiativeForm(data, instance=conflict.current, questions=questions, answers=answers)
                actor_rows = ActorRows(data, prefix="actors")
                country_rows = PartnerCountryRows(data, prefix="countries")
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Initiative saved as a draft."))
                return redirect("surveys:ficha_initiative_edit", ficha_pk=ficha.pk, pk=saved.pk)
    else:
        form = FichaInitiativeForm(instance=initiative, questions=questions, answers=answers)
        actors, countries = _rows_from(initiative)
        actor_rows = ActorRows(initial=actors, prefix="actors")
        country_rows = PartnerCountryRows(initial=countries, prefix="countries")
    if not ficha.is_editable:
        _freeze(form, *actor_rows.forms, *country_rows.forms)
    return render(
        request,
        "surveys/ficha_initiative_form.html",
        {
            "ficha": ficha,
            "initiative": initiative,
            "form": form,
            "sections": form_sections(
                questions.initiative, form, {Kind.ACTORS: actor_rows, Kind.COUNTRIES: country_rows}
            ),
            "organization_suggestions": organization_suggestions(),
            "conflict_rows": conflict_rows,
            "problems": _problems(ficha, initiative, questions) if request.method == "GET" and initiative.pk and ficha.is_editable else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ficha_initiative_delete(request, ficha_pk: int, pk: int):
    ficha = _visible_ficha(request, ficha_pk)
    initiative = get_object_or_404(ficha.initiatives, pk=pk)
    if request.method == "POST":
        try:
            services.ficha_remove_initiative(ficha=ficha, initiative=initiative, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The initiative “%(name)s” was removed from the ficha.") % {"name": initiative.name})
        return redirect("surveys:ficha_detail", pk=ficha.pk)
    return render(request, "surveys/ficha_initiative_confirm_delete.html", {"ficha": ficha, "initiative": initiative})


@login_required
@require_http_methods(["GET", "POST"])
def ficha_submit(request, pk: int):
    """Submitting freezes the ficha for its focal points, so it is confirmed on its own page."""
    ficha = _visible_ficha(request, pk)
    initiatives = ficha_initiatives(ficha)
    if request.method == "POST":
        try:
            services.ficha_submit(ficha=ficha, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("surveys:ficha_detail", pk=ficha.pk)
        messages.success(
            request, _("Ficha submitted. A receipt was sent by e-mail to the focal points of your institution.")
        )
        return redirect("surveys:ficha_detail", pk=ficha.pk)
    # Each initiative with what it lacks and whether it would count as multi-actor, linked to
    # its page, so the focal point fixes it from here rather than hunting for it.
    questions = ficha_questions(ficha)
    checks = [
        (initiative, initiative_problems(initiative, questions), initiative.computed_classification == Classification.NOT_MULTI_ACTOR)
        for initiative in initiatives
    ]
    return render(
        request,
        "surveys/ficha_confirm_submit.html",
        {
            "ficha": ficha,
            "initiatives": initiatives,
            "progress": ficha_progress(ficha, initiatives),
            "block_problems": block_problems(ficha),
            "checks": checks,
            "any_not_multi_actor": any(not_multi for _initiative, _problems, not_multi in checks),
        },
    )


@login_required
@require_safe
def ficha_download(request, pk: int):
    ficha = _visible_ficha(request, pk)
    response = HttpResponse(
        ficha_document(ficha, ficha_initiatives(ficha), country_names()),
        content_type=DOCX_CONTENT_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="ficha-{ficha.institution.country_id}-{ficha.campaign_id}.docx"'
    return response


def _require_technical_unit(user) -> None:
    if not user.is_technical_unit:
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def ficha_review(request, pk: int):
    _require_technical_unit(request.user)
    ficha = _visible_ficha(request, pk)
    return_form = ReturnFichaForm(request.POST if request.POST.get("action") == "return" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "return":
                if return_form.is_valid():
                    own = {
                        initiative.pk: request.POST.get(f"comment-{initiative.pk}", "")[:ANSWER_MAX_CHARS]
                        for initiative in ficha.initiatives.all()
                    }
                    services.ficha_return(
                        ficha=ficha, comment=return_form.cleaned_data["comment"], by=request.user, initiative_comments=own
                    )
                    messages.success(request, _("The ficha was returned to its focal points with your comments."))
                    return redirect("surveys:ficha_review", pk=ficha.pk)
            elif request.POST.get("action") == "merge":
                initiative = posted_object_or_404(ficha.initiatives, request.POST.get("initiative"))
                into = posted_object_or_404(Initiative, request.POST.get("into"))
                services.ficha_merge_initiative(ficha=ficha, initiative=initiative, into=into, by=request.user)
                messages.success(
                    request, _("“%(name)s” was merged into the existing initiative.") % {"name": initiative.name}
                )
                return redirect("surveys:ficha_review", pk=ficha.pk)
            else:
                decision = DecisionForm(request.POST)
                if not decision.is_valid():
                    raise ValidationError([error for errors in decision.errors.values() for error in errors])
                initiative = get_object_or_404(ficha.initiatives, pk=decision.cleaned_data["initiative"])
                services.ficha_decide_initiative(
                    ficha=ficha,
                    initiative=initiative,
                    decision=decision.cleaned_data["decision"],
                    reason=decision.cleaned_data["reason"],
                    by=request.user,
                )
                messages.success(request, _("Decision recorded for “%(name)s”.") % {"name": initiative.name})
                return redirect("surveys:ficha_review", pk=ficha.pk)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
    initiatives = ficha_initiatives(ficha)
    questions, names = ficha_questions(ficha), country_names()
    partners = candidates_for_each(initiatives) if ficha.submitted_at else {}
    return render(
        request,
        "surveys/ficha_review.html",
        {
            "ficha": ficha,
            "block_rows": added_rows(questions.block, ficha.answers, names),
            "reviews": [
                (initiative, possible_duplicates(initiative), added_rows(questions.initiative, initiative.entry_answers, names),
                 changes_since_previous(ficha, initiative), partners.get(initiative.pk, []))
                for initiative in initiatives
            ],
            "return_form": return_form,
            "decision_choices": DecisionForm.DECISIONS,
            "progress": ficha_progress(ficha, initiatives),
        },
    )


@login_required
@require_safe
def campaign_progress_view(request, pk: int):
    _require_technical_unit(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    return render(
        request, "surveys/campaign_progress.html",
        {"campaign": campaign, "progress": campaign_progress(campaign), "funnel": campaign_funnel(campaign)},
    )


@login_required
@require_POST
def campaign_remind(request, pk: int, institution_pk: int):
    _require_technical_unit(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    institution = get_object_or_404(Institution, pk=institution_pk)
    try:
        record = reminder_send_by_hand(
            campaign=campaign, institution=institution, by=request.user, base_url=request.build_absolute_uri("/")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Reminder sent to %(count)d focal points of %(institution)s.") % {"count": record.recipients, "institution": institution},
        )
    return redirect("surveys:campaign_progress", pk=campaign.pk)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_extension(request, pk: int, institution_pk: int):
    """Give an institution more time, change that time, or take it back."""
    _require_technical_unit(request.user)
    campaign = get_object_or_404(Campaign, pk=pk)
    institution = get_object_or_404(Institution, pk=institution_pk)
    extension = CampaignExtension.objects.filter(campaign=campaign, institution=institution).first()
    initial = {"closes_at": timezone.localtime(extension.closes_at) if extension else None,
               "reason": extension.reason if extension else ""}
    form = ExtensionForm(request.POST or None, initial=initial)
    if request.method == "POST" and "remove" in request.POST:
        services.campaign_extension_remove(campaign=campaign, institution=institution, by=request.user)
        messages.success(request, _("%(institution)s is back on the campaign's own closing.") % {"institution": institution})
        return redirect("surveys:campaign_progress", pk=campaign.pk)
    if request.method == "POST" and form.is_valid():
        try:
            services.campaign_extend(campaign=campaign, institution=institution, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("closes_at", error)
        else:
            messages.success(request, _("The campaign is extended for %(institution)s.") % {"institution": institution})
            return redirect("surveys:campaign_progress", pk=campaign.pk)
    return render(
        request, "surveys/campaign_extension.html",
        {"campaign": campaign, "institution": institution, "extension": extension, "form": form,
         "zone": timezone.get_current_timezone_name()},
    )


@login_required
@require_POST
def notices_choose(request):
    """How this member of the technical unit is told of what arrives."""
    _require_technical_unit(request.user)
    form = NoticesForm(request.POST)
    if form.is_valid():
        SubmissionNotices.objects.update_or_create(user=request.user, defaults={"frequency": form.cleaned_data["frequency"]})
        messages.success(request, _("Saved: %(choice)s.") % {"choice": dict(NoticeFrequency.choices)[form.cleaned_data["frequency"]]})
    else:
        messages.error(request, _("Choose how you want to be told."))
    return redirect("surveys:survey_home")


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request):
    _require_technical_unit(request.user)
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = focal_point_invite(**form.cleaned_data, by=request.user, base_url=request.build_absolute_uri("/"))
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
            return redirect("surveys:invitation_create")
    return render(request, "surveys/invitation_form.html", {"form": form})
