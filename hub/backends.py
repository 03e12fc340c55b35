from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.base_user import AbstractBaseUser


class HubBackend(ModelBackend):
    """Email sign-in; suspended and rejected members cannot sign in or stay signed in."""

    def user_can_authenticate(self, user: AbstractBaseUser | None) -> bool:
        return super().user_can_authenticate(user) and getattr(user, "can_sign_in", True)
