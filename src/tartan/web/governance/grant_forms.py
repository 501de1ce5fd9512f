"""Forms for grants both ways: purchase orders, the LA's invoice, returns asked and filed."""

from __future__ import annotations

from django import forms

from tartan.web.governance.forms import (
    DocumentField,
    OfGroup,
    PoundsField,
    date_field,
    la_choices,
)


class AcceptInServiceForm(forms.Form):
    confirm = forms.BooleanField(
        label="I accept the conditions of the main grant for my authority, and will assist the "
        "lead authority in the proper administration of the grant",
        required=True,
    )


class PurchaseOrderForm(OfGroup, forms.Form):
    la_code = forms.ChoiceField(label="To", choices=la_choices)
    amount = PoundsField(label="Amount (£)")
    purpose = forms.CharField(label="What it is for", max_length=300)
    purchase_order = forms.CharField(label="Purchase order number", max_length=60)
    raised_on = date_field("Raised on")


class InvoiceForm(forms.Form):
    invoice_number = forms.CharField(label="Your invoice number", max_length=60)
    invoice_date = date_field("Invoice date")
    invoice_file = DocumentField(label="The invoice (optional)")


class PaidForm(forms.Form):
    paid_on = date_field("Paid on")


class ReturnAskForm(OfGroup, forms.Form):
    la_code = forms.ChoiceField(label="Local authority", choices=la_choices)
    period = forms.CharField(label="Period", max_length=40, help_text="For example, 2024-25 Q3")
    due_on = date_field("Due by")


class ReturnFileForm(forms.Form):
    amount_spent = PoundsField(label="Amount spent in the period (£)")
    narrative = forms.CharField(
        label="What the money was spent on, and what it achieved", widget=forms.Textarea
    )
    document = DocumentField(label="Supporting document (optional)")
