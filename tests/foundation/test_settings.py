from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from config import env
from tests.live import free_port

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "0mJ5oY0nq3f7mQp1yJjW2Q2m0b0Kc3m4uY3Yx5G8b1c="


def test_it_parses_booleans(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "yes")
    assert env.env_bool("X_FLAG", False) is True
    monkeypatch.setenv("X_FLAG", "0")
    assert env.env_bool("X_FLAG", True) is False


def test_it_rejects_a_bad_boolean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_FLAG must be true or false"):
        env.env_bool("X_FLAG", False)


def test_it_rejects_a_bad_integer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_NUM", "eight")
    with pytest.raises(ImproperlyConfigured, match="X_NUM must be a whole number"):
        env.env_int("X_NUM", 8)
    monkeypatch.setenv("X_NUM", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env.env_int("X_NUM", 8, minimum=1)


def test_it_splits_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_LIST", " a.example , b.example,, ")
    assert env.env_list("X_LIST", []) == ["a.example", "b.example"]


def test_it_rejects_unknown_choices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_CHOICE", "magic")
    with pytest.raises(ImproperlyConfigured, match="X_CHOICE must be one of llm, rules"):
        env.env_choice("X_CHOICE", "rules", {"rules", "llm"})


def _manage(*args: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    for key in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "FIELD_ENCRYPTION_KEY", "DEBUG", "OPENAI_API_KEY"):
        environment.pop(key, None)
    environment.update(extra_env)
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def test_it_requires_a_secret_key_without_debug() -> None:
    result = _manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_it_refuses_the_in_memory_layer_and_missing_key_in_production() -> None:
    result = _manage("check", DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="jobs.example.com")
    assert result.returncode != 0
    assert "jobtrail.E001" in result.stderr
    assert "jobtrail.E002" in result.stderr


def test_it_accepts_production_settings_with_redis_and_a_key() -> None:
    result = _manage(
        "check",
        DEBUG="false",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="jobs.example.com",
        REDIS_URL="redis://127.0.0.1:6379/0",
        FIELD_ENCRYPTION_KEY=GOOD_KEY,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
    )
    assert result.returncode == 0, result.stderr
    assert "E00" not in result.stderr


def test_it_rejects_an_invalid_encryption_key() -> None:
    result = _manage("check", FIELD_ENCRYPTION_KEY="not-a-key")
    assert result.returncode != 0
    assert "jobtrail.E003" in result.stderr


def test_it_rejects_a_run_limit_below_one() -> None:
    result = _manage("check", RUNS_PER_PROCESS="0")
    assert result.returncode != 0
    assert "RUNS_PER_PROCESS must be at least 1, not 0." in result.stderr


def test_it_rejects_a_malformed_database_url() -> None:
    result = _manage("check", DATABASE_URL="nonsense://what")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_it_uses_redis_when_redis_url_is_set() -> None:
    code = "from django.conf import settings; print(settings.CHANNEL_LAYERS['default']['BACKEND'])"
    result = _manage("shell", "--no-imports", "-c", code, REDIS_URL="redis://127.0.0.1:6379/0")
    assert result.stdout.strip().splitlines()[-1] == "channels_redis.core.RedisChannelLayer"
    result = _manage("shell", "--no-imports", "-c", code)
    assert result.stdout.strip().splitlines()[-1] == "channels.layers.InMemoryChannelLayer"


def test_it_lowers_postgresqls_page_cost_unless_the_url_sets_options() -> None:
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'].get('options'))"
    url = "postgres://postgres@127.0.0.1:5432/test"
    result = _manage("shell", "--no-imports", "-c", code, DATABASE_URL=url)
    assert result.stdout.strip().splitlines()[-1] == "-c random_page_cost=1.1"
    result = _manage("shell", "--no-imports", "-c", code, DATABASE_URL=url + "?options=-c%20random_page_cost%3D4")
    assert result.stdout.strip().splitlines()[-1] == "-c random_page_cost=4"
    result = _manage("shell", "--no-imports", "-c", code)
    assert result.stdout.strip().splitlines()[-1] == "None"


def test_it_refuses_debug_unless_every_allowed_host_is_loopback() -> None:
    result = _manage("check", DEBUG="true", ALLOWED_HOSTS="127.0.0.1,jobs.example.com")
    assert result.returncode != 0
    assert "jobtrail.E005" in result.stderr
    assert "jobs.example.com" in result.stderr
    result = _manage("check", DEBUG="true", ALLOWED_HOSTS="*")
    assert "jobtrail.E005" in result.stderr
    result = _manage("check", DEBUG="true", ALLOWED_HOSTS="127.0.0.1,localhost,[::1],app.localhost,127.0.0.2")
    assert result.returncode == 0, result.stderr


_KEYS = "from django.conf import settings; print(settings.SECRET_KEY, settings.FIELD_ENCRYPTION_KEYS[0])"


def test_it_generates_random_development_keys_once_in_a_private_file(tmp_path: Path) -> None:
    first, second = tmp_path / "one" / "secrets.json", tmp_path / "two" / "secrets.json"
    keys = _manage("shell", "--no-imports", "-c", _KEYS, DEBUG="true", LOCAL_SECRETS_FILE=str(first))
    assert keys.returncode == 0, keys.stderr
    secret_key, field_key = keys.stdout.split()[-2:]
    assert first.stat().st_mode & 0o777 == 0o600
    assert json.loads(first.read_text()) == {"SECRET_KEY": secret_key, "FIELD_ENCRYPTION_KEY": field_key}
    Fernet(field_key.encode())  # a real Fernet key, not derived from SECRET_KEY
    assert field_key not in secret_key
    again = _manage("shell", "--no-imports", "-c", _KEYS, DEBUG="true", LOCAL_SECRETS_FILE=str(first))
    assert again.stdout.split()[-2:] == [secret_key, field_key]  # sessions and tokens survive restarts
    other = _manage("shell", "--no-imports", "-c", _KEYS, DEBUG="true", LOCAL_SECRETS_FILE=str(second))
    assert set(other.stdout.split()[-2:]).isdisjoint({secret_key, field_key})  # every clone has its own


def test_it_prefers_keys_from_the_environment_and_writes_no_file(tmp_path: Path) -> None:
    path = tmp_path / "secrets.json"
    keys = _manage(
        "shell",
        "--no-imports",
        "-c",
        _KEYS,
        SECRET_KEY="k" * 50,
        FIELD_ENCRYPTION_KEY=GOOD_KEY,
        LOCAL_SECRETS_FILE=str(path),
    )
    assert keys.stdout.split()[-2:] == ["k" * 50, GOOD_KEY]
    assert not path.exists()


def _serve(**extra_env: str) -> subprocess.CompletedProcess[str]:
    """Start daphne on config.asgi the way production does; it must exit at once on a bad configuration."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    for key in (
        "DATABASE_URL",
        "REDIS_URL",
        "SECRET_KEY",
        "FIELD_ENCRYPTION_KEY",
        "DEBUG",
        "OPENAI_API_KEY",
        "TESTING",
    ):
        environment.pop(key, None)
    environment.update(extra_env)
    command = [
        sys.executable,
        "-m",
        "config.serve",
        "-b",
        "127.0.0.1",
        "-p",
        str(free_port()),
        "config.asgi:application",
    ]
    try:
        return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired as expired:
        raise AssertionError(f"daphne served a configuration it must refuse: {expired.stderr!r}") from None


def test_it_refuses_to_serve_without_an_encryption_key_in_production() -> None:
    result = _serve(
        DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="jobs.example.com", REDIS_URL="redis://127.0.0.1:6379/0"
    )
    assert result.returncode != 0
    assert "Jobtrail refuses to start" in result.stderr
    assert "jobtrail.E002" in result.stderr


def test_it_refuses_to_serve_debug_to_the_world() -> None:
    result = _serve(DEBUG="true", ALLOWED_HOSTS="*")
    assert result.returncode != 0
    assert "jobtrail.E005" in result.stderr


def test_it_lets_forms_post_to_the_configured_google_authorize_url() -> None:
    done = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])",
        GOOGLE_AUTHORIZE_URL="http://127.0.0.1:8765/o/oauth2/auth",
    )
    assert done.returncode == 0, done.stderr
    assert "'http://127.0.0.1:8765'" in done.stdout
    assert "accounts.google.com" not in done.stdout


def test_it_keeps_postgresql_connections_for_long_lived_threads_but_not_sqlite_ones() -> None:
    code = (
        "from django.conf import settings; d = settings.DATABASES['default']; "
        "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
    )
    url = "postgres://postgres@127.0.0.1:5432/test"
    assert _manage("shell", "--no-imports", "-c", code, DATABASE_URL=url).stdout.split()[-2:] == ["300", "True"]
    answer = _manage("shell", "--no-imports", "-c", code, DATABASE_URL=url, DB_CONN_MAX_AGE="0")
    assert answer.stdout.split()[-2:] == ["0", "True"]
    assert _manage("shell", "--no-imports", "-c", code, DATABASE_URL="sqlite:///x.db").stdout.split()[-2:] == [
        "0",
        "False",
    ]
