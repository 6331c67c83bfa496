from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _, ngettext

from registry.choices import LIST_ITEM_MAX_CHARS, MAX_LIST_ITEMS, SDG, Classification
from django.db import models

from registry.ficha import Kind, initiative_fields, initiative_questions
from registry.models import CURATION_FIELDS, Initiative


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


class DeclaredQuestionsMixin:
    """A model form holding the ficha's questions as registry.ficha declares them, read when the
    form is made: each kind gets its own form field (a list of lines, yes/no/unanswered, ...)."""

    def keep_fields(self, wanted: list[str]) -> None:
        """Only the model fields wanted, in that order; fields of the form's own stay."""
        model_fields = {field.name for field in self._meta.model._meta.get_fields()}
        for name in list(self.fields):
            if name not in wanted and name in model_fields:
                del self.fields[name]
        self.order_fields(wanted)

    def shape_questions(self, questions) -> None:
        for question in questions:
            present = [name for name in question.fields if name in self.fields]
            if question.kind == Kind.LIST:
                for name in present:
                    self.fields[name] = ItemListField(
                        label=question.verbose_label, help_text=question.help_text,
                        max_items=question.max_items, max_item_length=question.max_length,
                    )
            elif question.kind == Kind.TEXT:
                for name in present:
                    self.fields[name].label, self.fields[name].help_text = question.verbose_label, question.help_text
                    if isinstance(question.model_field(name), models.TextField):
                        self.fields[name].widget = forms.Textarea(attrs={"rows": 4, "maxlength": question.max_length})
            elif question.kind == Kind.YES_NO:
                for name in present:
                    self.fields[name] = YesNoField(label=question.verbose_label, help_text=question.help_text)
                    value = getattr(self.instance, name)
                    if value is not None:
                        self.initial[name] = "true" if value else "false"


YES_NO_UNKNOWN = [("", _("Not answered yet")), ("true", _("Yes")), ("false", _("No"))]


class YesNoField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=YES_NO_UNKNOWN, coerce=lambda value: value == "true", empty_value=None, required=False,
            widget=forms.RadioSelect, **kwargs,
        )


class InitiativeForm(DeclaredQuestionsMixin, forms.ModelForm):
    sdgs = forms.TypedMultipleChoiceField(
        choices=SDG.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=capfirst(Initiative._meta.get_field("sdgs").verbose_name),
    )

    class Meta:
        model = Initiative
        fields = "__all__"  # narrowed to form_fields() when the form is made
        widgets = {"sectors": forms.CheckboxSelectMultiple, "name": forms.Textarea(attrs={"rows": 2})}

    def form_fields(self) -> list[str]:
        return ["institution", *initiative_fields(), "wants_to_share", *CURATION_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep_fields(self.form_fields())
        self.shape_questions(initiative_questions())


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
