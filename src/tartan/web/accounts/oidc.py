"""Signing in with the council's own account, through OpenID Connect (mozilla-django-oidc).

mozilla-django-oidc is kept by Mozilla, does the authorization-code flow with state, nonce and
RS256 verification against the provider's JWKS, and leaves the choice of person to a backend,
which is all this service needs to change:

- a person is found only by an address the provider says it has **verified**, and only if they
  were invited (an account exists with that address): nobody unknown is ever given an account;
- a deactivated person is refused;
- the provider's word that it checked a second factor (its ``amr`` claim holds one of
  ``TARTAN_OIDC_MFA_AMR``, or its ``acr`` is one of ``TARTAN_OIDC_MFA_ACR``) stands for the
  service's own second factor; without it, the service's authenticator code is still asked of
  the roles that need one.

Every outcome, signed in or refused, is an audit event.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from tartan.web.accounts.models import User
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.permissions import PUBLIC, requires

MFA_SESSION_KEY = "tartan_idp_mfa"
REFUSED_SESSION_KEY = "tartan_oidc_refused"

REASONS = {
    "unverified": "Your council account did not say that your email address is verified, so it cannot be used to sign in here.",
    "unknown": "There is no account here for the email address of your council account. Ask the programme team to invite you.",
    "inactive": "Your account here has been deactivated. Ask the programme team if you think this is wrong.",
    "failed": "Signing in with your council account did not work. Try again, or sign in with your password.",
}


def enabled() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID)


def asserts_mfa(claims: dict[str, Any]) -> bool:
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(amr) & set(settings.TARTAN_OIDC_MFA_AMR):
        return True
    acr = claims.get("acr")
    return bool(acr) and acr in settings.TARTAN_OIDC_MFA_ACR


def _verified(claims: dict[str, Any]) -> bool:
    value = claims.get("email_verified")
    return value is True or (isinstance(value, str) and value.lower() == "true")


class CouncilAccount(OIDCAuthenticationBackend):
    """Finds an invited person by verified email; never makes one."""

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        if not enabled() or request is None or "code" not in request.GET:
            return None
        return super().authenticate(request, **kwargs)

    def _refuse(self, reason: str, email: str, person: User | None = None) -> None:
        self.request.session[REFUSED_SESSION_KEY] = reason
        record(
            self.request,
            Action.SIGN_IN_FAILED,
            obj=person,
            summary=f"council account sign-in refused ({reason}) for {email or 'no address'}",
        )

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        email = str(claims.get("email") or "")
        if not email:
            self._refuse("unknown", email)
            return None
        if not _verified(claims):
            self._refuse("unverified", email)
            return None
        people = list(User.objects.filter(email__iexact=email))
        if len(people) != 1:
            self._refuse("unknown", email)
            return None
        person = people[0]
        if not person.is_active:
            self._refuse("inactive", email, person)
            return None
        mfa = asserts_mfa(claims)
        self.request.session[MFA_SESSION_KEY] = person.pk if mfa else None
        record(
            self.request,
            Action.SIGN_IN,
            obj=person,
            user=person,
            summary="signed in with council account"
            + (" (its second factor accepted)" if mfa else ""),
        )
        return person


def _enabled_only(view: Any) -> Any:
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not enabled():
            raise Http404("council sign-in is not set up")
        return view(request, *args, **kwargs)

    return guarded


class Start(OIDCAuthenticationRequestView):
    pass


class Callback(OIDCAuthenticationCallbackView):
    @property
    def failure_url(self) -> str:
        return reverse("accounts:oidc-refused")

    @property
    def success_url(self) -> str:
        return reverse("accounts:oidc-continue")

    def login_failure(self) -> HttpResponse:
        self.request.session.setdefault(REFUSED_SESSION_KEY, "failed")
        return super().login_failure()


start = requires(PUBLIC)(_enabled_only(Start.as_view()))
callback = requires(PUBLIC)(_enabled_only(Callback.as_view()))


class IdentityProviderMFA:
    """After django-otp's middleware: a person whose council account asserted a second factor
    in this session counts as verified (``user.is_verified()``)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        asserted = request.session.get(MFA_SESSION_KEY) if hasattr(request, "session") else None
        if asserted:
            user = request.user
            if user.is_authenticated and user.pk == asserted:
                user.is_verified = lambda: True  # type: ignore[union-attr]
        return self.get_response(request)
