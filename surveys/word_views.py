"""The ficha in Word: the blank form of a campaign, uploads of filled files, the review of what
was read, and the original file. Permissions follow the fichas' (surveys.selectors)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from alianzas.limits import within_rate
from registry import ficha as declared
from registry.choices import ActorType, InitiativeType, choice_labels
from registry.downloads import DOCX_CONTENT_TYPE, stored_file_download
from registry.models import Country
from surveys import intake
from surveys.docx import layout
from surveys.docx.answers import FLAG_REASONS
from surveys.docx.writer import blank_ficha_document
from surveys.forms import FichaUploadForm, UploadConfirmForm
from surveys.models import Campaign, FichaUpload
from surveys.questionnaire import AnswerRow, campaign_questions
from surveys.selectors import uploads_visible_to
from surveys.views import require_survey_user

FORM_LANGUAGES = ("es", "pt")
UPLOADS_PAGE_SIZE = 50
# Word files per person in UPLOAD_PERIOD: reading one costs a worker real time, and nobody fills
# this many fichas in ten minutes; the technical unit sends a campaign's files in bulk.
UPLOAD_PERIOD_SECONDS = 600
UPLOADS_PER_PERIOD = {"focal_point": 20, "technical_unit": 300}


def _visible_upload(request, pk: int) -> FichaUpload:
    require_survey_user(request.user)
    try:
        return uploads_visible_to(request.user).get(pk=pk)
    except FichaUpload.DoesNotExist:
        raise Http404 from None


@login_required
@require_safe
def blank_form(request, campaign_pk: int):
    require_survey_user(request.user)
    campaign = get_object_or_404(Campaign, pk=campaign_pk)
    language = request.GET.get("lang")
    if language not in FORM_LANGUAGES:
        language = translation.get_language() if translation.get_language() in FORM_LANGUAGES else "es"
    with translation.override(language):
        content = blank_ficha_document(campaign)
    response = HttpResponse(content, content_type=DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="ficha-alianzas-{campaign.pk}-{language}.docx"'
    return response


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _receive(request, uploaded_file, campaign) -> dict:
    """One file through intake; the outcome as the page and the progress script show it."""
    result = {"name": uploaded_file.name, "ok": False}
    try:
        if uploaded_file.size > intake.MAX_FILE_BYTES:
            raise ValidationError(_("The file is larger than 10 MB."))
        upload = intake.upload_receive(data=uploaded_file.read(), name=uploaded_file.name, by=request.user, campaign=campaign)
    except intake.DuplicateUpload as duplicate:
        result["message"] = duplicate.messages[0]
        if uploads_visible_to(request.user).filter(pk=duplicate.existing.pk).exists():
            result["message"] = duplicate.detail()
            result["url"] = reverse("surveys:upload_review", args=[duplicate.existing.pk])
    except ValidationError as error:
        result["message"] = " ".join(error.messages)
    else:
        # One message per situation: a file that cannot be confirmed is not announced as ready.
        blocked = bool(intake.upload_review(upload).problems)
        message = _("Read, but it cannot be confirmed: see why.") if blocked else _("Read. Check it and confirm it.")
        result.update(ok=not blocked, url=reverse("surveys:upload_review", args=[upload.pk]), message=message)
    return result


@login_required
@require_http_methods(["GET", "POST"])
def upload(request):
    require_survey_user(request.user)
    multiple = request.user.is_technical_unit
    posted = request.method == "POST"
    form = FichaUploadForm(request.POST if posted else None, request.FILES if posted else None, multiple=multiple)
    results = []
    if request.method == "POST":
        if not form.is_valid():
            if _wants_json(request):
                errors = [error for field_errors in form.errors.values() for error in field_errors]
                return JsonResponse({"ok": False, "message": " ".join(errors)}, status=400)
        elif not within_rate(
            f"word-uploads:{request.user.pk}",
            cost=len(form.cleaned_data["files"]),
            limit=UPLOADS_PER_PERIOD["technical_unit" if multiple else "focal_point"],
            period_seconds=UPLOAD_PERIOD_SECONDS,
        ):
            message = _("You have sent many files in a short time. Wait a few minutes and send them again.")
            if _wants_json(request):
                return JsonResponse({"ok": False, "message": message}, status=429)
            form.add_error("files", message)
        else:
            results = [_receive(request, file, form.cleaned_data["campaign"]) for file in form.cleaned_data["files"]]
            if _wants_json(request):
                return JsonResponse(results[0], status=200 if results[0]["ok"] else 400)
            if len(results) == 1:
                if results[0]["ok"]:
                    messages.success(request, results[0]["message"])
                    return redirect(results[0]["url"])
                form.add_error("files", results[0]["message"])
                results = []
    uploads = uploads_visible_to(request.user).filter(status=FichaUpload.Status.PENDING)
    return render(
        request,
        "surveys/upload_form.html",
        {
            "form": form,
            "multiple": multiple,
            "results": results,
            "pending": Paginator(uploads, UPLOADS_PAGE_SIZE).get_page(request.GET.get("page")),
            "max_megabytes": intake.MAX_FILE_BYTES // (1024 * 1024),
        },
    )


def _yes_no(value) -> str:
    return "—" if value is None else (_("Yes") if value else _("No"))


def _read_value(question: declared.Question, answers: dict, countries: dict):
    """What was read for a question, as the review shows it: a text, or a list of lines."""
    if getattr(question, "added", False):
        value = (answers.get("added") or {}).get(question.key)
        names = {code: country.name for code, country in countries.items()}
        items = question.answer_items(value, names)
        return items if items is not None else question.answer_text(value, names)
    match question.kind:
        case declared.Kind.INSTITUTION:
            country = countries.get(answers.get("country"))
            return " – ".join(filter(None, [country.name if country else "", answers.get("institution", "")]))
        case declared.Kind.CONTACT:
            contact = answers.get(question.key) or {}
            return " ".join(filter(None, [contact.get("name", ""), contact.get("email") and f"<{contact['email']}>"]))
        case declared.Kind.YES_NO:
            return _yes_no(answers.get(question.key))
        case declared.Kind.INITIATIVE_TYPE:
            number, other = (answers.get(name) for name in question.fields)
            return f"{number} – {other or choice_labels(InitiativeType)[number]}" if number else ""
        case declared.Kind.ACTORS:
            return [f"{actor['name']} — {choice_labels(ActorType)[actor['actor_type']]}" for actor in answers.get(question.key) or []]
        case declared.Kind.COUNTRIES:
            return [countries[code].name if code in countries else code for code in answers.get(question.key) or []]
    return answers.get(question.key) or ""


def _flag_notes(flags: list[dict]) -> list[str]:
    """What the curator should check at one answer, with what the reader saw there."""
    notes = []
    for flag in flags:
        reason = str(FLAG_REASONS.get(flag.get("reason"), ""))
        read = flag.get("read") or ""
        seen = _("Read: “%(read)s”.") % {"read": read} if read else ""
        notes.append(f"{reason} {seen}".strip())
    return notes


def _read_rows(questions, answers: dict, flags: list[dict], number: int | None, countries: dict) -> list[AnswerRow]:
    """What was read, under the form's own questions, each with the flags the reader raised at it."""
    return [
        AnswerRow(
            question.verbose_label,
            _read_value(question, answers, countries),
            tuple(_flag_notes([flag for flag in flags if flag.get("initiative") == number and flag.get("question") == question.key])),
        )
        for question in questions
    ]


