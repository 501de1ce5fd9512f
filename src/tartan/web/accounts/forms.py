from django import forms


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
