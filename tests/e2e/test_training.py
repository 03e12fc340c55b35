"""A trainee's whole path through training, in Chromium: enrol in a full session and land on
the waiting list, be promoted when someone cancels, receive the emails with calendar files,
and after the session get a certificate (marked by the trainer) that anyone can verify."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from tests.e2e.conftest import sign_in
from tests.factories import PASSWORD, UserFactory
from tests.training.factories import CourseFactory, SessionFactory
from training.models import Enrolment, Session


def _attachment_names(message):
    return [getattr(a, "filename", None) or a[0] for a in message.attachments]


def test_waiting_list_promotion_completion_and_certificate(browser, live_server):
    trainer = UserFactory(trainer=True, full_name="Tess Trainer")
    holder = UserFactory(verified=True, full_name="Hugo Holder")
    trainee = UserFactory(verified=True, full_name="Wanda Waiting")
    course = CourseFactory(title="Triage with AI tools", summary="Prioritise exhibits.")
    session = SessionFactory(
        course=course,
        capacity=1,
        trainers=[trainer],
        cancel_hours=24,
        starts_at=timezone.now() + timedelta(days=5),
    )

    def context_for(user):
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(10_000)
        page = context.new_page()
        sign_in(page, user.email, PASSWORD)
        return context, page

    # The first trainee takes the only seat.
    holder_context, holder_page = context_for(holder)
    holder_page.goto("/training/")
    holder_page.get_by_role("link", name="Triage with AI tools").click()
    holder_page.get_by_role("button", name="Enrol").click()
    holder_page.get_by_text("Your place is confirmed").wait_for()

    # The second trainee finds the course full and joins the waiting list.
    context, page = context_for(trainee)
    page.goto("/training/")
    page.get_by_label("Only courses with free seats").check()
    page.get_by_role("button", name="Show courses").click()
    page.get_by_text("No course matches these filters.").wait_for()
    page.goto("/training/")
    page.get_by_role("link", name="Triage with AI tools").click()
    page.get_by_role("button", name="Join the waiting list").click()
    page.get_by_text("You are number 1 on the waiting list").wait_for()
    page.goto("/training/my/")
    page.get_by_text("Waiting list: number 1").wait_for()
    waiting_mail = [m for m in mail.outbox if m.to == [trainee.email]]
    assert [m.subject for m in waiting_mail] == [
        "You are on the waiting list: Triage with AI tools"
    ]
    assert session.online_url not in page.content()

    # The first trainee cancels from My training; the seat goes to the waiting list at once.
    holder_page.goto("/training/my/")
    holder_page.get_by_role("button", name="Cancel my enrolment").click()
    holder_page.get_by_text("Your enrolment is cancelled").wait_for()
    holder_context.close()

    page.goto("/training/my/")
    page.locator(".badge--ok", has_text="Confirmed").wait_for()
    promoted = [m for m in mail.outbox if m.to == [trainee.email]][-1]
    assert "your place is confirmed" in promoted.subject
    assert _attachment_names(promoted) == [f"training-session-{session.pk}.ics"]
    assert session.online_url in promoted.body
    cancelled = [m for m in mail.outbox if m.to == [holder.email]][-1]
    assert cancelled.subject.startswith("Enrolment cancelled")
    assert _attachment_names(cancelled) == [f"training-session-{session.pk}-cancelled.ics"]
    page.goto(session.get_absolute_url())
    page.get_by_role("link", name=session.online_url).wait_for()

    # Time passes: the session took place. The trainer marks completion on the roster.
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(days=2),
        ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=3),
    )
    trainer_context, trainer_page = context_for(trainer)
    trainer_page.goto("/training/teach/")
    trainer_page.get_by_role("link", name="Triage with AI tools").click()
    trainer_page.get_by_label("Wanda Waiting").check()
    trainer_page.get_by_label("With the ticked trainees").select_option("complete")
    trainer_page.get_by_role("button", name="Apply").click()
    trainer_page.get_by_text("1 trainee updated").wait_for()
    trainer_context.close()

    # The trainee opens the certificate; anyone can verify its code.
    page.goto("/training/my/")
    page.get_by_role("link", name="Open the certificate").click()
    page.get_by_role("heading", name="Certificate of completion").wait_for()
    code = Enrolment.objects.get(session=session, user=trainee).certificate_code
    assert code in page.content()
    context.close()

    public = browser.new_context(base_url=live_server.url, locale="en-GB").new_page()
    public.goto("/training/verify/")
    public.get_by_label("Verification code").fill(code.lower().replace("-", " "))
    public.get_by_role("button", name="Check").click()
    public.get_by_text("Valid certificate").wait_for()
    assert "Wanda Waiting" in public.content()
    assert "Triage with AI tools" in public.content()
    public.goto("/training/verify/NOPE-NOPE-NOPE/")
    public.get_by_text("No certificate has this code").wait_for()
    public.context.close()


def test_seat_offered_by_email_is_accepted_from_the_link(page):
    import re

    from training import services

    session = SessionFactory(
        course=CourseFactory(title="Chat analysis"), capacity=1, waitlist_mode="offer"
    )
    holder = UserFactory(verified=True)
    trainee = UserFactory(verified=True, full_name="Olga Offer")
    seat = services.enrolment_create(session=session, user=holder)
    services.enrolment_create(session=session, user=trainee)
    services.enrolment_cancel(enrolment=seat)

    offer = [m for m in mail.outbox if m.to == [trainee.email]][-1]
    assert offer.subject == "A seat is offered to you: Chat analysis"
    path = re.search(r"https?://[^/\s]+(/training/offers/\S+/)", offer.body).group(1)
    page.goto(path)
    page.get_by_text("A seat is offered to you until").wait_for()
    page.get_by_role("button", name="Accept the seat").click()
    page.get_by_text("Your place is confirmed").first.wait_for()
    assert Enrolment.objects.get(session=session, user=trainee).status == "confirmed"
    confirmation = [m for m in mail.outbox if m.to == [trainee.email]][-1]
    assert _attachment_names(confirmation) == [f"training-session-{session.pk}.ics"]
    # The link cannot be used twice, and a changed link is refused.
    page.goto(path)
    page.get_by_text("Your place is confirmed").first.wait_for()
    page.goto(path.replace(":", ":x", 1))
    page.get_by_role("heading", name="This link is not valid").wait_for()
