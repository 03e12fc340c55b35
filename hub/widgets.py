"""Form widgets the portal shares.

``QuickSelect`` writes the same HTML as Django's ``Select`` (``django/forms/widgets/select.html``
and ``select_option.html``) without rendering a template per option: a list of the world's
states or time zones took 30-40 ms of template work on every page that shows it."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _attributes(attrs: dict) -> SafeString:
    """The attributes as ``django/forms/widgets/attrs.html`` writes them: ``False`` left out,
    ``True`` as a bare name."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False and value is not None
        ),
    )


class QuickSelect(forms.Select):
    def render(self, name: str, value: object, attrs: dict | None = None, renderer=None) -> str:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            parts.extend(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    str(option["value"]),
                    _attributes(option["attrs"]),
                    option["label"],
                )
                for option in options
            )
            if group_name:
                parts.append(mark_safe("</optgroup>"))
        parts.append(mark_safe("</select>"))
        return mark_safe("".join(parts))
