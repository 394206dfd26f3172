from __future__ import annotations

from typing import Any

import pytest
from cryptography.fernet import Fernet

ENCRYPTION_KEY = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def _encryption_key(settings: Any) -> None:
    # The calendar link is stored encrypted, as OAuth tokens are.
    settings.FIELD_ENCRYPTION_KEYS = [ENCRYPTION_KEY]
