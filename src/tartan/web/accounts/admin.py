from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from tartan.web.accounts.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "la_code", "group_key")
    list_filter = ("kind",)


@admin.register(User)
class PersonAdmin(UserAdmin):
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
