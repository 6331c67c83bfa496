"""Following an alliance once it exists (source documents 002 and 003): its phase history, who
co-chairs it and which working groups it has (with their lead), and its risk register.

Roles point at organizations, not at the initiative's participations, because saving the ficha
rewrites the participations; the organizations stay."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registry.choices import (
    CONTINGENCY_MEASURES, NOTE_MAX_CHARS, ContributionKind, Phase, RiskStatus, TypicalRisk, contribution_money_problems,
)
from registry.fields import BoundedTextField


class PhaseStep(models.Model):
    initiative = models.ForeignKey("registry.Initiative", on_delete=models.CASCADE, related_name="phase_steps")
    phase = models.CharField(_("phase"), max_length=30, choices=Phase)
    started_on = models.DateField(_("started on"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        db_table = "registry_phasestep"  # created by the registry app, before follow-up had its own
        verbose_name = _("phase of the alliance")
        verbose_name_plural = _("phases of the alliance")
        ordering = ["started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} ({self.started_on})"


class CoChair(models.Model):
    initiative = models.ForeignKey("registry.Initiative", on_delete=models.CASCADE, related_name="co_chairs")
    organization = models.ForeignKey("registry.Organization", on_delete=models.CASCADE, related_name="+")

    class Meta:
        db_table = "registry_cochair"  # created by the registry app, before follow-up had its own
        verbose_name = _("co-chair")
        verbose_name_plural = _("co-chairs")
        constraints = [models.UniqueConstraint(fields=["initiative", "organization"], name="co_chair_once")]

    def __str__(self) -> str:
        return str(self.organization)


class WorkingGroup(models.Model):
    initiative = models.ForeignKey("registry.Initiative", on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(_("working group"), max_length=200)
    lead = models.ForeignKey(
        "registry.Organization", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("lead")
    )

    class Meta:
        db_table = "registry_workinggroup"  # created by the registry app, before follow-up had its own
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["initiative", "name"], name="working_group_name_once")]

    def __str__(self) -> str:
        return self.name


class Risk(models.Model):
    initiative = models.ForeignKey("registry.Initiative", on_delete=models.CASCADE, related_name="risks")
    kind = models.CharField(_("risk"), max_length=30, choices=TypicalRisk)
    description = models.CharField(_("description"), max_length=500, blank=True)
    # Empty for the six typical risks: their measures are shown from CONTINGENCY_MEASURES in the
    # reader's language.
    contingency = BoundedTextField(_("contingency measures"), max_length=NOTE_MAX_CHARS, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=RiskStatus, default=RiskStatus.IDENTIFIED)
    note = BoundedTextField(_("follow-up note"), max_length=NOTE_MAX_CHARS, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "registry_risk"  # created by the registry app, before follow-up had its own
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "kind"], condition=~models.Q(kind="other"), name="typical_risk_once"
            )
        ]

    def __str__(self) -> str:
        return self.description or self.get_kind_display()

    @property
    def title(self) -> str:
        return self.description if self.kind == TypicalRisk.OTHER else self.get_kind_display()

    @property
    def measures(self) -> str:
        return self.contingency or str(CONTINGENCY_MEASURES.get(self.kind, ""))


class ContributionSource(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Entered on the follow-up page")
    FICHA = "ficha", _("Reported in the ficha")


class Contribution(models.Model):
    """What one actor brings to an alliance (the APCI concept: responsibilities, benefits, risks and
    results shared among the actors). Money has an amount, an ISO 4217 currency and a year; the
    reports convert it at that year's reference rate (ExchangeRate)."""

    initiative = models.ForeignKey("registry.Initiative", on_delete=models.CASCADE, related_name="contributions")
    organization = models.ForeignKey(
        "registry.Organization", on_delete=models.CASCADE, related_name="contributions", verbose_name=_("actor")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ContributionKind)
    description = BoundedTextField(_("description"), max_length=NOTE_MAX_CHARS)
    amount = models.DecimalField(_("amount"), max_digits=15, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    # Those reported in a ficha are the reporter's statement: submitting the ficha again replaces
    # them, and leaves alone those the follow-up page recorded.
    source = models.CharField(_("source"), max_length=12, choices=ContributionSource, default=ContributionSource.FOLLOW_UP)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["organization__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | (~models.Q(currency="") & models.Q(year__isnull=False) & models.Q(amount__gte=0)),
                name="contribution_money_has_currency_and_year",
                violation_error_message=_("An amount needs its currency and year, and cannot be negative."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.get_kind_display()}"

    def clean(self):
        if problems := contribution_money_problems(self.kind, self.amount, self.currency, self.year):
            raise ValidationError(problems)


class ActorCommitment(models.Model):
    """An actor's responsibilities in the alliance and the benefits it expects from it."""

    initiative = models.ForeignKey("registry.Initiative", on_delete=models.CASCADE, related_name="commitments")
    organization = models.ForeignKey("registry.Organization", on_delete=models.CASCADE, related_name="+", verbose_name=_("actor"))
    responsibilities = BoundedTextField(_("responsibilities"), max_length=NOTE_MAX_CHARS, blank=True)
    expected_benefits = BoundedTextField(_("benefits it expects"), max_length=NOTE_MAX_CHARS, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("actor's commitment")
        verbose_name_plural = _("actors' commitments")
        constraints = [models.UniqueConstraint(fields=["initiative", "organization"], name="commitment_once_per_actor")]


class ExchangeRate(models.Model):
    """How many units of a currency one US dollar bought in a year: the reference the reports
    convert contributions with. The technical unit keeps it in the admin, with its source (for
    example the IMF's or the World Bank's yearly average official rate)."""

    currency = models.CharField(_("currency"), max_length=3)
    year = models.PositiveSmallIntegerField(_("year"))
    units_per_usd = models.DecimalField(_("units per US dollar"), max_digits=18, decimal_places=6)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["currency", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["currency", "year"], name="exchange_rate_once_per_year"),
            models.CheckConstraint(condition=models.Q(units_per_usd__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.year}: {self.units_per_usd}"


HEALTH_SCALE = (MinValueValidator(1), MaxValueValidator(5))
# Below this many answers a survey's results are not shown: with one or two, anyone could tell
# who said what.
HEALTH_MIN_ANSWERS = 3


class HealthSurvey(models.Model):
    """The practice guide's periodic member survey: how the alliance's members see its trust,
    respect, transparency and shared benefit (the APCI principles), and which typical risks they
    see happening. The technical unit sends it; members answer anonymously through single-use links."""

    initiative = models.ForeignKey("registry.Initiative", on_delete=models.CASCADE, related_name="health_surveys")
    opened_at = models.DateTimeField(_("sent at"), default=timezone.now)
    closes_at = models.DateTimeField(_("closes at"))
    invited = models.PositiveSmallIntegerField(_("members invited"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("alliance health check")
        verbose_name_plural = _("alliance health checks")
        ordering = ["opened_at"]

    def is_open(self) -> bool:
        return timezone.now() < self.closes_at


class HealthInvitation(models.Model):
    """A single-use link. Neither the address it was sent to nor when it was used is kept, and the
    answer does not point back to it: nothing in the database ties an answer to a member."""

    survey = models.ForeignKey(HealthSurvey, on_delete=models.CASCADE, related_name="invitations")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)


class HealthAnswer(models.Model):
    """One member's anonymous answer: no invitation, no person, no time."""

    survey = models.ForeignKey(HealthSurvey, on_delete=models.CASCADE, related_name="answers")
    trust = models.PositiveSmallIntegerField(_("trust"), validators=HEALTH_SCALE)
    respect = models.PositiveSmallIntegerField(_("respect"), validators=HEALTH_SCALE)
    transparency = models.PositiveSmallIntegerField(_("transparency"), validators=HEALTH_SCALE)
    shared_benefit = models.PositiveSmallIntegerField(_("shared benefit"), validators=HEALTH_SCALE)
    risks_seen = ArrayField(models.CharField(max_length=30, choices=TypicalRisk), default=list, blank=True,
                            verbose_name=_("risks happening"))
    comment = BoundedTextField(_("comment"), max_length=NOTE_MAX_CHARS, blank=True)

    class Meta:
        verbose_name = _("health check answer")
        verbose_name_plural = _("health check answers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trust__range=(1, 5), respect__range=(1, 5), transparency__range=(1, 5), shared_benefit__range=(1, 5)),
                name="health_answer_on_the_scale",
            )
        ]


class Indicator(models.Model):
    """How an objective of the alliance is measured: unit, baseline and target, with their dates,
    and what the values are broken down by (sex, territory...)."""

    initiative = models.ForeignKey("registry.Initiative", on_delete=models.CASCADE, related_name="indicators")
    objective = models.CharField(_("objective"), max_length=500)
    description = models.CharField(_("indicator"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=15, decimal_places=2, null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=15, decimal_places=2)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    disaggregation = models.CharField(_("broken down by"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description

    def share_of_target(self, reached) -> int | None:
        """How far `reached` went from the baseline to the target, in percent (0 to 100)."""
        start = self.baseline or 0
        if reached is None or self.target == start:
            return None
        return max(0, min(100, round((reached - start) / (self.target - start) * 100)))


class ProgressUpdate(models.Model):
    """What the alliance reached in a period, told by its focal point; the yearly confirmation is
    one of these (it confirms the initiative as current)."""

    initiative = models.ForeignKey("registry.Initiative", on_delete=models.CASCADE, related_name="progress_updates")
    period = models.CharField(_("period"), max_length=30, help_text=_("e.g. 2026, or 2026-S1"))
    what_changed = BoundedTextField(_("what changed"), max_length=NOTE_MAX_CHARS, blank=True)
    results_reached = BoundedTextField(_("results reached"), max_length=NOTE_MAX_CHARS, blank=True)
    phase = models.CharField(_("phase"), max_length=30, choices=Phase, blank=True)
    confirms = models.BooleanField(_("yearly confirmation"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-created_at", "-pk"]


class IndicatorValue(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField(_("value reached"), max_digits=15, decimal_places=2)
    narrative = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["update", "indicator"], name="indicator_value_once_per_update")]


def _evidence_path(evidence: "Evidence", filename: str) -> str:
    # Named by content hash: nothing the sender chose reaches the disk path.
    return f"evidence/{evidence.sha256[:2]}/{evidence.sha256}.{evidence.kind}"


class Evidence(models.Model):
    """A document or photo backing a progress update, checked like the Word uploads (size, type by
    content), stored under MEDIA_ROOT and served only as an attachment."""

    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=_evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(max_length=10)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
