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


class NoStore:
    """Pages and files of the service are never kept by a browser or a proxy: most show
    unpublished figures, and a shared computer's cache must not give them to the next person.
    A response that sets its own Cache-Control keeps it (static files do not come here)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store, private"
        return response


MB = 1024 * 1024
# What a form's fields and multipart framing may add to its file.
FORM_ALLOWANCE = 1 * MB
ViewFunction = Callable[..., HttpResponse]


def upload_limit(max_file_bytes: int) -> Callable[[ViewFunction], ViewFunction]:
    """Let one view take a file bigger than the service's default (RequestSizeLimit)."""

    def mark(view: ViewFunction) -> ViewFunction:
        view.upload_limit = max_file_bytes  # type: ignore[attr-defined]
        return view

    return mark


class RequestSizeLimit:
    """Refuse a request whose declared size is over its view's limit with 413, before a byte of
    the body is read (Django would otherwise read it all, then drop the file). It runs before
    the CSRF check, which is the first thing that reads a POST body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: ViewFunction, *args: object
    ) -> HttpResponse | None:
        from django.conf import settings
        from django.shortcuts import render

        file_limit = getattr(view, "upload_limit", settings.TARTAN_MAX_UPLOAD_BYTES)
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = 0
        if size <= file_limit + FORM_ALLOWANCE:
            return None
        context = {"title": "The file is too large", "limit_mb": file_limit // MB}
        return render(request, "413.html", context, status=413)
