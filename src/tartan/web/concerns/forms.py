"""Forms of the concerns pages. They check what a person typed; the route decides the rest."""

from __future__ import annotations

from typing import Any

from django import forms

from tartan.concerns.parts import PART_LABELS, Part, ordered
from tartan.web.accounts.models import User
from tartan.web.concerns.models import FactsVerified, SelfReferral, StepKind

YES_NO = [("yes", "Yes"), ("no", "No")]
LONG_TEXT = 5000


def person_label(person: User) -> str:
    organisation = f", {person.organisation.name}" if person.organisation else ""
    return f"{person.display_name}{organisation}"


class StatutoryQuestionForm(forms.Form):
    statutory_case = forms.ChoiceField(
        choices=YES_NO,
        widget=forms.RadioSelect,
        label="Is your worry about an individual case of suspected criminality or a serious safeguarding matter?",
        error_messages={
            "required": "Say whether your worry is about an individual case of suspected criminality or a serious safeguarding matter"
        },
    )


class ChoosePerson(forms.ChoiceField):
    """A choice among people, offered only where more than one would fit."""

    def __init__(self, people: list[User], **kwargs: Any) -> None:
        super().__init__(
            choices=[(str(p.pk), person_label(p)) for p in people],
            widget=forms.RadioSelect,
            required=False,
            **kwargs,
        )
        self.people = {str(p.pk): p for p in people}

    def person(self, value: str) -> User | None:
        return self.people.get(value)


class WorryForm(forms.Form):
    la_code = forms.ChoiceField(
        label="Which authority's children's services are you worried about?",
        error_messages={
            "required": "Choose the authority",
            "invalid_choice": "Choose the authority",
        },
    )
    nature = forms.CharField(
        label="What is your worry?",
        help_text="The overall quality of the authority's children's services, now or in future, and what it rests on. Do not name children or describe an individual case.",
        widget=forms.Textarea,
        max_length=LONG_TEXT,
        error_messages={"required": "Describe your worry"},
    )

    def __init__(
        self, *args: Any, authorities: list[tuple[str, str]], people: list[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["la_code"].choices = [("", "Choose an authority"), *authorities]
        self.fields["recipient"] = ChoosePerson(people, label="Who should receive it?")


class DecideReferralForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[
            ("raise", "Raise it with my peer, the DCS of the authority concerned"),
            ("decline", "Do not raise it"),
            (
                "statutory",
                "It is about an individual case of suspected criminality or a serious safeguarding matter",
            ),
        ],
        widget=forms.RadioSelect,
        label="What do you decide?",
        error_messages={"required": "Choose what you decide"},
    )
    nature = forms.CharField(
        label="The worry as you raise it with your peer",
        help_text="Your peer sees these words, and not the referral or who made it.",
        widget=forms.Textarea,
        max_length=LONG_TEXT,
        required=False,
    )

    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"] = ChoosePerson(people, label="Which DCS?")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "raise" and not (data.get("nature") or "").strip():
            self.add_error("nature", "Write the worry as you raise it with your peer")
        return data


def part_choices(parts: frozenset[Part] | set[Part]) -> list[tuple[str, str]]:
    return [(p.value, PART_LABELS[p]) for p in ordered(parts)]


# The parts as the peer reads them on their own form.
YOUR_PARTS = {
    Part.NATURE: "The worry as it was raised with you",
    Part.FACTS: "Whether the facts are verified, and your note on them",
    Part.ACCOUNT: "The situation in your own words",
    Part.ACTIONS: "What further action would help",
    Part.SELF_REFERRAL: "Your self-referral to an assistance programme",
}


class ResponseForm(forms.Form):
    facts_verified = forms.ChoiceField(
        choices=FactsVerified.choices,
        widget=forms.RadioSelect,
        label="Are the matters of fact verified?",
        error_messages={"required": "Say whether the facts are verified"},
    )
    facts_note = forms.CharField(
        label="Which facts, and how (optional)",
        widget=forms.Textarea,
        max_length=LONG_TEXT,
        required=False,
    )
    account = forms.CharField(
        label="The situation in your own words",
        widget=forms.Textarea,
        max_length=LONG_TEXT,
        error_messages={"required": "Describe the situation in your own words"},
    )
    helpful_actions = forms.CharField(
        label="What further action would help?",
        widget=forms.Textarea,
        max_length=LONG_TEXT,
        error_messages={"required": "Say what further action would help, or that none would"},
    )
    self_referral = forms.ChoiceField(
        choices=SelfReferral.choices,
        widget=forms.RadioSelect,
        label="Do you self-refer to an assistance programme?",
        error_messages={"required": "Say whether you self-refer to an assistance programme"},
    )
    self_referral_note = forms.CharField(
        label="About the self-referral (optional)",
        widget=forms.Textarea,
        max_length=LONG_TEXT,
        required=False,
    )
    agreed = forms.MultipleChoiceField(
        choices=[(p.value, YOUR_PARTS[p]) for p in ordered(set(Part))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Which parts may be shared further?",
        help_text="Only what you tick can go to other colleagues or agencies. If the colleague escalates to the steering group, the escalation carries the worry as raised and only the parts of your response you tick.",
    )


class AssessForm(forms.Form):
    dispelled = forms.ChoiceField(
        choices=[
            ("yes", "Yes: the response dispels my worry, close it"),
            ("no", "No: my worry is not dispelled"),
        ],
        widget=forms.RadioSelect,
        label="Does the peer's response dispel your worry?",
        error_messages={"required": "Say whether the response dispels your worry"},
    )


class ShareForm(forms.Form):
    parts = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple,
        label="What to share",
        error_messages={
            "required": "Choose at least one part the peer agreed can be shared",
            "invalid_choice": "Only the parts the peer agreed can be shared may go further",
        },
    )
    recipient_description = forms.CharField(
        max_length=200,
        label="Who you are sharing it with",
        help_text="For example: the Ofsted regional director; a SESLIP colleague by name.",
        error_messages={"required": "Say who you are sharing it with"},
    )

    def __init__(self, *args: Any, agreed: frozenset[Part], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parts"].choices = part_choices(agreed)


class EscalateForm(forms.Form):
    def __init__(self, *args: Any, members: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"] = forms.ChoiceField(
            choices=[(str(p.pk), person_label(p)) for p in members],
            widget=forms.RadioSelect,
            label="Which member of the steering group?",
            error_messages={
                "required": "Choose a member of the steering group",
                "invalid_choice": "Choose a member of the steering group from the list",
            },
        )
        self.members = {str(p.pk): p for p in members}


class StepForm(forms.Form):
    kind = forms.ChoiceField(
        choices=[(k.value, k.label) for k in StepKind if k != StepKind.OUTCOME],
        widget=forms.RadioSelect,
        label="What step?",
        error_messages={"required": "Choose the step"},
    )
    text = forms.CharField(
        label="Details",
        widget=forms.Textarea,
        max_length=LONG_TEXT,
        error_messages={"required": "Describe the step"},
    )


class ConcludeForm(forms.Form):
    outcome = forms.CharField(
        label="The outcome",
        widget=forms.Textarea,
        max_length=LONG_TEXT,
        error_messages={"required": "Describe the outcome"},
    )


class MembershipForm(forms.Form):
    def __init__(self, *args: Any, people: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"] = forms.ChoiceField(
            choices=[("", "Choose a person"), *[(str(p.pk), person_label(p)) for p in people]],
            label="Add a member",
            error_messages={"required": "Choose a person", "invalid_choice": "Choose a person"},
        )
        self.people = {str(p.pk): p for p in people}
