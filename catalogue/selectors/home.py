"""The home page (``/``): the workflow stages as entry points into the catalogue."""

from django.core.cache import cache
from django.db.models import Count, Q

from catalogue.models import Stage, Tool
from catalogue.selectors.cache import LIST_CACHE_SECONDS, catalogue_version
from hub.access import Visibility


def stage_entry_points() -> list[Stage]:
    """The workflow stages for the home page, in order, each with ``tool_count`` (published,
    public tools: what anyone can open). Cached under the catalogue's version."""
    key = f"catalogue:stages:{catalogue_version()}"
    stages = cache.get(key)
    if stages is None:
        published_public = Q(tools__status=Tool.Status.PUBLISHED) & Q(
            tools__visibility=Visibility.PUBLIC
        )
        stages = list(
            Stage.objects.annotate(tool_count=Count("tools", filter=published_public)).order_by(
                "position", "name"
            )
        )
        cache.set(key, stages, LIST_CACHE_SECONDS)
    return stages
