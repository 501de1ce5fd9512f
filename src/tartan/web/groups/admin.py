"""Administrators record the groups and who joins or leaves each, from which date. Every change
is an audit event as well as a row of the tables' history."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction

from tartan.web.audit.models import Action
from tartan.web.audit.record import record
from tartan.web.groups.models import BenchmarkingGroup, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    fields = ("la_code", "starts_on", "ends_on", "note", "recorded_by")
    readonly_fields = ("recorded_by",)
    can_delete = False  # an LA leaves from a date; its membership stays on the record


@admin.register(BenchmarkingGroup)
class BenchmarkingGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "key", "region_code", "processor", "shares_national")
    inlines = [MembershipInline]

    @transaction.atomic
    def save_model(self, request: Any, obj: BenchmarkingGroup, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        record(
            request,
            Action.ADMIN,
            obj=obj,
            summary=f"group {obj.key}: {'changed' if change else 'created'}"
            f" ({', '.join(form.changed_data) or 'no fields'})",
        )

    @transaction.atomic
    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        memberships = formset.save(commit=False)
        for membership in memberships:
            membership.recorded_by = request.user
            membership.save()
            until = f" to {membership.ends_on}" if membership.ends_on else ""
            record(
                request,
                Action.ADMIN,
                obj=membership.group,
                la_codes=[membership.la_code],
                summary=f"{membership.la_code} member of {membership.group.key} from"
                f" {membership.starts_on}{until}",
            )
        formset.save_m2m()
