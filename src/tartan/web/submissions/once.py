"""Every POST is one transaction, and a form sent twice does its work once.

Each page puts a fresh one-time token in every form it renders (``once_input``). When a POST
succeeds (it answers with a redirect, as every form here does on success), its token is claimed
in the same transaction as the work; a second POST with the same token (a double click, a
resent form after a timeout) finds it claimed, so its own work is rolled back and it is sent
where the first went. A POST that fails (the form is shown again with its errors) claims
nothing, so correcting and resending works. The record, its audit events and the claim commit
together or not at all.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from markupsafe import Markup

from tartan.web.submissions.models import FormSubmission

FIELD = "_once"
KEPT_FOR = timedelta(days=2)
REDIRECTS = frozenset({301, 302, 303, 307, 308})
ALREADY_DONE = "That form had already been sent, so it was not saved again: this is what it did."


class RepeatedSubmission(Exception):
    def __init__(self, location: str) -> None:
        super().__init__(location)
        self.location = location


def once_input() -> Markup:
    """The hidden field every POST form carries (a new token each time a page is rendered)."""
    return Markup(f'<input type="hidden" name="{FIELD}" value="{secrets.token_urlsafe(24)}">')


def _claim(request: HttpRequest, token: str, location: str) -> None:
    user = request.user if request.user.is_authenticated else None
    try:
        with transaction.atomic():
            FormSubmission.objects.create(
                token=token, user=user, path=request.path[:500], location=location[:500]
            )
    except IntegrityError:
        first = FormSubmission.objects.filter(token=token).first()
        raise RepeatedSubmission(first.location if first else request.path) from None
    FormSubmission.objects.filter(at__lt=timezone.now() - KEPT_FOR).delete()


def run_once(
    view: Callable[..., HttpResponse], request: HttpRequest, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Run a POST view in one transaction, and at most once per form token."""
    token = request.POST.get(FIELD, "")[:64]
    done = FormSubmission.objects.filter(token=token).first() if token else None
    if done is not None:
        # Sent again after the first finished: nothing to run, not even the form's checks.
        return _repeated(request, done.location)
    try:
        with transaction.atomic():
            response = view(request, *args, **kwargs)
            if token and response.status_code in REDIRECTS:
                _claim(request, token, response["Location"])
    except RepeatedSubmission as repeat:
        # Sent again while the first was running: this run's work is rolled back, and what it
        # said it did ("saved") was not done. Django's message storage has no public way to
        # drop this request's queued messages.
        messages.get_messages(request)._queued_messages.clear()  # type: ignore[attr-defined]
        return _repeated(request, repeat.location)
    return response


def _repeated(request: HttpRequest, location: str) -> HttpResponse:
    messages.info(request, ALREADY_DONE)
    return redirect(location)
