from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogues.models import Dialogue


class InterestForm(forms.Form):
    question = forms.CharField(
        label=_("Your question for the presenters (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScheduleForm(forms.Form):
    """A time on the technical unit member's own clock (the current time zone), saved in UTC."""

    slot = forms.ChoiceField(label=_("Proposed slot"), required=False)
    starts_at = forms.DateTimeField(
        label=_("Or another date and time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=15, max_value=480, initial=90)
    video_link = forms.URLField(label=_("Video-call link"), required=False, assume_scheme="https")
    accept_warnings = forms.BooleanField(label=_("Schedule it anyway"), required=False)

    def __init__(self, *args, dialogue: Dialogue, **kwargs):
        super().__init__(*args, **kwargs)
        zone = timezone.get_current_timezone_name()
        self.fields["slot"].choices = [("", "—")] + [
            (slot.starts_at.isoformat(), f"{timezone.localtime(slot.starts_at).strftime('%Y-%m-%d %H:%M')} ({zone})")
            for slot in dialogue.slots.all()
        ]
        # Every time a person types or reads names its zone: "14:00" alone is a different hour in each country.
        self.fields["starts_at"].help_text = _("In your time zone: %(zone)s.") % {"zone": zone}
        self.fields["duration_minutes"].initial = dialogue.duration_minutes
        self.fields["video_link"].initial = dialogue.video_link

    def clean(self):
        cleaned = super().clean()
        chosen = cleaned.get("starts_at")
        if not chosen and cleaned.get("slot"):
            chosen = datetime.fromisoformat(cleaned["slot"])
        if not chosen and not self.errors:
            raise forms.ValidationError(_("Choose a proposed slot or write a date and time."))
        cleaned["moment"] = chosen
        return cleaned


class StatusForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("held", _("Mark as held")), ("postpone", _("Postpone")), ("cancel", _("Cancel"))],
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
