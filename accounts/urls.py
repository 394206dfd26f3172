from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from accounts import views
from accounts.adapters import google_callback


def _not_served(request: HttpRequest) -> HttpResponse:
    raise Http404


urlpatterns = [
    path("gmail/disconnect", views.gmail_disconnect, name="gmail_disconnect"),
    path("account/delete-data", views.delete_my_data, name="delete_my_data"),
    path("account/delete", views.delete_account, name="delete_account"),
    path("account/time-zone", views.time_zone_update, name="time_zone_update"),
    path("account/time-zone/detect", views.time_zone_detect, name="time_zone_detect"),
    # Same path as allauth's google_callback, matched first (config/urls.py includes
    # this module before allauth): the token exchange then uses GOOGLE_TOKEN_URI.
    path("accounts/google/login/callback/", google_callback),
    # allauth's Google One Tap endpoint (csrf_exempt, a second way to sign in that
    # Jobtrail never offers), shadowed so that it cannot be reached.
    path("accounts/google/login/token/", _not_served),
]
