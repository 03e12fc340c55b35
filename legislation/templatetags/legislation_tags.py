"""Template tags other apps' pages use to show the law (the tool page's legal points)."""

from django import template

from legislation import selectors

register = template.Library()


@register.inclusion_tag("legislation/_legal_points.html", takes_context=True)
def legal_points(context, tool, user):
    """The law on the topics tied to ``tool``'s capabilities in ``user``'s country and the
    bodies it belongs to (EU, Council of Europe, UN) and the treaties it has ratified. At most
    three queries."""
    return {
        "tool": tool,
        "user": user,
        "request": context.get("request"),
        **selectors.legal_points_for_tool(tool=tool, user=user),
    }
