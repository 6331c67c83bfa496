"""Workshops with officials and other actors (the source report's training recommendation):
their sessions, audience, materials, participants and attendance, and a short satisfaction
survey whose answers point to no one (as the alliance health check's)."""

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.choices import ANSWER_MAX_CHARS, NOTE_MAX_CHARS, ActorType
from registry.fields import BoundedTextField

# Below this many answers the survey's results are not shown: anyone could tell who said what.
SATISFACTION_MIN_ANSWERS = 3


class Workshop(models.Model):
    title = models.CharField(_("title"), max_length=300)
    description = BoundedTextField(_("description"), max_length=NOTE_MAX_CHARS, blank=True)
    audience = models.CharField(_("audience"), max_length=300, blank=True, help_text=_("Who it is for, e.g. new focal points."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class WorkshopSession(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("session"), max_length=300, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=90,
                                                        validators=[MinValueValidator(15), MaxValueValidator(600)])
    video_link = models.URLField(_("video-call link"), blank=True)
    # One calendar event per session: the same UID and a growing SEQUENCE update it in calendars.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return self.title or str(self.workshop)


def _material_path(material: "Material", filename: str) -> str:
    # Named by content hash: nothing the sender chose reaches the disk path.
    return f"training/{material.sha256[:2]}/{material.sha256}.{material.kind}"


class Material(models.Model):
    """A document of a workshop, checked like the other uploads (size, type by content), stored
    under MEDIA_ROOT and served as an attachment. Its description links the glossary's terms."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=300)
    description = BoundedTextField(_("description"), max_length=ANSWER_MAX_CHARS, blank=True)
    file = models.FileField(upload_to=_material_path)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    country = models.ForeignKey("registry.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country"))
    actor_type = models.CharField(_("actor type"), max_length=32, choices=ActorType)
    institution = models.CharField(_("institution"), max_length=300, blank=True)
    attended = models.ManyToManyField(WorkshopSession, blank=True, related_name="attendees", verbose_name=_("sessions attended"))
    invited_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the satisfaction survey reached them: who was sent it, never which link (SatisfactionInvitation).
    surveyed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["workshop", "email"], name="participant_once_per_workshop")]

    def __str__(self) -> str:
        return self.name


class SatisfactionInvitation(models.Model):
    """A single-use link to the survey. It names no participant: the addresses it was sent to are
    not kept with it, so no answer can be traced back."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)


class SatisfactionAnswer(models.Model):
    """One answer, with no person, invitation or time attached."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="answers")
    overall = models.PositiveSmallIntegerField(_("overall"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    usefulness = models.PositiveSmallIntegerField(_("usefulness for your work"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = BoundedTextField(_("comment"), max_length=ANSWER_MAX_CHARS, blank=True)
