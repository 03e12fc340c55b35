"""The case finder's form: the case in the investigator's words and a few guided choices."""

from django import forms
from django.utils.translation import gettext_lazy as _

from catalogue.finder.reading import CONSTRAINTS, MATERIALS, TASKS
from catalogue.finder.vocabulary import CASE_MAX_LENGTH
from catalogue.models import Language, Shortlist, SkillLevel, Tool

TERM_MAX = 64


def _choices(table: dict) -> list[tuple[str, str]]:
    return [(key, label) for key, (label, _needs) in table.items()]


class FinderForm(forms.Form):
    case = forms.CharField(
        label=_("Describe the case in your own words"),
        max_length=CASE_MAX_LENGTH,
        required=False,
        strip=True,
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "autocomplete": "off",
                "spellcheck": "true",
                "placeholder": _(
                    "e.g. 2 TB of seized images, need to find new victims and skip known "
                    "material; must run offline"
                ),
            }
        ),
    )
    material = forms.MultipleChoiceField(
        label=_("What material do you hold?"),
        choices=_choices(MATERIALS),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    task = forms.MultipleChoiceField(
        label=_("What do you need to do?"),
        choices=_choices(TASKS),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    constraint = forms.MultipleChoiceField(
        label=_("Constraints"),
        choices=_choices(CONSTRAINTS),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lang = forms.MultipleChoiceField(
        label=_("Languages of the material"),
        choices=Language.choices,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    skill = forms.ChoiceField(
        label=_("Who will use the tool?"),
        choices=[("", _("Any skill level"))] + SkillLevel.choices,
        required=False,
    )

    def chips(self, field: str) -> list[str]:
        """The chips ticked (``term``) or shown (``shown``): "kind:value" strings, bounded."""
        values = self.data.getlist(field) if hasattr(self.data, "getlist") else []
        return [v[:TERM_MAX] for v in values[:TERM_MAX] if "\x00" not in v]


class FinderShortlistForm(forms.Form):
    tools = forms.ModelMultipleChoiceField(
        label=_("Tools"),
        queryset=Tool.objects.none(),
        to_field_name="slug",
        widget=forms.MultipleHiddenInput,
        error_messages={"required": _("Tick at least one tool to save.")},
    )
    shortlist = forms.ModelChoiceField(
        label=_("Shortlist"), queryset=Shortlist.objects.none(), required=False
    )
    new_name = forms.CharField(label=_("…or a new shortlist named"), max_length=100, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tools"].queryset = Tool.objects.visible_to(user)
        self.fields["shortlist"].queryset = Shortlist.objects.filter(owner=user)

    def clean(self):
        data = super().clean()
        if not data.get("shortlist") and not (data.get("new_name") or "").strip():
            raise forms.ValidationError(_("Choose a shortlist or name a new one."))
        return data
