from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's own app is "Accounts" too: two admin sections with one title.
    verbose_name = "Users and Gmail access"
    default_auto_field = "django.db.models.BigAutoField"
