from __future__ import annotations

from django import forms

from accounts import timezones
from accounts.models import HourCycle


def _zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in timezones.zone_names()]


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(choices=_zone_choices, label="Time zone")
    hour_cycle = forms.ChoiceField(
        choices=HourCycle.choices, label="Clock", initial=HourCycle.H23, widget=forms.RadioSelect
    )
