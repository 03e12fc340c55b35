"""Meet other officers: the opt-in directory, brokered contact, field reports on tools, and
follows with their digest.

Who appears where is never stored as a flag that could go stale: a member is listed only
while their entry says so *and* their account is verified and active at the moment of the
query (``CommunityProfileQuerySet.listed``), so losing verification removes them at once.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.models import Capability, Language, Stage, Tool

MESSAGE_MAX_LENGTH = 500
REQUEST_EXPIRY_DAYS = 30
REQUESTS_PER_DAY = 10


def current_member_q(prefix: str = "") -> Q:
    """Accounts that are active and verified now (staff do not count: the directory is for
    members, and a curator appears only if they are verified like anyone else)."""
    cutoff = timezone.now() - timedelta(days=settings.VERIFICATION_VALID_DAYS)
    return Q(
        **{
            f"{prefix}is_active": True,
            f"{prefix}verification_status": "verified",
            f"{prefix}verified_at__gte": cutoff,
        }
    )


class DigestFrequency(models.TextChoices):
    OFF = "off", _("Off")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class NameDisplay(models.TextChoices):
    FULL = "full", _("My full name")
    INITIALS = "initials", _("My initials only")


class CommunityProfileQuerySet(models.QuerySet):
    def listed(self):
        """Entries shown in the directory: opted in, and the member verified right now."""
        return self.filter(is_listed=True).filter(current_member_q("user__"))


class CommunityProfile(models.Model):
    """A member's choices: whether and how they are listed, and how often they hear news."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_profile",
        verbose_name=_("member"),
    )
    is_listed = models.BooleanField(_("list me in the directory"), default=False)
    name_display = models.CharField(
        _("show"), max_length=10, choices=NameDisplay.choices, default=NameDisplay.FULL
    )
    show_agency_name = models.BooleanField(_("show my agency's name"), default=False)
    languages = ArrayField(
        models.CharField(max_length=5, choices=Language.choices),
        verbose_name=_("languages I work in"),
        default=list,
        blank=True,
    )
    stages = models.ManyToManyField(
        Stage, blank=True, related_name="+", verbose_name=_("stages I know")
    )
    capabilities = models.ManyToManyField(
        Capability, blank=True, related_name="+", verbose_name=_("capabilities I know")
    )
    tools = models.ManyToManyField(
        Tool, blank=True, related_name="+", verbose_name=_("tools I have used")
    )
    show_courses = models.BooleanField(_("show the courses I completed or teach"), default=True)
    digest_frequency = models.CharField(
        _("digest email"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.WEEKLY,
    )
    digest_sent_until = models.DateTimeField(
        _("digest covers changes until"), null=True, blank=True, editable=False
    )
    contact_suspended_at = models.DateTimeField(
        _("contact rights suspended"), null=True, blank=True, editable=False
    )
    contact_suspended_reason = models.CharField(
        _("why contact rights are suspended"), max_length=300, blank=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CommunityProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("community profile")
        verbose_name_plural = _("community profiles")
        ordering = ["user__full_name"]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def contact_suspended(self) -> bool:
        return self.contact_suspended_at is not None

    @property
    def display_name(self) -> str:
        name = self.user.full_name or ""
        if self.name_display == NameDisplay.INITIALS:
            return "".join(f"{part[0].upper()}." for part in name.split() if part) or "—"
        return name

    def language_labels(self) -> list[str]:
        return [Language(code).label for code in self.languages if code in Language.values]


class ContactRequestQuerySet(models.QuerySet):
    def expired_q(self, now=None) -> Q:
        cutoff = (now or timezone.now()) - timedelta(days=REQUEST_EXPIRY_DAYS)
        return Q(status=ContactRequest.Status.PENDING, created_at__lt=cutoff)

    def live(self, now=None):
        """Pending requests still waiting for an answer (expiry is read from the clock)."""
        return self.filter(status=ContactRequest.Status.PENDING).exclude(self.expired_q(now))

    def expired(self, now=None):
        return self.filter(self.expired_q(now))

    def involving(self, user):
        return self.filter(Q(sender=user) | Q(recipient=user))


class ContactRequest(models.Model):
    """“Ask to connect”: a short greeting from one member to another. Neither sees the
    other's work email until the recipient accepts."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        EXPIRED = "expired", _("Expired")

    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_requests_sent",
        verbose_name=_("from"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
        verbose_name=_("to"),
    )
    tool = models.ForeignKey(
        Tool,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("about the tool"),
        help_text=_("Set when the request went to a member who reported on this tool."),
    )
    message = models.TextField(_("message"), max_length=MESSAGE_MAX_LENGTH)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    report_note = models.CharField(_("what the recipient reported"), max_length=500, blank=True)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(sender=F("recipient")),
                name="contact_request_not_to_self",
                violation_error_message=_("A member cannot ask to connect with themselves."),
            ),
            models.UniqueConstraint(
                fields=["sender", "recipient"],
                condition=Q(status="pending"),
                name="contact_request_one_pending",
                violation_error_message=_("You have already asked this member to connect."),
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(answered_at__isnull=False),
                name="contact_request_answered_has_date",
                violation_error_message=_("An answered request needs the date of the answer."),
            ),
        ]
        indexes = [models.Index(fields=["sender", "-created_at"], name="contact_sender_recent")]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient} ({self.get_status_display()})"

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=REQUEST_EXPIRY_DAYS)

    @property
    def effective_status(self) -> str:
        if self.status == self.Status.PENDING and self.expires_at < timezone.now():
            return self.Status.EXPIRED
        return self.status

    def get_effective_status_display(self) -> str:
        return self.Status(self.effective_status).label


class Block(models.Model):
    """A member who blocks another never hears from them again."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="blocks_made",
        verbose_name=_("blocked by"),
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("blocked member"),
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(
                fields=["blocker", "blocked"],
                name="block_unique_pair",
                violation_error_message=_("You have already blocked this member."),
            ),
            models.CheckConstraint(
                condition=~Q(blocker=F("blocked")),
                name="block_not_self",
                violation_error_message=_("A member cannot block themselves."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} blocks {self.blocked}"


class CaseKind(models.TextChoices):
    CSAM_DISTRIBUTION = "distribution", _("Distribution or possession of abuse material")
    PRODUCTION = "production", _("Production of abuse material")
    GROOMING = "grooming", _("Grooming or solicitation")
    SEXTORTION = "sextortion", _("Sextortion")
    LIVESTREAMING = "livestreaming", _("Live-streamed abuse")
    AI_GENERATED = "ai_generated", _("AI-generated material")
    VICTIM_ID = "victim_id", _("Victim identification")
    OTHER = "other", _("Other")


class DataVolume(models.TextChoices):
    SMALL = "small", _("Under 10,000 items")
    MEDIUM = "medium", _("10,000 to 1 million items")
    LARGE = "large", _("1 to 10 million items")
    HUGE = "huge", _("Over 10 million items")


class Saving(models.TextChoices):
    NONE = "none", _("None")
    SOME = "some", _("Some")
    MUCH = "much", _("A great deal")


class StillUsed(models.TextChoices):
    YES = "yes", _("Yes, still in use")
    TRIAL = "trial", _("Only tried it")
    NO = "no", _("No longer used")


class FieldReportQuerySet(models.QuerySet):
    def shown(self):
        """Reports curators have not hidden, from members verified right now."""
        return self.filter(hidden_at__isnull=True).filter(current_member_q("author__"))


class FieldReport(models.Model):
    """A verified member's account of using a tool in real cases. Never shown with a name:
    the tool page shows aggregates once members of three agencies have reported."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="field_reports",
        verbose_name=_("author"),
    )
    agency = models.ForeignKey(
        "hub.Agency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agency at the time"),
    )
    tool = models.ForeignKey(
        Tool, on_delete=models.CASCADE, related_name="field_reports", verbose_name=_("tool")
    )
    stage = models.ForeignKey(
        Stage, on_delete=models.PROTECT, related_name="+", verbose_name=_("stage it served")
    )
    case_kind = models.CharField(_("kind of case"), max_length=20, choices=CaseKind.choices)
    data_volume = models.CharField(
        _("rough data volume"), max_length=10, choices=DataVolume.choices
    )
    time_saved = models.CharField(_("time saved"), max_length=10, choices=Saving.choices)
    exposure_saved = models.CharField(
        _("exposure to material spared"), max_length=10, choices=Saving.choices
    )
    went_wrong = models.TextField(
        _("what went wrong, and the lesson"),
        max_length=1000,
        blank=True,
        help_text=_("Quoted without your name. Never include case details or personal data."),
    )
    still_used = models.CharField(
        _("does your agency still use it?"), max_length=10, choices=StillUsed.choices
    )
    open_to_questions = models.BooleanField(
        _("other members may ask me about this tool"), default=False
    )
    created_at = models.DateTimeField(_("reported"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True, editable=False)
    hidden_reason = models.CharField(
        _("why it is hidden (shown to the author)"), max_length=300, blank=True
    )
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hidden by"),
        editable=False,
    )

    objects = FieldReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("field report")
        verbose_name_plural = _("field reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "tool"],
                name="field_report_one_per_member_tool",
                violation_error_message=_(
                    "You have already reported on this tool; edit your report instead."
                ),
            ),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="field_report_hidden_has_reason",
                violation_error_message=_("Say why the report is hidden; its author sees it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tool} ({self.created_at:%Y-%m-%d})"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Follow(models.Model):
    """Something a member follows; what changed in it goes into their digest."""

    class Kind(models.TextChoices):
        TOOL = "tool", _("Tool")
        STAGE = "stage", _("Stage")
        CAPABILITY = "capability", _("Capability")
        COURSE = "course", _("Course")
        JURISDICTION = "jurisdiction", _("Jurisdiction")
        INSTRUMENT = "instrument", _("Legal instrument")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("member"),
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["kind", "object_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_id"],
                name="follow_unique",
                violation_error_message=_("You already follow this."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.kind} {self.object_id}"


class DigestLog(models.Model):
    """One digest window covered for one member, sent or not (nothing changed): what makes
    ``send_digests`` safe to run twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_logs",
        verbose_name=_("member"),
    )
    period_start = models.DateTimeField(_("changes since"))
    period_end = models.DateTimeField(_("changes until"))
    item_count = models.PositiveIntegerField(_("items"), default=0)
    sent = models.BooleanField(_("email sent"), default=False)
    created_at = models.DateTimeField(_("run at"), default=timezone.now)

    class Meta:
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")
        ordering = ["-period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "period_end"],
                name="digest_log_unique_window",
                violation_error_message=_("This digest window was already covered."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gt=F("period_start")),
                name="digest_log_window_forward",
                violation_error_message=_("A digest window must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.period_start:%Y-%m-%d} → {self.period_end:%Y-%m-%d}"
