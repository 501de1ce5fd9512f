"""The governance forms, and ``describe`` which turns any of them into what the one form
template needs to render GOV.UK Frontend fields (labels, hints, errors, choices)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone

from tartan.governance.money import MoneyError, to_pence
from tartan.governance.signing import LA_ROLES, SignatoryRole
from tartan.periods import Period, PeriodError
from tartan.reference.groups import shipped_groups
from tartan.reference.register import shipped_register
from tartan.web.accounts.models import Organisation
from tartan.web.accounts.roles import OrganisationKind
from tartan.web.collection.models import CollectionRound
from tartan.web.governance.models import (
    Meeting,
    Memorandum,
    Participant,
    Party,
    ProgressReport,
    Project,
    SubscriptionYear,
    VariationKind,
)
from tartan.web.governance.models.documents import DOCUMENT_SUFFIXES, MAX_DOCUMENT_BYTES
from tartan.web.governance.models.reports import RAG_CHOICES
from tartan.web.governance.tenancy import people_of
from tartan.web.groups import registry


class DateInput(forms.DateInput):
    input_type = "date"


def date_field(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=DateInput)


class PoundsField(forms.DecimalField):
    """Pounds typed in, whole pence out (never a float)."""

    def __init__(self, *args: Any, allow_negative: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        if not allow_negative:
            kwargs.setdefault("min_value", Decimal("0"))
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.replace("£", "").replace(",", "").strip()
        return super().to_python(value)

    def clean(self, value: Any) -> int | None:
        pounds = super().clean(value)
        if pounds is None:
            return None
        try:
            return to_pence(pounds)
        except MoneyError as error:
            raise forms.ValidationError(str(error)) from None


class DocumentField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "PDF, Word, image or email file, up to 5 MB")
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload:
            if upload.size > MAX_DOCUMENT_BYTES:
                raise forms.ValidationError("The file is larger than 5 MB")
            if not upload.name.lower().endswith(DOCUMENT_SUFFIXES):
                raise forms.ValidationError(
                    "Upload a PDF, Word, OpenDocument, image, text or email file"
                )
        return upload


def la_choices() -> list[tuple[str, str]]:
    register = shipped_register()
    codes = shipped_groups().default.members
    return sorted(((c, f"{register[c].name} ({c})") for c in codes), key=lambda c: c[1])


def group_la_choices(group_key: str) -> list[tuple[str, str]]:
    """The LAs a group has today, to choose from."""
    register = shipped_register()
    codes = registry.members_on(group_key, timezone.localdate())
    return sorted(((c, f"{register[c].name} ({c})") for c in codes), key=lambda c: c[1])


class OfGroup:
    """A form whose LA choices are one group's members (``group_key=``; without it, the
    service's default group's): a programme picks among its own group's LAs only."""

    LA_FIELDS = ("la_code", "lead_la_code")

    def __init__(self, *args: Any, group_key: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        if group_key:
            choices = group_la_choices(group_key)
            for name in self.LA_FIELDS:
                if name in self.fields:  # type: ignore[attr-defined]
                    self.fields[name].choices = choices  # type: ignore[attr-defined]


def describe(form: forms.BaseForm) -> list[dict[str, Any]]:
    """Each field as a plain dict for ``governance/_form_fields.html``."""
    described = []
    for bound in form:
        widget = bound.field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            kind = "checkboxes"
        elif isinstance(widget, forms.RadioSelect):
            kind = "radios"
        elif isinstance(widget, forms.CheckboxInput):
            kind = "checkbox"
        elif isinstance(widget, forms.Select):
            kind = "select"
        elif isinstance(widget, forms.Textarea):
            kind = "textarea"
        elif isinstance(widget, forms.FileInput):
            kind = "file"
        else:
            kind = "input"
        value = bound.value()
        selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        choices = []
        if kind in ("checkboxes", "radios", "select"):
            choices = [
                {"value": str(v), "label": str(label), "selected": str(v) in selected}
                for v, label in bound.field.choices
            ]
        if kind == "input" and value is not None and hasattr(value, "isoformat"):
            value = value.isoformat()
        described.append(
            {
                "kind": kind,
                "name": bound.html_name,
                "id": f"id_{bound.html_name}",
                "label": bound.label,
                "hint": str(bound.help_text or ""),
                "errors": [str(e) for e in bound.errors],
                "value": "" if value is None or kind in ("file",) else value,
                "checked": bool(value) if kind == "checkbox" else False,
                "input_type": getattr(widget, "input_type", "text"),
                "choices": choices,
                "required": bound.field.required,
                "classes": widget.attrs.get("class", ""),
            }
        )
    return described


class MemorandumForm(forms.ModelForm):
    starts_on = date_field("Term starts")
    ends_on = date_field("Term ends")
    first_review_on = date_field("First review", help_text="Then a review every year")
    la_signatories = forms.MultipleChoiceField(
        label="Who signs for each LA",
        choices=[(r.value, r.label) for r in LA_ROLES],
        widget=forms.CheckboxSelectMultiple,
        initial=[r.value for r in LA_ROLES],
    )
    document_file = DocumentField(label="The memorandum (document)")

    class Meta:
        model = Memorandum
        fields = [
            "title",
            "version",
            "summary",
            "starts_on",
            "ends_on",
            "first_review_on",
            "la_signatories",
            "regional_lead_may_sign",
        ]
        labels = {"regional_lead_may_sign": "The regional lead may sign for every member LA"}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "The term must end after it starts")
        return data


class PartiesForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label="Organisations that are parties",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, memorandum: Memorandum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taken = memorandum.parties.values_list("organisation_id", flat=True)
        offered = Organisation.objects.exclude(pk__in=list(taken)).exclude(
            kind__in=["partner", "processor"]
        )
        # Groups are tenants: the memorandum's own group's LAs and programme, never another's.
        members = registry.members_on(memorandum.group_key, timezone.localdate())
        offered = offered.exclude(
            Q(kind=OrganisationKind.LOCAL_AUTHORITY) & ~Q(la_code__in=members)
        ).exclude(Q(kind=OrganisationKind.PROGRAMME) & ~Q(group_key=memorandum.group_key))
        self.fields["organisations"].queryset = offered  # type: ignore[attr-defined]


class SignatureForm(forms.Form):
    party = forms.ModelChoiceField(label="Party", queryset=Party.objects.none())
    role = forms.ChoiceField(label="Signs as", choices=[(r.value, r.label) for r in SignatoryRole])
    signatory_name = forms.CharField(label="Name of the person who signed", max_length=200)
    signed_on = date_field("Date of the signature")
    evidence_note = forms.CharField(
        label="Where the signed copy is",
        max_length=500,
        help_text="For example: signed PDF received by email from the DCS's office, 22 March 2019",
    )
    evidence_file = DocumentField(label="The signed page (optional)")

    def __init__(self, memorandum: Memorandum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = memorandum.parties.select_related("organisation")  # type: ignore[attr-defined]


class VariationForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind", choices=VariationKind.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(label="What changes", widget=forms.Textarea)
    new_ends_on = date_field("New end of the term (extension only)", required=False)
    proposed_on = date_field("Proposed on")
    document_file = DocumentField(label="The variation (document)")


class ReviewForm(forms.Form):
    due_on = forms.ChoiceField(label="Which scheduled review")
    held_on = date_field("Held on")
    outcome = forms.CharField(label="Outcome", widget=forms.Textarea)

    def __init__(self, due_dates: list[Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_on"].choices = [(d.isoformat(), f"{d:%d %B %Y}") for d in due_dates]  # type: ignore[attr-defined]


class TerminationForm(forms.Form):
    party = forms.ModelChoiceField(label="Party giving notice", queryset=Party.objects.none())
    notice_given_on = date_field("Notice given in writing on")
    takes_effect_on = date_field("Termination takes effect on")
    reason = forms.CharField(label="Reason (optional)", widget=forms.Textarea, required=False)
    evidence_note = forms.CharField(label="Where the written notice is", max_length=500)
    evidence_file = DocumentField(label="The notice (optional)")

    def __init__(self, memorandum: Memorandum, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = memorandum.parties.select_related("organisation")  # type: ignore[attr-defined]


class AsAtForm(forms.Form):
    date = date_field("Show the memorandum as it stood at the end of")


class SubscriptionYearForm(forms.ModelForm):
    year = forms.CharField(label="Financial year", max_length=12, help_text="For example, 2023-24")
    large = PoundsField(label="Large authority subscription (£, excluding VAT)")
    small = PoundsField(label="Small authority subscription (£, excluding VAT)")

    class Meta:
        model = SubscriptionYear
        fields = [
            "year",
            "large_from",
            "large",
            "small",
            "vat_percent",
            "payment_days",
            "issuer_name",
            "issuer_address",
            "issuer_vat_number",
            "payment_instructions",
        ]
        labels = {
            "vat_percent": "VAT rate (%)",
            "payment_days": "Days to pay",
            "issuer_name": "Invoices are issued by",
            "issuer_address": "Issuer's address",
            "issuer_vat_number": "Issuer's VAT registration number",
        }

    def clean_year(self) -> str:
        try:
            period = Period.parse(self.cleaned_data["year"])
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
        if period.is_quarter:
            raise forms.ValidationError("Write a financial year, like 2023-24")
        return period.label


class PopulationForm(OfGroup, forms.Form):
    la_code = forms.ChoiceField(label="Local authority", choices=la_choices)
    population = forms.IntegerField(label="Total population (all ages)", min_value=0)
    source = forms.CharField(
        label="Source", max_length=300, help_text="For example: ONS mid-2022 estimates, all ages"
    )


class PopulationImportForm(forms.Form):
    rows = forms.CharField(
        label="Figures, one LA a line",
        widget=forms.Textarea,
        help_text="la_code,population: for example 886,1579200",
    )
    import_source = forms.CharField(label="Source of these figures", max_length=300)


class SubscriptionDetailsForm(forms.Form):
    invoice_address = forms.CharField(
        label="Invoice address", widget=forms.Textarea, required=False
    )
    contact_email = forms.EmailField(label="Contact email for the invoice", required=False)
    purchase_order = forms.CharField(label="The LA's purchase order", max_length=60, required=False)


class PaymentForm(forms.Form):
    paid_on = date_field("Paid on")
    reference = forms.CharField(label="Payment reference", max_length=100, required=False)


class CancelForm(forms.Form):
    reason = forms.CharField(label="Why the invoice is cancelled", max_length=300)


class GrantForm(OfGroup, forms.Form):
    year = forms.CharField(label="Financial year", max_length=7, help_text="For example, 2023-24")
    reference = forms.CharField(label="Grant", max_length=200, help_text="For example, s31 grant")
    amount = PoundsField(label="Amount received (£)")
    received_on = date_field("Received on")
    lead_la_code = forms.ChoiceField(label="Received by", choices=la_choices, initial="845")
    conditions = forms.CharField(label="Grant conditions", widget=forms.Textarea)
    conditions_file = DocumentField(label="The grant determination (optional)")

    def clean_year(self) -> str:
        try:
            return Period.parse(self.cleaned_data["year"]).year.label
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None


class AcceptanceForm(OfGroup, forms.Form):
    la_code = forms.ChoiceField(label="Local authority", choices=la_choices)
    accepted_on = date_field("Accepted on")
    accepted_by = forms.CharField(label="Accepted by (name and position)", max_length=200)
    evidence_note = forms.CharField(label="Where the acceptance is", max_length=500)
    evidence_file = DocumentField(label="The acceptance (optional)")


class TransferForm(OfGroup, forms.Form):
    la_code = forms.ChoiceField(label="To", choices=la_choices)
    amount = PoundsField(label="Amount (£)")
    purpose = forms.CharField(label="What it is for", max_length=300)
    purchase_order = forms.CharField(label="Purchase order", max_length=60)
    invoice_number = forms.CharField(label="The LA's invoice number", max_length=60)
    invoice_date = date_field("Invoice date")


class SettlementForm(forms.Form):
    memorandum = forms.ModelChoiceField(
        label="Terminated memorandum", queryset=Memorandum.objects.none()
    )
    year = forms.ModelChoiceField(label="Year", queryset=SubscriptionYear.objects.none())
    balance = PoundsField(
        label="Balance of funds (£)",
        allow_negative=True,
        help_text="A surplus as a positive amount, a deficit with a minus sign: -1250.00",
    )
    note = forms.CharField(label="Note (optional)", widget=forms.Textarea, required=False)

    def __init__(self, group_key: str, *args: Any, **kwargs: Any) -> None:
        # Only the group's own memoranda and years: a settlement never mixes two groups'.
        super().__init__(*args, **kwargs)
        self.fields["memorandum"].queryset = Memorandum.objects.filter(  # type: ignore[attr-defined]
            termination__isnull=False, settlement__isnull=True, group_key=group_key
        )
        self.fields["year"].queryset = SubscriptionYear.objects.filter(group_key=group_key)  # type: ignore[attr-defined]


class SettledForm(forms.Form):
    settled_on = date_field("Settled on")
    reference = forms.CharField(label="Payment reference", max_length=100, required=False)


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["name", "description", "manager", "active"]

    def __init__(self, group_key: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.group_key = group_key
        self.fields["manager"].queryset = people_of(group_key).order_by(  # type: ignore[attr-defined]
            "last_name", "first_name", "username"
        )
        self.fields["manager"].label_from_instance = lambda u: (  # type: ignore[attr-defined]
            f"{u.display_name} ({u.organisation or 'no organisation'})"
        )

    def clean_name(self) -> str:
        # Unique within the group (group_key is not a form field, so Django does not check).
        name = self.cleaned_data["name"]
        if Project.objects.filter(group_key=self.instance.group_key, name=name).exists():
            raise forms.ValidationError("A project with this name already exists")
        return str(name)


class ProgressReportForm(forms.ModelForm):
    rag = forms.ChoiceField(label="Status", choices=RAG_CHOICES, widget=forms.RadioSelect)

    class Meta:
        model = ProgressReport
        fields = ["period", "rag", "progress", "risks", "next_steps"]

    def clean_period(self) -> str:
        try:
            return Period.parse(self.cleaned_data["period"]).label
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None


class MeetingForm(forms.ModelForm):
    held_on = date_field("Meeting date")

    class Meta:
        model = Meeting
        fields = ["title", "kind", "held_on", "dfe_senior", "round", "agenda"]
        labels = {"round": "Released quarter for the pack"}
        widgets = {"kind": forms.RadioSelect}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("dfe_senior") and data.get("kind") != "steering":
            self.add_error("dfe_senior", "DfE senior officials join the steering group only")
        return data

    def __init__(self, group_key: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The group's own released rounds: another group's overview never goes in its pack.
        rounds = CollectionRound.objects.filter(group_key=group_key)
        released = [r.pk for r in rounds if r.is_released]
        self.fields["round"].queryset = CollectionRound.objects.filter(pk__in=released)  # type: ignore[attr-defined]


class HighlightForm(forms.Form):
    summary = forms.CharField(
        label="Programme summary for the steering group", widget=forms.Textarea, required=False
    )


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["name", "organisation", "role", "email", "phone", "user", "consent_withheld"]
        labels = {
            "user": "Their account (lets them change their own entry)",
            "consent_withheld": "Withhold consent: do not show on the public page",
        }


class OwnEntryForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["name", "role", "email", "phone"]
