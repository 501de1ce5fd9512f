"""Every sign-in, and every failed one, goes into the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from tartan.web.audit.models import Action
from tartan.web.audit.record import record


@receiver(user_logged_in)
def signed_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(request, Action.SIGN_IN, user=user, summary="password accepted")


@receiver(user_login_failed)
def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    name = str(credentials.get("username", ""))[:150]
    record(request, Action.SIGN_IN_FAILED, summary=f"failed sign-in as '{name}'")
