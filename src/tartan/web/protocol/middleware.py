"""Sends a signed-in person to acknowledge the protocol before anything else, once a version
is in force that they have not acknowledged (memorandum 5.5.3.v). Without any version nothing
changes: the service works as before."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

# Signing in and out, the second factor, the protocol itself and static files stay reachable.
OPEN_PREFIXES = ("/accounts/", "/protocol/acknowledge/", "/protocol/document/", "/static/")


class ProtocolAcknowledgement:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES)
            and (not user.needs_two_factor or user.is_verified())
        ):
            from tartan.web.protocol.services import needs_acknowledgement

            if needs_acknowledgement(user) is not None:
                return redirect(f"/protocol/acknowledge/?next={request.path}")
        return self.get_response(request)
