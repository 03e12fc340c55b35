from datetime import datetime, timedelta

import pghistory
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from hub.timezones import validate_timezone


class Agency(models.Model):
    class Kind(models.TextChoices):
        POLICE = "police", _("Police / law enforcement")
        PROSECUTION = "prosecution", _("Prosecution")
        HOTLINE = "hotline", _("Hotline")
        NGO = "ngo", _("Non-governmental organisation")
        INDUSTRY = "industry", _("Industry")
        ACADEMIA = "academia", _("Academia")
        GOVERNMENT = "government", _("Government")

    name = models.CharField(_("name"), max_length=200)
    country = CountryField(_("country"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), "country", name="agency_unique_name_country")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country.code})"


def normalise_email(email: str) -> str:
    """The one spelling of an address the portal stores and compares: trimmed, lower case."""
    return (email or "").strip().lower()


class UserQuerySet(models.QuerySet):
    def verified(self) -> "UserQuerySet":
        """Members whose verification is current (not expired, suspended or rejected)."""
        return self.filter(
            verification_status=User.Verification.VERIFIED,
            verified_at__gte=timezone.now() - timedelta(days=settings.VERIFICATION_VALID_DAYS),
        )

    def awaiting_verification(self) -> "UserQuerySet":
        return self.filter(verification_status=User.Verification.PENDING)


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=normalise_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("verification_status", User.Verification.VERIFIED)
        extra.setdefault("verified_at", timezone.now())
        extra.setdefault("email_confirmed_at", timezone.now())
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str) -> "User":
        return self.get(email__iexact=username)


