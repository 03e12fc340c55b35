"""Registrations under real concurrency: PostgreSQL, one connection per thread, all at once."""

import pytest
from django.test import Client
from django.urls import reverse

from hub.models import Agency, User
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db(transaction=True)


def register(email, agency_name="New Regional Cybercrime Unit"):
    def job():
        client = Client(raise_request_exception=False)
        return client.post(
            reverse("hub:register"),
            {
                "full_name": "Officer Example",
                "email": email,
                "agency_name": agency_name,
                "agency_kind": "police",
                "country": "KE",
                "role": "investigator",
                "password1": "long-enough-passphrase",
                "password2": "long-enough-passphrase",
            },
        ).status_code

    return job


def test_eight_people_of_a_new_agency_registering_at_once_all_get_their_accounts():
    # The agency name arrives in different cases, as people type it.
    names = ["New Regional Cybercrime Unit", "new regional cybercrime unit"]
    jobs = [register(f"officer{i}@unit.test", names[i % 2]) for i in range(8)]

    results = run_at_once(jobs)

    assert results == [302] * 8
    assert User.objects.filter(email__startswith="officer").count() == 8
    agency = Agency.objects.get()
    assert set(agency.members.values_list("email", flat=True)) == {
        f"officer{i}@unit.test" for i in range(8)
    }


def test_one_address_registered_twice_at_once_makes_one_account_and_no_error():
    results = run_at_once([register("Same.Person@Unit.test"), register("same.person@unit.test")])

    assert results == [302, 302]
    assert User.objects.filter(email__iexact="same.person@unit.test").count() == 1
