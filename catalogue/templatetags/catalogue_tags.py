import markdown as markdown_lib
import nh3
from django import template
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

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
    list page shows about a hundred of them and this is the page's hottest markup."""
    rows = []
    for option in facet.options:
        input_id = f"f-{facet.name}-{option.value}"
        rows.append(
            (
                " facet__option--empty" if option.disabled else "",
                facet.name,
                option.value,
                input_id,
                mark_safe(  # noqa: S308 - two fixed attribute names
                    (" checked" if option.selected else "")
                    + (" disabled" if option.disabled else "")
                ),
                input_id,
                option.label,
                option.count,
            )
        )
    return format_html_join(
        "\n",
        '<li class="facet__option{}"><input type="checkbox" name="{}" value="{}" id="{}"{}>'
        ' <label for="{}">{} <span class="facet__count">({})</span></label></li>',
        rows,
    )
