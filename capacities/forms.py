from django import forms
from django.utils.translation import gettext_lazy as _

from capacities.models import HelpKind, Need, Offer, OfferKind
from registry.choices import SDG, ActorType
from registry.models import Institution, Organization


class PostForm(forms.ModelForm):
    sdgs = forms.TypedMultipleChoiceField(label=_("SDG goals"), choices=SDG.choices, coerce=int, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.fields["version"].required = self.instance.pk is not None
        self.fields["description"].widget = forms.Textarea(attrs={"rows": 4})


class NeedForm(PostForm):
    help_kinds = forms.MultipleChoiceField(label=_("Help sought"), choices=HelpKind.choices, widget=forms.CheckboxSelectMultiple)
    actor_types = forms.MultipleChoiceField(label=_("From which types of actor (optional)"), choices=ActorType.choices,
                                            required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Need
        fields = ["institution", "title", "description", "topics", "sector", "sdgs", "help_kinds", "actor_types"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if user.is_technical_unit:
            self.fields["institution"].queryset = Institution.objects.select_related("country").order_by("country__name_es", "name")
        else:
            del self.fields["institution"]  # a focal point asks for their own agency


class OfferForm(PostForm):
    offer_kinds = forms.MultipleChoiceField(label=_("What it offers"), choices=OfferKind.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Offer
        fields = ["organization", "title", "description", "topics", "sector", "sdgs", "offer_kinds"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        organizations = Organization.objects.order_by("name")
        if not user.is_technical_unit:
            organizations = organizations.filter(country_id=user.institution.country_id)
        self.fields["organization"].queryset = organizations


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
