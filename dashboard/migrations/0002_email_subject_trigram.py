"""A trigram index for the dashboard's search through email subjects (PostgreSQL only).

The search filter is `subject__icontains`, which PostgreSQL runs as
`UPPER(subject) LIKE UPPER('%term%')`: without this index every search scans every
stored email. A GIN index over `UPPER(subject)` with `gin_trgm_ops` serves that
`LIKE`. SQLite has no such index and needs none at a single user's scale, so the
migration does nothing there.

`pg_trgm` is a trusted extension (PostgreSQL 13+): the database owner may create it.
Where the role may not, the migration says so and goes on without the index, which
only makes searching slower.
"""

from __future__ import annotations

import logging

from django.db import migrations, transaction
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps
from django.db.utils import DatabaseError

logger = logging.getLogger(__name__)

INDEX = "email_subject_trgm"


def create_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(apps.get_model("dashboard", "Email")._meta.db_table)
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON {table} USING gin (UPPER(subject) gin_trgm_ops)"
            )
    except DatabaseError as exc:
        logger.warning("Email subject search index not created (searching stays correct, only slower): %s", exc)


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("dashboard", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
