from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm

from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import ROLE_LABELS, Role
from tartan.web.audit.models import AuditEvent

NO_DELETE = (
    "The account {name} cannot be deleted: their actions are in the audit trail, which must keep who did "
    "what. To stop them signing in, untick Active and save; the deactivation is recorded in "
    "the audit trail."
)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "la_code", "group_key")
    list_filter = ("kind",)


class PersonForm(UserChangeForm):
    """Roles as choices, checked against the organisation's kind (User.clean says why not)."""

    roles = forms.TypedMultipleChoiceField(
        choices=[(role.value, ROLE_LABELS[role]) for role in Role],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="A role must fit the organisation: an LA's people are analysts or key staff, "
        "the processor's DBG members, the DfE's DfE viewers, a partner's partner viewers.",
    )

    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class PersonAdmin(UserAdmin):
    form = PersonForm
    list_display = (
        "username",
        "first_name",
        "last_name",
        "organisation",
        "roles",
        "position",
        "is_active",
    )
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Tartan", {"fields": ("organisation", "roles", "position")}),
    )  # type: ignore[operator]

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        # Deleting someone would unset their events' author, which the audit trail refuses:
        # the admin offers no delete for them (a bulk delete lists them as not permitted).
        if obj is not None and AuditEvent.objects.filter(user=obj).exists():
            return False
        return super().has_delete_permission(request, obj)

    def change_view(
        self, request: Any, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> Any:
        person = self.get_object(request, unquote(object_id))
        if request.method == "GET" and person and not self.has_delete_permission(request, person):
            messages.info(request, NO_DELETE.format(name=person.get_username()))
        return super().change_view(request, object_id, form_url, extra_context)
