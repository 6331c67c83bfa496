"""Structured dialogues between countries around registered initiatives, the interest that leads
to them, and the seminars of the programme. Times are stored in UTC (registry.timezones shows them)."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from registry.choices import ANSWER_MAX_CHARS, NOTE_MAX_CHARS, ActorType, choice_labels
from registry.fields import BoundedTextField
from registry.models import Country, Initiative, Institution


class Interest(models.Model):
    """An institution wants to learn about another country's published initiative."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="interests", verbose_name=_("initiative")
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="interests", verbose_name=_("interested institution")
    )
    question = BoundedTextField(_("question for the presenters"), max_length=ANSWER_MAX_CHARS, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("marked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("interest")
        verbose_name_plural = _("interests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "institution"],
                name="interest_once_per_institution",
                violation_error_message=_("Your institution already marked its interest in this initiative."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.institution} → {self.initiative}"


class DialogueFormat(models.TextChoices):
    BILATERAL = "bilateral", _("Bilateral")
    MULTILATERAL = "multilateral", _("Multilateral")


class DialogueStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


DIALOGUE_TRANSITIONS = {
    DialogueStatus.PROPOSED: {DialogueStatus.SCHEDULED, DialogueStatus.POSTPONED, DialogueStatus.CANCELLED},
    DialogueStatus.SCHEDULED: {
        DialogueStatus.SCHEDULED,  # rescheduling
        DialogueStatus.HELD,
        DialogueStatus.POSTPONED,
        DialogueStatus.CANCELLED,
    },
    DialogueStatus.POSTPONED: {DialogueStatus.SCHEDULED, DialogueStatus.CANCELLED},
    DialogueStatus.HELD: set(),
    DialogueStatus.CANCELLED: set(),
}


class Focus(models.TextChoices):
    """What a dialogue's conversation was about; the source report found it was mostly results."""

    RESULTS = "results", _("Results")
    MECHANISMS = "mechanisms", _("Mechanisms")
    PROCESSES = "processes", _("Processes")
    ADDED_VALUE = "added_value", _("Added value of the alliance")


class Dialogue(models.Model):
    title = models.CharField(_("title"), max_length=300)
    initiatives = models.ManyToManyField(
        Initiative, related_name="dialogues", verbose_name=_("initiatives presented")
    )
    invited_countries = models.ManyToManyField(
        Country, blank=True, related_name="dialogues_invited_to", verbose_name=_("invited countries")
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="facilitated_dialogues", verbose_name=_("facilitators")
    )
    format = models.CharField(_("format"), max_length=20, choices=DialogueFormat, default=DialogueFormat.MULTILATERAL)
    agenda = BoundedTextField(_("agenda"), max_length=NOTE_MAX_CHARS, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DialogueStatus, default=DialogueStatus.PROPOSED, editable=False
    )
    status_reason = BoundedTextField(_("reason"), max_length=ANSWER_MAX_CHARS, blank=True, editable=False)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True, editable=False)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=90)
    video_link = models.URLField(_("video-call link"), blank=True)
    # The calendar event's identity: invitations, updates and the cancellation all carry it.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # --- What happened ---
    facilitator_notes = BoundedTextField(_("facilitator notes"), max_length=NOTE_MAX_CHARS, blank=True)
    main_results = BoundedTextField(_("main results"), max_length=NOTE_MAX_CHARS, blank=True)
    questions_asked = BoundedTextField(_("questions asked"), max_length=NOTE_MAX_CHARS, blank=True)
    focus = ArrayField(
        models.CharField(max_length=20, choices=Focus), default=list, blank=True, verbose_name=_("focus of the conversation")
    )
    # Optimistic locking: every save (its services, the admin) increments it.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(status_reason=""),
                name="dialogue_cancelled_with_reason",
                violation_error_message=_("A cancelled dialogue needs a reason."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[DialogueStatus.SCHEDULED, DialogueStatus.HELD]) | Q(starts_at__isnull=False),
                name="dialogue_scheduled_has_time",
                violation_error_message=_("A scheduled dialogue needs a date and time."),
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=15) & Q(duration_minutes__lte=480),
                name="dialogue_duration_range",
                violation_error_message=_("A dialogue lasts between 15 minutes and 8 hours."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_scheduled(self) -> bool:
        return self.status == DialogueStatus.SCHEDULED

    @property
    def is_held(self) -> bool:
        return self.status == DialogueStatus.HELD

    @property
    def focus_labels(self) -> list[str]:
        return [choice_labels(Focus)[value] for value in self.focus]

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes) if self.starts_at else None


