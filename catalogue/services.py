"""Writes with rules: submissions, the curation workflow, verification, shortlists.

Every write that carries a rule goes through here, whoever makes it: the member's views, the
admin's forms and actions, the CSV import. A tool's status changes only through
``tool_set_status`` (the workflow below); a refused move is a ``ValidationError`` in plain
words, which forms and the import show as an error.
"""

import logging
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from catalogue import search, selectors, tasks
from catalogue.models import (
    Capability,
    DataType,
    Phase,
    Provider,
    Shortlist,
    ShortlistItem,
    Stage,
    Tool,
)
from hub.emails import send_templated

if TYPE_CHECKING:
    from django.db.models import Model

    from hub.models import User

logger = logging.getLogger(__name__)

Status = Tool.Status

# The curation workflow: draft -> in review -> published -> retired (and back for fixes).
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.IN_REVIEW},
    Status.IN_REVIEW: {Status.PUBLISHED, Status.DRAFT},
    Status.PUBLISHED: {Status.RETIRED, Status.IN_REVIEW},
    Status.RETIRED: {Status.IN_REVIEW, Status.DRAFT},
}


def unique_slug(model: "type[Model]", text: str, *, max_length: int = 200) -> str:
    base = (slugify(text) or "item")[: max_length - 8]
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def tool_index(*, tool: Tool) -> None:
    """Refresh the text search reads (provider, capabilities...) after relations changed."""
    tool.refresh_denormalised()
    search.refresh_terms([tool.pk])
    selectors.catalogue_changed()


@transaction.atomic
def provider_get_or_create(
    *, name: str, kind: str, country: str = "", website: str = ""
) -> Provider:
    provider = Provider.objects.filter(name__iexact=name.strip()).first()
    if provider:
        return provider
    provider = Provider(
        name=name.strip(),
        slug=unique_slug(Provider, name),
        kind=kind,
        country=country,
        website=website,
    )
    provider.full_clean()
    provider.save()
    return provider


@transaction.atomic
def tool_submit(
    *,
    submitted_by: "User",
    name: str,
    provider_name: str,
    provider_kind: str,
    provider_country: str = "",
    summary: str,
    description: str = "",
    website: str = "",
    stages: Iterable[Stage],
    capabilities: Iterable[Capability],
    data_types: Iterable[DataType] = (),
    phases: Iterable[Phase] = (),
    deployment: Iterable[str] = (),
    cost_model: str,
    open_source: bool = False,
    licence: str = "",
    languages: Iterable[str] = (),
    contact: str = "",
    accuracy_evidence: str = "",
) -> Tool:
    """A member proposes a tool: it enters review and the curators are told by email."""
    provider = provider_get_or_create(
        name=provider_name, kind=provider_kind, country=provider_country, website=website
    )
    tool = Tool(
        name=name.strip(),
        slug=unique_slug(Tool, name),
        provider=provider,
        summary=summary,
        description=description,
        website=website,
        deployment=list(deployment),
        cost_model=cost_model,
        open_source=open_source,
        licence=licence,
        languages=list(languages),
        contact=contact,
        accuracy_evidence=accuracy_evidence,
        status=Status.IN_REVIEW,
        submitted_by=submitted_by,
    )
    tool.full_clean()
    tool.save()
    tool.stages.set(stages)
    tool.capabilities.set(capabilities)
    tool.data_types.set(data_types)
    tool.phases.set(phases)
    tool_index(tool=tool)
    tasks.deliver_submission_notice.enqueue(tool.pk)  # a task row in this transaction
    return tool


def curators_notify_submission(*, tool_id: int) -> None:
    """Email the curators about a submitted tool (run by the worker, see catalogue.tasks)."""
    tool = Tool.objects.select_related("submitted_by").filter(pk=tool_id).first()
    if tool is None:
        return
    if not settings.CURATOR_EMAILS:
        logger.info("Tool %s submitted; no CURATOR_EMAILS configured.", tool.slug)
        return
    base = settings.SITE_URL.rstrip("/")
    send_templated(
        to=list(settings.CURATOR_EMAILS),
        template="catalogue/emails/tool_submitted",
        context={
            "tool": tool,
            "submitter": tool.submitted_by,
            "admin_url": base + reverse("admin:catalogue_tool_change", args=[tool.pk]),
        },
    )


def tool_check_transition(*, current: str, target: str) -> None:
    """Refuse a move the workflow does not allow, in words a curator understands."""
    if target == current or target in TRANSITIONS.get(current, set()):
        return
    if target not in Status.values:
        raise ValidationError(
            _("“%(value)s” is not a status. A tool is one of: %(statuses)s.")
            % {"value": target, "statuses": ", ".join(Status.values)},
            code="invalid_status",
        )
    allowed = ", ".join(f"“{Status(s).label}”" for s in Status.values if s in TRANSITIONS[current])
    raise ValidationError(
        _("A tool cannot go from “%(old)s” to “%(new)s”. From “%(old)s” it can go to %(allowed)s.")
        % {"old": Status(current).label, "new": Status(target).label, "allowed": allowed},
        code="status_transition",
    )


