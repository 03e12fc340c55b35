"""Account writes that carry rules: registration, email confirmation, verification,
privileges and the security log."""

import ipaddress
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from hub import tasks
from hub.models import Agency, MemberSession, SecurityEvent, User, normalise_email


@transaction.atomic
def agency_get_or_create(*, name: str, country: str, kind: str) -> Agency:
    """The agency of that name (ignoring case) in that country, created if it is new.

    Several people of a new agency may register at the same moment: each tries the insert in
    a savepoint, and whoever loses the race to the unique constraint takes the winner's row."""
    name = name.strip()
    existing = Agency.objects.filter(name__iexact=name, country=country).first()
    if existing is not None:
        return existing
    agency = Agency(name=name, country=country, kind=kind)
    # The name's uniqueness is left to the database: checking it here could not see a row
    # another registration is about to commit.
    agency.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            agency.save()
    except IntegrityError:
        return Agency.objects.get(name__iexact=name, country=country)
    return agency


@transaction.atomic
def user_register(
    *,
    email: str,
    password: str,
    full_name: str,
    agency_name: str,
    agency_kind: str,
    country: str,
    role: str,
    time_zone: str = "UTC",
    preferred_language: str = "en",
) -> User | None:
    """A new account, pending verification, and the message that confirms its address.

    If the address has an account already, nothing is created and its owner is told by email
    instead; the caller answers both cases the same way, so the registration form does not
    reveal who has an account. Both paths hash the password, so they also take as long."""
    email = normalise_email(email)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        make_password(password)
        _registration_attempt_notify(user=existing)
        return None
    agency = agency_get_or_create(name=agency_name, country=country, kind=agency_kind)
    user = User(
        email=email,
        full_name=full_name,
        agency=agency,
        country=country,
        role=role,
        time_zone=time_zone,
        preferred_language=preferred_language,
    )
    user.set_password(password)
    user.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # The same address registered a moment ago, in another request.
        _registration_attempt_notify(user=User.objects.get(email__iexact=email))
        return None
    tasks.deliver_email_confirmation.enqueue(user.pk)  # a task row in this transaction
    return user


def _registration_attempt_notify(*, user: User) -> None:
    tasks.deliver_registration_attempt.enqueue(user.pk)


def email_confirmation_resend(*, user: User) -> None:
    if not user.email_confirmed:
        tasks.deliver_email_confirmation.enqueue(user.pk)


@transaction.atomic
def user_confirm_email(*, user: User) -> User:
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


# Verification -------------------------------------------------------------------------------


def verification_refusal(*, user: User, status: str, by: User) -> str | None:
    """Why ``by`` may not set ``user``'s verification to ``status``, in plain words; None if
    they may. The one place these rules live: admin actions and the admin form ask it, and
    the services below enforce it."""
    if status == User.Verification.PENDING and user.verification_status != status:
        return _("a decision cannot be taken back to “pending”; verify, reject or suspend instead.")
    if status == User.Verification.LEFT and user.verification_status != status:
        return _("only the member can say they have left law enforcement (on their account page).")
    if status == User.Verification.VERIFIED and not user.email_confirmed:
        return _("email address not confirmed yet; a member is verified only after confirming it.")
    if (user.is_staff or user.is_superuser) and not by.is_superuser and user.pk != by.pk:
        return _("only a superuser may change the verification of a staff account.")
    return None


def _refuse_unless_allowed(*, user: User, status: str, by: User) -> None:
    refusal = verification_refusal(user=user, status=status, by=by)
    if refusal:
        raise ValidationError(capfirst(refusal), code="verification_refused")


@transaction.atomic
def user_verify(*, user: User, by: User, note: str = "") -> User:
    """Verify (or re-verify) a member for another twelve months and tell them."""
    _refuse_unless_allowed(user=user, status=User.Verification.VERIFIED, by=by)
    user.verified_at = timezone.now()
    return _verification_set(user=user, status=User.Verification.VERIFIED, by=by, note=note)


@transaction.atomic
def user_reject(*, user: User, by: User, note: str = "") -> User:
    _refuse_unless_allowed(user=user, status=User.Verification.REJECTED, by=by)
    return _verification_set(user=user, status=User.Verification.REJECTED, by=by, note=note)


@transaction.atomic
def user_suspend(*, user: User, by: User, note: str = "") -> User:
    _refuse_unless_allowed(user=user, status=User.Verification.SUSPENDED, by=by)
    return _verification_set(user=user, status=User.Verification.SUSPENDED, by=by, note=note)


