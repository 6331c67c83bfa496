"""Following an alliance once it exists (source documents 002 and 003): its phase history, who
co-chairs it and which working groups it has (with their lead), and its risk register.

Roles point at organizations, not at the initiative's participations, because saving the ficha
rewrites the participations; the organizations stay."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registry.choices import CONTINGENCY_MEASURES, NOTE_MAX_CHARS, Phase, RiskStatus, TypicalRisk
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
