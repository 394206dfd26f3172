from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
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


class SignupForm(AllauthSignupForm):
    """allauth's form, which compares the two passwords only when the first is valid: a
    user fixing a weak password learned of the mismatch on the next try. Both are said at once."""

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        first, second = self.data.get("password1", ""), self.data.get("password2", "")
        if first and second and first != second and "password2" not in self.errors:
            self.add_error("password2", "You must type the same password each time.")
        return cleaned
