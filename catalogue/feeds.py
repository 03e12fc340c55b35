"""Atom feed of tools newly published or re-verified (public entries only)."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.db.models import DateTimeField, F
from django.db.models.functions import Cast, Greatest
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from catalogue.models import Tool
from catalogue.selectors.cache import LIST_CACHE_SECONDS, catalogue_version


class ToolFeed(Feed):
    feed_type = Atom1Feed
    title = _("Global Hub: new and re-verified AI tools")
    subtitle = _("Tools published in the catalogue or checked again by its curators.")
    link = reverse_lazy("catalogue:tool-list")

    def items(self):
        """The 50 latest, cached under the catalogue version (any change refreshes it)."""
        key = f"catalogue:feed:{catalogue_version()}"
        return cache.get_or_set(key, self._latest, LIST_CACHE_SECONDS)

    def _latest(self) -> list[Tool]:
        return list(
            Tool.objects.public()
            .select_related("provider")
            .annotate(
                changed=Greatest(
                    F("published_at"), Cast(F("last_verified"), output_field=DateTimeField())
                )
            )
            .order_by("-changed", "name")[:50]
        )

    def item_title(self, item):
        title = item.name
        if item.is_demo:
            title += " " + str(_("(fictional demo)"))
        return title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.provider.name

    def item_updateddate(self, item):
        if item.last_verified:
            verified = timezone.make_aware(datetime.combine(item.last_verified, time.min))
            return max(verified, item.published_at)
        return item.published_at

    def item_pubdate(self, item):
        return item.published_at
