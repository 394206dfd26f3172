"""Partial indexes for the Today panel and the board, which ask for a user's few emails
with an event date and few action-required emails among thousands. Created here (raw
SQL, valid on SQLite and PostgreSQL) so the dashboard app's migrations stay its own."""

from __future__ import annotations

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("planner", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX planner_email_events ON dashboard_email (user_id, event_at) WHERE event_at IS NOT NULL",
            "DROP INDEX planner_email_events",
        ),
        migrations.RunSQL(
            "CREATE INDEX planner_email_actions ON dashboard_email (user_id, received_at)"
            " WHERE status = 'action_required'",
            "DROP INDEX planner_email_actions",
        ),
    ]
