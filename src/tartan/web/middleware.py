"""Sliding session expiry without a database write on every request."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

TOUCH_EVERY_SECONDS = 5 * 60
TOUCHED = "_touched"


class SessionKeepAlive:
    """Renew a signed-in session's 30-minute idle expiry at most every 5 minutes.

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) would make every page view
    a write; renewing every 5 minutes keeps the idle limit between 25 and 30 minutes.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            if now - int(session.get(TOUCHED, 0)) >= TOUCH_EVERY_SECONDS:
                session[TOUCHED] = now
        return self.get_response(request)
