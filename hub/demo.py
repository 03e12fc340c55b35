"""Demo accounts for ``manage.py seed_demo``. Every demo account uses DEMO_PASSWORD."""

from typing import TextIO

from django.contrib.auth.models import Group
from django.utils import timezone

from hub.access import TRAINER_GROUP
from hub.models import Agency, User
from hub.services import user_make_curator

DEMO_PASSWORD = "demo-password-2026"

ACCOUNTS = {
    "curator": "curator@demo.globalhub.test",
    "investigator": "investigator@demo.globalhub.test",
    "pending": "pending@demo.globalhub.test",
    "trainer": "trainer@demo.globalhub.test",
    "provider": "provider@demo.globalhub.test",
}

_PEOPLE = {
    "curator": (
        "Cora Curator (demo)",
        "Global Hub demo curation team",
        "NL",
        "government",
        "policy",
    ),
    "investigator": (
        "Ivan Investigator (demo)",
        "Demo National Police Cybercrime Unit",
        "FR",
        "police",
        "investigator",
    ),
    "pending": ("Paula Pending (demo)", "Demo Regional Police", "KE", "police", "analyst"),
    "trainer": ("Tomas Trainer (demo)", "Demo Police Academy", "ES", "police", "trainer"),
    "provider": ("Priya Provider (demo)", "Demo Analytics Ltd", "GB", "industry", "provider"),
}


def seed(*, stdout: TextIO) -> None:
    now = timezone.now()
    for key, email in ACCOUNTS.items():
        full_name, agency_name, country, kind, role = _PEOPLE[key]
        agency, _ = Agency.objects.get_or_create(
            name=agency_name, country=country, defaults={"kind": kind}
        )
        verified = key != "pending"
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": full_name,
                "agency": agency,
                "country": country,
                "role": role,
                "email_confirmed_at": now,
                "verification_status": "verified" if verified else "pending",
                "verified_at": now if verified else None,
                "verification_note": "Demo account.",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if key == "curator" and not user.is_staff:
            user_make_curator(user=user)
        if key == "trainer":
            user.groups.add(*_groups(TRAINER_GROUP))
    stdout.write(f"Demo accounts: {len(ACCOUNTS)} (password for all: {DEMO_PASSWORD})")


def _groups(name: str) -> list[Group]:
    return [Group.objects.get_or_create(name=name)[0]]


def describe() -> str:
    rows = [f"  {key:<13} {email}" for key, email in ACCOUNTS.items()]
    return "\n".join(["Demo accounts (password: " + DEMO_PASSWORD + "):", *rows])
