from django import forms
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A 6-digit code from the authenticator app, or one of the recovery codes."""

    code = forms.CharField(
        label=_("Verification code"),
        max_length=32,
        help_text=_("The 6-digit code your authenticator app shows now, or a recovery code."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autofocus": True,
                "spellcheck": "false",
                "autocapitalize": "none",
            }
        ),
    )


def _password_field():
    return forms.CharField(
        label=_("Your password"),
        strip=False,
        error_messages={"required": _("Enter your password to confirm.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PasswordCheck:
    """The signed-in user's password, checked by Django's authenticate() through the same
    backends as the login (a wrong one counts towards django-axes' lockout)."""

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        checked = authenticate(self.request, username=user.get_username(), password=password)
        if checked is None or checked.pk != user.pk:
            raise ValidationError(
                _("This password is not correct. Nothing has been changed."),
                code="wrong_password",
            )
        return password


class PasswordForm(PasswordCheck, forms.Form):
    """Asked before the second factor is replaced: new recovery codes, or a new phone."""

    password = _password_field()

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request


class EnrolForm(PasswordCheck, CodeForm):
    """The first code from the new app, and the password unless it was given a moment ago."""

    password = _password_field()

    def __init__(self, *args, request, ask_password=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        if not ask_password:
            del self.fields["password"]
