"""The site-wide search (``/search/``): the catalogue's part of it, best match first."""

from django.db.models import QuerySet

from catalogue import search
from catalogue.models import Tool
from catalogue.selectors.viewer import Viewer


def site_search(*, query: str, user: Viewer, limit: int = 5) -> list[dict[str, str]]:
    """Results of the site-wide search: dicts with title, url and summary (what ``user`` may
    see), best match first; misspelled words are corrected from the catalogue's vocabulary."""
    query = (query or "").strip()[:200]
    if not query:
        return []
    tools = ranked(Tool.objects.visible_to(user), query)[:limit]
    if not tools:
        corrected = search.corrected_text(query)
        if corrected:
            tools = ranked(Tool.objects.visible_to(user), corrected)[:limit]
    return [
        {"title": tool.name, "url": tool.get_absolute_url(), "summary": tool.summary}
        for tool in tools
    ]


def ranked(queryset: QuerySet, text: str) -> QuerySet:
    """The tools of ``queryset`` that match ``text``, best match first."""
    query = search.search_query(text)
    return (
        queryset.filter(search_vector=query)
        .annotate(rank=search.rank(query))
        .order_by("-rank", "name")
        .only("name", "slug", "summary")
    )
