"""EMAIL_URL: where Jobtrail's mail (password resets, address confirmations) goes.

    smtp://user:password@host:587            STARTTLS (the default on any port but 465)
    smtps://user:password@host:465           TLS from the first byte
    smtp://host:25?tls=off                   plain SMTP, e.g. a relay on localhost
    console:                                 print each message (the development default)
    file:///var/spool/jobtrail-outbox        one .log file per connection, in that folder
    locmem:                                  kept in memory (django.core.mail.outbox; tests)

User and password are percent-decoded (write `@` as %40). Options in the query:
tls=on|off, timeout=SECONDS.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_BOOLEAN = {"1": True, "true": True, "yes": True, "on": True, "0": False, "false": False, "no": False, "off": False}


def parse_email_url(url: str, *, name: str = "EMAIL_URL") -> dict[str, Any]:
    """Django EMAIL_* settings for `url`; ImproperlyConfigured names what is wrong."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} is not a valid URL ({exc}).") from None
    scheme = parts.scheme.lower()
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme == "file":
        if parts.netloc not in {"", "localhost"} or not parts.path.startswith("/"):
            raise ImproperlyConfigured(f"{name} must name an absolute folder, e.g. file:///var/spool/jobtrail-outbox.")
        return {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend", "EMAIL_FILE_PATH": parts.path}
    if scheme not in {"smtp", "smtps"}:
        raise ImproperlyConfigured(
            f"{name} must start with smtp://, smtps://, console:, file:// or locmem:, not {url!r}."
        )
    if not parts.hostname:
        raise ImproperlyConfigured(f"{name} must name the mail server, e.g. smtp://user:password@mail.example.com:587.")
    options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    unknown = set(options) - {"tls", "timeout"}
    if unknown:
        raise ImproperlyConfigured(f"{name} has unknown options {sorted(unknown)}; known are tls and timeout.")
    implicit_tls = scheme == "smtps" or port == 465
    tls_text = options.get("tls", "on").lower()
    if tls_text not in _BOOLEAN:
        raise ImproperlyConfigured(f"{name}: tls must be on or off, not {tls_text!r}.")
    tls = _BOOLEAN[tls_text]
    try:
        timeout = float(options.get("timeout", "10"))
    except ValueError:
        raise ImproperlyConfigured(f"{name}: timeout must be a number of seconds.") from None
    if timeout <= 0:
        raise ImproperlyConfigured(f"{name}: timeout must be more than 0 seconds.")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or (465 if implicit_tls else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": tls and implicit_tls,
        "EMAIL_USE_TLS": tls and not implicit_tls,
        "EMAIL_TIMEOUT": timeout,
    }
