"""Every admin answers malformed input with a form error or a 400, never a 500.

The lists are built from the admin site itself, so a new ModelAdmin is covered by default.
"""

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse

from hub.models import User
from tests.conftest import use_second_factor
from tests.factories import PASSWORD

JUNK_IDS = ["on", "9999-12-31", "1e309", "\r\n", "-1", "99999999999999999999", "1,2", "ü"]
JUNK_YEARS = ["-1", "0", "9999", "10000", "99999999999999999999", "abc", "1e309"]


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def relation_fields(model_admin, request):
    """Every foreign key and many-to-many field the add form offers, with its form name."""
    form = model_admin.get_form(request)
    names = []
    for name, field in form.base_fields.items():
        if hasattr(field, "queryset"):
            names.append(name)
    return names


@pytest.fixture
def superclient(db):
    user = User.objects.create_superuser("root@globalhub.test", PASSWORD, full_name="Root")
    client = Client(raise_request_exception=False)
    client.force_login(user)
    use_second_factor(client, user)
    return client, user


def test_every_add_form_with_junk_in_each_relation_field_is_not_a_500(superclient, rf):
    client, user = superclient
    checked = 0
    failures = []
    for model, model_admin in registered():
        try:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        except NoReverseMatch:
            continue
        request = rf.get(url)
        request.user = user
        if not model_admin.has_add_permission(request):
            continue
        fields = relation_fields(model_admin, request)
        for junk in JUNK_IDS:
            data = dict.fromkeys(fields, junk)
            response = client.post(url, data)
            checked += 1
            if response.status_code >= 500:
                failures.append((model._meta.label, junk, response.status_code))
    assert checked > 50
    assert failures == []


def date_fields(model):
    return [
        f.name
        for f in model._meta.get_fields()
        if isinstance(f, models.DateField) and not f.auto_created and f.concrete
    ]


def test_every_changelist_with_junk_date_filters_is_not_a_500(superclient):
    client, _ = superclient
    checked = 0
    failures = []
    for model, model_admin in registered():
        try:
            url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        except NoReverseMatch:
            continue
        names = set(date_fields(model))
        if model_admin.date_hierarchy:
            names.add(model_admin.date_hierarchy)
        for name in sorted(names):
            for junk in JUNK_YEARS:
                for params in (
                    {f"{name}__year": junk},
                    {f"{name}__year": "2026", f"{name}__month": junk},
                    {f"{name}__year": "2026", f"{name}__month": "2", f"{name}__day": junk},
                    {f"{name}__gte": junk},
                ):
                    response = client.get(url, params)
                    checked += 1
                    if response.status_code >= 500:
                        failures.append((model._meta.label, params, response.status_code))
    assert checked > 50
    assert failures == [], failures[:20]


def test_a_junk_id_in_an_autocomplete_field_is_a_form_error_the_curator_can_read(superclient):
    client, user = superclient
    response = client.post(
        reverse("admin:hub_user_change", args=[user.pk]),
        {"email": user.email, "full_name": user.full_name, "agency": "\r\n1e309"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_a_date_the_database_cannot_hold_is_a_400(superclient):
    client, _ = superclient
    response = client.get(reverse("admin:hub_user_changelist"), {"date_joined__year": "9999"})
    assert response.status_code == 400
    assert "Bad request" in response.text
