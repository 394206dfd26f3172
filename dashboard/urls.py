from __future__ import annotations

from django.urls import path

from dashboard import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("applications/add", views.application_add, name="application_add"),
    path("applications/<int:pk>", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/status", views.application_status, name="application_status"),
    path("applications/<int:pk>/delete", views.application_delete, name="application_delete"),
    path("emails/<int:pk>/delete", views.email_delete, name="email_delete"),
    path("emails/<int:pk>/confirm", views.review_confirm, name="review_confirm"),
    path("emails/<int:pk>/correct", views.review_correct, name="review_correct"),
    path("export/applications.csv", views.export_csv, name="export_csv"),
    path("export/interviews.ics", views.export_ics, name="export_ics"),
    path("settings", views.settings_page, name="settings"),
]
