"""The code field of the second-factor pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code"),
        max_length=20,
        error_messages={"required": _("Type the code.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )


class LoginForm(AuthenticationForm):
    """Django's login form with its own wording: Django's Indonesian catalogue puts the field's
    name after "nama pengguna", so the page read "Masukkan nama pengguna nama pengguna dan sandi
    yang benar" (issue 14). The message here is translated in Netra's catalogue."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter a correct %(username)s and password. Note that both fields may be "
            "case-sensitive."
        ),
    }
