from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser
from django_otp_webauthn.backends import WebAuthnBackend


class HubBackend(ModelBackend):
    """Email sign-in; suspended and rejected members cannot sign in or stay signed in."""

    def user_can_authenticate(self, user: AbstractBaseUser | None) -> bool:
        return super().user_can_authenticate(user) and getattr(user, "can_sign_in", True)


class HubPasskeyBackend(WebAuthnBackend):
    """Sign-in with a passkey alone (django-otp-webauthn's passwordless sign-in), refused to
    suspended and rejected members like every other way in."""

    def user_can_authenticate(self, user: AbstractBaseUser | None) -> bool:
        return super().user_can_authenticate(user) and getattr(user, "can_sign_in", True)
