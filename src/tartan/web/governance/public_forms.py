"""Forms of the programme's public face: a complaint, its outcome, seats and public projects."""

from __future__ import annotations

from django import forms

from tartan.web.governance.forms import date_field
from tartan.web.governance.models import Office, Participant, Project
from tartan.web.governance.models.public import COMPLAINT_OFFICES


class ComplaintForm(forms.Form):
    addressed_to = forms.ChoiceField(
        label="Who should your complaint go to?",
        choices=[(o.value, o.label) for o in COMPLAINT_OFFICES],
        widget=forms.RadioSelect,
        help_text="Write to the chair if your complaint is about the programme manager.",
    )
    name = forms.CharField(label="Your name", max_length=200)
    email = forms.EmailField(
        label="Your email address", help_text="We send the acknowledgement here"
    )
    organisation = forms.CharField(
        label="Your organisation (optional)", max_length=200, required=False
    )
    details = forms.CharField(
        label="Your complaint about the conduct of the programme",
        widget=forms.Textarea,
        max_length=5000,
    )


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label="Outcome", widget=forms.Textarea)
    outcome_on = date_field("Decided on")


class SeatForm(forms.Form):
    participant = forms.ModelChoiceField(
        label="Person (from the directory)", queryset=Participant.objects.none()
    )
    office = forms.ChoiceField(label="Seat", choices=Office.choices)
    started_on = date_field("From")

    def __init__(self, group_key: str, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # The group's own directory: a seat is on that group's steering group.
        self.fields["participant"].queryset = Participant.objects.filter(  # type: ignore[attr-defined]
            active=True, group_key=group_key
        )


class ProjectPublicForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["shown_publicly", "public_summary"]
        labels = {
            "shown_publicly": "Show this project on the public plans page",
            "public_summary": "What the public page says about it",
        }
