"""A member's shortlists (``/tools/shortlists/``) and their items."""

from django.db.models import Count

from catalogue.models import Shortlist, ShortlistItem, Tool
from catalogue.selectors.viewer import Viewer, can_see_restricted
from hub.access import Visibility


def shortlists_of(*, user: Viewer) -> list[Shortlist]:
    return list(
        Shortlist.objects.filter(owner=user).annotate(item_total=Count("items")).order_by("name")
    )


def shortlist_items(*, shortlist: Shortlist, user: Viewer) -> list[ShortlistItem]:
    """The items of a shortlist with their tools; ``tool.listed`` says whether the tool is
    still published and open to ``user``."""
    items = list(shortlist.items.select_related("tool__provider").order_by("added_at"))
    restricted = can_see_restricted(user)
    for item in items:
        item.tool.listed = item.tool.status == Tool.Status.PUBLISHED and (
            item.tool.visibility == Visibility.PUBLIC or restricted
        )
    return items
