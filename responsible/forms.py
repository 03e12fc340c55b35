from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from legislation.models import Jurisdiction
from responsible.models import (
    COMMENT_TEXT,
    PROFILE_TEXT,
    SHORT_TEXT,
    DocStatus,
    LifecycleStage,
    Risk,
    SubPrinciple,
)

NO_CASE_DATA = _(
    "Policy text only: never enter case data, names, identifiers of victims or suspects, "
    "or descriptions of material. Fields are sized for a sentence or a short paragraph."
)
MAX_SOURCES = 10


class AssessmentStartForm(forms.Form):
    intended_use = forms.CharField(
        label=_("Intended use, in a few words"),
        max_length=SHORT_TEXT,
        help_text=_("For example: “first triage of seized phones in grooming cases”."),
    )
    jurisdiction = forms.ModelChoiceField(
        label=_("Jurisdiction"),
        queryset=Jurisdiction.objects.order_by("kind", "name"),
        help_text=_("Whose law applies to this use."),
    )
    lifecycle_stage = forms.ChoiceField(
        label=_("Life-cycle stage"),
        choices=LifecycleStage.choices,
        help_text=_("Where your agency stands with this tool (the Toolkit's AI life cycle)."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        code = getattr(getattr(user, "country", None), "code", "") or ""
        if code and not self.is_bound:
            self.fields["jurisdiction"].initial = (
                Jurisdiction.objects.filter(code=code).values_list("pk", flat=True).first()
            )


class RiskForm(forms.ModelForm):
    """One sub-principle of the worksheet; the prefix names the risk."""

    class Meta:
        model = Risk
        fields = ["answer", "likelihood", "impact", "mitigation", "owner", "review_date"]
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
            "review_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class ShareForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's work email"), max_length=254)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), max_length=COMMENT_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )


class SourcesField(forms.CharField):
    """Web addresses, one a line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(value) > MAX_SOURCES:
            raise ValidationError(
                _("Give at most %(max)d sources."), params={"max": MAX_SOURCES}, code="too_many"
            )
        check = URLValidator(schemes=["http", "https"])
        for url in value:
            if len(url) > 500:
                raise ValidationError(_("Each web address must be under 500 characters."))
            try:
                check(url)
            except ValidationError as error:
                raise ValidationError(
                    _("“%(value)s” is not a web address."), params={"value": url[:80]}
                ) from error

    def run_validators(self, value):
        return None


class ProposalForm(forms.Form):
    sub_principle = forms.ModelChoiceField(
        label=_("Sub-principle"), queryset=SubPrinciple.objects.select_related("principle")
    )
    doc_status = forms.ChoiceField(label=_("What you document"), choices=DocStatus.choices)
    text = forms.CharField(
        label=_("In short"),
        max_length=PROFILE_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sources = SourcesField(
        label=_("Sources (one web address a line)"), required=False, max_length=6000
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sub_principle"].label_from_instance = lambda s: f"{s.principle} – {s}"
