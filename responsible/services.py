"""Writes with rules: tool profiles and their evidence, proposals, and risk assessments.

Every path that writes (views, the admin, the demo loader, management commands) calls these.
"""

import logging
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue.models import Tool
from catalogue.services import tool_set_responsible_flags
from hub.access import Visibility, is_verified_member
from hub.models import User
from legislation.models import Instrument, Jurisdiction
from legislation.selectors import legal_points_for_tool
from responsible import selectors, tasks
from responsible.models import (
    Assessment,
    Comment,
    Evidence,
    ProfileEntry,
    Proposal,
    Risk,
    Share,
    Signature,
    SubPrinciple,
    ToolProfile,
)

logger = logging.getLogger(__name__)

# Which kinds of evidence speak to which sub-principle (the portal's own mapping), so that a
# worksheet shows each claim where an assessor needs it.
EVIDENCE_FOR: dict[str, set[str]] = {
    "legitimacy": {Evidence.Kind.COURT_RULING},
    "accuracy": {Evidence.Kind.ACCURACY, Evidence.Kind.INDEPENDENT_EVALUATION},
    "robustness-safety": {Evidence.Kind.INDEPENDENT_EVALUATION},
    "efficiency": {Evidence.Kind.DEPLOYMENT},
    "privacy": {Evidence.Kind.DATA_PROTECTION},
    "transparency-explainability": {Evidence.Kind.COURT_RULING},
    "non-discrimination": {Evidence.Kind.BIAS_TEST},
    "diversity-accessibility": {Evidence.Kind.BIAS_TEST},
}
# Sub-principles whose worksheet entry lists the law for the chosen jurisdiction.
LAW_FOR = {"legitimacy", "proportionality", "privacy"}


# Profiles -----------------------------------------------------------------------------------


def profile_for(*, tool: Tool) -> ToolProfile:
    """The tool's profile, created empty the first time something is written to it."""
    profile, _created = ToolProfile.objects.get_or_create(tool=tool)
    return profile


@transaction.atomic
def profile_update(
    *,
    tool: Tool,
    exposure_safeguards: Sequence[str] | None = None,
    human_review_documented: bool | None = None,
) -> ToolProfile:
    profile = profile_for(tool=tool)
    if exposure_safeguards is not None:
        profile.exposure_safeguards = sorted(set(exposure_safeguards))
    if human_review_documented is not None:
        profile.human_review_documented = human_review_documented
    profile.full_clean()
    profile.save()
    tool_responsible_flags_refresh(tool=tool)
    return profile


@transaction.atomic
def profile_delete(*, profile: ToolProfile) -> None:
    """Remove a tool's profile with its entries and evidence (the admin's delete)."""
    tool = profile.tool
    profile.delete()
    tool_responsible_flags_refresh(tool=tool)


@transaction.atomic
def tool_responsible_flags_refresh(*, tool: Tool) -> Tool:
    """Copy what the catalogue's facets read from the tool's profile and evidence onto the
    tool (through the catalogue's service): called by every write here that changes them.

    "Independently tested" counts public claims only. The catalogue's column holds one value
    for every visitor, and its counts are cached per visibility level; counting a restricted
    claim would let an anonymous visitor learn that a restricted claim exists (a tool counted
    as tested whose ledger shows no such claim). The tool page still lists restricted claims
    to verified members."""
    profile = ToolProfile.objects.filter(tool_id=tool.pk).first()
    tested = Evidence.objects.filter(
        profile_id=tool.pk,
        level=Evidence.Level.INDEPENDENTLY_TESTED,
        visibility=Visibility.PUBLIC,
    ).exists()
    return tool_set_responsible_flags(
        tool=tool,
        independently_tested=tested,
        human_review_documented=bool(profile and profile.human_review_documented),
        exposure_safeguards=profile.exposure_safeguards if profile else [],
    )


@transaction.atomic
def profile_entry_set(
    *,
    tool: Tool,
    sub_principle: SubPrinciple,
    status: str,
    text: str = "",
    sources: Iterable[str] = (),
) -> ProfileEntry:
    """Record what the provider documents for one sub-principle (create or replace)."""
    profile = profile_for(tool=tool)
    entry = ProfileEntry.objects.filter(profile=profile, sub_principle=sub_principle).first()
    entry = entry or ProfileEntry(profile=profile, sub_principle=sub_principle)
    entry.status = status
    entry.text = text.strip()
    entry.sources = [s.strip() for s in sources if s.strip()]
    return profile_entry_save(entry=entry)


