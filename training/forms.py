from django import forms
from django.utils.translation import gettext_lazy as _

from registry.choices import ActorType
from registry.models import Country
from training.models import Workshop


class WorkshopForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A change says which version it read, so one over a newer save is refused.
        self.fields["version"].required = self.instance.pk is not None

    class Meta:
        model = Workshop
        fields = ["title", "audience", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Session"), max_length=300, required=False)
    starts_at = forms.DateTimeField(label=_("Starts at (your clock)"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=15, max_value=600, initial=90)
    video_link = forms.URLField(label=_("Video-call link"), required=False)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    description = forms.CharField(label=_("Description (glossary terms are linked)"), max_length=5000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    file = forms.FileField(label=_("File (PDF, Word, Excel or a photo; up to 10 MB)"))


class ParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.order_by("name_es"), to_field_name="iso2")
    actor_type = forms.ChoiceField(label=_("Actor type"), choices=ActorType.choices)
    institution = forms.CharField(label=_("Institution"), max_length=300, required=False)


class SatisfactionForm(forms.Form):
    SCALE = [(value, str(value)) for value in range(1, 6)]
    overall = forms.TypedChoiceField(label=_("Overall, how was the workshop? (1 poor – 5 excellent)"), choices=SCALE, coerce=int,
                                     widget=forms.RadioSelect)
    usefulness = forms.TypedChoiceField(label=_("How useful is it for your work? (1 not at all – 5 very)"), choices=SCALE, coerce=int,
                                        widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Anything else (optional)"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
