"""Sends a signed-in person to acknowledge the protocol before anything else, once a version
is in force that they have not acknowledged (memorandum 5.5.3.v).

It asks only when there is something to ask: with no published version in force, or with the
version in force acknowledged, every request passes untouched (so the service behaves as it did
before the protocol was published). A person half signed in (password but no second factor yet)
is left to the sign-in pages; they are asked once fully signed in.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

# Signing in and out, the second factor, the protocol's own pages (the document, and the DBG's
# versions, acknowledgements and issues: a DBG member who has just published a version can
# still correct it), one's own data (a person may always take what the service holds about
# them) and static files stay reachable.
OPEN_PREFIXES = ("/accounts/", "/protocol/", "/your-data/", "/static/")
ACKNOWLEDGE_URL = "/protocol/acknowledge/"


class ProtocolAcknowledgement:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_active
            and not request.path.startswith(OPEN_PREFIXES)
            and (not user.needs_two_factor or user.is_verified())
        ):
            from tartan.web.protocol.services import needs_acknowledgement

            if needs_acknowledgement(user, getattr(request, "session", None)) is not None:
                # Only a page read is worth coming back to; a form posted is not replayed.
                back = request.get_full_path() if request.method == "GET" else "/"
                return redirect(f"{ACKNOWLEDGE_URL}?{urlencode({'next': back})}")
        return self.get_response(request)
