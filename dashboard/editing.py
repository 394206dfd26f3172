"""The application fields a user edits inline: which form fields make up each one, and
how each is checked. One editable "field" may be two model fields (location and
remote; next step and its due date), saved together."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from dashboard.models import Application
from jobmail.taxonomy import APPLICATION_STATUSES


@dataclass(frozen=True)
class EditableField:
    name: str
    label: str
    model_fields: tuple[str, ...]


FIELDS: dict[str, EditableField] = {
    field.name: field
    for field in (
        EditableField("company", "Company", ("company",)),
        EditableField("job_title", "Job title", ("job_title",)),
        EditableField("status", "Status", ("status",)),
        EditableField("applied_on", "Date applied", ("applied_on",)),
        EditableField("source", "Source", ("source",)),
        EditableField("location", "Location", ("location", "work_mode")),
        EditableField("salary_range", "Salary range", ("salary_range",)),
        EditableField("posting_url", "Job posting", ("posting_url",)),
        EditableField("next_step", "Next step", ("next_step", "next_step_due")),
        EditableField("notes", "Notes", ("notes",)),
    )
}


def past_applied_on(day: date | None) -> date | None:
    """The date applied, refused when it is after today in the user's zone (a typo, not a plan)."""
    if day is not None and day > timezone.localdate():
        raise forms.ValidationError("The date applied cannot be in the future.")
    return day


class _ApplicationFieldForm(forms.ModelForm[Application]):
    status = forms.ChoiceField(choices=APPLICATION_STATUSES)
    posting_url = forms.URLField(label="Job posting link", max_length=1000, required=False, assume_scheme="https")
    rename_all = forms.BooleanField(required=False)

    class Meta:
        model = Application
        fields = (
            "company",
            "job_title",
            "status",
            "applied_on",
            "source",
            "location",
            "work_mode",
            "salary_range",
            "posting_url",
            "next_step",
            "next_step_due",
            "notes",
        )
        widgets = {
            "applied_on": forms.DateInput(attrs={"type": "date"}),
            "next_step_due": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 5}),
            "next_step": forms.TextInput(attrs={"placeholder": "e.g. Send references"}),
            "salary_range": forms.TextInput(attrs={"placeholder": "e.g. €60–70k"}),
        }
        labels = {"work_mode": "Remote", "next_step_due": "Due", "posting_url": "Job posting link"}

    def clean_company(self) -> str:
        company = str(self.cleaned_data["company"]).strip()
        if not company:
            raise forms.ValidationError("Give the company a name.")
        return company

    def clean_applied_on(self) -> Any:
        return past_applied_on(self.cleaned_data.get("applied_on"))

    def clean_posting_url(self) -> str:
        url = str(self.cleaned_data.get("posting_url") or "")
        if url and not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError("Give a link starting with https:// or http://.")
        return url


def field_form(app: Application, field: EditableField, data: Any = None) -> forms.ModelForm[Application]:
    """A form with only `field`'s inputs, ids prefixed so several can share a page."""
    names = list(field.model_fields) + (["rename_all"] if field.name == "company" else [])
    form_class = forms.modelform_factory(Application, form=_ApplicationFieldForm, fields=field.model_fields)
    form = form_class(data, instance=app, prefix=f"edit-{field.name}")
    for name in list(form.fields):
        if name not in names:
            del form.fields[name]
    first = form.fields[field.model_fields[0]]
    first.widget.attrs["autofocus"] = True
    return form


def mark_errors(form: forms.BaseForm) -> None:
    """Fields in error say so to assistive technology and are highlighted (CSS)."""
    for name in form.errors:
        if name in form.fields:
            widget = form.fields[name].widget
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = f"{form[name].id_for_label}-error"
