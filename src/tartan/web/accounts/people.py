"""Joining and leaving: invitations, the invited person's first visit, password resets, and
deactivation when someone leaves (people are never deleted: the audit names them)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone

from tartan.web.accounts import invitations, oidc
from tartan.web.accounts.forms import ChoosePasswordForm, InviteForm
from tartan.web.accounts.managed import is_administrator, managed_people
from tartan.web.accounts.models import Invitation, User
from tartan.web.accounts.roles import Role
from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.hourly_limit import another_allowed
from tartan.web.mail import outbox
from tartan.web.permissions import PUBLIC, SIGNING_IN, requires

PASSWORD_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _person(request: HttpRequest, pk: int) -> User:
    """Someone whose account the signed-in person manages (another group's: 404)."""
    return get_object_or_404(managed_people(request.user), pk=pk)


@requires("manage_people")
def people(request: HttpRequest) -> HttpResponse:
    everyone = (
        managed_people(request.user)
        .select_related("organisation")
        .order_by("-is_active", "organisation__name", "last_name", "username")
    )
    pending = {
        inv.person_id: inv
        for inv in Invitation.objects.filter(used_at__isnull=True, person__in=everyone).order_by(
            "created_at"
        )
    }
    rows = [
        {
            "person": person,
            "joined": person.has_usable_password() or person.last_login is not None,
            "invitation": pending.get(person.pk),
            "may_change": person.pk != request.user.pk
            and (is_administrator(request.user) or not is_administrator(person)),
        }
        for person in everyone
    ]
    return render(request, "accounts/people.html", {"rows": rows, "now": timezone.now()})


@requires("manage_people")
def invite(request: HttpRequest) -> HttpResponse:
    form = InviteForm(request.POST or None, inviter=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invited = invitations.invite(
            request,
            request.user,  # type: ignore[arg-type]
            email=data["email"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            organisation=data["organisation"],
            role=Role(data["role"]),
            position=data["position"],
        )
        messages.success(
            request,
            f"{invited.person.display_name} is invited: the link in their email works until "
            f"{timezone.localtime(invited.invitation.expires_at):%d %B %Y at %H:%M}.",
        )
        return redirect("accounts:people")
    return render(
        request,
        "accounts/invite.html",
        {"form": form, "days": invitations.days_valid()},
    )


def _changeable(request: HttpRequest, person: User) -> str:
    if person.pk == request.user.pk:
        return "You cannot change your own account here."
    if is_administrator(person) and not is_administrator(request.user):
        return "Only an administrator can change an administrator's account."
    return ""


@requires("manage_people", load=_person)
def set_active(request: HttpRequest, obj: User, pk: int) -> HttpResponse:
    problem = _changeable(request, obj)
    if request.method == "POST" and not problem:
        active = request.POST.get("active") == "yes"
        if obj.is_active != active:
            obj.is_active = active
            obj.save(update_fields=["is_active"])  # changes.py records it in the audit
            if not active:
                Invitation.objects.filter(person=obj, used_at__isnull=True).update(
                    expires_at=timezone.now()
                )
        messages.success(
            request,
            f"{obj.display_name} is {'active again' if active else 'deactivated: they can no longer sign in'}.",
        )
        return redirect("accounts:people")
    return render(request, "accounts/person_active.html", {"person": obj, "problem": problem})


@requires("manage_people", load=_person)
def reinvite(request: HttpRequest, obj: User, pk: int) -> HttpResponse:
    problem = _changeable(request, obj) or (
        "They have already joined." if obj.has_usable_password() else ""
    )
    if not obj.is_active:
        problem = "Their account is deactivated: make it active first."
    if request.method == "POST" and not problem:
        invited = invitations.reinvite(request, request.user, obj)  # type: ignore[arg-type]
        messages.success(
            request,
            f"A new invitation went to {obj.email}, valid until "
            f"{timezone.localtime(invited.invitation.expires_at):%d %B %Y at %H:%M}.",
        )
        return redirect("accounts:people")
    return render(request, "accounts/reinvite.html", {"person": obj, "problem": problem})


PROBLEMS = {
    "unknown": (
        "This invitation link does not work",
        "Check that you copied the whole link from the email.",
    ),
    "used": (
        "This invitation has already been used",
        "You have already set your password: sign in with it. If that was not you, tell the programme team.",
    ),
    "expired": (
        "This invitation has expired",
        "Invitation links work for a few days. Ask the programme team to send you a new one.",
    ),
    "inactive": (
        "This account has been deactivated",
        "Ask the programme team if you think this is wrong.",
    ),
}


@requires(PUBLIC)
def accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = invitations.find(token)
    except invitations.LinkProblem as problem:
        heading, advice = PROBLEMS[str(problem)]
        return render(
            request,
            "accounts/invitation_problem.html",
            {"heading": heading, "advice": advice},
            status=410 if str(problem) in ("used", "expired") else 404,
        )
    person = invitation.person
    form = ChoosePasswordForm(person, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
        login(request, person, backend=PASSWORD_BACKEND)
        record(
            request,
            Action.ADMIN,
            obj=person,
            summary=f"{person.username} accepted the invitation and chose a password",
        )
        if person.needs_two_factor:
            request.session["next"] = "/"
            return redirect("accounts:two-factor-setup")
        return redirect("home")
    return render(
        request,
        "accounts/accept_invitation.html",
        {"form": form, "person": person, "two_factor": person.needs_two_factor},
    )


# Password reset, Django's views with the outbox for mail.


class ResetForm(PasswordResetForm):
    """Django's reset form, sending through the outbox, at most TARTAN_RESET_PER_HOUR links an
    hour to one address. The page says the same whether or not the address has an account."""

    request: HttpRequest | None = None

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        person = context["user"]
        key = f"tartan-reset:{to_email.lower()}"
        if not another_allowed(key, settings.TARTAN_RESET_PER_HOUR):
            record(
                self.request,
                Action.ADMIN,
                obj=person,
                user=None,
                summary=f"password reset for {person.username} not sent: too many asked this hour",
            )
            return
        valid_until = timezone.localtime() + timezone.timedelta(
            seconds=settings.PASSWORD_RESET_TIMEOUT
        )
        outbox.to_address(
            "password_reset",
            to_email,
            {"name": person.display_name, "valid_until": valid_until},
            reverse("accounts:reset-confirm", args=[context["uid"], context["token"]]),
            person=person,
        )
        record(
            self.request,
            Action.ADMIN,
            obj=person,
            user=None,
            summary=f"password reset link sent to {person.username}",
        )


class ResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "accounts/reset.html"
    success_url = reverse_lazy("accounts:reset-sent")

    def form_valid(self, form: Any) -> HttpResponse:
        form.request = self.request
        return super().form_valid(form)


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/reset_confirm.html"
    form_class = ChoosePasswordForm
    success_url = reverse_lazy("accounts:reset-done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record(
            self.request,
            Action.ADMIN,
            obj=self.user,
            user=None,
            summary=f"{self.user.username} chose a new password from a reset link",
        )
        return response


reset = requires(PUBLIC)(ResetView.as_view())
reset_sent = requires(PUBLIC)(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/reset_sent.html")
)
reset_confirm = requires(PUBLIC)(ResetConfirmView.as_view())
reset_done = requires(PUBLIC)(
    auth_views.PasswordResetCompleteView.as_view(template_name="accounts/reset_done.html")
)


# Council accounts (OpenID Connect): where the flow lands.


@requires(SIGNING_IN)
def oidc_continue(request: HttpRequest) -> HttpResponse:
    from tartan.web.accounts import two_factor

    user = request.user
    nxt = request.session.pop("oidc_login_next", None) or "/"
    if user.needs_two_factor and request.session.get(oidc.MFA_SESSION_KEY) != user.pk:  # type: ignore[union-attr]
        request.session["next"] = nxt
        if two_factor.confirmed_device(user) is not None:  # type: ignore[arg-type]
            return redirect("accounts:two-factor")
        return redirect("accounts:two-factor-setup")
    return redirect(nxt)


@requires(PUBLIC)
def oidc_refused(request: HttpRequest) -> HttpResponse:
    reason = request.session.pop(oidc.REFUSED_SESSION_KEY, "failed")
    return render(
        request,
        "accounts/oidc_refused.html",
        {"reason": oidc.REASONS.get(reason, oidc.REASONS["failed"])},
        status=403,
    )