@transaction.atomic
def profile_entry_save(*, entry: ProfileEntry) -> ProfileEntry:
    """Save an entry edited elsewhere (the admin's inline form) under the same checks."""
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def evidence_record(
    *,
    tool: Tool,
    claim: str,
    kind: str,
    date: date,
    source_url: str,
    level: str,
    visibility: str = "public",
) -> Evidence:
    """Add a claim to the ledger, or update the one with the same text and date."""
    profile = profile_for(tool=tool)
    evidence = Evidence.objects.filter(profile=profile, claim=claim.strip(), date=date).first()
    evidence = evidence or Evidence(profile=profile, claim=claim.strip(), date=date)
    evidence.kind, evidence.source_url = kind, source_url
    evidence.level, evidence.visibility = level, visibility
    return evidence_save(evidence=evidence)


@transaction.atomic
def evidence_save(*, evidence: Evidence) -> Evidence:
    evidence.full_clean()
    evidence.save()
    tool_responsible_flags_refresh(tool=evidence.profile.tool)
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence) -> None:
    """Take a claim out of the ledger (the admin's inline delete)."""
    tool = evidence.profile.tool
    evidence.delete()
    tool_responsible_flags_refresh(tool=tool)


# Proposals ----------------------------------------------------------------------------------


@transaction.atomic
def proposal_submit(
    *,
    tool: Tool,
    sub_principle: SubPrinciple,
    doc_status: str,
    text: str,
    sources: Iterable[str],
    proposed_by: User,
) -> Proposal:
    """A member (usually the provider) proposes a change to one entry; a curator decides."""
    if not is_verified_member(proposed_by):
        raise PermissionDenied(_("Only verified members can propose changes."))
    proposal = Proposal(
        tool=tool,
        sub_principle=sub_principle,
        doc_status=doc_status,
        text=text.strip(),
        sources=[s.strip() for s in sources if s.strip()],
        proposed_by=proposed_by,
    )
    proposal.full_clean()
    proposal.save()
    transaction.on_commit(lambda: tasks.deliver_proposal_notice.enqueue(proposal.pk), robust=True)
    return proposal


def _lock_pending(proposal: Proposal) -> Proposal:
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != Proposal.Status.PENDING:
        raise ValidationError(_("This proposal has already been reviewed."))
    return locked


@transaction.atomic
def proposal_approve(*, proposal: Proposal, reviewed_by: User, note: str = "") -> ProfileEntry:
    """Apply the proposed entry to the tool's profile and close the proposal."""
    proposal = _lock_pending(proposal)
    entry = profile_entry_set(
        tool=proposal.tool,
        sub_principle=proposal.sub_principle,
        status=proposal.doc_status,
        text=proposal.text,
        sources=proposal.sources,
    )
    proposal.status = Proposal.Status.APPROVED
    proposal.reviewed_by, proposal.reviewed_at = reviewed_by, timezone.now()
    proposal.review_note = note
    proposal.full_clean()
    proposal.save()
    return entry


@transaction.atomic
def proposal_reject(*, proposal: Proposal, reviewed_by: User, note: str = "") -> Proposal:
    proposal = _lock_pending(proposal)
    proposal.status = Proposal.Status.REJECTED
    proposal.reviewed_by, proposal.reviewed_at = reviewed_by, timezone.now()
    proposal.review_note = note
    proposal.full_clean()
    proposal.save()
    return proposal


# Assessments: pre-filling -------------------------------------------------------------------


def law_as_of(*, jurisdiction: Jurisdiction) -> datetime | None:
    """When the law recorded for a jurisdiction (and the bodies it belongs to) last changed."""
    return Instrument.objects.filter(
        Q(jurisdiction=jurisdiction) | Q(jurisdiction__members=jurisdiction)
    ).aggregate(latest=Max("updated_at"))["latest"]


def prefill(*, tool: Tool, jurisdiction: Jurisdiction, author: User) -> dict[str, str]:
    """What the portal knows for each sub-principle: the provider's documentation, the
    evidence the author may see, and the law for the jurisdiction (legislation's selector)."""
    profile = ToolProfile.objects.filter(tool=tool).first()
    entries, evidence = {}, []
    if profile is not None:
        entries = {e.sub_principle.slug: e for e in profile.entries.select_related("sub_principle")}
        evidence = list(profile.evidence.visible_to(author))
    # legal_points_for_tool reads the law for a member's country; ask it for the jurisdiction.
    points = legal_points_for_tool(
        tool=tool, user=SimpleNamespace(is_authenticated=True, country=jurisdiction.code)
    )["points"]
    law_lines = [
        _("Law in %(place)s on %(topic)s: %(instrument)s%(article)s (%(level)s)")
        % {
            "place": jurisdiction.name,
            "topic": topic.name,
            "instrument": coverage.instrument.short_title,
            "article": f", {coverage.article}" if coverage.article else "",
            "level": coverage.get_level_display(),
        }
        for topic, coverages in points
        for coverage in coverages
    ]
    known = {}
    for sub in SubPrinciple.objects.all():
        lines = []
        entry = entries.get(sub.slug)
        if entry is None:
            lines.append(_("Provider's documentation: nothing recorded in the portal."))
        else:
            lines.append(
                _("Provider's documentation: %(status)s.") % {"status": entry.get_status_display()}
                + (f" {entry.text}" if entry.text else "")
            )
            lines += [_("Source: %(url)s") % {"url": url} for url in entry.sources]
        for item in evidence:
            if item.kind in EVIDENCE_FOR.get(sub.slug, ()):
                lines.append(
                    _("Evidence (%(level)s, %(date)s): %(claim)s – %(url)s")
                    % {
                        "level": item.get_level_display(),
                        "date": item.date.isoformat(),
                        "claim": item.claim,
                        "url": item.source_url,
                    }
                )
        if sub.slug in LAW_FOR:
            lines += law_lines or [
                _("No law recorded in the portal for %(place)s on this tool's capabilities.")
                % {"place": jurisdiction.name}
            ]
        known[sub.slug] = "\n".join(lines)
    return known


