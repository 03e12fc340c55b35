"""Account writes that carry rules: registration, email confirmation, verification."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core import signing
from django.db import transaction
from django.utils import timezone

from hub import emails
from hub.models import Agency, User

CONFIRM_SALT = "hub.confirm-email"


@transaction.atomic
def agency_get_or_create(*, name: str, country: str, kind: str) -> Agency:
    agency = Agency.objects.filter(name__iexact=name.strip(), country=country).first()
    if agency is None:
        agency = Agency(name=name.strip(), country=country, kind=kind)
        agency.full_clean()
        agency.save()
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
) -> User:
    """A new account, pending verification, and the message that confirms its address."""
    agency = agency_get_or_create(name=agency_name, country=country, kind=agency_kind)
    user = User(
        email=email.lower(),
        full_name=full_name,
        agency=agency,
        country=country,
        role=role,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    emails.send_email_confirmation(user=user)  # a task row in this transaction
    return user


def email_confirmation_token(*, user: User) -> str:
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(f"{user.pk}:{user.email}")


def user_from_confirmation_token(token: str) -> User | None:
    """The user a confirmation token names, or None if it is forged, stale or outdated."""
    try:
        value = signing.TimestampSigner(salt=CONFIRM_SALT).unsign(
            token, max_age=settings.EMAIL_CONFIRMATION_MAX_AGE
        )
    except signing.BadSignature:
        return None
    pk, _, email = value.partition(":")
    return User.objects.filter(pk=pk, email=email).first() if pk.isdigit() else None


@transaction.atomic
def user_confirm_email(*, user: User) -> User:
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


@transaction.atomic
def user_verify(*, user: User, by: User, note: str = "") -> User:
    """Verify (or re-verify) a member for another twelve months and tell them."""
    user.verification_status = User.Verification.VERIFIED
    user.verified_at = timezone.now()
    user.verified_by = by
    if note:
        user.verification_note = note
    user.full_clean()
    user.save()
    emails.send_verification_result(user=user)  # a task row in this transaction
    return user


@transaction.atomic
def user_reject(*, user: User, by: User, note: str = "") -> User:
    user.verification_status = User.Verification.REJECTED
    user.verified_by = by
    user.verification_note = note or user.verification_note
    user.save()
    emails.send_verification_result(user=user)  # a task row in this transaction
    return user


@transaction.atomic
def user_suspend(*, user: User, by: User, note: str = "") -> User:
    user.verification_status = User.Verification.SUSPENDED
    user.verified_by = by
    user.verification_note = note or user.verification_note
    user.save()
    emails.send_verification_result(user=user)  # a task row in this transaction
    return user


@transaction.atomic
def user_make_curator(*, user: User) -> User:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name="curator"))
    return user
