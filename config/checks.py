"""System checks that refuse production settings which would break Jobtrail."""

from __future__ import annotations

import ipaddress
from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register


@register(deploy=False)
def check_production_settings(app_configs: Any, **kwargs: Any) -> list[Error | Warning]:
    messages: list[Error | Warning] = []
    layer = str(settings.CHANNEL_LAYERS.get("default", {}).get("BACKEND", ""))
    if not settings.DEBUG and layer.endswith("InMemoryChannelLayer"):
        messages.append(
            Error(
                "DEBUG is off but the channel layer is in-memory.",
                hint=(
                    "Set REDIS_URL. With several daphne processes an in-memory layer "
                    "cannot deliver a cancel or progress to another process."
                ),
                id="jobtrail.E001",
            )
        )
    if not settings.DEBUG and not settings.FIELD_ENCRYPTION_KEYS:
        messages.append(
            Error(
                "DEBUG is off but FIELD_ENCRYPTION_KEY is not set.",
                hint=(
                    "Gmail tokens are encrypted at rest. Generate a key with: python -c "
                    "'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
                ),
                id="jobtrail.E002",
            )
        )
    if settings.FIELD_ENCRYPTION_KEYS:
        from cryptography.fernet import Fernet

        for index, key in enumerate(settings.FIELD_ENCRYPTION_KEYS, start=1):
            try:
                Fernet(key.encode())
            except (ValueError, TypeError):
                messages.append(
                    Error(
                        f"FIELD_ENCRYPTION_KEY entry {index} is not a valid Fernet key.",
                        hint="A Fernet key is 32 url-safe base64-encoded bytes (44 characters).",
                        id="jobtrail.E003",
                    )
                )
    if not settings.DEBUG and settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        messages.append(
            Warning(
                "DEBUG is off and the database is SQLite.",
                hint="Set DATABASE_URL to PostgreSQL to run several daphne processes.",
                id="jobtrail.W001",
            )
        )
    if settings.DEBUG:
        public = [host for host in settings.ALLOWED_HOSTS if not is_loopback(host)]
        if public:
            messages.append(
                Error(
                    f"DEBUG is on and ALLOWED_HOSTS lets other machines in: {', '.join(public)}.",
                    hint=(
                        "DEBUG shows settings and code in error pages and uses development keys: it is only "
                        "for this machine. Set DEBUG=false for a server (docs/DEPLOY.md), or keep ALLOWED_HOSTS "
                        "to 127.0.0.1, localhost and [::1]."
                    ),
                    id="jobtrail.E005",
                )
            )
    if settings.CLASSIFIER == "llm" and not (settings.OPENAI_API_KEY or settings.OPENAI_BASE_URL):
        messages.append(
            Error(
                "CLASSIFIER=llm but neither OPENAI_API_KEY nor OPENAI_BASE_URL is set.",
                hint="Set OPENAI_API_KEY, or OPENAI_BASE_URL for a local OpenAI-compatible server.",
                id="jobtrail.E004",
            )
        )
    if not settings.DEBUG and settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
        messages.append(
            Warning(
                "DEBUG is off but mail goes to the console (EMAIL_URL is unset or console:).",
                hint=(
                    "Users never receive their address confirmations and password resets. "
                    "Set EMAIL_URL=smtp://user:password@host:587 (docs/DEPLOY.md)."
                ),
                id="jobtrail.W020",
            )
        )
    return messages


def is_loopback(host: str) -> bool:
    """Does this ALLOWED_HOSTS entry only ever match this machine?"""
    name = host.strip().lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):  # RFC 6761: always loopback
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False  # a domain name, a wildcard ("*", ".example.com") or anything else


def refuse_to_serve_on_errors() -> None:
    """Run the system checks; raise (so daphne does not start) if any is an error.

    `manage.py check` is optional; serving with DEBUG on for the world, or without the
    key that encrypts tokens, must not be.
    """
    from django.core import checks
    from django.core.management.base import SystemCheckError

    serious = [message for message in checks.run_checks() if message.is_serious()]
    if serious:
        lines = "\n".join(f"  {message}" for message in serious)
        raise SystemCheckError(f"Jobtrail refuses to start; fix these settings first:\n{lines}")
