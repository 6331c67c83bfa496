from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _, ngettext

from registry.choices import LIST_ITEM_MAX_CHARS, MAX_LIST_ITEMS, SDG, Classification
from registry.models import CURATION_FIELDS, FICHA_INITIATIVE_FIELDS, Initiative, User
from registry.timezones import available_zones


class ItemListField(forms.Field):
    """Up to MAX_LIST_ITEMS short texts, typed one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *, max_items: int = MAX_LIST_ITEMS, max_item_length: int = LIST_ITEM_MAX_CHARS, **kwargs):
        self.max_items, self.max_item_length = max_items, max_item_length
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("One item per line."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return "\n".join(value)
        return value

    def to_python(self, value):
        if isinstance(value, (list, tuple)):
            lines = value
        else:
            lines = (value or "").splitlines()
        return [line.strip() for line in lines if line.strip()]

    def validate(self, value):
        super().validate(value)
        if len(value) > self.max_items:
            raise forms.ValidationError(
                ngettext(
                    "Give at most %(max)d item (you gave %(count)d).",
                    "Give at most %(max)d items (you gave %(count)d).",
                    self.max_items,
                ),
                code="too_many_items",
                params={"max": self.max_items, "count": len(value)},
            )
        for number, item in enumerate(value, start=1):
            if len(item) > self.max_item_length:
                raise forms.ValidationError(
                    _("Each item has at most %(max)d characters; item %(number)d has %(count)d."),
                    code="item_too_long",
                    params={"max": self.max_item_length, "number": number, "count": len(item)},
                )
            if "\x00" in item:
                raise forms.ValidationError(_("Null characters are not allowed."), code="null_characters_not_allowed")


class InitiativeForm(forms.ModelForm):
    strengths = ItemListField(label=capfirst(Initiative._meta.get_field("strengths").verbose_name))
    challenges = ItemListField(label=capfirst(Initiative._meta.get_field("challenges").verbose_name))
    results = ItemListField(label=capfirst(Initiative._meta.get_field("results").verbose_name))
    sdgs = forms.TypedMultipleChoiceField(
        choices=SDG.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=capfirst(Initiative._meta.get_field("sdgs").verbose_name),
    )

    class Meta:
        model = Initiative
        fields = ["institution", *FICHA_INITIATIVE_FIELDS, "wants_to_share", *CURATION_FIELDS]
        widgets = {"sectors": forms.CheckboxSelectMultiple, "name": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Copy the model's help texts, so every form shows the ficha's own instructions.
        for name in ("strengths", "challenges", "results"):
            if name in self.fields:
                self.fields[name].help_text = Initiative._meta.get_field(name).help_text


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The focal points of the institution will read this."),
    )


class ClassificationForm(forms.Form):
    classification = forms.ChoiceField(
        label=_("Classification"),
        choices=[("", _("Computed from the actor types"))] + list(Classification.choices),
        required=False,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("classification") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for setting the classification by hand."))
        return cleaned


class OutOfScopeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is not South-South or triangular cooperation"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProfileForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), required=False)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "time_zone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = [("", _("The time of my country's capital"))] + [
            (zone, zone.replace("_", " ")) for zone in available_zones()
        ]
        self.fields["time_zone"].help_text = User._meta.get_field("time_zone").help_text
