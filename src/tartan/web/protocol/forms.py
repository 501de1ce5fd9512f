from __future__ import annotations

from django import forms

from tartan.web.files import MAX_DOCUMENT_BYTES


class VersionForm(forms.Form):
    version = forms.CharField(max_length=30, label="Version", help_text="For example, 2.1")
    effective_on = forms.DateField(label="In force from", help_text="For example, 2026-04-01")
    summary = forms.CharField(
        widget=forms.Textarea, max_length=5000, label="What it asks, or what changed"
    )
    document = forms.FileField(required=False, label="The protocol document (optional)")

    def clean_document(self) -> object:
        document = self.cleaned_data.get("document")
        if document is not None and document.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError("The document must be smaller than 10 MB")
        return document

    def clean_version(self) -> str:
        from tartan.web.protocol.models import ProtocolVersion

        version = str(self.cleaned_data["version"]).strip()
        if ProtocolVersion.objects.filter(version=version).exists():
            raise forms.ValidationError("That version has already been published")
        return version


class IssueForm(forms.Form):
    title = forms.CharField(max_length=200, label="Issue")
    description = forms.CharField(widget=forms.Textarea, max_length=5000, label="What happened")
    raised_on = forms.DateField(label="Raised on", help_text="For example, 2026-04-01")


class CloseIssueForm(forms.Form):
    resolution = forms.CharField(
        widget=forms.Textarea, max_length=5000, label="How it was resolved"
    )


class PeriodForm(forms.Form):
    start = forms.DateField(label="From", help_text="For example, 2026-01-01")
    end = forms.DateField(label="To", help_text="For example, 2026-03-31")

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError("The period must start before it ends")
        return cleaned
