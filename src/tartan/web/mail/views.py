"""Your messages (choices and the last ones sent to you), the weekly update, unsubscribing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.groups.tenancy import programme_group
from tartan.web.mail import policies, weekly  # noqa: F401  (policies register)
from tartan.web.mail.forms import WeeklyUpdateForm
from tartan.web.mail.kinds import KINDS, optional_kinds
from tartan.web.mail.models import Message, Preference, Unsubscribed, WeeklyUpdate
from tartan.web.mail.outbox import render as render_message
from tartan.web.permissions import PUBLIC, requires

SHOWN = 50


@requires("own_messages")
def my_messages(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method == "POST":
        chosen = set(request.POST.getlist("wanted"))
        for kind in optional_kinds():
            Preference.objects.update_or_create(
                user=user, kind=kind.key, defaults={"wanted": kind.key in chosen}
            )
        record(request, Action.ADMIN, obj=user, summary="chose which messages to get")
        messages.success(request, "Your choices are saved.")
        return redirect("mail:mine")
    off = set(Preference.objects.filter(user=user, wanted=False).values_list("kind", flat=True))
    context = {
        "title": "Your messages",
        "optional": [(kind, kind.key not in off) for kind in optional_kinds()],
        "required": [kind for kind in KINDS.values() if kind.required],
        "sent": Message.objects.filter(recipient=user)[:SHOWN],
        "kinds": KINDS,
    }
    return render(request, "mail/mine.html", context)


def load_update(request: HttpRequest, update_id: int, **_: Any) -> WeeklyUpdate:
    return get_object_or_404(WeeklyUpdate, pk=update_id)


@requires("compose_weekly_update")
def update_list(request: HttpRequest) -> HttpResponse:
    group = programme_group(request.user) or ""
    form = WeeklyUpdateForm(
        request.POST or None,
        initial={"due": "\n".join(weekly.due_this_week(timezone.localdate(), group))},
    )
    if request.method == "POST" and form.is_valid():
        update = form.save(commit=False)
        update.created_by = request.user
        update.group_key = group
        update.save()
        record(
            request, Action.GOVERNANCE, obj=update, summary=f"weekly update drafted: {update.title}"
        )
        return redirect("mail:update", update_id=update.pk)
    context = {
        "title": "Weekly update",
        "form": form,
        "updates": WeeklyUpdate.objects.filter(group_key=group),
        "subscribers": len(weekly.subscribers(group)),
    }
    return render(request, "mail/updates.html", context)


@requires("edit_weekly_update", load=load_update)
def update_detail(request: HttpRequest, update_id: int, obj: WeeklyUpdate) -> HttpResponse:
    if request.method == "POST":
        if obj.sent_at is not None:
            messages.error(request, "This update was already sent; write a new one.")
        else:
            count = weekly.send(obj, request.user)
            record(
                request,
                Action.GOVERNANCE,
                obj=obj,
                summary=f"weekly update sent to {count} subscribers: {obj.title}",
            )
            messages.success(request, f"The update is on its way to {count} subscribers.")
        return redirect("mail:update", update_id=obj.pk)
    subject, text, _ = render_message(
        KINDS["weekly_update"], {**weekly.facts(obj), "unsubscribe": "#"}
    )
    context = {
        "title": f"Weekly update: {obj.title}",
        "update": obj,
        "subject": subject,
        "text": text,
        "subscribers": len(weekly.subscribers(obj.group_key)),
    }
    return render(request, "mail/update.html", context)


@requires(PUBLIC)
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    address = weekly.address_of(token)
    if address is None:
        return render(request, "404.html", {"title": "Page not found"}, status=404)
    done = Unsubscribed.objects.filter(address=address).exists()
    if request.method == "POST" and not done:
        Unsubscribed.objects.create(address=address)
        record(
            request,
            Action.GOVERNANCE,
            object_type="WeeklyUpdate",
            summary="unsubscribed from the weekly update",
        )
        done = True
    return render(
        request,
        "mail/unsubscribe.html",
        {"title": "The weekly update", "done": done, "address": address},
    )
