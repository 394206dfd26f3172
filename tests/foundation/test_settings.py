from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import env

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