@transaction.atomic
def tool_set_status(*, tool: Tool, status: str) -> Tool:
    """Move a tool along the workflow. Publishing stamps the first publication date and,
    when the entry was never verified, today's verification."""
    if status == tool.status:
        return tool
    tool_check_transition(current=tool.status, target=status)
    tool.status = status
    if status == Status.PUBLISHED:
        tool.published_at = tool.published_at or timezone.now()
        tool.last_verified = tool.last_verified or timezone.localdate()
    if status == Status.RETIRED:
        tool.retired_at = timezone.now()
    elif tool.retired_at is not None:
        tool.retired_at, tool.successor = None, None
    tool.full_clean()
    tool.save()
    return tool


@transaction.atomic
def tool_retire(*, tool: Tool, successor: Tool | None = None) -> Tool:
    """Retire a published tool, naming the tool that replaces it (if any): the old page then
    says so and points to it, and members who follow the tool hear of it in their digest."""
    if successor is not None:
        if successor.pk == tool.pk:
            raise ValidationError({"successor": _("A tool cannot be its own successor.")})
        if successor.status != Status.PUBLISHED:
            raise ValidationError({"successor": _("The successor must be a published tool.")})
    tool.successor = successor
    return tool_set_status(tool=tool, status=Status.RETIRED)


@transaction.atomic
def tool_save(*, tool: Tool, status: str | None = None) -> Tool:
    """Save a curator's edit of a tool (the admin form, a CSV import row) and move it to
    ``status`` through the workflow.

    The row is first saved with the status it has in the database (a new tool as a draft),
    whatever ``tool.status`` says, so that no caller can skip the workflow; then
    ``tool_set_status`` makes the move, or refuses it with a ``ValidationError`` before
    anything is written. A new tool entered by a curator counts as verified today unless a
    date is given; its publication date is stamped when it is published, never typed in.
    Relations (stages, capabilities...) are the caller's to set, then ``tool_index``.
    """
    target = status or tool.status
    if tool._state.adding:
        tool.status = Status.DRAFT
        tool.published_at = None
        tool.last_verified = tool.last_verified or timezone.localdate()
    else:
        stored = Tool.objects.select_for_update().only("status", "published_at").get(pk=tool.pk)
        tool.status, tool.published_at = stored.status, stored.published_at
    tool_check_transition(current=tool.status, target=target)
    tool.full_clean()
    tool.save()
    return tool_set_status(tool=tool, status=target)


@transaction.atomic
def tool_mark_verified(*, tool: Tool, on: date | None = None) -> Tool:
    """A curator checked the entry against its provider: record the date."""
    tool.last_verified = on or timezone.localdate()
    tool.full_clean()
    tool.save(update_fields=["last_verified", "updated_at"])
    return tool


RESPONSIBLE_FLAGS = ("independently_tested", "human_review_documented", "exposure_safeguards")


@transaction.atomic
def tool_set_responsible_flags(
    *,
    tool: Tool,
    independently_tested: bool,
    human_review_documented: bool,
    exposure_safeguards: Iterable[str],
) -> Tool:
    """Copy the responsible-AI facts the list's facets read onto the tool (the app that keeps
    the profiles calls this whenever a profile or an evidence claim changes).

    ``independently_tested`` must rest on public evidence only: the column is one value for
    every visitor, so a restricted claim would show through the counts. The row is written
    only when a value changed, without touching ``updated_at`` (the entry itself did not
    change), and cached list pages are invalidated.
    """
    values = {
        "independently_tested": bool(independently_tested),
        "human_review_documented": bool(human_review_documented),
        "exposure_safeguards": sorted(set(exposure_safeguards)),
    }
    for name, value in values.items():
        setattr(tool, name, value)
    stored = Tool.objects.select_for_update().filter(pk=tool.pk).values(*RESPONSIBLE_FLAGS).get()
    if stored == values:
        return tool
    others = [f.name for f in Tool._meta.get_fields() if f.name not in RESPONSIBLE_FLAGS]
    tool.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    Tool.objects.filter(pk=tool.pk).update(**values)
    selectors.catalogue_changed()
    return tool


# Shortlists --------------------------------------------------------------------------------


@transaction.atomic
def shortlist_create(*, owner: "User", name: str) -> Shortlist:
    shortlist = Shortlist(owner=owner, name=name.strip())
    shortlist.full_clean()
    shortlist.save()
    return shortlist


@transaction.atomic
def shortlist_add_tool(*, shortlist: Shortlist, tool: Tool, note: str = "") -> ShortlistItem:
    """Add (or, if already there, re-annotate) a tool on a shortlist."""
    item = ShortlistItem.objects.filter(shortlist=shortlist, tool=tool).first()
    if item is None:
        item = ShortlistItem(shortlist=shortlist, tool=tool)
    if note or not item.pk:
        item.note = note
    item.full_clean()
    item.save()
    shortlist.save(update_fields=["updated_at"])
    return item


@transaction.atomic
def shortlist_item_update(*, item: ShortlistItem, note: str) -> ShortlistItem:
    item.note = note
    item.full_clean()
    item.save(update_fields=["note"])
    return item


@transaction.atomic
def shortlist_item_remove(*, item: ShortlistItem) -> None:
    item.delete()


@transaction.atomic
def shortlist_delete(*, shortlist: Shortlist) -> None:
    shortlist.delete()
