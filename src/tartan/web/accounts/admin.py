from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import UserChangeForm

from tartan.web.accounts.models import Organisation, User
from tartan.web.accounts.roles import ROLE_LABELS, Role


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
