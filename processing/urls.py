from __future__ import annotations

from django.urls import path

from processing import views

urlpatterns = [
    path("fetch-emails", views.fetch_emails, name="fetch_emails"),
    path("cancel-fetch-emails", views.cancel_fetch_emails, name="cancel_fetch_emails"),
    path("processing", views.processing, name="processing"),
    path("upload-mbox", views.upload_mbox, name="upload_mbox"),
    path("settings/sync", views.mail_sync_update, name="mail_sync_update"),
]
