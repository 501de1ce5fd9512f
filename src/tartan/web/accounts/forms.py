from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm


class SignInForm(forms.Form):
    username = forms.CharField(max_length=150, label="Username")
    password = forms.CharField(widget=forms.PasswordInput, label="Password")


class TokenForm(forms.Form):
    token = forms.CharField(
        max_length=16,
        label="Code",
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split())


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254)
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=None, empty_label="Choose an organisation"
    )
    role = forms.ChoiceField(label="Role")
    position = forms.ChoiceField(label="Position", required=False)

    def __init__(self, *args: Any, inviter: Any, **kwargs: Any) -> None:
        from tartan.web.accounts.managed import managed_organisations
        from tartan.web.accounts.roles import POSITION_LABELS, ROLE_LABELS, Role

        super().__init__(*args, **kwargs)
        self.inviter = inviter
        # Only organisations whose people the inviter manages (their own group's, for a
        # group's programme staff): another group's organisation is not even offered.
        self.fields["organisation"].queryset = managed_organisations(inviter).order_by("name")  # type: ignore[attr-defined]
        self.fields["role"].choices = [("", "Choose a role")] + [  # type: ignore[attr-defined]
            (role.value, ROLE_LABELS[role]) for role in Role
        ]
        self.fields["position"].choices = [("", "Not given")] + [  # type: ignore[attr-defined]
            (p.value, label) for p, label in POSITION_LABELS.items()
        ]

    def clean_email(self) -> str:
        from tartan.web.accounts.models import User

        email = self.cleaned_data["email"].strip().lower()
        if (
            User.objects.filter(email__iexact=email).exists()
            or User.objects.filter(username__iexact=email).exists()
        ):
            raise forms.ValidationError(
                "Someone with this email address already has an account: find them in the list of people."
            )
        return email

    def clean(self) -> dict[str, Any]:
        from tartan.web.accounts.roles import Role, role_problems

        data = super().clean() or {}
        organisation, role = data.get("organisation"), data.get("role")
        if organisation is not None and role:
            problems = role_problems(organisation.kind, [role])
            if problems:
                self.add_error("role", problems[0])
            elif role == Role.ADMINISTRATOR and not (
                self.inviter.is_superuser or self.inviter.has_role(Role.ADMINISTRATOR)
            ):
                self.add_error("role", "Only an administrator can invite an administrator.")
        return data


class ChoosePasswordForm(SetPasswordForm):
    """Django's form for a new password, with help in words (Django's is an HTML list)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = (
            "At least 12 characters, not mostly numbers, not a common password and not like "
            "your name or email address."
        )
        self.fields["new_password2"].label = "Type the password again"
        self.fields["new_password2"].help_text = ""