@login_required
@require_http_methods(["GET", "POST"])
def upload_review(request, pk: int):
    upload = _visible_upload(request, pk)
    form = UploadConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and upload.status == FichaUpload.Status.PENDING:
        try:
            if request.POST.get("action") == "discard":
                intake.upload_discard(upload=upload, by=request.user)
                messages.success(request, _("The file was discarded. Nothing was added to the ficha."))
                return redirect("surveys:upload")
            if form.is_valid():
                ficha = intake.upload_confirm(upload=upload, by=request.user, replace=form.cleaned_data["replace"])
                messages.success(
                    request, _("The draft ficha was filled in from the Word file. Check it, then submit it.")
                )
                return redirect("surveys:ficha_detail", pk=ficha.pk)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("surveys:upload_review", pk=upload.pk)
    review = intake.upload_review(upload) if upload.status == FichaUpload.Status.PENDING else None
    flags = upload.parsed.get("flags") or []  # files read before the reader raised flags have none
    questions = campaign_questions(upload.campaign)
    countries = Country.objects.in_bulk()  # once for the whole file, whatever its number of initiatives
    return render(
        request,
        "surveys/upload_review.html",
        {
            "upload": upload,
            "review": review,
            "form": form,
            "block_rows": _read_rows(questions.block, upload.parsed, flags, None, countries),
            "initiatives": [
                (layout.initiative_heading(number), _read_rows(questions.initiative, initiative, flags, number, countries))
                for number, initiative in enumerate(upload.parsed["initiatives"], start=1)
            ],
            "flag_count": len(flags),
            "replaced_initiatives": (
                list(review.existing_ficha.initiatives.prefetch_related("participations").order_by("pk"))
                if review is not None and review.replaces_content
                else []
            ),
        },
    )


@login_required
@require_safe
def upload_original(request, pk: int):
    upload = _visible_upload(request, pk)
    return stored_file_download(upload.file, filename=upload.original_name, content_type=DOCX_CONTENT_TYPE)
