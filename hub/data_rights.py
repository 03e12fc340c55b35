"""Members' data rights: download everything the portal holds about me, and delete my account.

Hub does not know the other apps. Each app that keeps something of a member's registers one
``AccountData`` in its ``AppConfig.ready`` (``register_account_data(...)``): ``export(user)``
returns a JSON-ready value for the download, ``erase(user, keep_certificates)`` removes or
anonymises that app's personal data and returns counts of what it did."""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.models import (
    LifecycleNotice,
    SecurityEvent,
    User,
    UserEvent,
    VerificationRequest,
)
from hub.services import security_event_record

FORMER_MEMBER_NAME = "Former member"


@dataclass(frozen=True)
class AccountData:
    name: str
    export: Callable[[User], Any]
    erase: Callable[[User, bool], dict[str, int]]
    order: int = 100


_REGISTRY: dict[str, AccountData] = {}


def register_account_data(
    name: str,
    *,
    export: Callable[[User], Any],
    erase: Callable[[User, bool], dict[str, int]],
    order: int = 100,
) -> None:
    _REGISTRY[name] = AccountData(name=name, export=export, erase=erase, order=order)


def account_data_sections() -> list[AccountData]:
    return sorted(_REGISTRY.values(), key=lambda section: (section.order, section.name))


# Download ----------------------------------------------------------------------------------


def _when(value: Any) -> str | None:
    return value.isoformat() if value else None


def _hub_data(user: User) -> dict[str, Any]:
    agency = user.agency
    return {
        "profile": {
            "email": user.email,
            "full_name": user.full_name,
            "country": user.country.code if user.country else "",
            "role": user.role,
            "preferred_language": user.preferred_language,
            "date_joined": _when(user.date_joined),
            "email_confirmed_at": _when(user.email_confirmed_at),
            "verification_status": user.verification_status,
            "verified_at": _when(user.verified_at),
            "verification_expires_at": _when(user.verification_expires_at),
            "left_law_enforcement_at": _when(user.left_at),
        },
        "agency": (
            {
                "name": agency.name,
                "country": agency.country.code,
                "kind": agency.kind,
                "website": agency.website,
            }
            if agency
            else None
        ),
        "verification_requests": [
            {
                "kind": r.kind,
                "agency": r.agency_name,
                "what_changed": r.what_changed,
                "sent_at": _when(r.created_at),
                "handled_at": _when(r.handled_at),
            }
            for r in user.verification_requests.all()
        ],
        "security_log": [
            {"when": _when(e.created_at), "kind": e.kind, "network": e.ip, "detail": e.detail}
            for e in SecurityEvent.objects.for_user(user)
        ],
    }


@transaction.atomic
def user_data_export(*, user: User, ip: str | None = None) -> dict[str, Any]:
    """Everything the portal keeps about ``user``, as one JSON-ready dict; the download is
    recorded in the security log (kind EXPORT) before the data is gathered, so the log in
    the file includes it."""
    security_event_record(kind=SecurityEvent.Kind.EXPORT, user=user, actor=user, ip=ip)
    data: dict[str, Any] = {"exported_at": timezone.now().isoformat(), **_hub_data(user)}
    for section in account_data_sections():
        data[section.name] = section.export(user)
    return data


# Deletion ----------------------------------------------------------------------------------


def account_deletion_refusal(*, user: User, password: str) -> str | None:
    if user.is_staff or user.is_superuser:
        return _("Staff accounts are closed by a superuser, not from this page.")
    if not password or not check_password(password, user.password):
        return _("The password is not correct.")
    return None


@transaction.atomic
def account_delete(
    *, user: User, password: str, keep_certificates: bool, ip: str | None = None
) -> dict[str, Any]:
    """The member deletes their own account after entering their password again."""
    refusal = account_deletion_refusal(user=user, password=password)
    if refusal:
        raise ValidationError(refusal, code="deletion_refused")
    return account_erase(user=user, keep_certificates=keep_certificates, reason="member")


@transaction.atomic
def account_erase(*, user: User, keep_certificates: bool, reason: str) -> dict[str, Any]:
    """Remove or anonymise everything personal about ``user``.

    The account row stays as an inactive "Former member" placeholder, so what others keep of
    record (enrolment counts for trainers, co-signed agency assessments) still adds up; its
    name, address, agency, country and password are gone. Each app erases its own data;
    the security log keeps only counts per kind, with no account; the history of the
    member's profile (django-pghistory) is deleted."""
    user = User.objects.select_for_update().get(pk=user.pk)
    email = user.email
    done: dict[str, Any] = {}
    for section in account_data_sections():
        done[section.name] = section.erase(user, keep_certificates)
    VerificationRequest.objects.filter(user=user).delete()
    LifecycleNotice.objects.filter(user=user).delete()
    events = SecurityEvent.objects.filter(user=user)
    counts = Counter(events.values_list("kind", flat=True))
    events.delete()
    SecurityEvent.objects.filter(actor=user).update(actor=None)
    _forget_sign_in_attempts(email)

    user.email = f"former-member-{user.pk}@deleted.invalid"
    user.full_name = FORMER_MEMBER_NAME
    user.agency = None
    user.country = ""
    user.role = User.Role.OTHER
    user.verification_note = ""
    user.is_active = False
    user.is_staff = False
    user.set_unusable_password()
    user.full_clean(validate_constraints=False)
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    UserEvent.objects.filter(pgh_obj=user).delete()
    security_event_record(
        kind=SecurityEvent.Kind.ACCOUNT_DELETED,
        detail={"reason": reason, "events": dict(counts), "certificates_kept": keep_certificates},
    )
    return done


@transaction.atomic
def account_remove(*, user: User) -> dict[str, int]:
    """Delete an account that holds nothing of record (its address was never confirmed),
    with its security-log lines, profile history and sign-in attempts; returns the log's
    counts per kind, for the caller's anonymous summary."""
    events = SecurityEvent.objects.filter(user=user)
    counts = Counter(events.values_list("kind", flat=True))
    events.delete()
    SecurityEvent.objects.filter(actor=user).update(actor=None)
    _forget_sign_in_attempts(user.email)
    UserEvent.objects.filter(pgh_obj_id=user.pk).delete()
    user.delete()
    return dict(counts)


def _forget_sign_in_attempts(email: str) -> None:
    """django-axes keeps the address of failed sign-ins; those rows go with the account."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__iexact=email).delete()
