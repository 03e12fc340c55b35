from django.conf import settings

from hub.access import is_curator, is_verified_member


def access(request):
    user = getattr(request, "user", None)
    return {
        "is_verified_member": is_verified_member(user),
        "is_curator": lambda: is_curator(user),
        "release": settings.RELEASE,
    }
