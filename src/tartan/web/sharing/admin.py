"""Administrators record the purposes each organisation (the DfE) agreed in the memorandum."""

from django.contrib import admin

from tartan.web.sharing.models import AgreedPurpose


@admin.register(AgreedPurpose)
class AgreedPurposeAdmin(admin.ModelAdmin):
    list_display = ("organisation", "text", "source")
    list_filter = ("organisation",)