@pghistory.track(
    fields=[
        "email",
        "full_name",
        "agency",
        "role",
        "verification_status",
        "verified_at",
        "verified_by",
        "verification_note",
        "is_active",
        "is_staff",
        "is_superuser",
    ],
    model_name="UserEvent",
    obj_field=pghistory.ObjForeignKey(related_name="events"),
)
class User(AbstractBaseUser, PermissionsMixin):
    class Verification(models.TextChoices):
        PENDING = "pending", _("Pending verification")
        VERIFIED = "verified", _("Verified")
        SUSPENDED = "suspended", _("Suspended")
        REJECTED = "rejected", _("Rejected")
        # The member said they no longer work in law enforcement: restricted access ends at
        # once, their own data stays readable (hub.access.member_own_data_required).
        LEFT = "left", _("Left law enforcement")

    class Role(models.TextChoices):
        INVESTIGATOR = "investigator", _("Investigator")
        ANALYST = "analyst", _("Analyst")
        VICTIM_IDENTIFICATION = "victim_id", _("Victim identification specialist")
        DIGITAL_FORENSICS = "forensics", _("Digital forensics examiner")
        PROSECUTOR = "prosecutor", _("Prosecutor")
        HOTLINE_ANALYST = "hotline_analyst", _("Hotline analyst")
        TRAINER = "trainer", _("Trainer")
        POLICY = "policy", _("Policy or legal officer")
        RESEARCHER = "researcher", _("Researcher")
        TOOL_PROVIDER = "provider", _("Tool provider")
        OTHER = "other", _("Other")

    email = models.EmailField(_("work email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    country = CountryField(_("country"), blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OTHER)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=60,
        default="UTC",
        validators=[validate_timezone],
        help_text=_("Times on the portal and in emails are shown in this zone."),
    )

    verification_status = models.CharField(
        _("verification"),
        max_length=12,
        choices=Verification.choices,
        default=Verification.PENDING,
        db_index=True,
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verification_note = models.TextField(_("verification note"), blank=True)
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left law enforcement on"), null=True, blank=True)

    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(verification_status="verified")
                | models.Q(verified_at__isnull=False),
                name="user_verified_has_date",
                violation_error_message=_("A verified member needs the date of verification."),
            ),
            # Sign-in matches addresses case-insensitively, so two accounts whose addresses
            # differ only in case would make that sign-in ambiguous.
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_ignoring_case",
                violation_error_message=_("An account with this email address exists already."),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = normalise_email(self.email)

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def verification_expires_at(self) -> datetime | None:
        if self.verified_at is None:
            return None
        return self.verified_at + timedelta(days=settings.VERIFICATION_VALID_DAYS)

    @property
    def verification_expired(self) -> bool:
        return (
            self.verification_status == self.Verification.VERIFIED
            and self.verification_expires_at is not None
            and self.verification_expires_at < timezone.now()
        )

    @property
    def is_verified(self) -> bool:
        """A member whose verification is current."""
        return self.verification_status == self.Verification.VERIFIED and not (
            self.verification_expired
        )

    @property
    def verification_label(self) -> str:
        if self.verification_expired:
            return _("Verification expired")
        return self.get_verification_status_display()

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def can_sign_in(self) -> bool:
        return self.is_active and self.verification_status not in (
            self.Verification.SUSPENDED,
            self.Verification.REJECTED,
        )


class SecurityEventQuerySet(models.QuerySet):
    def for_user(self, user: User) -> "SecurityEventQuerySet":
        return self.filter(user=user)


class SecurityEvent(models.Model):
    """One line of the security log: who did what to which account, from where, and when.

    ``user`` is the account concerned (empty for a failed sign-in with an unknown address,
    or once the account is deleted: the log outlives accounts),
    ``actor`` who acted (a curator changing someone's privileges; empty when the member acted
    alone). ``ip`` keeps only the network part of the client address (IPv4 /24, IPv6 /48):
    enough to tell an office from a stranger, not enough to track a person.
    """

    class Kind(models.TextChoices):
        PRIVILEGES_CHANGED = "privileges_changed", _("Privileges changed")
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        LOCKED_OUT = "locked_out", _("Locked out after repeated failures")
        PASSWORD_CHANGED = "password_changed", _("Password changed")
        EXPORT = "export", _("Data exported")
        CONTACT_REQUESTED = "contact_requested", _("Contact requested")
        CONTACT_ANSWERED = "contact_answered", _("Contact request answered")
        CONTACT_REPORTED = "contact_reported", _("Contact request reported")
        CONTACT_BLOCKED = "contact_blocked", _("Member blocked")
        CONTACT_RIGHTS_CHANGED = "contact_rights_changed", _("Contact rights changed")
        REVERIFICATION_REQUESTED = "reverification_requested", _("Re-verification requested")
        LEFT_LAW_ENFORCEMENT = "left_law_enforcement", _("Left law enforcement")
        ACCOUNT_DELETED = "account_deleted", _("Account deleted")
        SECOND_FACTOR_ADDED = "second_factor_added", _("Second factor added")
        SECOND_FACTOR_REMOVED = "second_factor_removed", _("Second factor removed")
        SECOND_FACTOR_USED = "second_factor_used", _("Second factor used")
        SECOND_FACTOR_FAILED = "second_factor_failed", _("Wrong second-factor code")
        RECOVERY_CODES_CREATED = "recovery_codes_created", _("New recovery codes")
        SESSIONS_ENDED = "sessions_ended", _("Signed out elsewhere")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    user = models.ForeignKey(
        User,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="security_events",
    )
    actor = models.ForeignKey(
        User,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ip = models.CharField(_("network"), max_length=64, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security log")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="security_event_user_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class VerificationRequest(models.Model):
    """An item in the curators' queue from a member: a request to be verified again (with
    the agency and what changed), or the notice that they have left law enforcement."""

    class Kind(models.TextChoices):
        REVERIFY = "reverify", _("Re-verification requested")
        LEFT = "left", _("Left law enforcement")

    user = models.ForeignKey(
        User,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="verification_requests",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, db_index=True)
    agency_name = models.CharField(_("agency"), max_length=200, blank=True)
    what_changed = models.CharField(_("what changed"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now, db_index=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        User,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("verification request")
        verbose_name_plural = _("verification requests")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                condition=models.Q(handled_at__isnull=True),
                name="verification_request_one_open_per_kind",
                violation_error_message=_("This member already has a request of this kind open."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.user}"


class LifecycleNotice(models.Model):
    """An account email that must go only once: a verification reminder (30 and 7 days
    before it runs out) or the warning before a lapsed account is removed. ``period`` names
    what the notice is about (the verification date it counts from), so a member verified
    again gets the reminders of the new period."""

    class Kind(models.TextChoices):
        REMINDER_30 = "reminder_30", _("Verification ends in 30 days")
        REMINDER_7 = "reminder_7", _("Verification ends in 7 days")
        REMOVAL_WARNING = "removal_warning", _("Lapsed account will be removed")

    user = models.ForeignKey(
        User, verbose_name=_("member"), on_delete=models.CASCADE, related_name="lifecycle_notices"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    period = models.DateTimeField(_("about the verification of"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("account notice")
        verbose_name_plural = _("account notices")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "period"],
                name="lifecycle_notice_once",
                violation_error_message=_("This notice was sent already."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.user}"


class MemberSessionQuerySet(models.QuerySet):
    def for_user(self, user: User) -> "MemberSessionQuerySet":
        return self.filter(user=user)


class MemberSession(models.Model):
    """A signed-in session of a member, so they can see where they are signed in and end a
    session from elsewhere. The session itself stays in Django's session table under the same
    key; this row names its member, the browser and the network it was opened from."""

    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    user = models.ForeignKey(
        User, verbose_name=_("account"), on_delete=models.CASCADE, related_name="member_sessions"
    )
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    ip = models.CharField(_("network"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("signed in"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last seen"), default=timezone.now)

    objects = MemberSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("signed-in session")
        verbose_name_plural = _("signed-in sessions")
        ordering = ["-last_seen_at", "-pk"]
        indexes = [models.Index(fields=["user", "-last_seen_at"], name="member_session_user_idx")]

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def device(self) -> str:
        from hub.devices import device_label

        return device_label(self.user_agent)
