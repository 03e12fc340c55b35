"""Fictional demo courses for ``manage.py seed_demo`` (runs after hub and catalogue).

Sessions are dated relative to the day of the first seeding: some are full with a waiting
list, some open, one needs approval, one offers freed seats, some are past with completions
and certificates. Running it again changes nothing: a course that exists is left as it is
(only links to demo tools that appeared since are added). No email is sent.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from training.models import Course, Enrolment, Format, Level, Session, Topic

Status = Enrolment.Status
DEMO_NOTE = "Fictional demo course: invented to show how the training catalogue works."
DEMO_TRAINEES = 8

# slug, title, summary, topic, level, format, language, hours, capability slugs, sessions
# A session is (days from today, seats, kind) where kind says how it is filled.
# fmt: off
COURSES = [
    (
        "hash-matching-essentials",
        "Hash matching essentials",
        "How perceptual and cryptographic hashes find known material without anyone viewing it.",
        Topic.TOOL_TRAINING, Level.INTRODUCTORY, Format.ONLINE_LIVE, "en", 3,
        ["hash-matching", "deduplication"],
        [(-40, 12, "past"), (9, 4, "full"), (30, 12, "open")],
    ),
    (
        "triage-at-scale",
        "Triage at scale: prioritising seized devices",
        "Using classifiers and deduplication to decide which exhibits a person reviews first.",
        Topic.TRIAGE, Level.INTERMEDIATE, Format.HYBRID, "en", 6,
        ["triage", "classification"],
        [(-20, 10, "past"), (14, 4, "full")],
    ),
    (
        "responsible-ai-in-investigations",
        "Responsible AI in investigations",
        "Lawfulness, harm minimisation, human autonomy, fairness and good governance in practice.",
        Topic.RESPONSIBLE_AI, Level.INTRODUCTORY, Format.SELF_PACED, "en", 2,
        [],
        [(5, 40, "open"), (35, 40, "open")],
    ),
    (
        "age-estimation-limits",
        "Age estimation: what models can and cannot tell you",
        "Error rates, bias across populations, and how to report an estimate to a prosecutor.",
        Topic.AI_LITERACY, Level.INTERMEDIATE, Format.ONLINE_LIVE, "en", 3,
        ["age-estimation"],
        [(12, 16, "open")],
    ),
    (
        "victim-identification-workflows",
        "Victim identification workflows",
        "Object and scene recognition, geolocation clues and international cooperation.",
        Topic.VICTIM_IDENTIFICATION, Level.ADVANCED, Format.IN_PERSON, "en", 14,
        ["object-scene-recognition", "geolocation"],
        [(21, 4, "approval"), (-60, 8, "past")],
    ),
    (
        "grooming-detection-in-chat",
        "Detecting grooming in chat logs",
        "Text analysis and translation tools for large chat exports, with analyst review.",
        Topic.TOOL_TRAINING, Level.INTERMEDIATE, Format.ONLINE_LIVE, "fr", 4,
        ["grooming-detection", "translation"],
        [(7, 3, "offer"), (40, 15, "open")],
    ),
    (
        "osint-foundations",
        "Open-source investigation foundations",
        "Safe browsing, attribution and record keeping for online investigations.",
        Topic.OSINT, Level.INTRODUCTORY, Format.ONLINE_LIVE, "es", 4,
        ["link-analysis", "entity-extraction"],
        [(3, 20, "open"), (-10, 20, "past")],
    ),
    (
        "speech-and-transcription",
        "Speech-to-text for audio and video evidence",
        "Transcribing and translating recordings, and checking the machine's mistakes.",
        Topic.TOOL_TRAINING, Level.INTRODUCTORY, Format.SELF_PACED, "en", 2,
        ["speech-to-text", "translation"],
        [(18, 30, "open")],
    ),
    (
        "ai-generated-material",
        "AI-generated material: detection and law",
        "How synthetic images are made and detected, and what the law says about them.",
        Topic.AI_LITERACY, Level.ADVANCED, Format.ONLINE_LIVE, "en", 3,
        ["ai-media-detection", "content-generation"],
        [(10, 4, "full"), (45, 20, "open")],
    ),
    (
        "digital-forensics-metadata",
        "Metadata extraction for digital forensics",
        "Reading device, file and image metadata and keeping the chain of custody intact.",
        Topic.DIGITAL_FORENSICS, Level.INTERMEDIATE, Format.IN_PERSON, "ru", 8,
        ["metadata-extraction"],
        [(25, 12, "open")],
    ),
    (
        "case-management-reporting",
        "Case management and automated reporting",
        "From detection to referral: keeping cases, reports and deadlines under control.",
        Topic.TOOL_TRAINING, Level.INTRODUCTORY, Format.HYBRID, "ar", 3,
        ["case-management", "report-automation"],
        [(16, 18, "open")],
    ),
    (
        "wellbeing-for-analysts",
        "Wellbeing and resilience for analysts",
        "Exposure management, supervision and peer support for teams doing this work.",
        Topic.WELLBEING, Level.INTRODUCTORY, Format.ONLINE_LIVE, "zh-hans", 2,
        [],
        [(8, 25, "open"), (-5, 25, "past")],
    ),
]
# fmt: on


def seed(*, stdout) -> None:
    from hub.demo import ACCOUNTS
    from hub.models import Agency, User

    trainer = User.objects.filter(email=ACCOUNTS["trainer"]).first()
    investigator = User.objects.filter(email=ACCOUNTS["investigator"]).first()
    agency, _created = Agency.objects.get_or_create(
        name="Demo Training Academy", country="NL", defaults={"kind": Agency.Kind.POLICE}
    )
    now = timezone.now()
    trainees = []
    for n in range(1, DEMO_TRAINEES + 1):
        user, created = User.objects.get_or_create(
            email=f"trainee{n}@demo.globalhub.test",
            defaults={
                "full_name": f"Demo Trainee {n} (demo)",
                "agency": agency,
                "country": "NL",
                "role": User.Role.ANALYST,
                "email_confirmed_at": now,
                "verification_status": User.Verification.VERIFIED,
                "verified_at": now,
                "verification_note": "Fictional demo trainee.",
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        trainees.append(user)
    people = [u for u in [investigator, *trainees] if u is not None]

    created_courses = 0
    courses = {}
    for spec in COURSES:
        slug, title, summary, topic, level, fmt, language, hours, capabilities, sessions = spec
        course, created = Course.objects.get_or_create(
            slug=f"demo-{slug}",
            defaults={
                "title": title,
                "summary": summary,
                "description": f"{summary}\n\n{DEMO_NOTE}",
                "topic": topic,
                "level": level,
                "format": fmt,
                "language": language,
                "duration_hours": hours,
                "provider": "Demo Police Academy (fictional)",
                "prerequisites_note": "Basic familiarity with your agency's case handling."
                if level != Level.INTRODUCTORY
                else "",
                "is_published": True,
                "is_demo": True,
            },
        )
        courses[slug] = course
        _link_tools(course, capabilities)
        if created:
            created_courses += 1
            for index, (days, seats, kind) in enumerate(sessions):
                _session(course, index, days, seats, kind, fmt, trainer, people)
    advanced = courses["victim-identification-workflows"]
    if created_courses and not advanced.prerequisite_courses.exists():
        advanced.prerequisite_courses.add(courses["hash-matching-essentials"])
    stdout.write(
        f"Training: {Course.objects.filter(is_demo=True).count()} fictional demo courses "
        f"({created_courses} new), {Session.objects.filter(course__is_demo=True).count()} sessions."
    )


def _link_tools(course: Course, capabilities: list[str]) -> None:
    """Link to demo tools with these capabilities, if the catalogue demo created any."""
    if not capabilities:
        return
    from catalogue.models import Tool

    tools = list(
        Tool.objects.published()
        .filter(is_demo=True, capabilities__slug__in=capabilities)
        .distinct()
        .order_by("name")[:3]
    )
    if tools:
        course.tools.add(*tools)


def _session(course, index, days, seats, kind, fmt, trainer, people) -> None:
    from training.services import new_certificate_code

    day = timezone.localdate() + timedelta(days=days)
    starts = timezone.make_aware(datetime.combine(day, time(9 + index, 0)))
    online = fmt in (Format.ONLINE_LIVE, Format.HYBRID, Format.SELF_PACED)
    session = Session.objects.create(
        course=course,
        label={"approval": "Small group, approval required"}.get(kind, ""),
        format=fmt,
        starts_at=starts,
        ends_at=starts + timedelta(hours=min(course.duration_hours, 8)),
        location="" if fmt == Format.ONLINE_LIVE else "Demo Police Academy, The Hague (fictional)",
        timezone_name="UTC" if fmt == Format.ONLINE_LIVE else "Europe/Amsterdam",
        online_url="https://meet.example.org/demo-training-room" if online else "",
        capacity=seats,
        requires_approval=kind == "approval",
        waitlist_mode=Session.WaitlistMode.OFFER if kind == "offer" else "confirm",
        offer_hours=24,
        enrolment_closes_at=starts - timedelta(hours=12),
    )
    if trainer is not None:
        session.trainers.add(trainer)
    now = timezone.now()
    rows = []
    if kind in ("full", "offer"):
        # Every seat taken and a waiting list behind it (the demo investigator waits too).
        holders = people[1 : seats + 1]
        queue = [p for p in people if p not in holders][:3]
        rows += [Enrolment(status=Status.CONFIRMED, confirmed_at=now, user=u) for u in holders]
        rows += [
            Enrolment(status=Status.WAITLISTED, queue_number=n, user=u)
            for n, u in enumerate(queue, start=1)
        ]
    elif kind == "open":
        # The demo investigator holds a seat in the sessions of the coming week.
        takers = people[3:6] + (people[:1] if 0 < days <= 8 else [])
        rows += [Enrolment(status=Status.CONFIRMED, confirmed_at=now, user=u) for u in takers]
    elif kind == "approval":
        rows += [Enrolment(status=Status.PENDING, user=u) for u in people[4:6]]
        rows += [Enrolment(status=Status.CONFIRMED, confirmed_at=now, user=people[6])]
    elif kind == "past":
        for i, user in enumerate(people[: min(seats, 6)]):
            if i == 5:
                rows.append(Enrolment(status=Status.NO_SHOW, attended=False, user=user))
            else:
                rows.append(
                    Enrolment(
                        status=Status.COMPLETED,
                        attended=True,
                        confirmed_at=starts - timedelta(days=7),
                        completed_at=session.ends_at,
                        certificate_code=new_certificate_code(),
                        user=user,
                    )
                )
    for row in rows:
        row.session = session
    Enrolment.objects.bulk_create(rows)
