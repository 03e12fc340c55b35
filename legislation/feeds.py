"""Atom feed of legal changes: each dated step in an instrument's life (proposal, adoption,
entry into force, position, amendment…) and each state's consent to be bound by a treaty is one
entry, dated when it happened in law.

Entry ids are ``tag:`` URIs (RFC 4151) built from ``settings.FEED_TAG_AUTHORITY``, so they are
full IRIs that stay the same on every deployment; the feed names its author."""

from datetime import datetime, time

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from legislation import selectors
from legislation.models import Event, Jurisdiction, Participation


def tag_uri(path: str) -> str:
    """``tag:<authority>:legislation/<path>``,
    e.g. ``tag:globalhub.example,2026:legislation/event/7``."""
    return f"tag:{settings.FEED_TAG_AUTHORITY}:legislation/{path}"


class LegalChangesFeed(Feed):
    feed_type = Atom1Feed
    feed_title = gettext_lazy("Global Hub: changes in law on online child sexual exploitation")
    subtitle = gettext_lazy(
        "Dated steps in the law recorded by the legislation tracker: proposals, adoptions, "
        "entry into force, positions and amendments, each with its source."
    )
    author_name = gettext_lazy("Global Hub legislation tracker")

    def get_object(self, request):
        """``?jurisdiction=GB``: only changes that concern that jurisdiction (404 if unknown)."""
        code = request.GET.get("jurisdiction", "").strip().upper()
        if not code:
            return None
        return get_object_or_404(Jurisdiction, code=code)

    def title(self, obj=None):
        if obj is None:
            return self.feed_title
        return _("Global Hub: changes in law for %(name)s") % {"name": obj.display_name}

    def feed_guid(self, obj=None):
        return tag_uri(f"changes/{obj.code}" if obj else "changes")

    def feed_url(self, obj=None):
        url = reverse("legislation:feed")
        return f"{url}?jurisdiction={obj.code}" if obj else url

    def link(self, obj=None):
        return obj.get_absolute_url() if obj else reverse("legislation:index")

    def items(self, obj=None):
        return selectors.legal_changes(jurisdiction=obj, limit=50)

    def item_title(self, item: Event | Participation):
        if isinstance(item, Participation):
            return _("%(state)s is bound by the %(treaty)s") % {
                "state": item.jurisdiction.display_name,
                "treaty": item.treaty.short_title,
            }
        instrument = item.instrument
        return f"{instrument.short_title} ({instrument.jurisdiction.display_name}): {item.title}"

    def item_description(self, item: Event | Participation):
        if isinstance(item, Participation):
            kind = item.get_consent_kind_display() or _("Consent to be bound")
            text = _("%(kind)s on %(date)s.") % {
                "kind": kind,
                "date": date_format(item.ratified_on, item.ratified_format),
            }
            if not item.verified:
                text += " " + _("Not yet verified by a curator.")
            return f"{text} {item.treaty.summary}"
        instrument = item.instrument
        status = _("Status: %(status)s.") % {"status": instrument.get_status_display()}
        note = f" {item.note}" if item.note else ""
        return f"{status}{note} {instrument.summary}"

    def item_link(self, item: Event | Participation):
        if isinstance(item, Participation):
            return f"{item.jurisdiction.get_absolute_url()}#treaties-title"
        return f"{item.instrument.get_absolute_url()}#event-{item.pk}"

    def item_guid(self, item: Event | Participation):
        if isinstance(item, Participation):
            return tag_uri(f"participation/{item.pk}")
        return tag_uri(f"event/{item.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, item: Event | Participation):
        day = item.ratified_on if isinstance(item, Participation) else item.date
        return timezone.make_aware(datetime.combine(day, time(12)))

    def item_updateddate(self, item: Event | Participation):
        return self.item_pubdate(item)