class ProposedSlot(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="slots", verbose_name=_("dialogue"))
    starts_at = models.DateTimeField(_("starts at"))

    class Meta:
        verbose_name = _("proposed slot")
        verbose_name_plural = _("proposed slots")
        ordering = ["starts_at"]
        constraints = [models.UniqueConstraint(fields=["dialogue", "starts_at"], name="slot_unique_per_dialogue")]

    def __str__(self) -> str:
        return self.starts_at.isoformat()


class Invitee(models.Model):
    """A person invited to a dialogue; they receive the calendar invitation and its updates."""

    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="invitees", verbose_name=_("dialogue"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country"))

    class Meta:
        verbose_name = _("invited person")
        verbose_name_plural = _("invited people")
        constraints = [models.UniqueConstraint(fields=["dialogue", "email"], name="invitee_once_per_dialogue")]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


class Attendance(models.Model):
    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("dialogue")
    )
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+", verbose_name=_("country"))
    institution = models.CharField(_("institution"), max_length=300, blank=True)
    person = models.CharField(_("person"), max_length=200)

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["country__name_es", "person"]

    def __str__(self) -> str:
        return self.person


class FollowUpAction(models.Model):
    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("dialogue")
    )
    description = BoundedTextField(_("action"), max_length=ANSWER_MAX_CHARS)
    owner = models.CharField(_("owner"), max_length=200)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["done", "due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:80]


def validate_concept_note_size(file) -> None:
    if file.size > 10 * 1024 * 1024:
        raise ValidationError(_("The file is larger than 10 MB."))


def _concept_note_path(seminar: "Seminar", filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"seminars/{uuid.uuid4().hex}.{suffix}"


class Seminar(models.Model):
    """A virtual seminar (webinar) of the programme, e.g. the panel of non-state actors."""

    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=120)
    concept_note = models.FileField(
        _("concept note"),
        upload_to=_concept_note_path,
        blank=True,
        validators=[FileExtensionValidator(["pdf", "docx", "odt"]), validate_concept_note_size],
        help_text=_("PDF, Word or OpenDocument, up to 10 MB."),
    )
    attendance_peak = models.PositiveIntegerField(_("attendance at its peak"), null=True, blank=True)
    attendance_minimum = models.PositiveIntegerField(_("lowest attendance"), null=True, blank=True)
    recording_link = models.URLField(_("recording link"), blank=True)
    panel_summary = BoundedTextField(_("summary of the panel"), max_length=NOTE_MAX_CHARS, blank=True)
    is_public = models.BooleanField(_("shown in the public catalog"), default=False)

    # When it last changed: the API's updated_since and Last-Modified read it (api.conditional).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance_minimum__isnull=True)
                | Q(attendance_peak__isnull=True)
                | Q(attendance_minimum__lte=models.F("attendance_peak")),
                name="seminar_minimum_not_above_peak",
                violation_error_message=_("The lowest attendance cannot be above the peak."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Panelist(models.Model):
    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="panelists", verbose_name=_("seminar"))
    person = models.CharField(_("person"), max_length=200)
    organization = models.CharField(_("organization"), max_length=300)
    actor_type = models.CharField(_("actor type"), max_length=30, choices=ActorType)

    class Meta:
        verbose_name = _("panelist")
        verbose_name_plural = _("panelists")

    def __str__(self) -> str:
        return self.person
