"""Django's admin, for administrators only, behind the same policy and two factors as the rest."""

from __future__ import annotations

from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.urls import URLPattern, URLResolver

from tartan.web.accounts import policies  # noqa: F401  (registers "administrator")
from tartan.web.permissions import is_allowed

ADMIN_POLICY = "administrator"


def _allowed(request: Any) -> bool:
    return is_allowed(request.user, ADMIN_POLICY)


def _mark(patterns: list[URLPattern | URLResolver]) -> None:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _mark(pattern.url_patterns)
        else:
            pattern.callback.policy = ADMIN_POLICY  # type: ignore[attr-defined]


def _sign_in_here(request: Any, extra_context: Any = None) -> Any:
    """The admin has no sign-in of its own: everyone signs in (with two factors) the one way."""
    return redirect_to_login(request.get_full_path(), "accounts:sign-in")


def guarded_admin_urls(site: AdminSite) -> tuple[list[Any], str, str]:
    """The admin's URLs; the site itself refuses anyone the administrator policy refuses."""
    site.has_permission = _allowed  # type: ignore[method-assign]
    site.login = _sign_in_here  # type: ignore[method-assign]
    urls = site.urls
    _mark(urls[0])
    return urls
