"""Random keys for development, kept in a git-ignored file that only its owner can read.

With DEBUG on and no SECRET_KEY or FIELD_ENCRYPTION_KEY in the environment, the keys
come from `.local-secrets.json` (LOCAL_SECRETS_FILE), created with fresh random keys the
first time Jobtrail starts. A fixed development key would be public (it is in the
source): anyone could forge a session cookie or decrypt the Gmail tokens of a development
database. Production sets both variables; the settings refuse DEBUG off without them.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import tempfile
from pathlib import Path

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

KEYS = ("SECRET_KEY", "FIELD_ENCRYPTION_KEY")


def _fresh() -> dict[str, str]:
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": Fernet.generate_key().decode(),
    }


def load_or_create(path: Path) -> dict[str, str]:
    """The keys in `path`, creating it (mode 0600) with fresh keys when it does not exist.

    Several processes may start at once (make run, test workers): the file is written
    under a temporary name and linked into place, so exactly one set of keys wins and
    every process reads that one.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".local-secrets-")  # mode 0600
        try:
            with os.fdopen(descriptor, "w") as handle:
                json.dump(_fresh(), handle, indent=2)
                handle.write("\n")
            with contextlib.suppress(FileExistsError):  # another process created it first: use theirs
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise ImproperlyConfigured(
            f"{path} (development keys) cannot be read ({error}). Delete it to create new keys; "
            "Gmail connections stored with the old key must then be connected again."
        ) from None
    if not isinstance(data, dict) or not all(isinstance(data.get(key), str) and data[key] for key in KEYS):
        raise ImproperlyConfigured(
            f"{path} must hold SECRET_KEY and FIELD_ENCRYPTION_KEY. Delete it to create new keys."
        )
    return {key: data[key] for key in KEYS}
