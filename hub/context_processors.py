from django.conf import settings
from django.http import HttpRequest

from hub.access import is_verified_member


def access(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {
        "is_verified_member": is_verified_member(user),
        "release": settings.RELEASE,
    }
