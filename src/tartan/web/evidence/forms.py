"""Recording a peer review and its follow-up actions."""

from __future__ import annotations

from django import forms

from tartan.web.accounts.models import Organisation
from tartan.web.accounts.roles import OrganisationKind
from tartan.web.evidence.models import FollowUpStatus, PeerReview
from tartan.web.governance.forms import DocumentField, date_field


class PeerReviewForm(forms.ModelForm):
    la_code = forms.ChoiceField(label="LA reviewed")
    scheduled_on = date_field("Review date")
    report_file = DocumentField(label="The report as a file (optional)")

    class Meta:
        model = PeerReview
        fields = ["la_code", "title", "scheduled_on", "reviewers", "report"]

    def __init__(self, *args, group_key: str, **kwargs) -> None:  # type: ignore[no-untyped-def]
        """``group_key``: the group whose programme records the review; only its LAs are
        offered, since another group's reviews are not this programme's to keep."""
        super().__init__(*args, **kwargs)
        las = Organisation.objects.filter(
            kind=OrganisationKind.LOCAL_AUTHORITY, group_key=group_key
        )
        if not group_key:  # a programme serving no group keeps no LA's reviews
            las = las.none()
        self.fields["la_code"].choices = [(o.la_code, o.name) for o in las.order_by("name")]  # type: ignore[attr-defined]


class FollowUpForm(forms.Form):
    text = forms.CharField(label="Follow-up action", widget=forms.Textarea, max_length=5000)
    owner = forms.CharField(label="Owner", max_length=200)
    due_on = date_field("Due by")


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=FollowUpStatus.choices)
