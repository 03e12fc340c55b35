"""Who is reading: the type every selector takes for ``user``, and the access level that
decides which cached copy of a page a reader may share with others."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser

from hub.access import is_verified_member

type Viewer = AbstractBaseUser | AnonymousUser | None


def access_level(user: Viewer) -> str:
    """``"verified"`` for members who see restricted entries, else ``"public"``."""
    return "verified" if is_verified_member(user) else "public"


def can_see_restricted(user: Viewer) -> bool:
    return is_verified_member(user)
