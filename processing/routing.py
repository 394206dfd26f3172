from __future__ import annotations

from django.urls import path

from processing.consumers import ProcessingConsumer

websocket_urlpatterns = [
    path("ws/processing/", ProcessingConsumer.as_asgi()),
]
