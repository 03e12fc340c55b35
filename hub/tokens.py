"""Signed links in account emails: confirming an address."""

from django.conf import settings
from django.core import signing

from hub.models import User

CONFIRM_SALT = "hub.confirm-email"


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
