"""Writes with rules: submissions, the curation workflow, verification, shortlists."""

import logging
from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from catalogue import search, selectors
from catalogue.models import Provider, Shortlist, ShortlistItem, Tool
from hub.emails import send_templated

logger = logging.getLogger(__name__)

Status = Tool.Status

# The curation workflow: draft -> in review -> published -> retired (and back for fixes).
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.IN_REVIEW},
    Status.IN_REVIEW: {Status.PUBLISHED, Status.DRAFT},
    Status.PUBLISHED: {Status.RETIRED, Status.IN_REVIEW},
    Status.RETIRED: {Status.IN_REVIEW, Status.DRAFT},
}


def unique_slug(model, text: str, *, max_length: int = 200) -> str:
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
def provider_get_or_create(*, name: str, kind: str, country: str = "", website: str = ""):
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
    submitted_by,
    name: str,
    provider_name: str,
    provider_kind: str,
    provider_country: str = "",
    summary: str,
    description: str = "",
    website: str = "",
    stages: Iterable,
    capabilities: Iterable,
    data_types: Iterable = (),
    phases: Iterable = (),
    deployment: list[str] = (),
    cost_model: str,
    open_source: bool = False,
    licence: str = "",
    languages: list[str] = (),
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
    transaction.on_commit(lambda: _notify_curators(tool))
    return tool


def _notify_curators(tool: Tool) -> None:
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


@transaction.atomic
def tool_set_status(*, tool: Tool, status: str) -> Tool:
    """Move a tool along the workflow. Publishing stamps the first publication date and,
    when the entry was never verified, today's verification."""
    if status == tool.status:
        return tool
    if status not in TRANSITIONS.get(tool.status, set()):
        raise ValidationError(
            _("A tool cannot go from “%(old)s” to “%(new)s”.")
            % {"old": tool.get_status_display(), "new": Status(status).label}
        )
    tool.status = status
    if status == Status.PUBLISHED:
        tool.published_at = tool.published_at or timezone.now()
        tool.last_verified = tool.last_verified or timezone.localdate()
    tool.full_clean()
    tool.save()
    return tool


@transaction.atomic
def tool_mark_verified(*, tool: Tool, on: date | None = None) -> Tool:
    """A curator checked the entry against its provider: record the date."""
    tool.last_verified = on or timezone.localdate()
    tool.full_clean()
    tool.save(update_fields=["last_verified", "updated_at"])
    return tool


# Shortlists --------------------------------------------------------------------------------


@transaction.atomic
def shortlist_create(*, owner, name: str) -> Shortlist:
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
