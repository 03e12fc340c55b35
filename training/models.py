"""Courses, their dated sessions, and the enrolments that fill a session's seats.

Seats are allocated by ``training.services`` under a row lock on the session; the database
also forbids two active enrolments of one person in one session (a partial unique constraint).
"""

import secrets
import zoneinfo
from datetime import timedelta

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hub.access import Visibility, visible_q


class Format(models.TextChoices):
    ONLINE_LIVE = "online_live", _("Online, live")
    SELF_PACED = "self_paced", _("Self-paced")
    IN_PERSON = "in_person", _("In person")
    HYBRID = "hybrid", _("Hybrid")


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Topic(models.TextChoices):
    TOOL_TRAINING = "tool_training", _("Using a specific tool")
    AI_LITERACY = "ai_literacy", _("AI literacy for investigators")
    RESPONSIBLE_AI = "responsible_ai", _("Responsible and lawful use of AI")
    VICTIM_IDENTIFICATION = "victim_identification", _("Victim identification")
    DIGITAL_FORENSICS = "digital_forensics", _("Digital forensics")
    OSINT = "osint", _("Open-source investigation")
    TRIAGE = "triage", _("Triage and case prioritisation")
    WELLBEING = "wellbeing", _("Staff wellbeing and resilience")


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a time zone name such as Europe/Paris."), params={"value": value}
        )


class CourseQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Published courses this user may see (some are for verified members only)."""
        return self.published().filter(visible_q(user))


class Course(models.Model):
    """A course in the catalogue; people enrol in one of its dated sessions."""

    class Eligibility(models.TextChoices):
        VERIFIED = "verified", _("Verified members")
        REGISTERED = "registered", _("Anyone with a registered account")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    topic = models.CharField(_("topic"), max_length=30, choices=Topic.choices)
    duration_hours = models.PositiveSmallIntegerField(_("duration (hours)"), default=1)
    provider = models.CharField(_("given by"), max_length=200, blank=True)
    prerequisites_note = models.TextField(
        _("prerequisites"),
        blank=True,
        help_text=_("What a trainee should know or have done before enrolling."),
    )
    prerequisite_courses = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="required_by",
        verbose_name=_("courses to complete first"),
    )
    tools = models.ManyToManyField(
        "catalogue.Tool",
        blank=True,
        related_name="courses",
        verbose_name=_("catalogue tools it teaches"),
    )
    eligibility = models.CharField(
        _("who may enrol"),
        max_length=12,
        choices=Eligibility.choices,
        default=Eligibility.VERIFIED,
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    is_demo = models.BooleanField(
        _("fictional demo"), default=False, help_text=_("Shown with a demo badge.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("training:course-detail", args=[self.slug])


# Statuses that hold a seat, and statuses that count as "enrolled" for the uniqueness rule.
class SessionQuerySet(models.QuerySet):
    def scheduled(self):
        return self.filter(status=Session.Status.SCHEDULED)

    def upcoming(self, now=None):
        return self.scheduled().filter(starts_at__gt=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lte=now or timezone.now())

    def with_seats(self):
        """Annotate ``seats_taken`` (confirmed, offered, completed...) in the same query."""
        return self.annotate(
            seats_taken=Count("enrolments", filter=Q(enrolments__status__in=SEAT_HOLDING)),
            waiting_count=Count(
                "enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITLISTED)
            ),
        )

    def with_free_seats(self):
        return self.with_seats().filter(capacity__gt=F("seats_taken"))

    def taught_by(self, user):
        return self.filter(trainers=user)


class Session(models.Model):
    """A dated run of a course with a limited number of seats."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    class WaitlistMode(models.TextChoices):
        CONFIRM = "confirm", _("Confirm the next person directly")
        OFFER = "offer", _("Offer the seat; the next person must accept in time")

    course = models.ForeignKey(
        Course, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("course")
    )
    label = models.CharField(_("label"), max_length=120, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    timezone_name = models.CharField(
        _("local time zone"),
        max_length=60,
        default="UTC",
        validators=[validate_timezone],
        help_text=_("Where the session takes place, e.g. Europe/Madrid; shown to trainees."),
    )
    location = models.CharField(_("location"), max_length=250, blank=True)
    online_url = models.URLField(
        _("joining link"), blank=True, help_text=_("Shown only to confirmed trainees and trainers.")
    )
    capacity = models.PositiveIntegerField(_("seats"))
    enrolment_opens_at = models.DateTimeField(_("enrolment opens"), null=True, blank=True)
    enrolment_closes_at = models.DateTimeField(
        _("enrolment closes"), null=True, blank=True, help_text=_("Empty: when it starts.")
    )
    cancel_hours = models.PositiveIntegerField(
        _("trainees may cancel until (hours before start)"), default=24
    )
    requires_approval = models.BooleanField(_("requires approval"), default=False)
    waitlist_mode = models.CharField(
        _("when a seat frees up"),
        max_length=10,
        choices=WaitlistMode.choices,
        default=WaitlistMode.CONFIRM,
    )
    offer_hours = models.PositiveIntegerField(_("hours to accept an offered seat"), default=48)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="training_sessions",
        verbose_name=_("trainers"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(
        _("why it was cancelled"),
        blank=True,
        max_length=1000,
        help_text=_("Quoted in the emails that tell the trainees."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="session_has_seats",
                violation_error_message=_("A session needs at least one seat."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(enrolment_opens_at__isnull=True)
                | Q(enrolment_closes_at__isnull=True)
                | Q(enrolment_closes_at__gt=F("enrolment_opens_at")),
                name="session_enrolment_window_ordered",
                violation_error_message=_("Enrolment must close after it opens."),
            ),
        ]

    def __str__(self):
        when = timezone.localtime(self.starts_at).strftime("%Y-%m-%d %H:%M")
        return f"{self.course.title} · {self.label or when}"

    def get_absolute_url(self):
        return reverse("training:session-detail", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def closes_at(self):
        return self.enrolment_closes_at or self.starts_at

    @property
    def cancel_deadline(self):
        return self.starts_at - timedelta(hours=self.cancel_hours)

    def enrolment_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.is_cancelled:
            return False
        if self.enrolment_opens_at and now < self.enrolment_opens_at:
            return False
        return now < self.closes_at and now < self.starts_at

    def has_started(self, now=None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    def has_ended(self, now=None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    @property
    def was_held(self) -> bool:
        """Over and not cancelled: shown as held, never as having free seats."""
        return not self.is_cancelled and self.has_ended()

    @property
    def shows_free_seats(self) -> bool:
        return not self.is_cancelled and not self.has_started()

    @property
    def seats_left(self) -> int:
        """Needs ``with_seats()``; never negative."""
        return max(self.capacity - self.seats_taken, 0)

    @property
    def has_online_part(self) -> bool:
        return self.format in (Format.ONLINE_LIVE, Format.HYBRID)


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE)

    def holding_seats(self):
        return self.filter(status__in=SEAT_HOLDING)

    def waitlisted(self):
        return self.filter(status=Enrolment.Status.WAITLISTED).order_by("queue_number", "pk")

    def due_offers(self, now=None):
        return self.filter(
            status=Enrolment.Status.OFFERED, offer_expires_at__lte=now or timezone.now()
        )

    def with_position(self):
        """Annotate ``position``: 1 for the first person on the waiting list, and so on."""
        ahead = Enrolment.objects.filter(
            session=OuterRef("session"),
            status=Enrolment.Status.WAITLISTED,
            queue_number__lte=OuterRef("queue_number"),
        )
        return self.annotate(
            position=models.Subquery(
                ahead.order_by().values("session").annotate(n=Count("pk")).values("n")[:1]
            )
        )


@pghistory.track()
class Enrolment(models.Model):
    """One person's place in a session: confirmed, waiting, offered, or over."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        COMPLETED = "completed", _("Completed")
        NO_SHOW = "no_show", _("Did not attend")
        CANCELLED = "cancelled", _("Cancelled")
        REJECTED = "rejected", _("Not approved")

    class Reason(models.TextChoices):
        NONE = "", _("—")
        BY_TRAINEE = "by_trainee", _("Cancelled by the trainee")
        BY_STAFF = "by_staff", _("Cancelled by a trainer or curator")
        OFFER_DECLINED = "offer_declined", _("Offered seat declined")
        OFFER_EXPIRED = "offer_expired", _("Offered seat not accepted in time")
        SESSION_CANCELLED = "session_cancelled", _("Session cancelled")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("session")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("trainee"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=20, choices=Reason.choices, blank=True, default=""
    )
    queue_number = models.PositiveIntegerField(
        _("place in the queue"),
        null=True,
        blank=True,
        help_text=_("Order of the waiting list: drawn under the session lock, never reused."),
    )
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    certificate_code = models.CharField(
        _("certificate code"), max_length=20, unique=True, null=True, blank=True
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved or rejected by"),
    )
    created_at = models.DateTimeField(_("enrolled at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=Q(
                    status__in=[
                        "pending",
                        "confirmed",
                        "waitlisted",
                        "offered",
                        "completed",
                        "no_show",
                    ]
                ),
                name="enrolment_one_active_per_user_and_session",
                violation_error_message=_("You are already enrolled in this session."),
            ),
            models.UniqueConstraint(
                fields=["session", "queue_number"],
                name="enrolment_unique_queue_number",
                violation_error_message=_(
                    "Two people cannot hold the same place on a session's waiting list."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="waitlisted") | Q(queue_number__isnull=False),
                name="enrolment_waitlisted_has_queue_number",
                violation_error_message=_("A place on the waiting list needs a queue number."),
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="enrolment_offer_has_expiry",
                violation_error_message=_("An offered seat needs the time its offer expires."),
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(certificate_code__isnull=False),
                name="enrolment_completed_has_certificate",
                violation_error_message=_("A completed enrolment needs a certificate code."),
            ),
        ]
        indexes = [models.Index(fields=["session", "status"], name="enrolment_session_status")]

    def __str__(self):
        return f"{self.user} · {self.session} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    @property
    def offer_is_live(self) -> bool:
        return (
            self.status == self.Status.OFFERED
            and self.offer_expires_at is not None
            and self.offer_expires_at > timezone.now()
        )

    def get_certificate_url(self):
        return reverse("training:certificate", args=[self.certificate_code])

    def get_verification_url(self):
        return reverse("training:certificate-verify", args=[self.certificate_code])


ACTIVE = [
    Enrolment.Status.PENDING,
    Enrolment.Status.CONFIRMED,
    Enrolment.Status.WAITLISTED,
    Enrolment.Status.OFFERED,
    Enrolment.Status.COMPLETED,
    Enrolment.Status.NO_SHOW,
]
SEAT_HOLDING = [
    Enrolment.Status.CONFIRMED,
    Enrolment.Status.OFFERED,
    Enrolment.Status.COMPLETED,
    Enrolment.Status.NO_SHOW,
]


class CalendarToken(models.Model):
    """The secret in a member's personal iCal feed URL; replacing it revokes the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_calendar",
        verbose_name=_("member"),
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return str(self.user)

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)


def courses_with_upcoming_free_seats():
    """A condition on courses: some upcoming session still has a free seat."""
    return Exists(Session.objects.upcoming().with_free_seats().filter(course=OuterRef("pk")))
