"""Encryption of secrets at rest (OAuth tokens) with Fernet.

`FIELD_ENCRYPTION_KEY` holds one or more comma-separated Fernet keys. The first
encrypts; every key decrypts, so a key can be rotated by putting the new one
first, running `manage.py rotate_encryption_key`, then removing the old one.
"""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class DecryptionError(Exception):
    """A stored secret could not be decrypted with any configured key."""


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    fernets = []
    for index, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key.encode()))
        except (ValueError, TypeError):
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEY entry {index} is not a valid Fernet key. Generate one with: "
                "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
            ) from None
    return MultiFernet(fernets)


def configured_keys() -> tuple[str, ...]:
    # With DEBUG on and no key in the environment, settings supply a random local key
    # (config.local_secrets); nothing is ever derived from a known secret.
    keys = tuple(settings.FIELD_ENCRYPTION_KEYS)
    if keys:
        return keys
    raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be set when DEBUG is off.")


def encrypt(plaintext: str) -> str:
    if not plaintext:
        return ""
    return _fernet(configured_keys()).encrypt(plaintext.encode()).decode()


def decrypt(ciphertext: str) -> str:
    if not ciphertext:
        return ""
    try:
        return _fernet(configured_keys()).decrypt(ciphertext.encode()).decode()
    except InvalidToken:
        raise DecryptionError(
            "A stored token could not be decrypted with FIELD_ENCRYPTION_KEY; "
            "was the key changed without keeping the old one?"
        ) from None


def rotate(ciphertext: str) -> str:
    """Re-encrypt with the first (newest) key."""
    if not ciphertext:
        return ""
    return _fernet(configured_keys()).rotate(ciphertext.encode()).decode()
