"""Every page of the portal, tried as an anonymous visitor, a pending and a verified member.

The list of pages comes from the URL resolver, so a new view is covered the day it is added:
it counts as restricted to verified members unless it is named in one of the reviewed
allow-lists below, and its path parameters must have a sample in ``SAMPLES``.
"""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from hub.tokens import email_confirmation_token
from tests.catalogue.factories import ShortlistItemFactory, ToolFactory
from tests.factories import UserFactory
from tests.training.factories import EnrolmentFactory, SessionFactory

# Pages anyone may open. Review this list whenever a name is added to it.
PUBLIC = {
    "hub:home",
    "hub:search",
    "hub:healthz",
    "hub:register",
    "hub:register-done",
    "hub:confirm-email",  # the signed token is the key
    "hub:login",
    "hub:logout",
    "hub:password-reset",
    "hub:password-reset-done",
    "hub:password-reset-confirm",  # the reset token is the key
    "hub:password-reset-complete",
    "catalogue:tool-list",
    "catalogue:tool-compare",
    "catalogue:tool-feed",
    "catalogue:tool-export-csv",  # exports only what the visitor may see
    "catalogue:tool-export-json",
    "catalogue:tool-detail",  # public summary; restricted fields tested in catalogue
    "community:unfollow",  # the signed token is the key (the link in a digest email)
    "catalogue:finder",  # visitors get public tools only (tests/catalogue/test_finder.py)
    "catalogue:finder-reading",  # the interpretation of the words; no tool data
    "training:course-list",
    "training:course-detail",
    "training:session-detail",  # the online link shows to confirmed trainees only
    "training:offer-respond",  # the signed token is the key
    "training:calendar-feed",  # the secret token is the key
    "training:certificate",  # anyone may check a certificate by its code
    "training:certificate-lookup",
    "training:certificate-verify",
    "training:certificate-pdf",  # the same certificate as a PDF, by its code
    "legislation:index",
    "legislation:jurisdiction-list",
    "legislation:jurisdiction-detail",
    "legislation:instrument-detail",
    "legislation:matrix",
    "legislation:matrix-csv",
    "legislation:compare",
    "legislation:map",
    "legislation:feed",
    "legislation:about",
    "set_language",
    "account:deleted",  # a thank-you page, nothing personal
    "otp_webauthn:js-i18n-catalog",  # the passkey script's translations
}
# Pages for any signed-in account, verified or not (their own account).
SIGNED_IN = {
    "hub:profile",
    "hub:resend-confirmation",
    "hub:password-change",
    "hub:password-change-done",
    "training:my-training",  # the member's own enrolments only
    "account:reverify",  # asking to be verified again (refused in words to pending members)
    "account:leave",
    "account:data",  # the member's own data download
    "account:delete",
    # The member's own second factors and sessions (others' rows are 404: tests/hub/test_mfa.py)
    "hub:security",
    "hub:mfa-verify",
    "hub:totp-start",
    "hub:totp-confirm",
    "hub:passkey-added",
    "hub:recovery-codes-renew",
    "hub:second-factor-remove",
    "hub:session-end",
    "hub:sessions-end-others",
}
# Pages of a member's own things, which members whose verification lapsed (expired, or left
# law enforcement) still read; every other restricted page refuses them.
OWN_DATA = {
    "catalogue:shortlist-list",
    "catalogue:shortlist-detail",
    "catalogue:shortlist-export",
    "responsible:assessment-list",
    "responsible:assessment-detail",
    "responsible:assessment-print",
    "training:enrolment-ics",  # their own confirmed seat (training's rule: confirmed trainees)
    # A trainee may still write to the trainers of a session they are enrolled in (to say
    # they cannot come, for example): it shows nothing restricted.
    "training:contact-trainers",
}
# Pages for the trainers of a session (a verified member who is not one is refused).
TRAINERS = {
    "training:roster",
    "training:roster-csv",
    "training:session-email",
    "training:session-cancel",
    "training:session-edit",
    "training:enrolment-add",
}


@dataclass
class World:
    pending: object
    verified: object
    trainer: object
    samples: dict


