from __future__ import annotations

from django.urls import path

from dashboard import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("applications/add", views.application_add, name="application_add"),
    path("applications/<int:pk>", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/status", views.application_status, name="application_status"),
    path("applications/<int:pk>/delete", views.application_delete, name="application_delete"),
    path("applications/<int:pk>/restore", views.application_restore, name="application_restore"),
    path("applications/<int:pk>/merge", views.application_merge, name="application_merge"),
    path("applications/<int:pk>/fields/<slug:name>", views.application_field, name="application_field"),
    path("applications/bulk", views.applications_bulk, name="applications_bulk"),
    path("applications/restore", views.applications_restore, name="applications_restore"),
    path("emails/<int:pk>/delete", views.email_delete, name="email_delete"),
    path("emails/<int:pk>/restore", views.email_restore, name="email_restore"),
    path("emails/<int:pk>/move", views.email_move, name="email_move"),
    path("emails/<int:pk>/confirm", views.review_confirm, name="review_confirm"),
    path("emails/<int:pk>/correct", views.review_correct, name="review_correct"),
    path("emails/<int:pk>/retry", views.review_retry, name="review_retry"),
    path("export/applications.csv", views.export_csv, name="export_csv"),
    path("export/interviews.ics", views.export_ics, name="export_ics"),
    path("settings", views.settings_page, name="settings"),
]
