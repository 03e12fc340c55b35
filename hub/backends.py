from django.contrib.auth.backends import ModelBackend


class HubBackend(ModelBackend):
    """Email sign-in; suspended and rejected members cannot sign in or stay signed in."""

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and getattr(user, "can_sign_in", True)