def url_patterns(patterns=None, prefix="", namespace=None):
    """(name, route, converters) of every view outside the admin."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            space = pattern.namespace or namespace
            if space == "admin":
                continue
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), space)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern), pattern.pattern.converters


@pytest.fixture
def world(db):
    pending = UserFactory()
    verified = UserFactory(verified=True)
    trainer = UserFactory(trainer=True)
    tool = ToolFactory(visibility="verified")
    item = ShortlistItemFactory(shortlist__owner=verified, tool=tool)
    session = SessionFactory(trainers=[trainer])
    enrolment = EnrolmentFactory(session=session, user=verified)
    offered = EnrolmentFactory(
        user=verified,
        status="offered",
        offer_expires_at=timezone.now() + timedelta(days=2),
    )
    completed = EnrolmentFactory(
        user=verified,
        session=SessionFactory(starts_at=timezone.now() - timedelta(days=30)),
        status="completed",
        certificate_code="CERT-TEST-0001",
    )
    from legislation.models import Instrument, Jurisdiction
    from training.emails import offer_token
    from training.models import CalendarToken

    calendar = CalendarToken.objects.create(user=verified, token=CalendarToken.new_token())
    jurisdiction = Jurisdiction.objects.first()
    instrument = Instrument.objects.first()
    from responsible import services as responsible_services

    assessment = responsible_services.assessment_create(
        tool=tool,
        author=verified,
        intended_use="Triage of seized phones",
        jurisdiction=jurisdiction,
        lifecycle_stage="procurement",
    )
    share = responsible_services.assessment_share(
        assessment=assessment,
        by=verified,
        email=UserFactory(verified=True, agency=verified.agency).email,
    )
    from community import services as community_services
    from tests.community.factories import ListedProfileFactory

    ListedProfileFactory(user=verified)
    peer = ListedProfileFactory()
    contact = community_services.contact_request_create(
        sender=peer.user, recipient=verified, message="Hello"
    )
    block = community_services.member_block(blocker=verified, blocked=UserFactory(verified=True))
    follow = community_services.follow_add(user=verified, kind="tool", object_id=tool.pk)
    samples = {
        "hub:confirm-email": {"token": email_confirmation_token(user=pending)},
        "hub:second-factor-remove": {"kind": "app", "pk": 1},
        "hub:session-end": {"pk": 1},
        "hub:password-reset-confirm": {
            "uidb64": urlsafe_base64_encode(force_bytes(pending.pk)),
            "token": default_token_generator.make_token(pending),
        },
        "catalogue:shortlist-detail": {"pk": item.shortlist.pk},
        "catalogue:shortlist-export": {"pk": item.shortlist.pk},
        "catalogue:shortlist-delete": {"pk": item.shortlist.pk},
        "catalogue:shortlist-item-update": {"pk": item.pk},
        "catalogue:tool-detail": {"slug": tool.slug},
        "catalogue:shortlist-add": {"slug": tool.slug},
        "training:course-detail": {"slug": session.course.slug},
        "training:session-detail": {"pk": session.pk},
        "training:session-enrol": {"pk": session.pk},
        "training:enrolment-cancel": {"pk": enrolment.pk},
        "training:offer-accept": {"pk": offered.pk},
        "training:offer-decline": {"pk": offered.pk},
        "training:enrolment-ics": {"pk": enrolment.pk},
        "training:offer-respond": {"token": offer_token(offered.pk)},
        "training:calendar-feed": {"token": calendar.token},
        "training:certificate": {"code": completed.certificate_code},
        "training:certificate-verify": {"code": completed.certificate_code},
        "training:roster": {"pk": session.pk},
        "training:roster-csv": {"pk": session.pk},
        "training:session-email": {"pk": session.pk},
        "training:session-cancel": {"pk": session.pk},
        "training:session-edit": {"pk": session.pk},
        "training:enrolment-add": {"pk": session.pk},
        "training:contact-trainers": {"pk": enrolment.session.pk},
        "training:certificate-pdf": {"code": completed.certificate_code},
        "legislation:jurisdiction-detail": {"code": jurisdiction.code if jurisdiction else "GB"},
        "legislation:instrument-detail": {"slug": instrument.slug if instrument else "none"},
        "community:member-connect": {"pk": peer.pk},
        "community:request-answer": {"pk": contact.pk},
        "community:request-report": {"pk": contact.pk},
        "community:request-block": {"pk": contact.pk},
        "community:unblock": {"pk": block.pk},
        "community:field-report": {"slug": tool.slug},
        "community:tool-ask": {"slug": tool.slug},
        "community:unfollow": {"token": community_services.unfollow_token(follow)},
        "responsible:assessment-start": {"slug": tool.slug},
        "responsible:proposal-create": {"slug": tool.slug},
        "responsible:assessment-unshare": {"pk": assessment.pk, "share_pk": share.pk},
        **{
            f"responsible:{name}": {"pk": assessment.pk}
            for name in (
                "assessment-detail",
                "assessment-edit",
                "assessment-print",
                "assessment-complete",
                "assessment-share",
                "comment-add",
                "assessment-sign",
                "assessment-reopen",
            )
        },
    }
    return World(pending, verified, trainer, samples)


def every_url(world):
    urls = []
    missing = []
    for name, route, converters in url_patterns():
        if converters and name not in world.samples:
            missing.append(f"{name} ({route})")
            continue
        urls.append((name, reverse(name, kwargs=world.samples.get(name, {}))))
    assert not missing, f"Give these new pages a sample in SAMPLES: {missing}"
    return urls


def get(user, url):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client.get(url)


def test_every_page_is_refused_to_those_who_may_not_see_it(world):
    urls = every_url(world)
    assert len(urls) > 50
    names = {name for name, _ in urls}
    assert not (PUBLIC | SIGNED_IN | TRAINERS) - names, "an allow-list names a page that is gone"
    problems = []
    for name, url in urls:
        anonymous = get(None, url)
        pending = get(world.pending, url)
        verified = get(world.verified, url)
        codes = (anonymous.status_code, pending.status_code, verified.status_code)
        if any(code >= 500 for code in codes):
            problems.append((name, url, codes, "500"))
        if name in PUBLIC:
            continue
        # Anonymous visitors are sent to sign in (or refused); they never get the page.
        if anonymous.status_code == 200 or (
            anonymous.status_code == 302 and "/accounts/login/" not in anonymous.url
        ):
            problems.append((name, url, codes, "anonymous sees it"))
        if name in SIGNED_IN:
            continue
        if pending.status_code == 200:
            problems.append((name, url, codes, "pending member sees it"))
        if name not in TRAINERS and verified.status_code in (403, 404):
            problems.append((name, url, codes, "the verified member is refused their own page"))
        if name in TRAINERS:
            if verified.status_code == 200:
                problems.append((name, url, codes, "a member who is not a trainer sees it"))
            if get(world.trainer, url).status_code in (403, 404):
                problems.append((name, url, codes, "the trainer is refused"))
    assert problems == [], "\n".join(map(str, problems))


@pytest.mark.parametrize("lapse", ["expired", "left"])
def test_lapsed_members_keep_their_own_data_and_nothing_restricted(world, lapse):
    """The verified member of the world lapses (verification ran out, or they left law
    enforcement): their own shortlists and assessments stay readable, nothing else
    restricted does."""
    member = world.verified
    if lapse == "expired":
        member.verified_at = timezone.now() - timedelta(days=400)
    else:
        member.verification_status = "left"
        member.left_at = timezone.now()
    member.save()
    problems = []
    for name, url in every_url(world):
        if name in PUBLIC or name in SIGNED_IN or name in TRAINERS:
            continue
        code = get(member, url).status_code
        if name in OWN_DATA and code != 200:
            problems.append((name, url, code, "refused their own data"))
        if name not in OWN_DATA and code == 200:
            problems.append((name, url, code, "a lapsed member sees it"))
        if code >= 500:
            problems.append((name, url, code, "500"))
    assert problems == [], "\n".join(map(str, problems))
