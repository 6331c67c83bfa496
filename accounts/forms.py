from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import User
from registry.timezones import available_zones


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
