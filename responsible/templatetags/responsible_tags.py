"""Template helpers of the responsible-AI pages (the panels on catalogue pages are
registered with ``catalogue.panels`` in ``ResponsibleConfig.ready``)."""

from django import template

register = template.Library()


@register.filter
def lines(text):
    """Split stored multi-line text for a list."""
    return [line for line in (text or "").splitlines() if line.strip()]
