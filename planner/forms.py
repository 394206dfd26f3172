"""The board's move form, the Settings page's reminder and digest forms and what its planner sections show."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from planner.board import MOVE_CHOICES
from planner.models import Preferences


class MoveForm(forms.Form):
    status = forms.ChoiceField(choices=MOVE_CHOICES)


class ReminderForm(forms.ModelForm[Preferences]):
    class Meta:
        model = Preferences
        fields = ["follow_up_after_applied", "follow_up_after_interview", "quiet_after"]
        widgets = {name: forms.NumberInput(attrs={"min": 1, "max": 365}) for name in fields}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in self.Meta.fields:
            value = data.get(name)
            if value is not None and not 1 <= value <= 365:
                self.add_error(name, "Choose a number of days from 1 to 365.")
        return data


class DigestForm(forms.ModelForm[Preferences]):
    class Meta:
        model = Preferences
        fields = ["email_digest"]


def settings_context(request: HttpRequest) -> dict[str, Any]:
    """The Settings page's reminder, e-mail digest and calendar sections."""
    preferences = Preferences.for_user(int(request.user.pk or 0))
    token = preferences.feed_token
    feed_url = request.build_absolute_uri(reverse("calendar_feed", args=[token])) if token else ""
    return {
        "reminder_form": ReminderForm(instance=preferences),
        "digest_form": DigestForm(instance=preferences),
        # The development default prints mail to the server's console instead of sending it.
        "mail_printed": settings.EMAIL_BACKEND.endswith("console.EmailBackend"),
        "feed_url": feed_url,
    }
