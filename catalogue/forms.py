from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from catalogue.models import (
    Capability,
    CostModel,
    DataType,
    Deployment,
    Language,
    Phase,
    Provider,
    Shortlist,
    Stage,
)

COMPARE_MIN, COMPARE_MAX = 2, 4


class ToolSubmissionForm(forms.Form):
    """What a member tells us about a tool they propose; curators complete the rest."""

    name = forms.CharField(label=_("Tool name"), max_length=200)
    provider_name = forms.CharField(label=_("Provider (organisation)"), max_length=200)
    provider_kind = forms.ChoiceField(label=_("Kind of provider"), choices=Provider.Kind.choices)
    provider_country = forms.ChoiceField(
        label=_("Provider's country"), choices=lambda: [("", "—"), *countries], required=False
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        help_text=_("One or two sentences: what the tool does for an investigation."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=10000,
        help_text=_("Markdown is allowed. Describe the tool in words; never attach material."),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    stages = forms.ModelMultipleChoiceField(
        label=_("Investigation stages"),
        queryset=Stage.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
    )
    capabilities = forms.ModelMultipleChoiceField(
        label=_("Capabilities"),
        queryset=Capability.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
    )
    data_types = forms.ModelMultipleChoiceField(
        label=_("Data it works on"),
        queryset=DataType.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    phases = forms.ModelMultipleChoiceField(
        label=_("Investigation phases"),
        queryset=Phase.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    deployment = forms.MultipleChoiceField(
        label=_("Deployment"),
        choices=Deployment.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    cost_model = forms.ChoiceField(label=_("Cost model"), choices=CostModel.choices)
    open_source = forms.BooleanField(label=_("Open source"), required=False)
    licence = forms.CharField(label=_("Licence"), max_length=100, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=Language.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    accuracy_evidence = forms.CharField(
        label=_("Evidence of accuracy"),
        required=False,
        max_length=5000,
        help_text=_("Evaluations, test sets, independent reviews (text and links)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact = forms.CharField(
        label=_("Contact for agencies"),
        required=False,
        max_length=1000,
        help_text=_("Shown only to verified members."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ShortlistForm(forms.ModelForm):
    class Meta:
        model = Shortlist
        fields = ["name"]
        labels = {"name": _("Name of the shortlist")}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Shortlist.objects.filter(owner=self.owner, name__iexact=name).exists():
            raise forms.ValidationError(_("You already have a shortlist with this name."))
        return name


class AddToShortlistForm(forms.Form):
    shortlist = forms.ModelChoiceField(
        label=_("Shortlist"), queryset=Shortlist.objects.none(), required=False
    )
    new_name = forms.CharField(label=_("…or a new shortlist named"), max_length=100, required=False)
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, owner, shortlists=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["shortlist"].queryset = Shortlist.objects.filter(owner=owner)
        if shortlists is not None:
            # Reuse an already-evaluated list for rendering (saves a query on the tool page).
            self.fields["shortlist"].choices = [("", "—")] + [(s.pk, s.name) for s in shortlists]

    def clean(self):
        data = super().clean()
        if not data.get("shortlist") and not (data.get("new_name") or "").strip():
            raise forms.ValidationError(_("Choose a shortlist or name a new one."))
        return data


class ShortlistNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def parse_compare_slugs(values: list[str]) -> list[str]:
    """``?tools=a,b,c`` or ``?tools=a&tools=b``: the distinct slugs, in order. (A NUL byte
    never gets here: hub.middleware answers 400 to control characters in a query string.)"""
    slugs = []
    for value in values:
        for part in value.split(","):
            part = part.strip()[:200]
            if part and part not in slugs:
                slugs.append(part)
    return slugs
