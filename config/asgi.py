"""ASGI entry point: HTTP through Django, websockets through Channels."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Initialise Django (app registry, settings) before importing consumers or models.
django_asgi_app = get_asgi_application()

from django.conf import settings  # noqa: E402

from config.checks import refuse_to_serve_on_errors  # noqa: E402

# The system checks are not only for `manage.py check`: a dangerous configuration
# (DEBUG on for the world, no token encryption key in production) never serves.
# Tests build their own settings per test and run the checks in tests/foundation.
if not settings.TESTING:
    refuse_to_serve_on_errors()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from config.request_threads import KeptRequestThreads  # noqa: E402
from processing.lifecycle import ProcessServices, favour_the_event_loop, freeze_startup_objects  # noqa: E402
from processing.routing import websocket_urlpatterns  # noqa: E402

application = ProcessServices(
    ProtocolTypeRouter(
        {
            "http": KeptRequestThreads(django_asgi_app, settings.REQUEST_THREADS),
            "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
        }
    )
)
favour_the_event_loop()
# Last, once everything is imported: exempt it from the cyclic GC (see freeze_startup_objects).
freeze_startup_objects()
