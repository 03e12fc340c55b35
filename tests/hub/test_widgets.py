"""QuickSelect writes what Django's Select writes: a member sees the same list, with the same
choice kept, whichever renders it."""

import re

import pytest
from django import forms
from django.urls import reverse

from hub.widgets import QuickSelect

CHOICES = [
    ("", "All"),
    ("a<b", "A & B"),
    ("x", 'X "quoted"'),
    ("Group", [("g1", "G1"), ("g2", "G2")]),
]


def tidy(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    pass


@pytest.mark.parametrize("value", ["", "x", "g2", None, "missing"])
def test_a_quick_select_writes_the_same_html_as_djangos(value):
    attrs = {"id": "id_f", "data-guess": "", "required": True, "disabled": False}
    django_html = forms.Select(choices=CHOICES, attrs=attrs).render("f", value)
    quick_html = QuickSelect(choices=CHOICES, attrs=attrs).render("f", value)
    assert tidy(quick_html) == tidy(django_html)


def test_a_quick_multiple_select_keeps_every_chosen_value():
    django_html = forms.SelectMultiple(choices=CHOICES).render("m", ["x", "g1"])
    quick_html = QuickSelectMultiple(choices=CHOICES).render("m", ["x", "g1"])
    assert tidy(quick_html) == tidy(django_html)


@pytest.mark.django_db
def test_the_legislation_filter_keeps_the_chosen_jurisdiction(client):
    from tests.legislation.factories import jurisdiction

    france = jurisdiction("FR")
    response = client.get(reverse("legislation:index"), {"jurisdiction": "FR"})
    assert response.status_code == 200
    assert f'<option value="FR" selected>{france}</option>' in response.content.decode()