def _require_verified(user: User) -> None:
    if not is_verified_member(user):
        raise PermissionDenied(_("Only verified members can write risk assessments."))


def _require_author(assessment: Assessment, user: User) -> None:
    if assessment.author_id != user.pk:
        raise PermissionDenied(_("Only the author can change this assessment."))


def _require_draft(assessment: Assessment) -> None:
    if not assessment.is_editable:
        raise ValidationError(
            _(
                "This version is %(status)s and can no longer be changed: "
                "reopen it as a new version."
            )
            % {"status": assessment.get_status_display().lower()}
        )


@transaction.atomic
def assessment_create(
    *,
    tool: Tool,
    author: User,
    intended_use: str,
    jurisdiction: Jurisdiction,
    lifecycle_stage: str,
    is_demo: bool = False,
) -> Assessment:
    """Start a worksheet: one risk per sub-principle, each pre-filled with what is known."""
    _require_verified(author)
    if not Tool.objects.visible_to(author).filter(pk=tool.pk).exists():
        raise ValidationError(_("This tool is not in the catalogue."))
    assessment = Assessment(
        tool=tool,
        author=author,
        agency_id=author.agency_id,
        intended_use=intended_use.strip(),
        jurisdiction=jurisdiction,
        lifecycle_stage=lifecycle_stage,
        tool_updated_at=tool.updated_at,
        law_updated_at=law_as_of(jurisdiction=jurisdiction),
        is_demo=is_demo,
    )
    assessment.full_clean()
    assessment.save()
    known = prefill(tool=tool, jurisdiction=jurisdiction, author=author)
    Risk.objects.bulk_create(
        Risk(assessment=assessment, sub_principle=sub, known=known.get(sub.slug, ""))
        for sub in SubPrinciple.objects.all()
    )
    return assessment


RISK_FIELDS = ("answer", "likelihood", "impact", "mitigation", "owner", "review_date")


@transaction.atomic
def assessment_update(
    *, assessment: Assessment, by: User, risks: dict[int, dict[str, Any]]
) -> Assessment:
    """Save the worksheet: ``risks`` maps risk ids of this assessment to their new values."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_author(assessment, by)
    _require_draft(assessment)
    for risk in assessment.risks.filter(pk__in=list(risks)):
        values = risks[risk.pk]
        changed = False
        for field in RISK_FIELDS:
            if field in values and getattr(risk, field) != values[field]:
                setattr(risk, field, values[field])
                changed = True
        if changed:
            if risk.review_date is None or risk.reminded_on != risk.review_date:
                risk.reminded_on = None
            risk.full_clean()
            risk.save()
    assessment.full_clean()
    assessment.save(update_fields=["updated_at"])
    return assessment


@transaction.atomic
def assessment_complete(*, assessment: Assessment, by: User) -> Assessment:
    """Mark the worksheet complete (every risk rated) and sign it as its author."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_author(assessment, by)
    _require_draft(assessment)
    unrated = [r.sub_principle.name for r in assessment.risks.select_related("sub_principle")
               if r.score is None]  # fmt: skip
    if unrated:
        raise ValidationError(
            _("Rate the likelihood and impact of every risk first. Still unrated: %(names)s.")
            % {"names": ", ".join(unrated)}
        )
    assessment.status = Assessment.Status.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.full_clean()
    assessment.save()
    Signature.objects.get_or_create(assessment=assessment, user=by)
    return assessment


