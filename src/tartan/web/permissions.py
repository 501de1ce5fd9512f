"""Permissions as code: one policy function per permission, and every view declares its policy.

A view is wrapped by ``@requires("policy_name", load=...)``. The wrapper signs the person in
(and through two factors where their role needs it), loads the object the URL names, and asks
the policy. A denied object is a 404, never a 403 that would confirm it exists; a denied page
without an object is a 403. A meta-test walks every URL and fails if one has no policy.

Every request that changes something (POST and the other unsafe methods) runs in one
transaction, so that a record and its audit events commit together or not at all, and at most
once per form (``submissions.once``).

Policies of each area live with that area (``collection/policies.py`` …) and register here with
``@policy``.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

from tartan.web.submissions.once import run_once

Policy = Callable[[Any, Any], bool]
Loader = Callable[..., Any]
View = Callable[..., HttpResponse]

POLICIES: dict[str, Policy] = {}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
PUBLIC = "public"
SIGNING_IN = "signing_in"


def policy(name: str) -> Callable[[Policy], Policy]:
    def register(function: Policy) -> Policy:
        if name in POLICIES:
            raise ValueError(f"policy {name} is defined twice")
        POLICIES[name] = function
        return function

    return register


@policy(PUBLIC)
def anyone(user: Any, obj: Any = None) -> bool:
    """Pages anyone may see without signing in (the public directory, sign-in itself)."""
    return True


@policy(SIGNING_IN)
def half_signed_in(user: Any, obj: Any = None) -> bool:
    """The two-factor pages: signed in with a password, second factor still to come."""
    return bool(user.is_authenticated)


def fully_signed_in(user: Any) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return not user.needs_two_factor or user.is_verified()


def is_allowed(user: Any, name: str, obj: Any = None) -> bool:
    if name not in (PUBLIC, SIGNING_IN) and not fully_signed_in(user):
        return False
    return POLICIES[name](user, obj)


def requires(name: str, load: Loader | None = None) -> Callable[[View], View]:
    """Declare a view's policy; ``load(request, **kwargs)`` returns the object (or raises 404).

    Policies register as their modules are imported (all of them by ``tartan.web.policies``);
    a test checks every declared name exists.
    """

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if name not in (PUBLIC, SIGNING_IN):
                if not user.is_authenticated:
                    return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
                if user.needs_two_factor and not user.is_verified():  # type: ignore[union-attr]
                    return redirect("accounts:two-factor")
            obj = load(request, **kwargs) if load else None
            if not POLICIES[name](user, obj):
                if obj is not None:
                    raise Http404("not found")
                raise PermissionDenied(f"{name} is not allowed")
            if load is not None:
                kwargs["obj"] = obj
            if request.method not in SAFE_METHODS:
                return run_once(view, request, *args, **kwargs)
            return view(request, *args, **kwargs)

        guarded.policy = name  # type: ignore[attr-defined]
        return guarded

    return decorate
