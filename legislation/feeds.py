"""Atom feed of legal changes: timeline steps (adoption, entry into force, positions…) and
instruments newly added to the tracker."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from legislation import selectors


class LegalChangesFeed(Feed):
    feed_type = Atom1Feed
    title = gettext_lazy("Global Hub: changes in law on online child sexual exploitation")
    subtitle = gettext_lazy(
        "New instruments, status changes and dated steps recorded by the legislation tracker."
    )
    link = reverse_lazy("legislation:index")

    def feed_url(self):
        return reverse("legislation:feed")

    def items(self):
        return selectors.legal_changes(limit=50)

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
