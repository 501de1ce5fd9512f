from __future__ import annotations

from typing import Any

from django import forms

from tartan.web.foi.models import Answer, Outcome


class RequestForm(forms.Form):
    """The request as the LA received it. An LA in more than one group says which group's
    figures it concerns; an LA in one group is not asked."""

    def __init__(self, *args: Any, groups: list[tuple[str, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.groups = groups or []
        if len(self.groups) > 1:
            self.fields["group_key"] = forms.ChoiceField(
                choices=self.groups,
                widget=forms.RadioSelect,
                label="Whose figures it concerns",
                help_text="The benchmarking group whose unpublished figures are asked for",
            )
            self.order_fields(["group_key", "reference", "received_on", "summary"])

    def chosen_group(self) -> str:
        if len(self.groups) > 1:
            return str(self.cleaned_data["group_key"])
        return self.groups[0][0]

    reference = forms.CharField(max_length=60, label="Your reference")
    received_on = forms.DateField(label="Received on", help_text="For example, 2026-04-01")
    summary = forms.CharField(
        widget=forms.Textarea,
        max_length=5000,
        label="What is asked for",
        help_text="Describe the request; leave out the requester's personal details",
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[(a.value, a.label) for a in Answer if a != Answer.WAITING],
        widget=forms.RadioSelect,
        label="Your LA's answer",
    )
    comment = forms.CharField(
        widget=forms.Textarea, max_length=5000, required=False, label="Comment"
    )


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[(o.value, o.label) for o in Outcome if o != Outcome.PENDING],
        widget=forms.RadioSelect,
        label="Outcome",
    )
    note = forms.CharField(widget=forms.Textarea, max_length=5000, required=False, label="Note")
