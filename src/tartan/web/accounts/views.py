"""Signing in and out, with two factors for the roles that need them."""

from __future__ import annotations

from typing import Any

import django_otp
from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from markupsafe import Markup

from tartan.web.accounts import oidc, policies, two_factor  # noqa: F401  (policies register)
from tartan.web.accounts.forms import SignInForm, TokenForm
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.permissions import PUBLIC, SIGNING_IN, requires


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return "/"


@requires(PUBLIC)
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        user = authenticate(
            request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if user is not None and user.is_active:
            login(request, user)
            request.session.pop(oidc.MFA_SESSION_KEY, None)
            request.session["next"] = _next(request)
            if two_factor.confirmed_device(user) is not None:
                return redirect("accounts:two-factor")
            if user.needs_two_factor:
                return redirect("accounts:two-factor-setup")
            return redirect(request.session.pop("next", "/"))
        error = "The username or password is not right. After 5 tries the account is locked for 30 minutes."
    return render(
        request,
        "accounts/sign_in.html",
        {
            "form": form,
            "error": error,
            "next": _next(request),
            "council": settings.TARTAN_OIDC_LABEL if oidc.enabled() else "",
        },
    )


@requires(SIGNING_IN)
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if two_factor.confirmed_device(user) is None:  # type: ignore[arg-type]
        return redirect("accounts:two-factor-setup")
    form = TokenForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            record(request, Action.TWO_FACTOR, summary=f"second factor checked ({device.name})")
            return redirect(request.session.pop("next", "/"))
        record(request, Action.TWO_FACTOR, summary="wrong second-factor code")
        error = "That code is not right. Check the time on your phone, or use a backup code."
    return render(request, "accounts/two_factor.html", {"form": form, "error": error})


@requires(SIGNING_IN)
def setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if (
        two_factor.confirmed_device(user) is not None
        and not getattr(user, "is_verified", lambda: False)()
    ):  # type: ignore[arg-type]
        return redirect("accounts:two-factor")
    device = two_factor.pending_device(user)  # type: ignore[arg-type]
    form = TokenForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save()
            django_otp.login(request, device)
            record(request, Action.TWO_FACTOR, summary="authenticator app set up")
            codes = two_factor.new_backup_codes(user)  # type: ignore[arg-type]
            return render(
                request,
                "accounts/backup_codes.html",
                {"codes": codes, "next": request.session.pop("next", "/")},
            )
        error = (
            "That code is not right. Scan the code again and type the 6 digits your app shows now."
        )
    context: dict[str, Any] = {
        "form": form,
        "error": error,
        "qr": Markup(two_factor.qr_svg(device)),
        "secret": two_factor.secret_text(device),
    }
    return render(request, "accounts/two_factor_setup.html", context)


@requires("signed_in")
def backup_codes(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        codes = two_factor.new_backup_codes(request.user)  # type: ignore[arg-type]
        record(request, Action.TWO_FACTOR, summary="new backup codes made")
        return render(request, "accounts/backup_codes.html", {"codes": codes, "next": "/"})
    return render(request, "accounts/backup_codes_confirm.html", {})


@requires(SIGNING_IN)
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        record(request, Action.SIGN_OUT)
        logout(request)
        return redirect("accounts:sign-in")
    return render(request, "accounts/sign_out.html", {})
