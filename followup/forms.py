from django import forms
from django.utils.translation import gettext_lazy as _

from registry.choices import Phase, RiskStatus
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
