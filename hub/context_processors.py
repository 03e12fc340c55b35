from django.conf import settings

from hub.access import is_verified_member


def access(request):
    user = getattr(request, "user", None)
    return {
        "is_verified_member": is_verified_member(user),
        "release": settings.RELEASE,
    }
