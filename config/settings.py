"""Jobtrail settings: one module, read from the environment.

Local defaults need nothing installed (SQLite, in-memory channel layer, rules
classifier). Production sets DEBUG=false, SECRET_KEY, FIELD_ENCRYPTION_KEY,
DATABASE_URL and REDIS_URL; `config.checks` refuses combinations that would break.
See README.md for the table of variables.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import django_stubs_ext
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.email import parse_email_url
from config.env import (
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_str,
    env_url,
)

# Lets ModelAdmin[Model], QuerySet[Model] etc. be subscripted at runtime (for typing).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", True)
TESTING = "pytest" in sys.modules or env_bool("TESTING", False)

#: Development keys (DEBUG on, keys not in the environment): random, generated once (config.local_secrets).
LOCAL_SECRETS_FILE = Path(env_str("LOCAL_SECRETS_FILE") or BASE_DIR / ".local-secrets.json")
_local_secrets: dict[str, str] = {}


def _local_secret(name: str) -> str:
    if not _local_secrets:
        from config.local_secrets import load_or_create

        _local_secrets.update(load_or_create(LOCAL_SECRETS_FILE))
    return _local_secrets[name]


SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. Generate one with: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    SECRET_KEY = _local_secret("SECRET_KEY")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS entries must start with http:// or https://, not {_origin!r}."
        )

SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # daphne first: its runserver replaces staticfiles'; config.apps explains the class.
    "config.apps.DaphneConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "django_htmx",
    "template_partials",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "accounts",
    "processing",
    "dashboard",
    "planner",
    "config",  # the system checks (config/apps.py)
]

MIDDLEWARE = [
    "config.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.PrivateResponsesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, and sync-only: Django then runs the whole chain above in one thread hop per
    # request. Any sync-only middleware makes every middleware outside it sync; placed in
    # the middle it left the ones inside it async, and each of their process_request and
    # process_response was a hop of its own between the event loop and a thread (five
    # more per request), each of which waits for the GIL and a CPU when the process or
    # the machine is busy (docs/PERFORMANCE.md, section 7).
    "accounts.middleware.TimeZoneMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = None

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "accounts.context_processors.site",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
try:
    _db = dj_database_url.parse(DATABASE_URL, conn_max_age=0)
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from None
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # Runs write from worker threads while pages read: WAL lets readers proceed,
    # IMMEDIATE transactions avoid SQLite's "database is locked" upgrade deadlock,
    # and the timeout lets a writer wait for another instead of failing.
    _db["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    _db["TEST"] = {"NAME": str(BASE_DIR / f".test-db-{os.getpid()}.sqlite3")}
else:
    # One test database per test process, so two suites on one server never collide.
    _db["TEST"] = {"NAME": f"test_{_db['NAME']}_{os.getpid()}"}
    if _db["ENGINE"] == "django.db.backends.postgresql" and "options" not in _db.get("OPTIONS", {}):
        # PostgreSQL's default page cost assumes spinning disks: it then prefers a
        # sequential scan of every email to the subject search's trigram index
        # (dashboard migration 0002), several times slower. 1.1 suits SSDs and cloud
        # volumes. Any `?options=...` in DATABASE_URL replaces this, e.g.
        # `?options=-c%20random_page_cost%3D4` to keep the server's default.
        _db.setdefault("OPTIONS", {})["options"] = "-c random_page_cost=1.1"
    if _db["ENGINE"] == "django.db.backends.postgresql":
        # Threads that live long (the runs' and the control threads, processing.db) keep
        # their connection: opening one per unit of work made PostgreSQL fork a backend
        # for each, dozens a second with twenty runs, CPU taken from the runs, the event
        # loop and the cancels. HTTP requests' synchronous code runs on kept threads too
        # (REQUEST_THREADS). A thread that ends takes its connection with it (a run's
        # writer); a dropped one (a server restart) is noticed before use.
        _db["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 300, minimum=0, maximum=86_400)
        _db["CONN_HEALTH_CHECKS"] = True
DATABASES = {"default": _db}
#: Long-lived threads for HTTP requests' synchronous code (the middleware chain: session and
#: user), each keeping its database connection across requests (config.request_threads).
#: Requests beyond them get a thread of their own, as with 0.
REQUEST_THREADS = env_int("REQUEST_THREADS", 8, minimum=0, maximum=64)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Channels -----------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"REDIS_URL must be a redis:// URL, not {REDIS_URL!r}.")
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                # redis-py's default read timeout (5 s) equals channels_redis's blocking
                # receive (BZPOPMIN, 5 s): idle receives would fail and drop websockets and
                # the cancel listener. Read longer than that; connect fast when Redis is down.
                "hosts": [{"address": REDIS_URL, "socket_timeout": 15, "socket_connect_timeout": 2}],
                "prefix": env_str("CHANNEL_PREFIX", "jobtrail"),
                "capacity": 1000,
                "expiry": 30,
            },
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Cache (rate-limit counters, shared by every process through Redis) ----------------
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Not the channel layer's prefix: the two never read each other's keys.
            "KEY_PREFIX": env_str("CACHE_PREFIX", "jobtrail-cache"),
            # Fail fast when Redis is down: the rate limiter then lets requests through.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jobtrail"}}

# --- Accounts -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# An address counts (for Google's e-mail sign-in, for login) only once its owner has
# followed the link mailed to it: without that, anyone could sign up with someone
# else's address and wait for them (docs/SECURITY.md, pre-account takeover).
ACCOUNT_EMAIL_VERIFICATION = env_choice("ACCOUNT_EMAIL_VERIFICATION", "mandatory", {"none", "optional", "mandatory"})
# Signing up with a registered address looks like any signup; its owner gets a mail.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_ALLOW_REGISTRATION = env_bool("ALLOW_SIGNUP", True)
# One address per account. A new one replaces it only after its link was followed;
# secondary addresses had no use and were a way to claim someone else's address.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
# None: the login form's "Remember me" decides (unticked: the cookie ends with the browser).
ACCOUNT_SESSION_REMEMBER = None
# A Google sign-in that matched a verified address links that Google identity, so the
# grant it gives is stored on the account it belongs to (accounts.adapters).
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True

# --- E-mail ------------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL", "console:")
_email = parse_email_url(EMAIL_URL)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH")
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Jobtrail <jobtrail@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Jobtrail] "

GOOGLE_CLIENT_ID = env_str("GOOGLE_CLIENT_ID")
GOOGLE_CLIENT_SECRET = env_str("GOOGLE_CLIENT_SECRET")
GOOGLE_LOGIN_ENABLED = bool(GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET)
GMAIL_SCOPE = "https://www.googleapis.com/auth/gmail.readonly"
GOOGLE_SCOPES = ["openid", "email", "profile", GMAIL_SCOPE]
GOOGLE_AUTHORIZE_URL = env_url("GOOGLE_AUTHORIZE_URL", "https://accounts.google.com/o/oauth2/v2/auth")
GOOGLE_TOKEN_URI = env_url("GOOGLE_TOKEN_URI", "https://oauth2.googleapis.com/token")
GOOGLE_REVOKE_URI = env_url("GOOGLE_REVOKE_URI", "https://oauth2.googleapis.com/revoke")
GOOGLE_USERINFO_URL = env_url("GOOGLE_USERINFO_URL", "https://www.googleapis.com/oauth2/v3/userinfo")
GMAIL_API_ENDPOINT = env_url("GMAIL_API_ENDPOINT", "https://gmail.googleapis.com")
# Off: allauth would store the tokens unencrypted. accounts.adapters keeps them encrypted in GmailCredential.
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {
    "google": {
        "APPS": (
            [{"client_id": GOOGLE_CLIENT_ID, "secret": GOOGLE_CLIENT_SECRET, "key": ""}] if GOOGLE_LOGIN_ENABLED else []
        ),
        "SCOPE": GOOGLE_SCOPES,
        "AUTH_PARAMS": {"access_type": "offline", "include_granted_scopes": "true"},
        "OAUTH_PKCE_ENABLED": True,
        "EMAIL_AUTHENTICATION": True,
    }
}

# Tokens at rest are encrypted with Fernet. Several comma-separated keys allow
# rotation: the first encrypts, all decrypt.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEY", [])
if not FIELD_ENCRYPTION_KEYS and DEBUG:
    FIELD_ENCRYPTION_KEYS = [_local_secret("FIELD_ENCRYPTION_KEY")]

# --- Processing ------------------------------------------------------------------
CLASSIFIER = env_choice("CLASSIFIER", "llm" if env_str("OPENAI_API_KEY") else "rules", {"llm", "rules"})
OPENAI_API_KEY = env_str("OPENAI_API_KEY")
OPENAI_BASE_URL = env_str("OPENAI_BASE_URL")
OPENAI_MODEL = env_str("OPENAI_MODEL", "gpt-4o-mini")
OPENAI_TIMEOUT = env_float("OPENAI_TIMEOUT", 60.0, minimum=1.0)
LLM_CONCURRENCY = env_int("LLM_CONCURRENCY", 8, minimum=1, maximum=256)
#: Runs that work at once in one process, sharing its LLM_CONCURRENCY requests and the
#: worker pool round-robin (processing.admission); the others wait in line, offered to
#: any process with room (processing.sharing). Default: four runs per LLM request, so a
#: run's turn at the LLM comes within about four LLM latencies, and at least eight per
#: CPU for rules-only runs, which only use the pool.
RUNS_PER_PROCESS = env_int(
    "RUNS_PER_PROCESS", max(4 * LLM_CONCURRENCY, 8 * len(os.sched_getaffinity(0))), minimum=1, maximum=1000
)
#: Claim runs that other processes offer when this daphne has room (processing.sharing).
TAKE_WAITING_RUNS = env_bool("TAKE_WAITING_RUNS", True)
#: How often a process with room looks for offered runs when no message woke it.
CLAIM_POLL_SECONDS = env_float("CLAIM_POLL_SECONDS", 2.0, minimum=0.1)
LLM_TOKEN_BUDGET = env_int("LLM_TOKEN_BUDGET", 1500, minimum=100)
#: Worker processes that parse, clean and classify messages (processing.pool): every
#: message's CPU work runs there, never on the event loop. Default: the usable CPUs.
WORKER_PROCESSES = env_int("WORKER_PROCESSES", len(os.sched_getaffinity(0)), minimum=1, maximum=64)
#: CPU seconds one message may take in a worker (parse, clean, rules, prompt). A message
#: over it is stored as "could not be read" for the review queue; its worker is replaced.
#: Ordinary mail takes a few milliseconds, a 25 MB message well under a second.
MESSAGE_CPU_SECONDS = env_float("MESSAGE_CPU_SECONDS", 2.0, minimum=0.01)
#: Output tokens one LLM call may produce (max_completion_tokens); a longer answer is cut and reviewed.
LLM_MAX_COMPLETION_TOKENS = env_int("LLM_MAX_COMPLETION_TOKENS", 300, minimum=50, maximum=100_000)
#: Let the rules' certain answers (job-alert digests, ATS confirmations) stand without asking the LLM.
RULES_SHORTCUT = env_bool("RULES_SHORTCUT", True)
REVIEW_CONFIDENCE = env_float("REVIEW_CONFIDENCE", 0.6, minimum=0.0)
RUN_LEASE_SECONDS = env_int("RUN_LEASE_SECONDS", 30, minimum=2)
HEARTBEAT_SECONDS = env_float("HEARTBEAT_SECONDS", 5.0, minimum=0.05)
SWEEP_SECONDS = env_float("SWEEP_SECONDS", 15.0, minimum=0.1)
PROGRESS_INTERVAL = env_float("PROGRESS_INTERVAL", 0.25, minimum=0.0)
CANCEL_POLL_SECONDS = env_float("CANCEL_POLL_SECONDS", 1.0, minimum=0.05)
#: Start the cancel listener and sweeper on a process's first request (off in unit tests,
#: which start and stop them per event loop themselves).
START_PROCESS_SERVICES = env_bool("START_PROCESS_SERVICES", not TESTING)
STORE_BATCH_SIZE = env_int("STORE_BATCH_SIZE", 25, minimum=1)
# Google Takeout .mbox files uploaded on the dashboard: where they are kept (one per user,
# for resuming) and how big one may be. The body is streamed to disk, never held in memory.
MBOX_UPLOAD_DIR = Path(env_str("MBOX_UPLOAD_DIR", str(BASE_DIR / "uploads")))
MBOX_UPLOAD_MAX_MB = env_int("MBOX_UPLOAD_MAX_MB", 2048, minimum=1)
FILE_UPLOAD_HANDLERS = [
    "processing.uploads.SizeLimitHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
#: Measure event-loop lag (processing.lifecycle) and serve it to staff at /debug/loop-lag; for bench/.
LOOP_LAG_MONITOR = env_bool("LOOP_LAG_MONITOR", False)
GMAIL_BATCH_SIZE = env_int("GMAIL_BATCH_SIZE", 50, minimum=1, maximum=100)
GMAIL_BATCHES_IN_FLIGHT = env_int("GMAIL_BATCHES_IN_FLIGHT", 2, minimum=1, maximum=8)
#: Bytes of mail (Gmail's sizeEstimate) per batch request; larger messages are read one by one without attachments.
GMAIL_BATCH_BYTES = env_int("GMAIL_BATCH_BYTES", 4_000_000, minimum=100_000)
#: Background sync: this process starts due syncs (off when `manage.py sync_mail --due` runs from cron).
SYNC_SCHEDULER = env_bool("SYNC_SCHEDULER", not TESTING)
SYNC_POLL_SECONDS = env_float("SYNC_POLL_SECONDS", 60.0, minimum=1.0)
#: Gmail's per-user quota (units per second); each user's requests are paced just under it.
GMAIL_QUOTA_UNITS_PER_SECOND = env_int("GMAIL_QUOTA_UNITS_PER_SECOND", 250, minimum=10)
RATE_LIMIT_STARTS = env_int("RATE_LIMIT_STARTS", 10, minimum=1)
RATE_LIMIT_CANCELS = env_int("RATE_LIMIT_CANCELS", 30, minimum=1)
RATE_LIMIT_ADDS = env_int("RATE_LIMIT_ADDS", 30, minimum=1)
RATE_LIMIT_WINDOW = env_int("RATE_LIMIT_WINDOW", 60, minimum=1)
#: Processing-page websockets one user may hold open in one daphne process (processing.sockets).
WEBSOCKETS_PER_USER = env_int("WEBSOCKETS_PER_USER", 20, minimum=1)
# The demo mailbox reads like a real one, a few emails a second (0: at full speed, as in tests).
DEMO_EMAILS_PER_SECOND = env_float("DEMO_EMAILS_PER_SECOND", 0.0 if TESTING else 4.0, minimum=0.0)
DEMO_USER_EMAIL = env_str("DEMO_USER_EMAIL", "demo@example.com")
DEMO_USER_PASSWORD = env_str("DEMO_USER_PASSWORD", "jobtrail-demo")

# --- Internationalisation, static files -----------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
# English only; the catalogue gives allauth's pages the product's sentence case.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
# Development serves files straight from the finders; production from collectstatic's output.
STATIC_ROOT = None if DEBUG or TESTING else BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- Security ------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Pages send the token in a header set from the template (<body hx-headers>): no script reads the cookie.
CSRF_COOKIE_HTTPONLY = True
#: Proxies in front of daphne that append to X-Forwarded-For (nginx: 1). The client is the
#: address the outermost of them saw; what the client wrote to the left is ignored
#: (config.middleware.client_address). 0: the peer's address, no proxy headers.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=10)
USE_HTTPS = env_bool("USE_HTTPS", not DEBUG)
if USE_HTTPS:
    # Behind nginx, which terminates TLS and sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Joining the browsers' preload list binds every subdomain of the operator's
        # domain to HTTPS for months; that is their decision (docs/DEPLOY.md), not a default.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    # Load balancers and nginx probe /healthz over plain HTTP on loopback.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        # Google's sign-in form posts on to its authorize URL (configurable: a local fake Google).
        "form-action": [SELF, _origin_of(GOOGLE_AUTHORIZE_URL)],
    }
}

# --- Logging ------------------------------------------------------------------------
LOG_LEVEL = env_choice("LOG_LEVEL", "INFO", {"debug", "info", "warning", "error"}).upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "jobtrail": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        "django": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
