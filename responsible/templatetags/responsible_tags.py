"""Temporary hooks that put the responsible-AI panels on catalogue pages, until the
catalogue's panel registry calls ``responsible.panels`` itself."""

from django import template

from responsible import panels

register = template.Library()


@register.inclusion_tag(panels.TOOL_PANEL_TEMPLATE, takes_context=True)
def responsible_tool_panel(context, tool):
    request = context.get("request")
    return {"request": request, **panels.tool_panel_context(tool=tool, user=request.user)}


@register.inclusion_tag(panels.COMPARE_TEMPLATE, takes_context=True)
def responsible_compare(context, tools):
    request = context.get("request")
    return {"request": request, **panels.compare_context(tools=tools, user=request.user)}


@register.inclusion_tag(panels.SUBMISSIONS_TEMPLATE, takes_context=True)
def responsible_my_proposals(context):
    request = context.get("request")
    return {"request": request, **panels.submissions_context(user=request.user)}


@register.filter
def lines(text):
    """Split stored multi-line text for a list."""
    return [line for line in (text or "").splitlines() if line.strip()]
