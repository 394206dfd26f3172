from __future__ import annotations

from django.urls import path

from planner import views

urlpatterns = [
    path("today", views.today_panel, name="today_panel"),
    path("today/actions/<int:pk>/done", views.action_done, name="action_done"),
    path("today/follow-ups/<int:pk>/done", views.follow_up_done, name="follow_up_done"),
    path("today/follow-ups/<int:pk>/snooze", views.follow_up_snooze, name="follow_up_snooze"),
    path("today/quiet/<int:pk>/close", views.quiet_close, name="quiet_close"),
    path("today/quiet/<int:pk>/keep", views.quiet_keep, name="quiet_keep"),
    path("board", views.board_page, name="board"),
    path("board/<int:pk>/move", views.board_move, name="board_move"),
    path("progress", views.progress_page, name="progress"),
    path("settings/reminders", views.reminders_save, name="reminders_save"),
    path("settings/digest", views.digest_save, name="digest_save"),
    path("settings/calendar-feed", views.calendar_feed_new, name="calendar_feed_new"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
