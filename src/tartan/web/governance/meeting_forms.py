"""The forms on a meeting's page: invite, attendance, minutes, a decision, an action, an update.
Each has a prefix, so that several on one page keep distinct field ids."""

from __future__ import annotations

from typing import Any

from django import forms

from tartan.web.accounts.models import User
from tartan.web.governance import tenancy
from tartan.web.governance.forms import date_field
from tartan.web.governance.models import ActionStatus, Meeting, Participant


class InviteForm(forms.Form):
    prefix = "invite"
    user = forms.ModelChoiceField(
        label="A person with an account",
        queryset=User.objects.none(),
        required=False,
    )
    participant = forms.ModelChoiceField(
        label="Or someone in the directory",
        queryset=Participant.objects.none(),
        required=False,
        help_text="For someone without an account, an LGA adviser for example",
    )

    def __init__(self, meeting: Meeting, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The meeting's group's people (and the DfE's, partners'): not another group's.
        people = (
            tenancy.people_of(meeting.group_key).exclude(email="").select_related("organisation")
        )
        self.fields["user"].queryset = people.order_by("first_name", "username")  # type: ignore[attr-defined]
        self.fields["user"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: f"{u.display_name}, {u.organisation}" if u.organisation else u.display_name
        )
        # The meeting's own group's directory: another group's entries are not offered.
        self.fields["participant"].queryset = Participant.objects.filter(  # type: ignore[attr-defined]
            active=True, group_key=meeting.group_key
        )
        self.fields["participant"].label_from_instance = (  # type: ignore[attr-defined]
            lambda p: f"{p.name}, {p.role}, {p.organisation}"
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("user")) == bool(data.get("participant")):
            raise forms.ValidationError("Choose one person: an account or a directory entry")
        return data


class AttendanceForm(forms.Form):
    prefix = "attendance"
    attended = forms.MultipleChoiceField(
        label="Who attended", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, meeting: Meeting, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        invited = list(meeting.invitations.all())
        self.fields["attended"].choices = [(str(i.pk), i.name) for i in invited]  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial["attended"] = [str(i.pk) for i in invited if i.attended]


class MinutesForm(forms.ModelForm):
    prefix = "minutes"

    class Meta:
        model = Meeting
        fields = ["agenda", "minutes"]
        widgets = {"agenda": forms.Textarea, "minutes": forms.Textarea}


class DecisionForm(forms.Form):
    prefix = "decision"
    text = forms.CharField(label="Decision", widget=forms.Textarea, max_length=5000)


class ActionForm(forms.Form):
    prefix = "action"
    text = forms.CharField(label="Action", widget=forms.Textarea, max_length=5000)
    owner = forms.ModelChoiceField(label="Owner (one of the people invited)", queryset=None)  # type: ignore[arg-type]
    due_on = date_field("Due by")

    def __init__(self, meeting: Meeting, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = meeting.invitations.all()  # type: ignore[attr-defined]
        self.fields["owner"].label_from_instance = lambda i: i.name  # type: ignore[attr-defined]


class ActionUpdateForm(forms.Form):
    prefix = "update"
    text = forms.CharField(label="Update", widget=forms.Textarea, max_length=5000)
    status = forms.ChoiceField(label="Status now", choices=ActionStatus.choices)
