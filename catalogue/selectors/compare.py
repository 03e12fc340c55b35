"""The compare page (``/tools/compare/?tools=a,b``): two to four tools side by side."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from catalogue.models import Deployment, Language, Tool
from catalogue.selectors.detail import tools_with_terms
from catalogue.selectors.viewer import Viewer, can_see_restricted

Row = tuple[str, Callable[[Tool], object]]


def tools_for_compare(*, slugs: list[str], user: Viewer) -> list[Tool]:
    """The tools named by ``slugs`` that ``user`` may see, in the order given."""
    found = {t.slug: t for t in tools_with_terms().visible_to(user).filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def _names(terms: Iterable[dict] | None) -> str:
    return ", ".join(term["name"] for term in terms or [])


def _choice_labels(values: Iterable[str] | None, choices: list[tuple[str, str]]) -> str:
    labels = dict(choices)
    return ", ".join(str(labels.get(v, v)) for v in values or [])


def _public_fields() -> list[Row]:
    return [
        (_("Provider"), lambda t: t.provider.name),
        (_("Summary"), lambda t: t.summary),
        (_("Stages"), lambda t: _names(t.stage_terms)),
        (_("Capabilities"), lambda t: _names(t.capability_terms)),
        (_("Data types"), lambda t: _names(t.data_type_terms)),
        (_("Investigation phases"), lambda t: _names(t.phase_terms)),
        (_("Deployment"), lambda t: _choice_labels(t.deployment, Deployment.choices)),
        (_("Cost model"), lambda t: t.get_cost_model_display()),
        (_("Open source"), lambda t: _("Yes") if t.open_source else _("No")),
        (_("Licence"), lambda t: t.licence),
        (_("Languages"), lambda t: _choice_labels(t.languages, Language.choices)),
        (_("Countries available"), lambda t: ", ".join(c.name for c in t.countries_available)),
        (_("Required skill level"), lambda t: t.get_skill_level_display()),
        (_("Hardware needs"), lambda t: t.hardware),
        (_("Integrations"), lambda t: t.integrations),
        (_("Lawfulness"), lambda t: t.rai_lawfulness),
        (_("Minimisation of harm"), lambda t: t.rai_harm_minimisation),
        (_("Human autonomy"), lambda t: t.rai_human_autonomy),
        (_("Fairness"), lambda t: t.rai_fairness),
        (_("Good governance"), lambda t: t.rai_good_governance),
        (_("Website"), lambda t: t.website),
        (_("Last verified"), lambda t: t.last_verified.isoformat() if t.last_verified else ""),
    ]


def _restricted_fields() -> list[Row]:
    return [
        (_("Evidence of accuracy"), lambda t: t.accuracy_evidence),
        (_("Evidence links"), lambda t: " ".join(t.evidence_link_list())),
        (_("Pricing details"), lambda t: t.pricing_details),
        (_("Deployment notes"), lambda t: t.deployment_notes),
        (_("Contact"), lambda t: t.contact),
    ]


@dataclass
class CompareRow:
    label: str
    values: list[str]

    @property
    def differs(self) -> bool:
        return len(set(self.values)) > 1


def compare_rows(*, tools: list[Tool], user: Viewer) -> list[CompareRow]:
    """One row per field, restricted fields only for verified members."""
    fields = _public_fields() + (_restricted_fields() if can_see_restricted(user) else [])
    return [CompareRow(str(label), [str(get(t) or "") for t in tools]) for label, get in fields]
