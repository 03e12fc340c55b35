from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from hub import tasks
from hub.models import Agency, User, normalise_email
from hub.timezones import timezone_choices
from hub.widgets import QuickSelect


class TimezoneSelect(QuickSelect):
    """The zone list; ``static/js/timezone.js`` picks the browser's zone while the field
    still holds the default (UTC), so most people never need to scroll the list."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__({"data-guess-timezone": "", "autocomplete": "off", **(attrs or {})})


class SignInForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "That email address and password do not match an account that may sign in. "
            "Both are case-sensitive except the email address."
        ),
    }

    def __init__(self, request: HttpRequest | None = None, *args: object, **kwargs: object) -> None:
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.label = _("Work email")
        username.widget = forms.EmailInput(
            attrs={"autocomplete": "email", "autofocus": True, "maxlength": username.max_length}
        )
        limit_username_length(self)

    def clean_username(self) -> str:
        return normalise_email(self.cleaned_data["username"])


def limit_username_length(form: AuthenticationForm) -> None:
    """AuthenticationForm sets max_length without its validator, so an over-long address
    reached authenticate() and django-axes, whose username column it overflowed (500)."""
    username = form.fields["username"]
    username.validators.append(MaxLengthValidator(username.max_length))


class AdminSignInForm(AdminAuthenticationForm):
    """The admin's sign-in form, with the same length check as the site's."""

    def __init__(self, request: HttpRequest | None = None, *args: object, **kwargs: object) -> None:
        super().__init__(request, *args, **kwargs)
        limit_username_length(self)

    def clean_username(self) -> str:
        return normalise_email(self.cleaned_data["username"])


class RegistrationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(
        label=_("Work email"),
        help_text=_("Use the address your agency gave you: staff check it when verifying you."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    agency_name = forms.CharField(label=_("Agency or organisation"), max_length=200)
    agency_kind = forms.ChoiceField(label=_("Kind of organisation"), choices=Agency.Kind.choices)
    country = CountryField(blank_label=_("Choose a country")).formfield(label=_("Country"))
    role = forms.ChoiceField(label=_("Your role"), choices=User.Role.choices)
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        initial="UTC",
        required=False,  # a form sent without it (an older page) means UTC
        widget=TimezoneSelect,
        help_text=_("Times of courses and emails are shown in this zone."),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters; not a common password and not only digits."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_time_zone(self) -> str:
        return self.cleaned_data.get("time_zone") or "UTC"

    def clean_email(self) -> str:
        # Whether the address has an account is not checked here: the answer would tell
        # anyone who has one. services.user_register emails the owner instead.
        return normalise_email(self.cleaned_data["email"])

    def clean(self) -> dict:
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1:
            probe = User(email=cleaned.get("email", ""), full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "country", "role", "preferred_language", "time_zone"]

    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        required=False,  # a form sent without it keeps the zone the member has
        widget=TimezoneSelect,
        help_text=_("Times of courses and emails are shown in this zone."),
    )

    def clean_time_zone(self) -> str:
        return self.cleaned_data.get("time_zone") or self.instance.time_zone or "UTC"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False, strip=True)


class HubPasswordResetForm(PasswordResetForm):
    """Django's form, with the address compared in lower case and the message sent by a
    stored task, so that the answer takes as long for an unknown address as for a known one."""

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict,
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # The reset token is made by the task when it sends the message, so no secret waits
        # in the task table; the task is stored in this transaction (durable, retried).
        plain = {key: context[key] for key in ("domain", "site_name", "protocol") if key in context}
        tasks.deliver_password_reset.enqueue(
            context["user"].pk,
            plain,
            subject_template_name,
            email_template_name,
            html_email_template_name,
        )


def _compact(value: str) -> str:
    """A code as typed or pasted: spaces and dashes dropped (``123 456``, ``abcd-efgh``)."""
    return "".join(value.split()).replace("-", "")


class AuthenticatorCodeForm(forms.Form):
    """The six digits an authenticator app shows. Pasting is allowed and the browser may fill
    it (WCAG 2.2, 3.3.8); nothing needs to be remembered or transcribed from a picture."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "off",
                "spellcheck": "false",
                "size": 8,
            }
        ),
    )

    def clean_code(self) -> str:
        code = _compact(self.cleaned_data["code"])
        if not code.isdigit() or len(code) != 6:
            raise forms.ValidationError(_("Enter the six digits your app shows now."))
        return code


class RecoveryCodeForm(forms.Form):
    recovery_code = forms.CharField(
        label=_("Recovery code"),
        max_length=32,
        help_text=_("One of the codes you saved when you set up your second factor."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def clean_recovery_code(self) -> str:
        return _compact(self.cleaned_data["recovery_code"]).lower()
