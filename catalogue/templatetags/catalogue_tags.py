import markdown as markdown_lib
import nh3
from django import template
from django.template import Context
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "code", "pre", "blockquote", "h3", "h4",
}  # fmt: skip


@register.filter
def markdown(text: str) -> str:
    """Markdown to HTML, then sanitised: only simple formatting and links survive."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists"])
    clean = nh3.clean(
        html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}}, link_rel="noopener nofollow"
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 above


@register.filter
def facet_options(facet) -> str:
    """The checkboxes of one facet. Rendered here rather than in a template loop because a
    list page shows about a hundred of them and this is the page's hottest markup; every
    value is escaped."""
    name = escape(facet.name)
    rows = []
    for option in facet.options:
        value = escape(option.value)
        input_id = f"f-{name}-{value}"
        empty = " facet__option--empty" if option.disabled else ""
        state = (" checked" if option.selected else "") + (" disabled" if option.disabled else "")
        rows.append(
            f'<li class="facet__option{empty}"><input type="checkbox" name="{name}" '
            f'value="{value}" id="{input_id}"{state}> <label for="{input_id}">'
            f'{escape(option.label)} <span class="facet__count">({int(option.count)})</span>'
            "</label></li>"
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every value escaped above


@register.simple_tag(takes_context=True)
def tool_panel(context: Context, panel) -> SafeString:
    """Render one registered panel (``catalogue.panels``) like ``{% include %}`` would: the
    page's context plus the panel's own."""
    template = context.template.engine.get_template(panel.template)
    with context.push(**panel.context):
        return template.render(context)