@transaction.atomic
def assessment_share(*, assessment: Assessment, by: User, email: str) -> Share:
    """Let a named colleague of the same agency read, comment and co-sign."""
    _require_author(assessment, by)
    colleague = (
        User.objects.verified()
        .filter(email__iexact=email.strip(), agency__isnull=False, agency_id=by.agency_id)
        .exclude(pk=by.pk)
        .first()
    )
    if by.agency_id is None or colleague is None or colleague.agency_id != assessment.agency_id:
        # The same answer whatever the reason, so that the form reveals no other accounts.
        raise ValidationError(
            _("No verified colleague of your agency has this email address in the portal.")
        )
    try:
        with transaction.atomic():
            share = Share(assessment=assessment, user=colleague)
            share.full_clean()
            share.save()
    except (IntegrityError, ValidationError) as error:
        raise ValidationError(_("The assessment is already shared with this colleague.")) from error
    return share


@transaction.atomic
def assessment_unshare(*, share: Share, by: User) -> None:
    _require_author(share.assessment, by)
    share.delete()


def _require_reader(assessment: Assessment, user: User) -> None:
    if selectors.access_for(assessment=assessment, user=user) not in ("author", "colleague"):
        raise PermissionDenied(_("This assessment has not been shared with you."))


@transaction.atomic
def comment_add(*, assessment: Assessment, by: User, text: str) -> Comment:
    _require_reader(assessment, by)
    comment = Comment(assessment=assessment, author=by, text=text.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def assessment_sign(*, assessment: Assessment, by: User) -> Signature:
    """A colleague (or the author) co-signs a completed version."""
    _require_reader(assessment, by)
    status = Assessment.objects.filter(pk=assessment.pk).values_list("status", flat=True).get()
    if status != Assessment.Status.COMPLETED:
        raise ValidationError(_("Only a completed assessment can be signed."))
    signature, _created = Signature.objects.get_or_create(assessment=assessment, user=by)
    return signature


@transaction.atomic
def assessment_reopen(*, assessment: Assessment, by: User) -> Assessment:
    """Start the next version: answers, ratings and shares carried over, the pre-filled facts
    refreshed from today's tool entry and law. The old version stays as it was, superseded."""
    old = Assessment.objects.select_for_update().get(pk=assessment.pk)
    _require_author(old, by)
    if old.status == Assessment.Status.SUPERSEDED:
        raise ValidationError(_("A newer version of this assessment already exists."))
    tool = Tool.objects.get(pk=old.tool_id)
    new = Assessment(
        tool=tool,
        author=old.author,
        agency_id=old.agency_id,
        intended_use=old.intended_use,
        jurisdiction=old.jurisdiction,
        lifecycle_stage=old.lifecycle_stage,
        version=old.version + 1,
        previous=old,
        tool_updated_at=tool.updated_at,
        law_updated_at=law_as_of(jurisdiction=old.jurisdiction),
        is_demo=old.is_demo,
    )
    new.full_clean()
    new.save()
    known = prefill(tool=tool, jurisdiction=old.jurisdiction, author=by)
    Risk.objects.bulk_create(
        Risk(
            assessment=new,
            sub_principle_id=risk.sub_principle_id,
            known=known.get(risk.sub_principle.slug, ""),
            **{field: getattr(risk, field) for field in RISK_FIELDS},
        )
        for risk in old.risks.select_related("sub_principle")
    )
    Share.objects.bulk_create(Share(assessment=new, user_id=s.user_id) for s in old.shares.all())
    old.status = Assessment.Status.SUPERSEDED
    old.completed_at = old.completed_at or timezone.now()
    old.full_clean()
    old.save()
    return new


# Reminders ----------------------------------------------------------------------------------


def reminders_send(*, today: date | None = None) -> int:
    """Email each author whose risks reach their review date (once per date). Safe to run as
    often as you like and from several processes: each assessment with due risks is claimed
    under a row lock that other runs skip, and its risks are read again under that lock.
    Returns the number of assessments reminded."""
    today = today or timezone.localdate()
    due = Q(review_date__lte=today) & (
        Q(reminded_on__isnull=True) | ~Q(reminded_on=F("review_date"))
    )
    reminded = 0
    with transaction.atomic():
        claimed = list(
            Assessment.objects.select_for_update(skip_locked=True)
            .filter(
                status__in=[Assessment.Status.DRAFT, Assessment.Status.COMPLETED],
                pk__in=Risk.objects.filter(due).values("assessment_id"),
            )
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for assessment_id in claimed:
            risks = list(Risk.objects.filter(due, assessment_id=assessment_id).order_by("pk"))
            if not risks:
                continue  # another run reminded them between our two reads
            for risk in risks:
                risk.reminded_on = risk.review_date
            Risk.objects.bulk_update(risks, ["reminded_on"])
            risk_ids = [r.pk for r in risks]
            transaction.on_commit(
                lambda a=assessment_id, r=risk_ids: tasks.deliver_review_reminder.enqueue(a, r),
                robust=True,
            )
            reminded += 1
    return reminded
