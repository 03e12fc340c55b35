"""Panels other apps add to catalogue pages: the catalogue's extension point.

The catalogue knows nothing about courses or laws. An app that has something to say about a
tool registers a panel in its ``AppConfig.ready()``::

    register_tool_panel(
        "training-courses",
        template="training/_tool_courses.html",
        context_fn=tool_courses,  # (*, tool, user) -> dict: the template's context
        order=10,
    )

Four places have a slot: the tool page (``register_tool_panel``, context functions take
``tool`` and ``user``), the compare page (``register_compare_panel``: ``tools`` and ``user``),
a member's submissions (``register_submissions_panel``: ``user``) and the list page's facets
(``register_facet_panel``: ``user``; the panel shows under the facet it names, and is part
of the list's cached content, so it is computed once per cached state, not per request).

The tool page asks ``tool_panels(tool=..., user=...)`` for the panels in ``order`` and
renders each template with the page's context plus what its ``context_fn`` returned, where
the panels' slot is. A ``context_fn`` runs its queries once per page view (so a panel must
not query per row), and returns ``None`` to show nothing. Imports run one way: training and
legislation import this module; the catalogue never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from catalogue.models import Tool
from catalogue.selectors.viewer import Viewer

ContextFn = Callable[..., dict[str, Any] | None]
SLOTS = ("tool", "compare", "submissions", "facets")


@dataclass(frozen=True)
class ToolPanel:
    name: str
    template: str
    context_fn: ContextFn
    order: int = 100
    facet: str = ""  # the "facets" slot: the facet (``FACETS`` name) the panel belongs to


@dataclass(frozen=True)
class BoundPanel:
    """A panel ready to render on one page."""

    name: str
    template: str
    context: dict[str, Any]
    facet: str = ""


_registry: dict[str, dict[str, ToolPanel]] = {slot: {} for slot in SLOTS}


def register_panel(
    slot: str,
    name: str,
    *,
    template: str,
    context_fn: ContextFn,
    order: int = 100,
    facet: str = "",
) -> ToolPanel:
    """Add a panel to the page of ``slot`` (registering the same name again replaces it, so
    that ``ready()`` may run twice, as it does in some test setups)."""
    if slot not in _registry:
        raise ImproperlyConfigured(f"No panel slot {slot!r}; the slots are {', '.join(SLOTS)}.")
    if not name or not template or not callable(context_fn):
        raise ImproperlyConfigured("A panel needs a name, a template and a context_fn.")
    panel = ToolPanel(name=name, template=template, context_fn=context_fn, order=order, facet=facet)
    _registry[slot][name] = panel
    return panel


def register_tool_panel(
    name: str, *, template: str, context_fn: ContextFn, order: int = 100
) -> ToolPanel:
    return register_panel("tool", name, template=template, context_fn=context_fn, order=order)


def register_compare_panel(
    name: str, *, template: str, context_fn: ContextFn, order: int = 100
) -> ToolPanel:
    return register_panel("compare", name, template=template, context_fn=context_fn, order=order)


def register_submissions_panel(
    name: str, *, template: str, context_fn: ContextFn, order: int = 100
) -> ToolPanel:
    return register_panel(
        "submissions", name, template=template, context_fn=context_fn, order=order
    )


def register_facet_panel(
    name: str, *, facet: str, template: str, context_fn: ContextFn, order: int = 100
) -> ToolPanel:
    """A note under one facet of the list page (a course that goes with it, say)."""
    from catalogue.facets import FACETS_BY_NAME

    if facet not in FACETS_BY_NAME:
        raise ImproperlyConfigured(f"No facet {facet!r} on the list page.")
    return register_panel(
        "facets", name, template=template, context_fn=context_fn, order=order, facet=facet
    )


def unregister_tool_panel(name: str, slot: str = "tool") -> None:
    _registry[slot].pop(name, None)


def registered_panels(slot: str = "tool") -> list[ToolPanel]:
    return sorted(_registry[slot].values(), key=lambda panel: (panel.order, panel.name))


def panels_for(slot: str, **kwargs: Any) -> list[BoundPanel]:
    """The panels of ``slot`` in order, each with the context its function returned for
    ``kwargs`` (panels whose function returned ``None`` are left out)."""
    bound = []
    for panel in registered_panels(slot):
        context = panel.context_fn(**kwargs)
        if context is not None:
            bound.append(
                BoundPanel(
                    name=panel.name, template=panel.template, context=context, facet=panel.facet
                )
            )
    return bound


def tool_panels(*, tool: Tool, user: Viewer) -> list[BoundPanel]:
    """The panels for ``tool`` as ``user`` sees it, in order, with their context."""
    return panels_for("tool", tool=tool, user=user)


def compare_panels(*, tools: list[Tool], user: Viewer) -> list[BoundPanel]:
    return panels_for("compare", tools=tools, user=user)


def submissions_panels(*, user: Viewer) -> list[BoundPanel]:
    return panels_for("submissions", user=user)


def facet_panels(*, user: Viewer) -> list[BoundPanel]:
    """The notes under the list page's facets, as ``user`` sees them."""
    return panels_for("facets", user=user)
