"""The concerns area: the list of one's own worries, a worry as one may see it, notifications,
and the steering group's membership."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from tartan.concerns.visibility import state_label
from tartan.web.concerns import forms, people
from tartan.web.concerns.models import (
    Notification,
    SteeringGroupMembership,
    Worry,
)
from tartan.web.concerns.pages import (
    audit,
    audited,
    load_worry,
    posted,
    worry_context,
)
from tartan.web.groups.tenancy import programme_group
from tartan.web.permissions import requires


@audited
@requires("use_concerns")
def worry_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    mine = Q(referrer=user) | Q(raiser=user) | Q(peer=user) | Q(steering_member=user)
    rows = []
    for worry in Worry.objects.filter(mine):
        parties = people.parties_of(user, worry)
        if parties:
            name = people.authority_name(worry.la_code)
            rows.append((worry, name, state_label(parties, worry.current_state), parties))
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
    audit(request, None, f"listed own worries ({len(rows)})")
    return render(
        request,
        "concerns/list.html",
        {"title": "Worries about an authority's services", "rows": rows, "unread": unread},
    )


@audited
@requires("view_worry", load=load_worry)
def worry_detail(request: HttpRequest, ref: Any, obj: Worry) -> HttpResponse:
    context = worry_context(request, obj)
    audit(request, obj, f"viewed as {', '.join(sorted(context['parties']))}")
    Notification.objects.filter(recipient=request.user, worry=obj, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return render(request, "concerns/worry.html", context)


@audited
@requires("use_concerns")
def notifications(request: HttpRequest) -> HttpResponse:
    mine = list(Notification.objects.filter(recipient=request.user).select_related("worry"))
    audit(request, None, f"read own notifications ({len(mine)})")
    page = render(
        request,
        "concerns/notifications.html",
        {"title": "Your notifications about worries", "notifications": mine},
    )
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return page


@audited
@requires("manage_steering_group")
def steering_group(request: HttpRequest) -> HttpResponse:
    group = programme_group(request.user) or ""
    form = forms.MembershipForm(posted(request), people=people.steering_candidates(group))
    if request.method == "POST" and form.is_valid():
        person = form.people[form.cleaned_data["person"]]
        SteeringGroupMembership.objects.create(
            group_key=group, person=person, added_by=request.user
        )
        audit(request, None, f"steering group: added {person.username}")
        messages.success(request, f"{person.display_name} is a member of the steering group.")
        return redirect("concerns:steering-group")
    audit(request, None, "viewed the steering group")
    memberships = SteeringGroupMembership.objects.of_group(group).select_related(
        "person__organisation"
    )
    return render(
        request,
        "concerns/steering_group.html",
        {
            "title": "The steering group",
            "form": form,
            "current": [m for m in memberships if m.left_on is None],
            "former": [m for m in memberships if m.left_on is not None],
        },
    )


@audited
@requires("manage_steering_group")
def steering_group_end(request: HttpRequest, membership_id: int) -> HttpResponse:
    # Another group's membership is not this programme's to end: the same 404 as a missing one.
    membership = get_object_or_404(
        SteeringGroupMembership,
        pk=membership_id,
        left_on__isnull=True,
        group_key=programme_group(request.user) or "",
    )
    if request.method == "POST":
        membership.left_on = timezone.localdate()
        membership.ended_by = request.user
        membership.save()
        audit(request, None, f"steering group: ended {membership.person.username}")
        messages.success(request, f"{membership.person.display_name} has left the steering group.")
    return redirect("concerns:steering-group")
