"""Fictional community data for ``manage.py seed_demo``: the demo investigator and trainer
listed in the directory, and field reports from three demo agencies on one demo tool, so
its page shows the aggregate. Every name says "(demo)". Safe to run again."""

from django.utils import timezone

from catalogue.models import Stage, Tool
from community import services
from hub.demo import ACCOUNTS
from hub.models import Agency, User

_REPORTERS = [
    ("reporter-a@demo.globalhub.test", "Rita Reporter (demo)", "Demo Border Police", "PT"),
    ("reporter-b@demo.globalhub.test", "Ravi Reporter (demo)", "Demo State Police", "IN"),
]


def seed(*, stdout) -> None:
    tool = Tool.objects.published().filter(is_demo=True).order_by("name").first()
    stage = Stage.objects.order_by("position").first()
    listed = User.objects.filter(email__in=[ACCOUNTS["investigator"], ACCOUNTS["trainer"]])
    for user in listed:
        services.profile_update(
            user=user,
            is_listed=True,
            name_display="full",
            show_agency_name=False,
            languages=["en", "fr"],
            stages=[stage] if stage else [],
            capabilities=[],
            tools=[tool] if tool else [],
            show_courses=True,
            digest_frequency="weekly",
        )
    if tool is None or stage is None:
        stdout.write("Community demo: no demo tool, no field reports.")
        return
    now = timezone.now()
    reporters = list(listed)
    for email, name, agency_name, country in _REPORTERS:
        agency, _created = Agency.objects.get_or_create(
            name=agency_name, country=country, defaults={"kind": Agency.Kind.POLICE}
        )
        user, _created = User.objects.get_or_create(
            email=email,
            defaults={
                "full_name": name,
                "agency": agency,
                "country": country,
                "role": User.Role.INVESTIGATOR,
                "email_confirmed_at": now,
                "verification_status": User.Verification.VERIFIED,
                "verified_at": now,
                "verification_note": "Demo account.",
            },
        )
        reporters.append(user)
    for number, user in enumerate(reporters):
        services.field_report_save(
            author=user,
            tool=tool,
            stage=stage,
            case_kind=["distribution", "grooming", "victim_id", "sextortion"][number % 4],
            data_volume=["medium", "large", "small", "medium"][number % 4],
            time_saved="much",
            exposure_saved="some",
            went_wrong=f"(demo) Lesson {number + 1}: plan a week to tune the thresholds.",
            still_used="yes",
            open_to_questions=number == 0,
        )
    stdout.write(f"Community demo: {listed.count()} listed members, field reports on {tool}.")
