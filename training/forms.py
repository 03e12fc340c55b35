from django import forms
from django.utils.translation import gettext_lazy as _


class SessionEmailForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea)


class RosterActionForm(forms.Form):
    """A bulk action on the checked rows of a roster."""

    ACTIONS = [
        ("attended", _("Mark as attended")),
        ("absent", _("Mark as absent")),
        ("complete", _("Mark as completed (issues certificates)")),
        ("no_show", _("Mark as did not attend")),
        ("approve", _("Approve requests")),
        ("reject", _("Reject requests")),
        ("cancel", _("Cancel enrolments")),
    ]

    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    enrolments = forms.TypedMultipleChoiceField(
        label=_("Trainees"),
        coerce=int,
        choices=[],
        error_messages={
            "required": _("Tick at least one trainee."),
        },
    )

    def __init__(self, *args, enrolment_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enrolments"].choices = [(pk, pk) for pk in enrolment_ids]


class CertificateLookupForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "ABCD-EFGH-JKLM"}),
    )
