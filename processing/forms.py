from __future__ import annotations

from datetime import date

from django import forms

from processing.models import Source


class StartRunForm(forms.Form):
    """What `POST /fetch-emails` accepts. Every field is optional."""

    start_date = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    end_date = forms.DateField(required=False, input_formats=["%Y-%m-%d"])
    source = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Default"),
            (Source.GMAIL, "Gmail"),
            (Source.DEMO, "Demo mailbox"),
            (Source.MBOX, "Uploaded file"),
        ],
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        today = date.today()
        if isinstance(start, date) and start > today:
            self.add_error("start_date", "The start date cannot be in the future.")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.add_error("end_date", "The end date must be on or after the start date.")
        return data

    def error_text(self) -> str:
        return " ".join(str(error) for errors in self.errors.values() for error in errors)


class MailSyncForm(forms.Form):
    """Settings → Background sync."""

    enabled = forms.BooleanField(required=False)
    every_hours = forms.IntegerField(min_value=1, max_value=168, initial=6)
