"""Forms that parse the query strings of the matrix, map and compare pages."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from legislation.models import Criterion, Jurisdiction, Region, Topic

COMPARE_MIN = 2
COMPARE_MAX = 4


class MatrixForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Region"),
        required=False,
        choices=[("", _("All regions"))] + [c for c in Region.choices if c[0] != Region.GLOBAL],
    )
    framework = forms.ChoiceField(
        label=_("Criteria"),
        required=False,
        choices=[("", _("All criteria"))] + list(Criterion.Framework.choices),
    )
    sort = forms.CharField(required=False, max_length=60, widget=forms.HiddenInput)

    def __init__(self, *args, sort_keys: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.sort_keys = sort_keys

    def clean_sort(self):
        sort = self.cleaned_data["sort"] or "name"
        if sort not in self.sort_keys:
            raise ValidationError(
                _("The matrix cannot be sorted by “%(sort)s”."), params={"sort": sort}
            )
        return sort


class MapForm(forms.Form):
    topic = forms.ModelChoiceField(
        label=_("Colour by"),
        required=False,
        queryset=Topic.objects.all(),
        to_field_name="slug",
        empty_label=_("Number of criteria met"),
        error_messages={"invalid_choice": _("There is no such topic.")},
    )


class CompareForm(forms.Form):
    """Two to four jurisdictions, as ``?j=GB&j=AU`` (or ``?j=GB,AU``) by their codes."""

    j = forms.CharField(required=False)

    def __init__(self, data, *args, **kwargs):
        codes = []
        for value in data.getlist("j"):
            codes += [part.strip().upper() for part in value.split(",") if part.strip()]
        self.codes = list(dict.fromkeys(codes))
        super().__init__(data, *args, **kwargs)

    def clean(self):
        codes = self.codes
        if len(codes) > COMPARE_MAX:
            raise ValidationError(
                _("Compare at most %(max)d jurisdictions at a time; you chose %(count)d.")
                % {"max": COMPARE_MAX, "count": len(codes)}
            )
        if len(codes) < COMPARE_MIN:
            raise ValidationError(
                _("Choose at least %(min)d jurisdictions to compare.") % {"min": COMPARE_MIN}
            )
        found = {j.code: j for j in Jurisdiction.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise ValidationError(
                ngettext(
                    "There is no jurisdiction with the code %(codes)s.",
                    "There are no jurisdictions with the codes %(codes)s.",
                    len(unknown),
                )
                % {"codes": ", ".join(code[:12] for code in unknown[:COMPARE_MAX])}
            )
        self.cleaned_data["jurisdictions"] = [found[code] for code in codes]
        return self.cleaned_data
