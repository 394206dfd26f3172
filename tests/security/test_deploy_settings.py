"""`manage.py check --deploy` with production settings, and what those settings do to requests."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
_CLEARED = (
    "DATABASE_URL",
    "REDIS_URL",
    "SECRET_KEY",
    "FIELD_ENCRYPTION_KEY",
    "DEBUG",
    "OPENAI_API_KEY",
    "TESTING",
    "EMAIL_URL",
)


def production_env(**overrides: str) -> dict[str, str]:
    env = {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "jobs.example.com",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
        "EMAIL_URL": "smtp://jobtrail%40example.com:secret@smtp.example.com:587",
    }
    env.update(overrides)
    return env


def _manage(*args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    for key in _CLEARED:
        environment.pop(key, None)
    environment.update(extra_env)
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


# Requests made inside the production process: no database is touched by these paths.
_PROBE = """
import json
from django.conf import settings
from channels_redis.core import RedisChannelLayer
from django.test import Client
client = Client(HTTP_HOST="jobs.example.com")
plain = client.get("/processing")
health = client.get("/healthz")
secure = client.get("/healthz", headers={"X-Forwarded-Proto": "https"})
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location", "")],
    "health": health.status_code,
    "hsts": secure.get("Strict-Transport-Security", ""),
    "csp": secure.get("Content-Security-Policy", ""),
    "nosniff": secure.get("X-Content-Type-Options", ""),
    "frame": secure.get("X-Frame-Options", ""),
    "session_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "session_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "proxy": list(settings.SECURE_PROXY_SSL_HEADER or []),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_prefix": settings.CACHES["default"].get("KEY_PREFIX", ""),
    "layer_prefix": settings.CHANNEL_LAYERS["default"]["CONFIG"]["prefix"],
    "layer_read_timeout": settings.CHANNEL_LAYERS["default"]["CONFIG"]["hosts"][0]["socket_timeout"],
    "layer_blocking_receive": RedisChannelLayer.brpop_timeout,
}))
"""


def test_it_passes_check_deploy_with_production_settings() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_it_applies_https_cookies_hsts_and_proxy_settings_in_production() -> None:
    result = _manage("shell", "--no-imports", "-c", _PROBE, **production_env())
    assert result.returncode == 0, result.stderr
    probe = json.loads(result.stdout.strip().splitlines()[-1])
    # Plain HTTP is redirected to HTTPS, except the health check that nginx probes on loopback.
    assert probe["plain"] == [301, "https://jobs.example.com/processing"]
    assert probe["health"] == 200
    assert probe["hsts"] == "max-age=31536000; includeSubDomains"
    assert "script-src 'self'" in probe["csp"]
    assert "unsafe" not in probe["csp"]
    assert probe["nosniff"] == "nosniff"
    assert probe["frame"] == "DENY"
    assert probe["session_secure"]
    assert probe["csrf_secure"]
    assert probe["session_httponly"]
    assert probe["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert probe["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert probe["cache_prefix"] != probe["layer_prefix"]
    # An idle receive must not hit the read timeout (websockets and the cancel listener would drop).
    assert probe["layer_read_timeout"] > probe["layer_blocking_receive"]


def test_it_flags_a_production_configuration_without_allowed_hosts_or_with_a_weak_key() -> None:
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", **production_env(ALLOWED_HOSTS="", SECRET_KEY="x" * 50)
    )
    assert result.returncode != 0
    assert "security.W020" in result.stderr  # ALLOWED_HOSTS empty
    assert "security.W009" in result.stderr  # weak SECRET_KEY


def test_it_warns_when_https_is_turned_off() -> None:
    # USE_HTTPS=false is only for loopback (make prod-local): check --deploy says so loudly.
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **production_env(USE_HTTPS="false"))
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert check in result.stderr


def test_it_warns_when_mail_would_only_reach_the_console() -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **production_env(EMAIL_URL="console:"))
    assert result.returncode != 0
    assert "jobtrail.W020" in result.stderr


def test_it_refuses_to_start_with_a_malformed_email_url() -> None:
    result = _manage("check", **production_env(EMAIL_URL="smtp://mail.example.com?tls=maybe"))
    assert result.returncode != 0
    assert "EMAIL_URL: tls must be on or off" in result.stderr


def test_it_adds_preload_only_when_the_operator_asks() -> None:
    result = _manage("shell", "--no-imports", "-c", _PROBE, **production_env(SECURE_HSTS_PRELOAD="true"))
    assert json.loads(result.stdout.strip().splitlines()[-1])["hsts"] == "max-age=31536000; includeSubDomains; preload"


def test_it_uses_a_local_memory_cache_without_redis() -> None:
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    assert (
        _manage("shell", "--no-imports", "-c", code).stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"
    )
