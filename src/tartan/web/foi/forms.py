from __future__ import annotations

from django import forms

from tartan.web.foi.models import Answer, Outcome


class RequestForm(forms.Form):
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
