"""Panels other apps add to a tool's page: the catalogue's extension point.

The catalogue knows nothing about courses or laws. An app that has something to say about a
tool registers a panel in its ``AppConfig.ready()``::

    register_tool_panel(
        "training-courses",
        template="training/_tool_courses.html",
        context_fn=tool_courses,  # (*, tool, user) -> dict: the template's context
        order=10,
    )

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


@dataclass(frozen=True)
class ToolPanel:
    name: str
    template: str
    context_fn: ContextFn
    order: int = 100


@dataclass(frozen=True)
class BoundPanel:
    """A panel ready to render on one tool's page."""

    name: str
    template: str
    context: dict[str, Any]


_registry: dict[str, ToolPanel] = {}


def register_tool_panel(
    name: str, *, template: str, context_fn: ContextFn, order: int = 100
) -> ToolPanel:
    """Add a panel to every tool page (registering the same name again replaces it, so that
    ``ready()`` may run twice, as it does in some test setups)."""
    if not name or not template or not callable(context_fn):
        raise ImproperlyConfigured("A tool panel needs a name, a template and a context_fn.")
    panel = ToolPanel(name=name, template=template, context_fn=context_fn, order=order)
    _registry[name] = panel
    return panel


def unregister_tool_panel(name: str) -> None:
    _registry.pop(name, None)


def registered_panels() -> list[ToolPanel]:
    return sorted(_registry.values(), key=lambda panel: (panel.order, panel.name))


def tool_panels(*, tool: Tool, user: Viewer) -> list[BoundPanel]:
    """The panels for ``tool`` as ``user`` sees it, in order, with their context."""
    bound = []
    for panel in registered_panels():
        context = panel.context_fn(tool=tool, user=user)
        if context is not None:
            bound.append(BoundPanel(name=panel.name, template=panel.template, context=context))
    return bound
