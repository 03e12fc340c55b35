"""Reads that views share: the course catalogue, course and session pages, My training,
rosters. Each returns querysets prepared so a page costs the same few queries for any size."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest, QueryDict
from django.utils import timezone

from catalogue.models import Tool
from hub.models import User
from training.filters import CourseFilter
from training.models import Course, Enrolment, Session, courses_with_upcoming_free_seats

Status = Enrolment.Status
# Pages are read by visitors too: a signed-in member or Django's anonymous user.
AnyUser = User | AnonymousUser


def course_filter(
    *, data: QueryDict | dict | None, user: AnyUser, request: HttpRequest | None = None
) -> CourseFilter:
    """The catalogue: visible courses with their next session date and whether seats are free."""
    now = timezone.now()
    upcoming = Q(sessions__status=Session.Status.SCHEDULED, sessions__starts_at__gt=now)
    queryset = (
        Course.objects.visible_to(user)
        .annotate(
            next_start=Min("sessions__starts_at", filter=upcoming),
            upcoming_count=Count("sessions", filter=upcoming, distinct=True),
            has_free_seats=courses_with_upcoming_free_seats(),
        )
        .order_by(F("next_start").asc(nulls_last=True), "title")
    )
    queryset = _with_tools(queryset, user)
    return CourseFilter(data, queryset=queryset, request=request)


def _with_tools(queryset: QuerySet, user: AnyUser) -> QuerySet:
    """Prefetch the catalogue tools a course teaches (only those the user may see)."""
    return queryset.prefetch_related(
        Prefetch(
            "tools",
            queryset=Tool.objects.visible_to(user).order_by("name"),
            to_attr="visible_tools",
        )
    )


def course_detail(*, slug: str, user: AnyUser) -> Course:
    course = (
        _with_tools(Course.objects.visible_to(user), user)
        .prefetch_related(
            Prefetch("prerequisite_courses", queryset=Course.objects.order_by("title"))
        )
        .filter(slug=slug)
        .first()
    )
    if course is None:
        raise Http404("No such course")
    return course


def _attach_my_enrolments(sessions: list[Session], user: AnyUser) -> None:
    """Give each session ``my_enrolment`` (the user's active one, or None) with one query."""
    mine = {}
    if getattr(user, "is_authenticated", False) and sessions:
        for enrolment in (
            Enrolment.objects.active()
            .with_position()
            .filter(user=user, session__in=[s.pk for s in sessions])
        ):
            mine[enrolment.session_id] = enrolment
    for session in sessions:
        session.my_enrolment = mine.get(session.pk)


def upcoming_sessions(*, course: Course, user: AnyUser) -> list[Session]:
    sessions = list(
        Session.objects.upcoming().filter(course=course).with_seats().prefetch_related("trainers")
    )
    _attach_my_enrolments(sessions, user)
    return sessions


def session_detail(*, pk: int, user: AnyUser) -> Session:
    session = (
        Session.objects.filter(pk=pk, course__in=Course.objects.visible_to(user))
        .select_related("course")
        .with_seats()
        .prefetch_related("trainers")
        .first()
    )
    if session is None:
        raise Http404("No such session")
    _attach_my_enrolments([session], user)
    return session


def session_for_enrolment(*, pk: int, user: AnyUser) -> Session:
    """The session an enrolment form posts to, with its course, and in the same query what the
    enrolment rules would otherwise look up one by one: whether the course has prerequisites
    (``session.course.has_prerequisites``) and whether ``user`` is already enrolled in the
    session (``session.already_enrolled``). No counts, nothing else."""
    prerequisites = Course.prerequisite_courses.through.objects.filter(
        from_course=OuterRef("course")
    )
    sessions = Session.objects.filter(
        pk=pk, course__in=Course.objects.visible_to(user)
    ).select_related("course")
    if user.is_authenticated:
        sessions = sessions.annotate(
            has_prerequisites=Exists(prerequisites),
            already_enrolled=Exists(
                Enrolment.objects.active().filter(session=OuterRef("pk"), user=user)
            ),
        )
    session = sessions.first()
    if session is None:
        raise Http404("No such session")
    if user.is_authenticated:
        session.course.has_prerequisites = session.has_prerequisites
    return session


def my_training(*, user: User) -> dict[str, list[Enrolment]]:
    """The member's enrolments, sorted into the sections of the My training page."""
    now = timezone.now()
    sections = {
        "offers": [],
        "upcoming": [],
        "pending": [],
        "waiting": [],
        "completed": [],
        "past": [],
        "ended": [],
    }
    enrolments = (
        Enrolment.objects.filter(user=user)
        .with_position()
        .select_related("session__course")
        .order_by("session__starts_at", "pk")
    )
    for enrolment in enrolments:
        session = enrolment.session
        status = enrolment.status
        if status == Status.COMPLETED:
            sections["completed"].append(enrolment)
        elif status in (Status.CANCELLED, Status.REJECTED):
            sections["ended"].append(enrolment)
        elif session.ends_at <= now or status == Status.NO_SHOW:
            sections["past"].append(enrolment)
        elif status == Status.OFFERED and enrolment.offer_is_live:
            sections["offers"].append(enrolment)
        elif status == Status.OFFERED:
            # Expired, not yet passed on by the scheduled job: shown as over, never acceptable.
            sections["ended"].append(enrolment)
        elif status == Status.CONFIRMED:
            sections["upcoming"].append(enrolment)
        elif status == Status.PENDING:
            sections["pending"].append(enrolment)
        elif status == Status.WAITLISTED:
            sections["waiting"].append(enrolment)
    sections["completed"].reverse()
    sections["past"].reverse()
    sections["ended"] = sections["ended"][-10:][::-1]
    return sections


def trainer_sessions(*, user: User, is_curator: bool) -> QuerySet[Session]:
    queryset = Session.objects.all() if is_curator else Session.objects.taught_by(user)
    return (
        queryset.select_related("course")
        .with_seats()
        .annotate(pending_count=Count("enrolments", filter=Q(enrolments__status=Status.PENDING)))
        .order_by("-starts_at")
    )


ROSTER_ORDER = [
    Status.PENDING,
    Status.CONFIRMED,
    Status.COMPLETED,
    Status.NO_SHOW,
    Status.OFFERED,
    Status.WAITLISTED,
    Status.REJECTED,
    Status.CANCELLED,
]


def roster(*, session: Session) -> list[Enrolment]:
    enrolments = list(
        session.enrolments.with_position().select_related("user__agency").order_by("pk")
    )
    rank = {status: i for i, status in enumerate(ROSTER_ORDER)}
    return sorted(enrolments, key=lambda e: (rank[e.status], e.queue_number or 0, e.pk))


def waiting_list(*, session: Session) -> list[Enrolment]:
    """The waiting list in its order (with open offers first), for the session's trainers."""
    return list(
        session.enrolments.filter(status__in=[Status.OFFERED, Status.WAITLISTED])
        .select_related("user__agency")
        .order_by("status", "queue_number", "pk")  # "offered" sorts before "waitlisted"
    )


def feed_sessions(*, user: User) -> list[Session]:
    """Sessions for the personal iCal feed: where the member holds a seat, or teaches."""
    held = Enrolment.objects.filter(
        session=OuterRef("pk"),
        user=user,
        status__in=[Status.CONFIRMED, Status.COMPLETED],
    )
    # When this member's own place last changed: part of each event's SEQUENCE (training.ical).
    last_change = (
        Enrolment.objects.filter(session=OuterRef("pk"), user=user)
        .order_by("-updated_at")
        .values("updated_at")[:1]
    )
    return list(
        Session.objects.filter(Q(Exists(held)) | Q(trainers=user))
        .filter(starts_at__gte=timezone.now() - timedelta(days=180))
        .select_related("course")
        .annotate(my_changed_at=Subquery(last_change))
        .distinct()
        .order_by("starts_at")
    )


def certificate(*, code: str) -> Enrolment | None:
    return (
        Enrolment.objects.filter(status=Status.COMPLETED, certificate_code=code)
        .select_related("session__course", "user__agency")
        .first()
    )


def site_search(*, query: str, user: AnyUser, limit: int = 5) -> list[dict[str, str]]:
    """Results of the site-wide search: dicts with title, url and summary."""
    query = (query or "").strip()
    if not query:
        return []
    courses = (
        Course.objects.visible_to(user)
        .filter(
            Q(title__icontains=query)
            | Q(summary__icontains=query)
            | Q(description__icontains=query)
        )
        .order_by("title")[:limit]
    )
    return [
        {"title": course.title, "url": course.get_absolute_url(), "summary": course.summary}
        for course in courses
    ]
