from django import forms
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.timezones import is_timezone, timezone_choices
from training.models import Session

DT_INPUT = "%Y-%m-%dT%H:%M"
SESSION_TIME_FIELDS = ("starts_at", "ends_at", "enrolment_opens_at", "enrolment_closes_at")


def session_form_zone(request: HttpRequest, session: Session | None) -> str:
    """The zone a session form's times are typed in: the zone chosen in the form being sent,
    else the session's own, else UTC."""
    posted = request.POST.get("timezone_name", "") if request.method == "POST" else ""
    if is_timezone(posted):
        return posted
    if session is not None and is_timezone(session.timezone_name):
        return session.timezone_name
    return "UTC"


def mark_times_in_session_zone(form: forms.BaseForm) -> None:
    """Say on every time field which zone it is typed in (the zone active around the form)."""
    zone = timezone.get_current_timezone_name()
    for name in SESSION_TIME_FIELDS:
        if name in form.fields:
            field = form.fields[name]
            note = _("Time in the session's zone, %(zone)s.") % {"zone": zone}
            field.help_text = f"{field.help_text} {note}".strip() if field.help_text else note


class SessionEmailForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("Send to"),
        choices=[
            ("confirmed", _("Confirmed trainees")),
            ("waitlisted", _("The waiting list (and open seat offers)")),
            ("both", _("Both")),
        ],
        initial="confirmed",
        widget=forms.RadioSelect,
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea)


class SessionEditForm(forms.ModelForm):
    """What a trainer may change on their session. The view activates the session's zone (the
    one chosen in the form when sent) around the form, so times are typed in it."""

    class Meta:
        model = Session
        fields = ["starts_at", "ends_at", "timezone_name", "location", "online_url", "capacity"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DT_INPUT),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DT_INPUT),
        }

    timezone_name = forms.ChoiceField(label=_("Time zone of the session"), choices=timezone_choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mark_times_in_session_zone(self)
        self.fields["capacity"].help_text = _(
            "More seats go to the people on the waiting list at once, in order. Fewer seats "
            "than are already taken are refused: no confirmed trainee is ever removed."
        )
        self.fields["capacity"].min_value = 1


class AddTraineeForm(forms.Form):
    email = forms.EmailField(label=_("Member's work email"))

    def clean_email(self) -> str:
        from hub.models import User, normalise_email

        email = normalise_email(self.cleaned_data["email"])
        self.member = User.objects.filter(email__iexact=email, is_active=True).first()
        if self.member is None:
            raise forms.ValidationError(_("No member of the portal has this address."))
        return email


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the session cancelled?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Quoted in the email every trainee receives."),
    )


class ContactTrainersForm(forms.Form):
    message = forms.CharField(
        label=_("Your message to the trainers"), max_length=5000, widget=forms.Textarea
    )


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
    # Cancelling several trainees asks first; the confirmation page sends this.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)
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
