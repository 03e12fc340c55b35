from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.models import Capability, Language, Stage, Tool
from community.models import (
    MESSAGE_MAX_LENGTH,
    CaseKind,
    CommunityProfile,
    DataVolume,
    DigestFrequency,
    NameDisplay,
    Saving,
    StillUsed,
)

CASE_DATA_REMINDER = _(
    "Never share case data, names, images or anything that identifies a victim or a suspect."
)


class ProfileForm(forms.Form):
    is_listed = forms.BooleanField(
        label=_("List me in the directory of verified members"), required=False
    )
    name_display = forms.ChoiceField(label=_("Show"), choices=NameDisplay.choices)
    show_agency_name = forms.BooleanField(
        label=_("Show my agency's name (otherwise only its kind and country)"), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I work in"),
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    stages = forms.ModelMultipleChoiceField(
        label=_("Stages I know"),
        queryset=Stage.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    capabilities = forms.ModelMultipleChoiceField(
        label=_("Capabilities I know"),
        queryset=Capability.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tools = forms.ModelMultipleChoiceField(
        label=_("Tools I have used"),
        queryset=Tool.objects.published(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    show_courses = forms.BooleanField(
        label=_("Show the courses I completed or teach"), required=False
    )
    digest_frequency = forms.ChoiceField(
        label=_("Digest email about what I follow"), choices=DigestFrequency.choices
    )

    @classmethod
    def initial_for(cls, profile: CommunityProfile) -> dict:
        initial = {
            "is_listed": profile.is_listed,
            "name_display": profile.name_display,
            "show_agency_name": profile.show_agency_name,
            "languages": profile.languages,
            "show_courses": profile.show_courses,
            "digest_frequency": profile.digest_frequency,
        }
        if profile.pk:
            initial.update(
                stages=list(profile.stages.all()),
                capabilities=list(profile.capabilities.all()),
                tools=list(profile.tools.all()),
            )
        return initial


class ContactRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MESSAGE_MAX_LENGTH}),
        help_text=_("A greeting and the topic, up to 500 characters. ") + CASE_DATA_REMINDER,
    )


class ReportRequestForm(forms.Form):
    note = forms.CharField(
        label=_("What is wrong with this request? (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
    )


class FieldReportForm(forms.Form):
    stage = forms.ModelChoiceField(label=_("Stage it served"), queryset=Stage.objects.all())
    case_kind = forms.ChoiceField(label=_("Kind of case"), choices=CaseKind.choices)
    data_volume = forms.ChoiceField(label=_("Rough data volume"), choices=DataVolume.choices)
    time_saved = forms.ChoiceField(label=_("Time saved"), choices=Saving.choices)
    exposure_saved = forms.ChoiceField(
        label=_("Exposure to abuse material spared"), choices=Saving.choices
    )
    went_wrong = forms.CharField(
        label=_("What went wrong, and the lesson"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
        help_text=_("Quoted on the tool page without your name. ") + CASE_DATA_REMINDER,
    )
    still_used = forms.ChoiceField(
        label=_("Does your agency still use it?"), choices=StillUsed.choices
    )
    open_to_questions = forms.BooleanField(
        label=_("Other verified members may ask me about this tool (through the portal)"),
        required=False,
    )


class ModerateReportForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown to the author)"), max_length=300)
