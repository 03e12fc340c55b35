"""Atom feed of legal changes: timeline steps (adoption, entry into force, positions…) and
instruments newly added to the tracker."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from legislation import selectors
from legislation.models import Jurisdiction


class LegalChangesFeed(Feed):
    feed_type = Atom1Feed
    feed_title = gettext_lazy("Global Hub: changes in law on online child sexual exploitation")
    subtitle = gettext_lazy(
        "New instruments, status changes and dated steps recorded by the legislation tracker."
    )

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

    def feed_url(self, obj=None):
        url = reverse("legislation:feed")
        return f"{url}?jurisdiction={obj.code}" if obj else url

    def link(self, obj=None):
        return obj.get_absolute_url() if obj else reverse("legislation:index")

    def items(self, obj=None):
        return selectors.legal_changes(jurisdiction=obj, limit=50)

    def item_title(self, item):
        instrument = item["instrument"]
        where = instrument.jurisdiction.display_name
        if item["event"]:
            return f"{instrument.short_title} ({where}): {item['event'].title}"
        return _("Added to the tracker: %(title)s (%(where)s)") % {
            "title": instrument.short_title,
            "where": where,
        }

    def item_description(self, item):
        instrument = item["instrument"]
        status = _("Status: %(status)s.") % {"status": instrument.get_status_display()}
        return f"{status} {instrument.summary}"

    def item_link(self, item):
        url = item["instrument"].get_absolute_url()
        return f"{url}#event-{item['event'].pk}" if item["event"] else url

    def item_guid(self, item):
        if item["event"]:
            return f"legislation-event-{item['event'].pk}"
        return f"legislation-instrument-{item['instrument'].pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        if item["event"]:
            return timezone.make_aware(datetime.combine(item["date"], time(12)))
        return item["instrument"].created_at

    def item_updateddate(self, item):
        return self.item_pubdate(item)