VERIFICATION_SERVICES = {
    User.Verification.VERIFIED: user_verify,
    User.Verification.REJECTED: user_reject,
    User.Verification.SUSPENDED: user_suspend,
}


def user_verification_change(*, user: User, status: str, by: User, note: str = "") -> User:
    """Set a member's verification to ``status`` through the service for that decision."""
    if status not in VERIFICATION_SERVICES:
        _refuse_unless_allowed(user=user, status=status, by=by)
        return user
    return VERIFICATION_SERVICES[status](user=user, by=by, note=note)


def _verification_set(*, user: User, status: str, by: User, note: str) -> User:
    user.verification_status = status
    user.verified_by = by
    if note:
        user.verification_note = note
    user.full_clean(validate_constraints=False)
    user.save()
    # A decision answers the member's open requests in the curators' queue.
    user.verification_requests.filter(handled_at__isnull=True).update(
        handled_at=timezone.now(), handled_by=by
    )
    tasks.deliver_verification_result.enqueue(user.pk)
    return user


# Privileges and the security log ------------------------------------------------------------

PRIVILEGE_FIELDS = ("is_active", "is_staff", "is_superuser")


def client_network(ip: str | None) -> str:
    """The network part of a client address (IPv4 /24, IPv6 /48), for the security log."""
    try:
        address = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return ""
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


def security_event_record(
    *,
    kind: str,
    user: User | None = None,
    actor: User | None = None,
    ip: str | None = None,
    detail: Mapping[str, Any] | None = None,
) -> SecurityEvent:
    event = SecurityEvent(
        kind=kind,
        user=user,
        actor=actor,
        ip=client_network(ip),
        detail=dict(detail or {}),
    )
    event.full_clean()
    event.save()
    return event


def user_privileges(*, user: User) -> dict[str, Any]:
    """What an account may do beyond a member: flags, groups and direct permissions."""
    return {
        **{field: getattr(user, field) for field in PRIVILEGE_FIELDS},
        "groups": sorted(user.groups.values_list("name", flat=True)),
        "permissions": sorted(
            f"{app}.{codename}"
            for app, codename in user.user_permissions.values_list(
                "content_type__app_label", "codename"
            )
        ),
    }


@transaction.atomic
def user_privileges_changed(
    *, user: User, by: User, before: Mapping[str, Any], ip: str | None = None
) -> SecurityEvent | None:
    """Record a change of ``user``'s privileges made by ``by``; refuse it (rolling the change
    back with the caller's transaction) unless ``by`` is a superuser. Deactivating an account
    is the one privilege change a curator may make, and never to their own account."""
    after = user_privileges(user=user)
    changes = {key: [before[key], after[key]] for key in after if before.get(key) != after[key]}
    if not changes:
        return None
    if not by.is_superuser and (set(changes) != {"is_active"} or user.pk == by.pk):
        raise PermissionDenied(_("Only a superuser may change staff status or permissions."))
    return security_event_record(
        kind=SecurityEvent.Kind.PRIVILEGES_CHANGED, user=user, actor=by, ip=ip, detail=changes
    )


@transaction.atomic
def user_make_curator(*, user: User, by: User | None = None) -> User:
    """Make ``user`` a curator (staff in the curator group). ``by`` is None only for the
    demo data and management commands, which run with the server's own authority."""
    if by is not None and not by.is_superuser:
        raise PermissionDenied(_("Only a superuser may make someone a curator."))
    before = user_privileges(user=user)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name="curator"))
    after = user_privileges(user=user)
    if before != after:
        changes = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
        security_event_record(
            kind=SecurityEvent.Kind.PRIVILEGES_CHANGED, user=user, actor=by, detail=changes
        )
    return user


# Second factor and signed-in sessions --------------------------------------------------------
# A member's second factors are django-otp devices: an authenticator app (TOTPDevice), passkeys
# and security keys (django-otp-webauthn's WebAuthnCredential) and one set of recovery codes
# (StaticDevice). Every change ends the member's other sessions, is written to the security
# log and is told to the member by email.


def _second_factor_changed(
    *, user: User, kind: str, what: str, keep_session_key: str | None, ip: str | None
) -> None:
    security_event_record(kind=kind, user=user, ip=ip, detail={"what": what})
    member_sessions_end(user=user, keep_session_key=keep_session_key, ip=ip, record=False)
    transaction.on_commit(
        lambda: tasks.deliver_security_notice.enqueue(user_id=user.pk, kind=kind, what=what)
    )


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator-app key for the member (any earlier unconfirmed one is
    dropped); it counts only once a code from the app confirms it."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice(user=user, name=_("Authenticator app"), confirmed=False)
    device.full_clean()
    device.save()
    return device


