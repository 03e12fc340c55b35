"""Times where the reader is: pages and emails in the member's own zone, always with the zone
named; the session page and emails also give the session's own local time; forms for
sessions take times in the session's zone; calendar files that calendars accept in order."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from tests.factories import UserFactory
from tests.training.factories import SessionFactory
from training import services
from training.models import Enrolment

# 1 September 2026, 08:00 UTC: 10:00 in Madrid (CEST), 17:00 in Tokyo (JST).
START = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
END = datetime(2026, 9, 1, 11, 0, tzinfo=UTC)


@pytest.fixture
def madrid_session(db):
    return SessionFactory(timezone_name="Europe/Madrid", starts_at=START, ends_at=END)


@pytest.fixture
def tokyo_member(db):
    return UserFactory(verified=True, time_zone="Asia/Tokyo")


@time_machine.travel(datetime(2026, 8, 1, tzinfo=UTC), tick=False)
def test_trainee_in_tokyo_reads_a_madrid_session_in_tokyo_time(
    client_for, madrid_session, tokyo_member
):
    page = client_for(tokyo_member).get(madrid_session.get_absolute_url()).content.decode()
    assert "1 September 2026, 17:00 JST" in page  # the reader's own time, zone named
    assert "1 September 2026, 10:00–13:00 CEST (Europe/Madrid)" in page  # the session's
    assert "UTC" not in page.split("<main", 1)[1]

    services.enrolment_create(session=madrid_session, user=tokyo_member)
    message = mail.outbox[-1]
    assert "1 September 2026, 17:00 JST" in message.body
    assert "10:00–13:00 CEST (Europe/Madrid)" in message.body
    html = message.alternatives[0][0]
    assert "1 September 2026, 17:00 JST" in html

    listing = client_for(tokyo_member).get(reverse("training:my-training")).content.decode()
    assert "1 September 2026, 17:00 JST" in listing


@time_machine.travel(datetime(2026, 8, 1, tzinfo=UTC), tick=False)
def test_emails_follow_the_recipient_not_the_sender(madrid_session, tokyo_member):
    """A trainer in Madrid writes; the trainee in Tokyo reads Tokyo time in Chinese."""
    tokyo_member.preferred_language = "zh-hans"
    tokyo_member.save()
    trainer = UserFactory(verified=True, time_zone="Europe/Madrid")
    Enrolment.objects.create(session=madrid_session, user=tokyo_member, status="confirmed")
    services.session_email_confirmed(
        session=madrid_session, subject="Hola", message="Texto", by=trainer
    )
    body = mail.outbox[-1].body
    assert "2026年9月1日 17:00 JST" in body
    assert "九月" not in body


def test_visitor_reads_utc_with_the_zone_named(client_for, madrid_session):
    page = client_for(None).get(madrid_session.get_absolute_url()).content.decode()
    assert "1 September 2026, 08:00 UTC" in page


def test_dates_use_each_language_s_own_format(client_for, madrid_session):
    """Chinese reads 2026年9月1日, not a month name glued in the English order."""
    member = UserFactory(verified=True, preferred_language="zh-hans", time_zone="Asia/Shanghai")
    client = client_for(member)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(madrid_session.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert "2026年9月1日 16:00 CST" in text
    assert "九月 2026" not in text


def test_member_chooses_a_zone_at_registration_and_in_the_profile(client, client_for):
    data = {
        "full_name": "Aiko Example",
        "email": "aiko@police.test",
        "agency_name": "Example Unit",
        "agency_kind": "police",
        "country": "JP",
        "role": "investigator",
        "time_zone": "Asia/Tokyo",
        "password1": "long-enough-passphrase",
        "password2": "long-enough-passphrase",
    }
    client.post(reverse("hub:register"), data)
    from hub.models import User

    member = User.objects.get(email="aiko@police.test")
    assert member.time_zone == "Asia/Tokyo"

    page = client_for(member).get(reverse("hub:register"))
    assert page.status_code == 302  # signed in: the form is the profile's
    profile = client_for(member).get(reverse("hub:profile")).content.decode()
    assert "data-guess-timezone" in profile and "js/timezone.js" in profile

    bad = client_for(member).post(
        reverse("hub:profile"),
        {"full_name": "Aiko", "role": "analyst", "preferred_language": "en", "time_zone": "Mars"},
    )
    assert bad.status_code == 200 and "time_zone" in bad.context["form"].errors
    member.refresh_from_db()
    assert member.time_zone == "Asia/Tokyo"


@time_machine.travel(datetime(2026, 8, 1, tzinfo=UTC), tick=False)
def test_admin_takes_times_in_the_session_zone(client_for, madrid_session):
    from hub.models import User

    curator = User.objects.create_superuser(email="cur@hub.test", password="x", full_name="C")
    curator.time_zone = "Asia/Tokyo"
    curator.save()
    client = client_for(curator)
    url = reverse("admin:training_session_change", args=[madrid_session.pk])
    page = client.get(url).content.decode()
    assert "Europe/Madrid" in page and 'value="2026-09-01"' in page and 'value="10:00:00"' in page


@time_machine.travel(datetime(2026, 8, 1, tzinfo=UTC))
def test_calendar_file_after_cancel_and_re_enrol_is_newer(tokyo_member):
    """Cancelled (SEQUENCE n, CANCEL), enrolled again: the new file carries a larger
    SEQUENCE with the same UID, so calendar programs show the event again."""
    madrid_session = SessionFactory(timezone_name="Europe/Madrid", starts_at=START, ends_at=END)

    def sequence_and_uid(message):
        name, data, _mime = message.attachments[0]
        event = Calendar.from_ical(data).walk("VEVENT")[0]
        return int(event["SEQUENCE"]), str(event["UID"]), str(event["STATUS"])

    first = services.enrolment_create(session=madrid_session, user=tokyo_member)
    seq1, uid1, status1 = sequence_and_uid(mail.outbox[-1])
    with time_machine.travel(datetime(2026, 8, 2, tzinfo=UTC)):
        services.enrolment_cancel(enrolment=first)
    seq2, uid2, status2 = sequence_and_uid(mail.outbox[-1])
    with time_machine.travel(datetime(2026, 8, 3, tzinfo=UTC)):
        services.enrolment_create(session=madrid_session, user=tokyo_member)
    seq3, uid3, status3 = sequence_and_uid(mail.outbox[-1])
    assert uid1 == uid2 == uid3
    assert (status1, status2, status3) == ("CONFIRMED", "CANCELLED", "CONFIRMED")
    assert seq1 < seq2 < seq3


def test_calendar_download_is_the_same_twice(client_for, madrid_session, tokyo_member):
    enrolment = Enrolment.objects.create(
        session=madrid_session, user=tokyo_member, status="confirmed"
    )
    client = client_for(tokyo_member)
    url = reverse("training:enrolment-ics", args=[enrolment.pk])

    def event(data):
        return Calendar.from_ical(data).walk("VEVENT")[0]

    one, two = event(client.get(url).content), event(client.get(url).content)
    assert one["UID"] == two["UID"] and one["SEQUENCE"] == two["SEQUENCE"]


def test_admin_reads_typed_times_in_the_session_zone_not_the_curator_s(client_for):
    from hub.models import User
    from tests.training.factories import CourseFactory
    from training.models import Session

    curator = User.objects.create_superuser(email="cur2@hub.test", password="x", full_name="C")
    curator.time_zone = "Asia/Tokyo"
    curator.save()
    course = CourseFactory()
    response = client_for(curator).post(
        reverse("admin:training_session_add"),
        {
            "course": course.pk,
            "format": "in_person",
            "starts_at_0": "2030-07-01",
            "starts_at_1": "10:00:00",
            "ends_at_0": "2030-07-01",
            "ends_at_1": "12:00:00",
            "timezone_name": "Europe/Madrid",
            "capacity": "10",
            "cancel_hours": "24",
            "waitlist_mode": "confirm",
            "offer_hours": "48",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    session = Session.objects.get(course=course)
    assert session.starts_at == datetime(2030, 7, 1, 8, 0, tzinfo=UTC)  # 10:00 in Madrid


@time_machine.travel(datetime(2026, 8, 1, tzinfo=UTC), tick=False)
def test_arabic_email_reads_tokyo_time_in_arabic_formats(madrid_session, tokyo_member):
    """A trainee in Tokyo who reads Arabic: Tokyo time, zone named, Arabic month names from
    Django's formats, and the session's own Madrid time."""
    from django.utils import translation

    from hub.timezones import format_local

    tokyo_member.preferred_language = "ar"
    tokyo_member.save()
    services.enrolment_create(session=madrid_session, user=tokyo_member)
    body = mail.outbox[-1].body
    with translation.override("ar"):
        tokyo = format_local(START, "Asia/Tokyo")
    assert tokyo.endswith(" JST") and "سبتمبر" in tokyo
    assert tokyo in body
    assert "(Europe/Madrid)" in body
    assert "September" not in body
