from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.functional import cached_property
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from registry.choices import ANSWER_MAX_CHARS, NOTE_MAX_CHARS, choice_labels
from registry.ficha import BLOCK_QUESTIONS, INITIATIVE_QUESTIONS, Kind
from registry.fields import BoundedTextField
from registry.models import Institution

# The greeting of the original PIFCSS ficha. It is content the technical unit edits per campaign,
# not interface text, so it is stored as written rather than translated.
DEFAULT_GREETING = (
    "Estimado/a, esta breve encuesta es administrada por el PIFCSS con el objetivo de identificar "
    "iniciativas de Alianzas Multiactor de los países iberoamericanos y posteriormente promover el "
    "intercambio de experiencias entre países interesados.\n\n"
    "En esta ficha podrá registrar hasta tres iniciativas.\n"
    "Le agradecemos desde ya por sus aportes.\n\n"
    "Atentamente,\nEquipo PIFCSS"
)


def default_reminder_days() -> list[int]:
    return [14, 3]


class Campaign(models.Model):
    """One yearly call for fichas, e.g. "Relevamiento 2024 de Alianzas Multiactor"."""

    # The name and greeting in Spanish, the programme's language; Portuguese and English readers
    # see their own when it is written (title and greeting below), Spanish otherwise.
    name = models.CharField(_("name"), max_length=200)
    name_pt = models.CharField(_("name in Portuguese"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    intro = BoundedTextField(
        _("introduction"),
        max_length=NOTE_MAX_CHARS, default=DEFAULT_GREETING, help_text=_("The greeting shown above the form."))
    intro_pt = BoundedTextField(_("introduction in Portuguese"), max_length=NOTE_MAX_CHARS, blank=True)
    intro_en = BoundedTextField(_("introduction in English"), max_length=NOTE_MAX_CHARS, blank=True)
    max_initiatives = models.PositiveSmallIntegerField(
        _("maximum initiatives per ficha"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    reminder_days = ArrayField(
        models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(365)]),
        default=default_reminder_days,
        blank=True,
        size=10,
        verbose_name=_("reminders, days before closing"),
        help_text=_("Institutions that have not submitted their ficha are reminded this many days before it closes, e.g. 14,3. Empty: no reminders."),
    )

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")),
                name="campaign_closes_after_opening",
                violation_error_message=_("The campaign must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(max_initiatives__gte=1) & Q(max_initiatives__lte=20),
                name="campaign_max_initiatives_range",
                violation_error_message=_("A ficha holds between 1 and 20 initiatives."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def _in_reading_language(self, field: str) -> str:
        language = (translation.get_language() or "es").split("-")[0]
        translated = getattr(self, f"{field}_{language}", "") if language != "es" else ""
        return translated or getattr(self, field)

    @property
    def title(self) -> str:
        return self._in_reading_language("name")

    @property
    def greeting(self) -> str:
        return self._in_reading_language("intro")

    @cached_property
    def current_questionnaire(self) -> "Questionnaire | None":
        """The newest version of what the campaign asks; None: the core ficha alone (also for a
        campaign not saved, as the fixture generators print blank forms of)."""
        if self._state.adding:
            return None
        return self.questionnaires.order_by("-version").prefetch_related("questions").first()

    def closes_at_for(self, institution_id: int | None):
        """When the campaign closes for one institution: later when the technical unit extended it."""
        # Read from .all() so that a prefetch of the extensions (the progress page) is used.
        extension = next((e for e in self.extensions.all() if e.institution_id == institution_id), None)
        return extension.closes_at if extension else self.closes_at

    def is_open(self, at=None, *, closes_at=None) -> bool:
        at = at or timezone.now()
        return self.opens_at <= at < (closes_at or self.closes_at)

    @property
    def has_closed(self) -> bool:
        return timezone.now() >= self.closes_at

    def window_message(self, at=None, *, closes_at=None) -> str:
        """Why fichas of this campaign cannot be changed now; empty while it is open. `closes_at`:
        an institution's own closing, when the campaign was extended for it."""
        at = at or timezone.now()
        if at < self.opens_at:
            return _("The campaign opens on %(date)s: the ficha cannot be filled in yet.") % {
                "date": date_format(timezone.localtime(self.opens_at), "DATE_FORMAT")
            }
        if at >= (closes_at or self.closes_at):
            return str(_("The campaign is closed: the ficha can be read but not changed. If you still need to submit it, ask the PIFCSS technical unit to extend the campaign for your institution."))
        return ""

    def window_message_for(self, institution_id: int | None, at=None) -> str:
        return self.window_message(at, closes_at=self.closes_at_for(institution_id))


class QuestionKind(models.TextChoices):
    """The kinds of question the technical unit can add to a campaign (surveys.added_kinds says
    what each means for the form, Word, the pages and the exports)."""

    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    YES_OR_NO = "yes_or_no", _("Yes or no")
    ONE_CHOICE = "one_choice", _("One choice")
    SEVERAL_CHOICES = "several_choices", _("Several choices")
    NUMBER = "number", _("Number")
    YEAR = "year", _("Year")
    ITEMS = "items", _("List of up to N items")
    COUNTRY_LIST = "country_list", _("Countries")
    CONTRIBUTIONS = "contributions", _("What each actor brings")


CHOICE_KINDS = frozenset({QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES})


class QuestionBlock(models.TextChoices):
    INSTITUTION = "institution", _("Institutional information")
    INITIATIVE = "initiative", _("Each initiative")


# The core questions a campaign may leave out: the optional ones (the required ones keep the
# campaigns comparable), except the institution, which every ficha names.
HIDEABLE_CORE = tuple(
    question.key for question in (*BLOCK_QUESTIONS, *INITIATIVE_QUESTIONS) if not question.required and question.kind != Kind.INSTITUTION
)


class Questionnaire(models.Model):
    """What a campaign asks: the core ficha (registry.ficha), less the optional core questions it
    leaves out, plus the questions added for it. Frozen once a ficha is submitted with it; a change
    after that is a new version, and each submitted ficha keeps the version it answered."""

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="questionnaires", verbose_name=_("campaign")
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1, editable=False)
    hidden_core = ArrayField(
        models.CharField(max_length=40),
        default=list,
        blank=True,
        verbose_name=_("core questions left out"),
        help_text=_("Optional questions of the core ficha this campaign does not ask."),
    )
    frozen_at = models.DateTimeField(_("frozen at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Touched when one of its questions changes too (surveys.services).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["campaign", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "version"], name="questionnaire_version_once_per_campaign")
        ]

    def __str__(self) -> str:
        return _("%(campaign)s, version %(version)d") % {"campaign": self.campaign, "version": self.version}

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None

    def clean(self):
        if unknown := sorted(set(self.hidden_core) - set(HIDEABLE_CORE)):
            raise ValidationError(
                {"hidden_core": _("Only optional core questions can be left out (%(allowed)s), not %(keys)s.")
                 % {"allowed": ", ".join(HIDEABLE_CORE), "keys": ", ".join(unknown)}}
            )


def _key_validator(value: str) -> None:
    if value in {question.key for question in (*BLOCK_QUESTIONS, *INITIATIVE_QUESTIONS)} | {"country", "institution", "added"}:
        raise ValidationError(_("“%(key)s” is the name of a question of the core ficha: choose another."), params={"key": value})


class CampaignQuestion(models.Model):
    """A question the technical unit adds to one campaign's questionnaire. Its answers are kept by
    `key` (Ficha.answers, FichaInitiative.answers), so the same key across versions and campaigns
    means the same question."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions", verbose_name=_("questionnaire")
    )
    key = models.SlugField(
        _("key"),
        max_length=40,
        validators=[_key_validator],
        help_text=_("Its name in the API and the exports, e.g. years_active. Keep it when the same question comes back."),
    )
    block = models.CharField(_("asked"), max_length=12, choices=QuestionBlock, default=QuestionBlock.INITIATIVE)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind)
    label = models.CharField(
        _("label"), max_length=300,
        help_text=_("Do not ask for people's names or contacts: the answers of submitted fichas are public with the initiative."),
    )
    label_pt = models.CharField(_("label in Portuguese"), max_length=300, blank=True)
    label_en = models.CharField(_("label in English"), max_length=300, blank=True)
    help = BoundedTextField(_("help"), max_length=NOTE_MAX_CHARS, blank=True)
    help_pt = BoundedTextField(_("help in Portuguese"), max_length=NOTE_MAX_CHARS, blank=True)
    help_en = BoundedTextField(_("help in English"), max_length=NOTE_MAX_CHARS, blank=True)
    required = models.BooleanField(_("required to submit"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    choices = BoundedTextField(
        _("options"),
        max_length=NOTE_MAX_CHARS,
        blank=True,
        help_text=_("For one or several choices: one option per line, its Portuguese and English after “|”, e.g. Sí | Sim | Yes."),
    )
    max_items = models.PositiveSmallIntegerField(
        _("most items"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("For a list: how many items it takes."),
    )

    class Meta:
        verbose_name = _("added question")
        verbose_name_plural = _("added questions")
        ordering = ["questionnaire", "block", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "key"], name="campaign_question_key_once"),
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self):
        if self.kind in CHOICE_KINDS and not self.choices.strip():
            raise ValidationError({"choices": _("Write the options, one per line.")})
        if self.kind == QuestionKind.ITEMS and not self.max_items:
            raise ValidationError({"max_items": _("Say how many items the list takes.")})
        if self.kind == QuestionKind.CONTRIBUTIONS and self.block != QuestionBlock.INITIATIVE:
            raise ValidationError({"block": _("What each actor brings is asked of each initiative, whose actors it names.")})


class FichaStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned with comments")
    REVIEWED = "reviewed", _("Reviewed")


EDITABLE_FICHA_STATUSES = frozenset({FichaStatus.DRAFT, FichaStatus.RETURNED})
# The fichas whose answers to added questions are shown with the initiative (its page, the API,
# the exports): those submitted as they stand, not drafts still being written.
SHARED_FICHA_STATUSES = (FichaStatus.SUBMITTED, FichaStatus.REVIEWED)
# The ficha's life, as the initiative's (registry.choices.STATUS_TRANSITIONS) and the dialogue's:
# one table, one function to move (Ficha.transition_to).
FICHA_TRANSITIONS = {
    FichaStatus.DRAFT: frozenset({FichaStatus.SUBMITTED}),
    FichaStatus.SUBMITTED: frozenset({FichaStatus.RETURNED, FichaStatus.REVIEWED}),
    FichaStatus.RETURNED: frozenset({FichaStatus.SUBMITTED}),
    FichaStatus.REVIEWED: frozenset(),
}


class Ficha(models.Model):
    """An institution's answer to a campaign: the institutional block, and the registry
    initiatives it reports (registry.Initiative rows, so the ficha's questions are declared once).
    The link lives here, not on the initiative, so the registry knows nothing of campaigns and one
    initiative can come back in the next campaign's ficha without being copied."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="fichas", verbose_name=_("campaign"))
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, related_name="fichas", verbose_name=_("institution")
    )
    focal_point_name = models.CharField(_("focal point name"), max_length=200, blank=True)
    focal_point_email = models.EmailField(_("focal point e-mail"), blank=True)
    institutional_strengths = BoundedTextField(
        _("institutional strengths"),
        max_length=ANSWER_MAX_CHARS,
        blank=True,
        help_text=_("Do you identify strengths in your institution for developing multi-actor alliances in SSC and TC?"),
    )
    institutional_weaknesses = BoundedTextField(
        _("institutional weaknesses"),
        max_length=ANSWER_MAX_CHARS,
        blank=True,
        help_text=_("Do you identify weaknesses in your institution for developing multi-actor alliances in SSC and TC?"),
    )
    wants_to_share = models.BooleanField(
        _("interested in sharing"),
        null=True,
        blank=True,
        help_text=_("Are you interested in sharing the experience of the registered initiatives with other countries?"),
    )
    status = models.CharField(_("status"), max_length=20, choices=FichaStatus, default=FichaStatus.DRAFT, editable=False)
    review_comment = BoundedTextField(
        _("comments of the technical unit"), max_length=ANSWER_MAX_CHARS, blank=True, editable=False
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name=_("submitted by"),
    )
    initiatives = models.ManyToManyField(
        "registry.Initiative", through="FichaInitiative", related_name="fichas", verbose_name=_("initiatives")
    )
    # The answers to the questions added to the campaign (CampaignQuestion.key -> value).
    answers = models.JSONField(_("answers to the added questions"), default=dict, blank=True, editable=False)
    # The questionnaire it was submitted with; while it is a draft it answers the campaign's newest.
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, null=True, blank=True, related_name="fichas", editable=False
    )
    # Optimistic locking: every save of the institutional block increments it.
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("ficha")
        verbose_name_plural = _("fichas")
        ordering = ["campaign", "institution__country__name_es"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "institution"],
                name="ficha_one_per_institution_and_campaign",
                violation_error_message=_("This institution already has a ficha for this campaign."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} – {self.campaign}"

    @cached_property
    def closes_at(self):
        return self.campaign.closes_at_for(self.institution_id)

    def window_message(self, at=None) -> str:
        return self.campaign.window_message(at, closes_at=self.closes_at)

    @cached_property
    def questionnaire_in_use(self) -> "Questionnaire | None":
        """A submitted ficha reads with the questions it was given; one being filled in answers the newest."""
        if self.questionnaire_id and self.status not in EDITABLE_FICHA_STATUSES:
            return self.questionnaire
        return self.campaign.current_questionnaire

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_FICHA_STATUSES and self.campaign.is_open(closes_at=self.closes_at)

    @property
    def is_submitted(self) -> bool:
        return self.status == FichaStatus.SUBMITTED

    def transition_to(self, status: str) -> str:
        """Move to `status` or raise ValidationError; returns the status it left. The caller saves."""
        if status not in FICHA_TRANSITIONS[self.status]:
            raise ValidationError(
                _("A ficha cannot go from “%(current)s” to “%(new)s”.")
                % {"current": self.get_status_display(), "new": choice_labels(FichaStatus)[status]},
                code="invalid_transition",
            )
        previous, self.status = self.status, status
        self.version += 1
        return previous

    @property
    def is_returned(self) -> bool:
        return self.status == FichaStatus.RETURNED

    def reports(self, initiative) -> bool:
        """Whether the initiative is one of this ficha's (the services refuse to touch any other)."""
        return initiative.pk is not None and FichaInitiative.objects.filter(ficha=self, initiative=initiative).exists()


class FichaInitiative(models.Model):
    """One initiative as reported on one ficha."""

    ficha = models.ForeignKey(Ficha, on_delete=models.PROTECT, related_name="entries")
    initiative = models.ForeignKey("registry.Initiative", on_delete=models.CASCADE, related_name="ficha_entries")
    added_at = models.DateTimeField(auto_now_add=True)
    # The answers to the campaign's added questions about this initiative (CampaignQuestion.key -> value).
    answers = models.JSONField(default=dict, blank=True)
    # The core answers as submitted (surveys.carry_over), so the next campaign's curator sees what changed.
    submitted_answers = models.JSONField(null=True, blank=True)
    # Set when the initiative was brought over from an earlier campaign's ficha.
    carried_from = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ficha", "initiative"], name="ficha_initiative_once")]


class CampaignExtension(models.Model):
    """More time for one institution: its ficha can be filled in and submitted until `closes_at`."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="extensions", verbose_name=_("campaign"))
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+", verbose_name=_("institution"))
    closes_at = models.DateTimeField(_("closes at"))
    reason = BoundedTextField(_("reason"), max_length=NOTE_MAX_CHARS, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("granted by")
    )
    granted_at = models.DateTimeField(_("granted at"), auto_now=True)

    class Meta:
        verbose_name = _("campaign extension")
        verbose_name_plural = _("campaign extensions")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "institution"], name="campaign_extension_once_per_institution")
        ]

    def __str__(self) -> str:
        return f"{self.institution} – {self.campaign}"


class CampaignReminder(models.Model):
    """A reminder e-mailed to an institution's focal points: scheduled (`days_before` closing) or
    sent by hand by the technical unit. The addresses are not kept, only how many there were."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("campaign"))
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="+", verbose_name=_("institution"))
    days_before = models.PositiveSmallIntegerField(_("days before closing"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sent by")
    )
    recipients = models.PositiveSmallIntegerField(_("recipients"))
    language = models.CharField(_("language"), max_length=8)

    class Meta:
        verbose_name = _("campaign reminder")
        verbose_name_plural = _("campaign reminders")
        ordering = ["-sent_at"]
        constraints = [
            # The guarantee that a scheduled reminder goes out once, even with two senders running.
            models.UniqueConstraint(
                fields=["campaign", "institution", "days_before"],
                condition=Q(days_before__isnull=False),
                name="campaign_reminder_scheduled_once",
            )
        ]


class NoticeFrequency(models.TextChoices):
    EACH = "each", _("An e-mail for each ficha or Word file received")
    DAILY = "daily", _("One e-mail a day with what was received")
    OFF = "off", _("No e-mail")


class SubmissionNotices(models.Model):
    """How a member of the technical unit is told of fichas submitted and Word files received.
    Without a row: an e-mail for each."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submission_notices", verbose_name=_("user")
    )
    frequency = models.CharField(_("e-mails"), max_length=8, choices=NoticeFrequency, default=NoticeFrequency.EACH)
    # The daily digest covers what arrived after this moment, so nothing is told twice or skipped.
    digest_covers_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("submission notices")
        verbose_name_plural = _("submission notices")


def _upload_path(upload: "FichaUpload", filename: str) -> str:
    # Named by content hash, never by the sender's file name, so nothing they choose reaches the disk path.
    return f"fichas/{upload.sha256[:2]}/{upload.sha256}.docx"


class FichaUpload(models.Model):
    """A filled Word ficha as received: the original file, what was read from it, and whether a
    person confirmed it into a draft ficha. Stored under MEDIA_ROOT, which is never served directly."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed as a draft ficha")
        DISCARDED = "discarded", _("Discarded")

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="uploads", verbose_name=_("campaign"))
    # Set when a focal point uploads for their institution; the technical unit's uploads name it in the file.
    institution = models.ForeignKey(
        Institution, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("institution")
    )
    file = models.FileField(_("file"), upload_to=_upload_path)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64, editable=False)
    parsed = models.JSONField(_("what was read"), editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PENDING, editable=False)
    ficha = models.ForeignKey(
        Ficha, on_delete=models.SET_NULL, null=True, blank=True, related_name="uploads", verbose_name=_("ficha")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Word ficha upload")
        verbose_name_plural = _("Word ficha uploads")
        ordering = ["-uploaded_at"]
        constraints = [
            # The same bytes can be taken in once; discarding an upload lets it be sent again.
            models.UniqueConstraint(
                fields=["sha256"],
                condition=~Q(status="discarded"),
                name="ficha_upload_same_file_once",
                violation_error_message=_("This file was already uploaded."),
            )
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_confirmed(self) -> bool:
        return self.status == self.Status.CONFIRMED

    def transition_to(self, status: str) -> str:
        """Decide a pending file (confirmed or discarded) or raise ValidationError; returns the
        status it left. The caller saves."""
        if status not in UPLOAD_TRANSITIONS[self.status]:
            raise ValidationError(
                _("This file was already %(status)s.") % {"status": self.get_status_display().lower()},
                code="invalid_transition",
            )
        previous, self.status = self.status, status
        return previous


UPLOAD_TRANSITIONS = {
    FichaUpload.Status.PENDING: frozenset({FichaUpload.Status.CONFIRMED, FichaUpload.Status.DISCARDED}),
    FichaUpload.Status.CONFIRMED: frozenset(),
    FichaUpload.Status.DISCARDED: frozenset(),
}
