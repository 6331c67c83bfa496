from django import forms
from django.utils.translation import gettext_lazy as _

from followup.models import ContributionKind, currency_codes
from registry.choices import NOTE_MAX_CHARS, Phase, RiskStatus
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
        if cleaned.get("amount") is not None and not (cleaned.get("currency") and cleaned.get("year")):
            raise forms.ValidationError(_("An amount needs its currency and year."))
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
