"""Forms of the child-level data pages. They check what a person typed; the services decide
whether it is allowed (the fields within the purpose, the DPIA before approval, the extract)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django import forms

from tartan.childlevel.erasure import Erasure, ErasureRegister, RegisterError
from tartan.childlevel.purposes import shipped_purposes
from tartan.web.childdata.fields import purpose_choices
from tartan.web.childdata.people import askable_las, recipients
from tartan.web.childdata.services import Details

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024  # the service's upload limit (settings)
DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".rtf", ".txt")


class DateInput(forms.DateInput):
    input_type = "date"


def person_label(person: Any) -> str:
    organisation = f", {person.organisation.name}" if person.organisation else ""
    return f"{person.display_name}{organisation}"


class RequestForm(forms.Form):
    la_code = forms.ChoiceField(
        label="Whose children's data do you need?",
        help_text="That authority is the data controller: its key staff approve or refuse the request.",
        error_messages={
            "required": "Choose the authority",
            "invalid_choice": "Choose the authority",
        },
    )
    purpose = forms.ChoiceField(
        label="What is the data for?",
        widget=forms.RadioSelect,
        help_text="Each purpose allows only the fields it needs; you choose among them next.",
        error_messages={"required": "Choose the purpose", "invalid_choice": "Choose the purpose"},
    )
    question = forms.CharField(
        label="What question will the data answer?",
        help_text="Say what you will do with it and why figures already in the return are not enough. Do not name children.",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Say what question the data will answer"},
    )
    recipient = forms.ChoiceField(
        label="Who will receive the data?",
        help_text="Only this person can download it. They sign in with two factors.",
        error_messages={
            "required": "Choose the recipient",
            "invalid_choice": "Choose the recipient",
        },
    )
    retention_until = forms.DateField(
        label="Keep the data until",
        help_text="At most two years from today. After this date the service removes its copy, and the recipient must delete theirs.",
        widget=DateInput,
        error_messages={
            "required": "Give the date to keep the data until",
            "invalid": "Give the date as a real date, for example 2026-06-30",
        },
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["la_code"].choices = [("", "Choose an authority"), *askable_las(user)]
        self.fields["purpose"].choices = [(name, label) for name, label, _ in purpose_choices()]
        self.descriptions = {name: description for name, _, description in purpose_choices()}
        self.people = {str(p.pk): p for p in recipients(user)}
        self.fields["recipient"].choices = [("", "Choose a person")] + [
            (key, person_label(p)) for key, p in self.people.items()
        ]

    def details(self) -> Details:
        data = self.cleaned_data
        return Details(
            la_code=data["la_code"],
            purpose=data["purpose"],
            question=data["question"],
            recipient=self.people[data["recipient"]],
            retention_until=data["retention_until"],
        )


def every_field() -> list[tuple[str, str]]:
    """Every field of every purpose: the form takes any of them, and the service refuses those
    beyond the request's purpose (so that the refusal does not rest on the page)."""
    names = {field for p in shipped_purposes().values() for field in p.fields}
    return [(name, name) for name in sorted(names)]


class FieldsForm(forms.Form):
    chosen = forms.MultipleChoiceField(
        label="Which fields do you need?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one field",
            "invalid_choice": "%(value)s is not a field of any purpose",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["chosen"].choices = every_field()


class DocumentField(forms.FileField):
    def __init__(self, *args: Any, suffixes: tuple[str, ...], kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suffixes = suffixes
        self.kind = kind

    def clean(self, data: Any, initial: Any = None) -> Any:
        upload = super().clean(data, initial)
        if upload:
            if upload.size > MAX_DOCUMENT_BYTES:
                raise forms.ValidationError("The file is larger than 5 MB")
            if not upload.name.lower().endswith(self.suffixes):
                raise forms.ValidationError(f"Upload {self.kind}")
        return upload


class DpiaForm(forms.Form):
    document = DocumentField(
        label="The DPIA document",
        help_text="PDF, Word, OpenDocument, RTF or text, up to 5 MB",
        suffixes=DOCUMENT_SUFFIXES,
        kind="a PDF, Word, OpenDocument, RTF or text file",
        error_messages={"required": "Choose the DPIA document", "empty": "The file is empty"},
    )
    approver_name = forms.CharField(
        label="Who approved the DPIA?",
        max_length=200,
        error_messages={"required": "Give the name of the person who approved the DPIA"},
    )
    approver_role = forms.CharField(
        label="Their role",
        help_text="For example, Data Protection Officer",
        max_length=200,
        error_messages={"required": "Give the role of the person who approved the DPIA"},
    )
    approved_on = forms.DateField(
        label="Date the DPIA was approved",
        widget=DateInput,
        error_messages={
            "required": "Give the date the DPIA was approved",
            "invalid": "Give the date as a real date, for example 2025-10-01",
        },
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        widget=forms.RadioSelect,
        choices=[("approve", "Approve the request"), ("refuse", "Refuse the request")],
        error_messages={"required": "Choose to approve or refuse"},
    )
    note = forms.CharField(
        label="Note",
        help_text="Conditions of the approval, or why the request is refused (required to refuse).",
        widget=forms.Textarea,
        max_length=4000,
        required=False,
    )


class ExtractForm(forms.Form):
    extract = DocumentField(
        label="The extract, as a zip",
        help_text="The folder 'tartan childlevel pseudonymise' wrote, zipped; up to 5 MB",
        suffixes=(".zip",),
        kind="a zip of the extract's folder",
        error_messages={"required": "Choose the zip of the extract", "empty": "The file is empty"},
    )


class ErasureForm(forms.Form):
    pseudonym = forms.RegexField(
        label="Pseudonym",
        regex=r"^[0-9a-f]{64}$",
        help_text="64 characters, as 'tartan childlevel erase' prints it",
        error_messages={
            "required": "Give the pseudonym",
            "invalid": "A pseudonym is 64 characters, 0-9 and a-f",
        },
    )
    key_id = forms.RegexField(
        label="Key id",
        regex=r"^[0-9a-f]{16}$",
        error_messages={
            "required": "Give the key id",
            "invalid": "A key id is 16 characters, 0-9 and a-f",
        },
    )
    reason = forms.CharField(
        label="Reason (optional)",
        help_text="Never the child's name or details",
        max_length=200,
        required=False,
    )


class RegisterForm(forms.Form):
    register = DocumentField(
        label="Your erasure register",
        help_text="The CSV file 'tartan childlevel erase --register' keeps",
        suffixes=(".csv",),
        kind="the register's CSV file",
        error_messages={"required": "Choose the register file", "empty": "The file is empty"},
    )

    def clean_register(self) -> list[Erasure]:
        upload = self.cleaned_data["register"]
        with tempfile.TemporaryDirectory(prefix="tartan-register-") as folder:
            path = Path(folder) / "register.csv"
            path.write_bytes(upload.read())
            try:
                entries = ErasureRegister.load(path).entries
            except (RegisterError, UnicodeDecodeError) as error:
                message = str(error).replace(str(path), "The file")
                raise forms.ValidationError(
                    message or "The file is not an erasure register"
                ) from None
        if not entries:
            raise forms.ValidationError("The register holds no erasures")
        return entries
