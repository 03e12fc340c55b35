"""Thin views: parse input, call a selector or a service, render. Refusals from the services
come back as messages on the page the person came from; nothing a user types ends in a 500."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from catalogue.models import Tool
from hub.access import (
    deny,
    is_curator,
    member_data,
    second_factor_gate,
    second_factor_required,
    verified_required,
)
from hub.csv import csv_safe
from training import emails, selectors, services
from training.forms import CertificateLookupForm, RosterActionForm, SessionEmailForm
from training.ical import feed_ics, session_ics
from training.models import CalendarToken, Enrolment, Session
from training.services import EnrolmentRefused

Status = Enrolment.Status
COURSES_PER_PAGE = 12


def course_list(request):
    filterset = selectors.course_filter(
        data=request.GET or None, user=request.user, request=request
    )
    tool = None
    if filterset.is_bound and filterset.is_valid() and filterset.form.cleaned_data.get("tool"):
        tool = (
            Tool.objects.visible_to(request.user)
            .filter(slug=filterset.form.cleaned_data["tool"])
            .first()
        )
    status = 200
    if filterset.is_bound and not filterset.is_valid():
        courses = filterset.queryset.none()
        status = 400
    else:
        courses = filterset.qs
    page_obj = Paginator(courses, COURSES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/course_list.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "courses": page_obj.object_list,
            "tool": tool,
        },
        status=status,
    )


def course_detail(request, slug):
    course = selectors.course_detail(slug=slug, user=request.user)
    sessions = selectors.upcoming_sessions(course=course, user=request.user)
    return render(request, "training/course_detail.html", {"course": course, "sessions": sessions})


def session_detail(request, pk):
    session = selectors.session_detail(pk=pk, user=request.user)
    mine = session.my_enrolment
    manages = services.can_manage(session=session, user=request.user)
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "course": session.course,
            "my_enrolment": mine,
            "manages": manages,
            "show_link": bool(
                session.online_url
                and not session.is_cancelled
                and (manages or (mine and mine.status == Status.CONFIRMED))
            ),
        },
    )


@require_POST
def session_enrol(request, pk):
    session = selectors.session_for_enrolment(pk=pk, user=request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(session.get_absolute_url())
    try:
        enrolment = services.enrolment_create(session=session, user=request.user)
    except EnrolmentRefused as refusal:
        if refusal.code == "verification":
            return deny(request, reason=refusal.message)
        messages.error(request, refusal.message)
        return redirect(session)
    if enrolment.status == Status.CONFIRMED:
        messages.success(request, _("Your place is confirmed. We have emailed you the details."))
    elif enrolment.status == Status.PENDING:
        messages.info(request, _("Your request was sent. The trainers will approve or reject it."))
    else:
        messages.warning(
            request,
            _("The session is full. You are number %(position)s on the waiting list.")
            % {"position": enrolment.position},
        )
    return redirect(session)


def _own_enrolment(request, pk) -> Enrolment:
    """The signed-in member's own enrolment; anyone else's is a 404, not a 403."""
    return get_object_or_404(Enrolment.objects.select_related("session"), pk=pk, user=request.user)


def _back(request, fallback):
    target = request.POST.get("next", "")
    if target.startswith("/") and not target.startswith("//"):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def enrolment_cancel(request, pk):
    enrolment = _own_enrolment(request, pk)
    was = enrolment.status
    try:
        services.enrolment_cancel(enrolment=enrolment)
    except EnrolmentRefused as refusal:
        messages.error(request, refusal.message)
    else:
        if was == Status.WAITLISTED:
            messages.success(request, _("You left the waiting list."))
        elif was == Status.PENDING:
            messages.success(request, _("Your request is withdrawn."))
        else:
            messages.success(request, _("Your enrolment is cancelled."))
    return _back(request, "training:my-training")


def _answer_offer(request, enrolment: Enrolment, action: str | None) -> None:
    """Accept or decline an offered seat through the service; the outcome becomes a message.
    Used by My training, the session page and the page an offer email links to."""
    try:
        if action == "accept":
            services.offer_accept(enrolment=enrolment)
            messages.success(request, _("The seat is yours: your place is confirmed."))
        elif action == "decline":
            services.offer_decline(enrolment=enrolment)
            messages.success(request, _("You declined the seat; it goes to the next person."))
        else:
            messages.error(request, _("Choose to accept or decline the seat."))
    except EnrolmentRefused as refusal:
        messages.error(request, refusal.message)


@login_required
@require_POST
def offer_accept(request, pk):
    _answer_offer(request, _own_enrolment(request, pk), "accept")
    return _back(request, "training:my-training")


@login_required
@require_POST
def offer_decline(request, pk):
    _answer_offer(request, _own_enrolment(request, pk), "decline")
    return _back(request, "training:my-training")


@member_data
def offer_respond(request, token):
    """The page an offer email links to: the signed token is the key, no sign-in needed."""
    enrolment_id = emails.enrolment_id_from_offer_token(token)
    enrolment = (
        Enrolment.objects.select_related("session__course", "user").filter(pk=enrolment_id).first()
        if enrolment_id
        else None
    )
    if enrolment is None:
        return render(
            request,
            "training/message.html",
            {
                "title": _("This link is not valid"),
                "text": _("The link is incomplete or was changed. Open My training instead."),
            },
            status=400,
        )
    if request.method == "POST":
        _answer_offer(request, enrolment, request.POST.get("action"))
        return redirect("training:offer-respond", token=token)
    return render(request, "training/offer_respond.html", {"enrolment": enrolment})


@login_required
def my_training(request):
    token = CalendarToken.objects.filter(user=request.user).first()
    return render(
        request,
        "training/my_training.html",
        {"sections": selectors.my_training(user=request.user), "calendar_token": token},
    )


@login_required
@require_POST
def calendar_token(request):
    if request.POST.get("action") == "revoke":
        services.calendar_token_revoke(user=request.user)
        messages.success(request, _("Your calendar feed address no longer works."))
    else:
        services.calendar_token_rotate(user=request.user)
        messages.success(
            request, _("Your calendar feed has a new address; any old address stopped working.")
        )
    return redirect("training:my-training")


@member_data
def calendar_feed(request, token):
    feed = CalendarToken.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar")
    body = feed_ics(sessions=selectors.feed_sessions(user=feed.user), name=_("My training"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def enrolment_ics(request, pk):
    enrolment = _own_enrolment(request, pk)
    if enrolment.status not in (Status.CONFIRMED, Status.COMPLETED):
        raise Http404("No calendar file for this enrolment")
    response = HttpResponse(
        session_ics(enrolment.session, include_link=True), content_type="text/calendar"
    )
    response["Content-Disposition"] = f'attachment; filename="training-session-{pk}.ics"'
    return response


@login_required
def certificate(request, code):
    enrolment = selectors.certificate(code=services.normalise_certificate_code(code))
    if enrolment is None or not (
        enrolment.user_id == request.user.pk
        or services.can_manage(session=enrolment.session, user=request.user)
    ):
        raise Http404("No such certificate")
    return render(request, "training/certificate.html", {"enrolment": enrolment})


def certificate_verify(request, code=None):
    """Public: anyone holding a code can check who completed which course, and when."""
    form = CertificateLookupForm(request.GET or None)
    if code is None and form.is_valid():
        code = form.cleaned_data["code"]
    enrolment = None
    status = 200
    if code is not None:
        normalised = services.normalise_certificate_code(code)
        enrolment = selectors.certificate(code=normalised) if normalised else None
        if enrolment is None:
            status = 404
    return render(
        request,
        "training/certificate_verify.html",
        {"form": form, "code": code, "enrolment": enrolment},
        status=status,
    )


# Trainers ----------------------------------------------------------------------------------


def _managed_session(request, pk):
    """The session if the user trains it (or is a curator); otherwise a 403 page."""
    session = get_object_or_404(Session.objects.select_related("course"), pk=pk)
    if not services.can_manage(session=session, user=request.user):
        return session, deny(
            request, reason=_("Only the trainers of this session and curators can manage it.")
        )
    # A roster holds trainees' names and addresses: its managers must use a second factor.
    return session, second_factor_gate(request)


@verified_required
@second_factor_required
def teach_sessions(request):
    sessions = selectors.trainer_sessions(user=request.user, is_curator=is_curator(request.user))
    page_obj = Paginator(sessions, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "training/teach_sessions.html",
        {"page_obj": page_obj, "sessions": page_obj.object_list},
    )


@verified_required
def roster(request, pk):
    session, denied = _managed_session(request, pk)
    if denied:
        return denied
    rows = selectors.roster(session=session)
    data = request.POST if request.method == "POST" else None
    form = RosterActionForm(data, enrolment_ids=[e.pk for e in rows])
    if request.method == "POST":
        if form.is_valid():
            _roster_action(request, session, form.cleaned_data)
            return redirect("training:roster", pk=session.pk)
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    counts = dict.fromkeys(Status.values, 0)
    for row in rows:
        counts[row.status] += 1
    return render(
        request,
        "training/roster.html",
        {
            "session": session,
            "rows": rows,
            "counts": counts,
            "form": form,
            "started": session.has_started(),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def _roster_action(request, session, data) -> None:
    action, ids, by = data["action"], data["enrolments"], request.user
    try:
        if action in ("attended", "absent"):
            done = services.attendance_mark(
                session=session, enrolment_ids=ids, attended=action == "attended", by=by
            )
        elif action == "complete":
            done = services.enrolments_complete(session=session, enrolment_ids=ids, by=by)
        elif action == "no_show":
            done = services.enrolments_no_show(session=session, enrolment_ids=ids, by=by)
        else:
            done = 0
            refusals = []
            for enrolment in session.enrolments.filter(pk__in=ids):
                try:
                    if action == "approve":
                        services.enrolment_approve(enrolment=enrolment, by=by)
                    elif action == "reject":
                        services.enrolment_reject(enrolment=enrolment, by=by)
                    else:
                        services.enrolment_cancel(enrolment=enrolment, by_staff=True)
                    done += 1
                except EnrolmentRefused as refusal:
                    refusals.append(f"{enrolment.user}: {refusal.message}")
            for text in refusals:
                messages.warning(request, text)
    except EnrolmentRefused as refusal:
        messages.error(request, refusal.message)
        return
    messages.success(
        request,
        ngettext("%(count)d trainee updated.", "%(count)d trainees updated.", done)
        % {"count": done},
    )


@verified_required
def roster_csv(request, pk):
    session, denied = _managed_session(request, pk)
    if denied:
        return denied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime(session.starts_at).strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="roster-{session.pk}-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "name",
            "email",
            "agency",
            "status",
            "waiting_list_position",
            "attended",
            "enrolled_at",
            "completed_at",
            "certificate_code",
        ]
    )
    for row in selectors.roster(session=session):
        writer.writerow(
            [
                csv_safe(row.user.full_name),
                csv_safe(row.user.email),
                csv_safe(row.user.agency.name if row.user.agency else ""),
                row.status,
                row.position or "",
                {True: "yes", False: "no", None: ""}[row.attended],
                row.created_at.isoformat(),
                row.completed_at.isoformat() if row.completed_at else "",
                row.certificate_code or "",
            ]
        )
    return response


@verified_required
def session_email(request, pk):
    session, denied = _managed_session(request, pk)
    if denied:
        return denied
    form = SessionEmailForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        sent = services.session_email_confirmed(
            session=session, by=request.user, **form.cleaned_data
        )
        messages.success(
            request,
            ngettext("Sent to %(count)d trainee.", "Sent to %(count)d trainees.", sent)
            % {"count": sent},
        )
        return redirect("training:roster", pk=session.pk)
    recipients = session.enrolments.filter(status=Status.CONFIRMED).count()
    return render(
        request,
        "training/session_email.html",
        {"session": session, "form": form, "recipients": recipients},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@verified_required
def session_cancel(request, pk):
    session, denied = _managed_session(request, pk)
    if denied:
        return denied
    if request.method == "POST":
        try:
            count = services.session_cancel(session=session, by=request.user)
        except EnrolmentRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Session cancelled; %(count)d person was told.",
                    "Session cancelled; %(count)d people were told.",
                    count,
                )
                % {"count": count},
            )
        return redirect("training:roster", pk=session.pk)
    affected = session.enrolments.filter(status__in=services.OPEN_STATUSES).count()
    return render(
        request, "training/session_cancel.html", {"session": session, "affected": affected}
    )
