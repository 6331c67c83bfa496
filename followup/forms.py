from django import forms
from django.utils.translation import gettext_lazy as _

from followup.models import Indicator
from registry.choices import ContributionKind, contribution_money_problems, currency_codes
from registry.choices import NOTE_MAX_CHARS, Phase, RiskStatus, TypicalRisk
from registry.models import Organization


class PhaseStepForm(forms.Form):
    phase = forms.ChoiceField(label=_("Phase"), choices=Phase.choices)
    started_on = forms.DateField(label=_("Started on"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class CoChairsForm(forms.Form):
    organizations = forms.ModelMultipleChoiceField(
        label=_("Co-chairs"), queryset=Organization.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizations"].queryset = organizations


class WorkingGroupForm(forms.Form):
    name = forms.CharField(label=_("Working group"), max_length=200)
    lead = forms.ModelChoiceField(label=_("Lead"), queryset=Organization.objects.none(), required=False, empty_label="—")

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = organizations


class RiskForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RiskStatus.choices)
    note = forms.CharField(label=_("Follow-up note"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class OtherRiskForm(forms.Form):
    description = forms.CharField(label=_("Another risk"), max_length=500)
    contingency = forms.CharField(
        label=_("Contingency measures"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class ContributionForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Actor"), queryset=Organization.objects.none())
    kind = forms.ChoiceField(label=_("What it brings"), choices=ContributionKind.choices)
    description = forms.CharField(label=_("Description"), max_length=NOTE_MAX_CHARS, widget=forms.Textarea(attrs={"rows": 2}))
    amount = forms.DecimalField(label=_("Amount (money only)"), max_digits=15, decimal_places=2, min_value=0, required=False)
    currency = forms.ChoiceField(label=_("Currency"), required=False)
    year = forms.IntegerField(label=_("Year of the amount"), min_value=1990, max_value=2100, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["currency"].choices = [("", "—"), *currency_codes()]

    def clean(self):
        cleaned = super().clean()
        if problems := contribution_money_problems(
            cleaned.get("kind"), cleaned.get("amount"), cleaned.get("currency"), cleaned.get("year")
        ):
            raise forms.ValidationError(problems)
        return cleaned


class CommitmentForm(forms.Form):
    organization = forms.ModelChoiceField(label=_("Actor"), queryset=Organization.objects.none())
    responsibilities = forms.CharField(
        label=_("Its responsibilities"), max_length=NOTE_MAX_CHARS, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    expected_benefits = forms.CharField(
        label=_("The benefits it expects"), max_length=NOTE_MAX_CHARS, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations


class HealthSendForm(forms.Form):
    addresses = forms.CharField(
        label=_("Members' e-mail addresses"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000,
        help_text=_("One per line. They are used to send the links and then forgotten: answers stay anonymous."),
    )
    days_open = forms.IntegerField(label=_("Open for (days)"), min_value=1, max_value=90, initial=14)

    def clean_addresses(self):
        addresses = [line.strip() for line in self.cleaned_data["addresses"].replace(",", "\n").replace(";", "\n").splitlines() if line.strip()]
        validator = forms.EmailField()
        for address in addresses:
            try:
                validator.clean(address)
            except forms.ValidationError:
                raise forms.ValidationError(_("“%(address)s” is not an e-mail address.") % {"address": address[:100]}) from None
        return addresses


SCALE = [(value, str(value)) for value in range(1, 6)]


class HealthAnswerForm(forms.Form):
    trust = forms.TypedChoiceField(label=_("Trust among the members"), choices=SCALE, coerce=int, widget=forms.RadioSelect,
                                   help_text=_("1: none · 5: complete"))
    respect = forms.TypedChoiceField(label=_("Respect for each member's role and views"), choices=SCALE, coerce=int, widget=forms.RadioSelect)
    transparency = forms.TypedChoiceField(label=_("Transparency of decisions and resources"), choices=SCALE, coerce=int, widget=forms.RadioSelect)
    shared_benefit = forms.TypedChoiceField(label=_("Benefits shared among the members"), choices=SCALE, coerce=int, widget=forms.RadioSelect)
    risks_seen = forms.MultipleChoiceField(label=_("Is any of this happening?"), required=False, widget=forms.CheckboxSelectMultiple)
    comment = forms.CharField(label=_("Anything else (optional)"), required=False, max_length=NOTE_MAX_CHARS,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Do not write names: the comment is shown to the alliance as you write it."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["risks_seen"].choices = [(value, label) for value, label in TypicalRisk.choices if value != TypicalRisk.OTHER]


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["objective", "description", "unit", "baseline", "baseline_date", "target", "target_date", "disaggregation"]
        widgets = {"baseline_date": forms.DateInput(attrs={"type": "date"}), "target_date": forms.DateInput(attrs={"type": "date"})}


class MultipleEvidenceInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return files  # each is checked by its content in followup.progress


class ProgressUpdateForm(forms.Form):
    """A period's update; one value (and a note) per indicator of the alliance."""

    period = forms.CharField(label=_("Period"), max_length=30, help_text=_("e.g. 2026, or 2026-S1"))
    what_changed = forms.CharField(label=_("What changed"), max_length=NOTE_MAX_CHARS, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    results_reached = forms.CharField(label=_("Results reached"), max_length=NOTE_MAX_CHARS, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    phase = forms.ChoiceField(label=_("Phase"), choices=[("", "—"), *Phase.choices], required=False)
    evidence = EvidenceField(
        label=_("Evidence (PDF, photos, Word or Excel; up to 10 MB each)"), required=False,
        widget=MultipleEvidenceInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx"}),
    )
    confirms = forms.BooleanField(label=_("This is the yearly confirmation: the initiative is still current"), required=False)

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        # A lone box shows its question as a legend: the box itself needs the name too.
        self.fields["confirms"].widget.attrs["aria-label"] = self.fields["confirms"].label
        self.indicators = list(indicators)
        for indicator in self.indicators:
            unit = f" ({indicator.unit})" if indicator.unit else ""
            self.fields[f"value_{indicator.pk}"] = forms.DecimalField(
                label=f"{indicator.description}{unit}", max_digits=15, decimal_places=2, required=False,
            )
            self.fields[f"note_{indicator.pk}"] = forms.CharField(label=_("Note on “%(indicator)s”") % {"indicator": indicator.description},
                                                                  max_length=500, required=False)

    def values(self) -> dict:
        return {
            indicator.pk: (self.cleaned_data[f"value_{indicator.pk}"], self.cleaned_data.get(f"note_{indicator.pk}") or "")
            for indicator in self.indicators
            if self.cleaned_data.get(f"value_{indicator.pk}") is not None
        }
