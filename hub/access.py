"""Who may see what: the one place every view asks.

Content carries a ``visibility``: ``public`` (anyone) or ``verified`` (members whose
verification is current, and staff). Restricted pages send anonymous visitors to the sign-in
page and show signed-in but unverified users a 403 page that explains why.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

CURATOR_GROUP = "curator"
TRAINER_GROUP = "trainer"

View = Callable[..., HttpResponse]


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    VERIFIED = "verified", _("Verified members only")


def is_verified_member(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """True for members whose verification is current, and for staff."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.is_staff or user.is_verified)


def has_lapsed(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """A signed-in member who was verified once and is no longer: the verification ran out,
    or they said they have left law enforcement. They keep their own data, nothing else."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.verification_expired or user.verification_status == user.Verification.LEFT)


def can_read_own_data(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """May open pages that show only their own things (shortlists, assessments they wrote,
    certificates): verified members and staff, and members whose verification lapsed."""
    return is_verified_member(user) or has_lapsed(user)


def is_curator(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    if not getattr(user, "is_authenticated", False) or not (user.is_active and user.is_staff):
        return False
    return user.is_superuser or user.groups.filter(name=CURATOR_GROUP).exists()


def can_view(user: AbstractBaseUser | AnonymousUser | None, visibility: str) -> bool:
    return visibility == Visibility.PUBLIC or is_verified_member(user)


def visible_q(user: AbstractBaseUser | AnonymousUser | None, field: str = "visibility") -> Q:
    """A filter that keeps only the rows ``user`` may see."""
    if is_verified_member(user):
        return Q()
    return Q(**{field: Visibility.PUBLIC})


def deny(request: HttpRequest, *, reason: str = "") -> HttpResponse:
    """The answer to a signed-in user who may not see a page: a 403 that says why."""
    return render(
        request,
        "hub/verification_required.html",
        {"reason": reason, "account": request.user},
        status=403,
    )


def _members_only(view: View, *, admits: Callable[[object], bool]) -> View:
    """``view`` for signed-in members that ``admits`` lets in (others are sent to sign in or
    told why not), after their second factor where every member must use one."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not admits(request.user):
            return deny(request)
        if second_factor_required_everywhere(request.user) and (
            gate := second_factor_gate(request)
        ):
            return gate
        return view(request, *args, **kwargs)

    return wrapper


def verified_required(view: View) -> View:
    """Let only verified members (and staff) through; others are signed in or told why not."""
    return _members_only(view, admits=is_verified_member)


def member_own_data_required(view: View) -> View:
    """Pages of a member's own things: open to verified members and to lapsed ones (expired,
    or left law enforcement), who keep read access to what is theirs. The view must show
    only the signed-in member's own rows and nothing restricted; writes stay
    ``verified_required``."""
    return _members_only(view, admits=can_read_own_data)


def curator_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_curator(request.user):
            return deny(request, reason=_("This page is for curators."))
        return view(request, *args, **kwargs)

    return wrapper


class VerifiedRequiredMixin:
    """Class-based views: the same rule as ``verified_required``."""

    def dispatch(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_verified_member(request.user):
            return deny(request)
        if second_factor_required_everywhere(request.user) and (
            gate := second_factor_gate(request)
        ):
            return gate
        return super().dispatch(request, *args, **kwargs)


def member_data(view: View) -> View:
    """Mark a view whose answer holds a member's data though it may be opened without signing
    in (by a secret link): hub.middleware.PrivacyHeadersMiddleware makes it ``no-store``."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response.member_data = True
        return response

    return wrapper


# Second factor -------------------------------------------------------------------------------


def second_factor_used(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """True once the member has used a second factor in this session (django-otp)."""
    return getattr(user, "otp_device", None) is not None


def second_factor_required_for(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """Whether this account must use a second factor before the curation site and trainers'
    pages: staff (curators), superusers and trainers; every verified member when
    ``MFA_REQUIRED_FOR_ALL_VERIFIED`` is on. Whoever manages a session's roster is asked
    there too (training.views), whatever their role."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser or getattr(user, "role", "") == TRAINER_GROUP:
        return True
    return settings.MFA_REQUIRED_FOR_ALL_VERIFIED and is_verified_member(user)


def second_factor_required_everywhere(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    """With ``MFA_REQUIRED_FOR_ALL_VERIFIED`` on, every restricted page asks verified members
    (staff included) for their second factor."""
    return bool(settings.MFA_REQUIRED_FOR_ALL_VERIFIED) and is_verified_member(user)


def second_factor_gate(request: HttpRequest) -> HttpResponse | None:
    """None if the session has used a second factor; otherwise the redirect that asks for it:
    to the second step when the member has one, else to setting one up, with a message that
    says why."""
    if second_factor_used(request.user):
        return None
    query = "?" + urlencode({"next": request.get_full_path()})
    if user_has_device(request.user):
        return redirect(reverse("hub:mfa-verify") + query)
    messages.warning(
        request,
        _(
            "Curators, trainers and staff must use a second factor (a passkey, a security key "
            "or an authenticator app) to open that page. Set one up below; it takes a minute."
        ),
    )
    return redirect(reverse("hub:security") + query)


def second_factor_required(view: View) -> View:
    """Trainers' pages: an account that must use a second factor gets through only in a
    session that has used one (others get the page's own answer)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if second_factor_required_for(request.user) and (gate := second_factor_gate(request)):
            return gate
        return view(request, *args, **kwargs)

    return wrapper
