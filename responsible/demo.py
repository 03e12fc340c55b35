"""Demo data for ``manage.py seed_demo``: the responsible-AI profiles, evidence and safeguards
of the demo tools (from ``fixtures/demo/catalogue.json``), and one finished example
assessment by the demo investigator. Idempotent; keys or files that are missing are skipped."""

import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date

from catalogue.models import Tool
from hub.models import User
from legislation.models import Jurisdiction
from responsible import services
from responsible.models import Assessment, DocStatus, ProfileEntry, Safeguard, SubPrinciple

DEMO_FILE = Path(settings.BASE_DIR) / "fixtures" / "demo" / "catalogue.json"
DEMO_INVESTIGATOR = "investigator@demo.globalhub.test"


def seed(*, stdout, path: Path | None = None) -> None:
    path = Path(path or DEMO_FILE)
    loaded = load_tools(path=path, stdout=stdout)
    stdout.write(f"Responsible-AI profiles loaded for {loaded} demo tools.")
    if seed_example_assessment():
        stdout.write("Example risk assessment created for the demo investigator.")


def load_tools(*, path: Path, stdout=None) -> int:
    """Profiles, evidence and safeguards for the tools of ``path`` that exist. A value the
    services refuse (a malformed address, an unknown level) is skipped and reported."""
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0
    if isinstance(items, dict):  # the demo catalogue: {"providers": [...], "tools": [...]}
        items = items.get("tools")
    if not isinstance(items, list):
        return 0
    subs = {s.slug: s for s in SubPrinciple.objects.all()}
    slugs = [i.get("slug") for i in items if isinstance(i, dict)]
    tools = {t.slug: t for t in Tool.objects.filter(slug__in=slugs)}
    loaded, refused = 0, []
    for item in items:
        tool = tools.get(item.get("slug")) if isinstance(item, dict) else None
        if tool is None:
            continue
        for write in _writes(tool=tool, item=item, subs=subs):
            try:
                write()
            except (ValidationError, KeyError, TypeError, AttributeError) as error:
                refused.append(f"{tool.slug}: {error}")
        loaded += 1
    if refused and stdout is not None:
        stdout.write(f"Responsible-AI demo values skipped: {len(refused)}")
        for line in refused[:20]:
            stdout.write(f"  {line}")
    return loaded


def _writes(*, tool: Tool, item: dict, subs: dict) -> list:
    """One callable per service write an item asks for."""
    writes = []
    for slug, entry in (item.get("rai") or {}).items():
        if slug in subs and isinstance(entry, dict):
            writes.append(
                lambda slug=slug, entry=entry: services.profile_entry_set(
                    tool=tool,
                    sub_principle=subs[slug],
                    status=entry.get("status", ""),
                    text=entry.get("text") or "",
                    sources=entry.get("sources") or [],
                )
            )
    for claim in item.get("evidence") or []:
        writes.append(
            lambda claim=claim: services.evidence_record(
                tool=tool,
                claim=claim["claim"],
                kind=claim.get("kind", ""),
                date=_date(claim.get("date")),
                source_url=claim.get("source_url", ""),
                level=claim.get("level", ""),
                visibility=claim.get("visibility", "public"),
            )
        )
    safeguards = item.get("exposure_safeguards")
    review = item.get("human_review_documented")
    if safeguards is not None or review is not None:
        writes.append(
            lambda: services.profile_update(
                tool=tool,
                exposure_safeguards=[s for s in safeguards if s in Safeguard.values]
                if safeguards is not None
                else None,
                human_review_documented=bool(review) if review is not None else None,
            )
        )
    return writes


def _date(value) -> object:
    day = parse_date(value or "") if isinstance(value, str) else None
    if day is None:
        raise ValidationError(f"not a date: {value!r}")
    return day


# (likelihood, impact) the example assessment gives, by what the provider documents.
EXAMPLE_RATING = {
    DocStatus.DOCUMENTED: (1, 3),
    DocStatus.PARTLY: (2, 3),
    DocStatus.NOT_DOCUMENTED: (3, 3),
    DocStatus.NOT_APPLICABLE: (1, 1),
}


def seed_example_assessment() -> bool:
    """One completed, signed example (fictional, marked demo) so visitors see what one
    looks like. Returns whether it was created now."""
    author = User.objects.filter(email=DEMO_INVESTIGATOR).first()
    if author is None or Assessment.objects.filter(author=author, is_demo=True).exists():
        return False
    tool = (
        Tool.objects.visible_to(author)
        .filter(is_demo=True, rai_profile__isnull=False)
        .order_by("name")
        .first()
    ) or Tool.objects.visible_to(author).filter(is_demo=True).order_by("name").first()
    code = getattr(author.country, "code", "") or "FR"
    jurisdiction = Jurisdiction.objects.filter(code=code).first()
    if tool is None or jurisdiction is None:
        return False
    try:
        with transaction.atomic():
            _example(author=author, tool=tool, jurisdiction=jurisdiction)
    except ValidationError:
        return False
    return True


def _example(*, author: User, tool: Tool, jurisdiction: Jurisdiction) -> None:
    assessment = services.assessment_create(
        tool=tool,
        author=author,
        intended_use="First triage of seized devices in grooming cases (demo)",
        jurisdiction=jurisdiction,
        lifecycle_stage="procurement",
        is_demo=True,
    )
    statuses = dict(
        ProfileEntry.objects.filter(profile__tool=tool).values_list("sub_principle_id", "status")
    )
    review = timezone.localdate() + timedelta(days=180)
    changes = {}
    for risk in assessment.risks.select_related("sub_principle"):
        likelihood, impact = EXAMPLE_RATING.get(statuses.get(risk.sub_principle_id), (2, 2))
        changes[risk.pk] = {
            "answer": "(Demo) Checked against the provider's documentation and the "
            "unit's standard operating procedure for this use.",
            "likelihood": likelihood,
            "impact": impact,
            "mitigation": "(Demo) A named analyst reviews every result before it is used; "
            "the unit reviews this use every six months.",
            "owner": "Head of the demo cybercrime unit",
            "review_date": review,
        }
    services.assessment_update(assessment=assessment, by=author, risks=changes)
    services.assessment_complete(assessment=assessment, by=author)
