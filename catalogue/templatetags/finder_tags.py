"""What the list search also looked for, read from the case finder's vocabulary."""

from django import template

from catalogue import search

register = template.Library()


@register.simple_tag
def search_expansions(query: str) -> list[dict]:
    """``{% search_expansions result.query as expansions %}``: phrases of the query the
    vocabulary knows, what they were read as and the terms searched too."""
    return search.expansions(query) if query else []
