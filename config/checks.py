"""System checks that refuse production settings which would break Jobtrail."""

from __future__ import annotations

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