@transaction.atomic
def totp_device_confirm(
    *, user: User, token: str, keep_session_key: str | None, ip: str | None
) -> tuple[TOTPDevice | None, list[str]]:
    """Confirm the member's new authenticator app with a first code. Returns the device (None
    if the code is wrong) and the recovery codes created with a first second factor."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).last()
    if device is None or not device.verify_token(token):
        return None, []
    device.confirmed = True
    device.full_clean()
    device.save()
    codes = [] if _has_recovery_codes(user) else _recovery_codes_create(user=user)
    _second_factor_changed(
        user=user,
        kind=SecurityEvent.Kind.SECOND_FACTOR_ADDED,
        what="authenticator app",
        keep_session_key=keep_session_key,
        ip=ip,
    )
    return device, codes


def passkey_added(*, user: User, keep_session_key: str | None, ip: str | None) -> list[str]:
    """After django-otp-webauthn registered a passkey: log, end other sessions, email; the
    recovery codes created with a first second factor."""
    with transaction.atomic():
        codes = [] if _has_recovery_codes(user) else _recovery_codes_create(user=user)
        _second_factor_changed(
            user=user,
            kind=SecurityEvent.Kind.SECOND_FACTOR_ADDED,
            what="passkey",
            keep_session_key=keep_session_key,
            ip=ip,
        )
    return codes


def _has_recovery_codes(user: User) -> bool:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).exists()


def _recovery_codes_create(*, user: User) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice(user=user, name=_("Recovery codes"), confirmed=True)
    device.full_clean()
    device.save()
    codes = [StaticToken.random_token() for _i in range(settings.MFA_RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def recovery_codes_renew(*, user: User, keep_session_key: str | None, ip: str | None) -> list[str]:
    """A new set of one-time recovery codes; the old set stops working."""
    codes = _recovery_codes_create(user=user)
    _second_factor_changed(
        user=user,
        kind=SecurityEvent.Kind.RECOVERY_CODES_CREATED,
        what="recovery codes",
        keep_session_key=keep_session_key,
        ip=ip,
    )
    return codes


@transaction.atomic
def second_factor_remove(
    *, user: User, device: Device, keep_session_key: str | None, ip: str | None
) -> None:
    """Remove one of the member's second factors. With none left, the recovery codes go too
    (they are a fallback for a second factor, not one of their own)."""
    if device.user_id != user.pk:
        raise PermissionDenied
    what = "passkey" if isinstance(device, WebAuthnCredential) else "authenticator app"
    device.delete()
    if not (
        TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        or WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()
    ):
        StaticDevice.objects.filter(user=user).delete()
    _second_factor_changed(
        user=user,
        kind=SecurityEvent.Kind.SECOND_FACTOR_REMOVED,
        what=what,
        keep_session_key=keep_session_key,
        ip=ip,
    )


@transaction.atomic
def member_session_record(
    *, user: User, session_key: str, user_agent: str, ip: str | None
) -> MemberSession:
    """Note a new signed-in session (at sign-in). Returns the row."""
    row, _created = MemberSession.objects.update_or_create(
        session_key=session_key,
        defaults={
            "user": user,
            "user_agent": (user_agent or "")[:300],
            "ip": client_network(ip),
            "last_seen_at": timezone.now(),
        },
    )
    return row


@transaction.atomic
def member_sessions_end(
    *,
    user: User,
    keep_session_key: str | None = None,
    only_session_key: str | None = None,
    ip: str | None = None,
    record: bool = True,
) -> int:
    """Sign the member out of their sessions: all but ``keep_session_key``, or only
    ``only_session_key``. The sessions are deleted from Django's session table, so the next
    request of those browsers is anonymous. Returns how many ended."""
    rows = MemberSession.objects.for_user(user)
    if only_session_key is not None:
        rows = rows.filter(session_key=only_session_key)
    if keep_session_key:
        rows = rows.exclude(session_key=keep_session_key)
    keys = list(rows.values_list("session_key", flat=True))
    Session.objects.filter(session_key__in=keys).delete()
    rows.delete()
    if record and keys:
        security_event_record(
            kind=SecurityEvent.Kind.SESSIONS_ENDED, user=user, ip=ip, detail={"count": len(keys)}
        )
    return len(keys)
