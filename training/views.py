"""Thin views: parse input, call a selector or a service, render. Refusals from the services
come back as messages on the page the person came from; nothing a user types ends in a 500."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
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
from training.forms import (
    AddTraineeForm,
    CertificateLookupForm,
    ContactTrainersForm,
    RosterActionForm,
    SessionCancelForm,
    SessionEditForm,
    SessionEmailForm,
    session_form_zone,
)
from training.ical import feed_ics, session_ics
from training.models import SEAT_HOLDING, CalendarToken, Enrolment, Session
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


def _enrol_refusal(course, user) -> str:
    """Why a signed-in member could not enrol in this course, said before they click
    "Enrol" (the same rules the service applies; reading them writes nothing)."""
    if not user.is_authenticated:
        return ""
    try:
        services.check_eligibility(course=course, user=user)
    except EnrolmentRefused as refusal:
        return refusal.message
    return ""


def course_detail(request, slug):
    course = selectors.course_detail(slug=slug, user=request.user)
    sessions = selectors.upcoming_sessions(course=course, user=request.user)
    refusal = _enrol_refusal(course, request.user) if sessions else ""
    for session in sessions:
        session.enrol_refusal = refusal
    return render(request, "training/course_detail.html", {"course": course, "sessions": sessions})


def session_detail(request, pk):
    session = selectors.session_detail(pk=pk, user=request.user)
    mine = session.my_enrolment
    manages = services.can_manage(session=session, user=request.user)
    if mine is None and session.enrolment_is_open():
        session.enrol_refusal = _enrol_refusal(session.course, request.user)
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "course": session.course,
            "my_enrolment": mine,
            "manages": manages,
            "waiting_list": selectors.waiting_list(session=session) if manages else None,
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
        session_ics(enrolment.session, include_link=True, changed_at=enrolment.updated_at),
        content_type="text/calendar",
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


@login_required
def certificate_pdf(request, code):
    """The certificate as a PDF file, for the holder and the trainers of its session."""
    enrolment = selectors.certificate(code=services.normalise_certificate_code(code))
    if enrolment is None or not (
        enrolment.user_id == request.user.pk
        or services.can_manage(session=enrolment.session, user=request.user)
    ):
        raise Http404("No such certificate")
    verify_url = request.build_absolute_uri(enrolment.get_verification_url())
    # Imported here: the PDF library takes half a second to import, which no other page needs.
    from training import pdf

    response = HttpResponse(
        pdf.certificate_pdf(enrolment=enrolment, verify_url=verify_url),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{enrolment.certificate_code}.pdf"'
    )
    return response


@login_required
def contact_trainers(request, pk):
    """A trainee writes to the trainers of a session they enrolled in."""
    session = selectors.session_for_enrolment(pk=pk, user=request.user)
    if not session.enrolments.filter(user=request.user).exists():
        return deny(
            request, reason=_("Only people enrolled in this session can write to its trainers.")
        )
    form = ContactTrainersForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.trainers_contact(
            session=session, sender=request.user, message=form.cleaned_data["message"]
        )
        messages.success(request, _("Your message was sent to the trainers."))
        return redirect(session)
    return render(
        request,
        "training/contact_trainers.html",
        {"session": session, "form": form},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


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


def _roster_post_data(request):
    """A per-row button sends ``row=<action>:<id>``: that row alone, no confirmation needed.
    Otherwise the ticked rows and the chosen bulk action."""
    row = request.POST.get("row", "")
    action, _sep, pk = row.partition(":")
    if action and pk.isdigit():
        return {"action": action, "enrolments": [pk], "confirmed": "1"}
    return request.POST


@verified_required
def roster(request, pk):
    session, denied = _managed_session(request, pk)
    if denied:
        return denied
    rows = selectors.roster(session=session)
    data = _roster_post_data(request) if request.method == "POST" else None
    form = RosterActionForm(data, enrolment_ids=[e.pk for e in rows])
    if request.method == "POST":
        if form.is_valid():
            chosen = form.cleaned_data
            if chosen["action"] == "cancel" and len(chosen["enrolments"]) > 1:
                if not chosen["confirmed"]:
                    # Cancelling several people at once: show who, and ask first.
                    return render(
                        request,
                        "training/roster_confirm.html",
                        {
                            "session": session,
                            "rows": [r for r in rows if r.pk in chosen["enrolments"]],
                        },
                    )
            _roster_action(request, session, chosen)
            return redirect("training:roster", pk=session.pk)
        for error in form.errors.values():
            messages.error(request, " ".join(error))
    counts = dict.fromkeys(Status.values, 0)
    for row in rows:
        counts[row.status] += 1
    seats_taken = sum(counts[s] for s in SEAT_HOLDING)
    return render(
        request,
        "training/roster.html",
        {
            "session": session,
            "rows": rows,
            "counts": counts,
            "seats_taken": seats_taken,
            "form": form,
            "add_form": AddTraineeForm(),
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
        sent = services.session_message_send(session=session, by=request.user, **form.cleaned_data)
        messages.success(
            request,
            ngettext("Sent to %(count)d person.", "Sent to %(count)d people.", sent)
            % {"count": sent},
        )
        return redirect("training:roster", pk=session.pk)
    counts = session.enrolments.aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status__in=[Status.WAITLISTED, Status.OFFERED])),
    )
    return render(
        request,
        "training/session_email.html",
        {"session": session, "form": form, "counts": counts},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@verified_required
def session_edit(request, pk):
    """A trainer changes the time, place, joining link and seats of their session, with times
    typed in the session's own zone."""
    session, denied = _managed_session(request, pk)
    if denied:
        return denied
    if session.is_cancelled:
        messages.error(request, _("This session has been cancelled."))
        return redirect("training:roster", pk=session.pk)
    with timezone.override(session_form_zone(request, session)):
        form = SessionEditForm(request.POST if request.method == "POST" else None, instance=session)
        if request.method == "POST" and form.is_valid():
            try:
                promoted = services.session_update(
                    session=session, by=request.user, **form.cleaned_data
                )
            except EnrolmentRefused as refusal:
                form.add_error(None, refusal.message)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The session is saved."))
                if promoted:
                    messages.info(
                        request,
                        ngettext(
                            "%(count)d person moved up from the waiting list.",
                            "%(count)d people moved up from the waiting list.",
                            promoted,
                        )
                        % {"count": promoted},
                    )
                return redirect("training:roster", pk=session.pk)
        if form.is_bound:  # the form changed the instance it was given: show the stored one
            session.refresh_from_db(fields=SessionEditForm.Meta.fields)
        response = render(
            request,
            "training/session_edit.html",
            {"session": session, "form": form},
            status=400 if form.is_bound else 200,
        )
    return response


@verified_required
@require_POST
def enrolment_add(request, pk):
    """A trainer enrols a named member (from the roster)."""
    session, denied = _managed_session(request, pk)
    if denied:
        return denied
    form = AddTraineeForm(request.POST)
    if not form.is_valid():
        for error in form.errors.values():
            messages.error(request, " ".join(error))
        return redirect("training:roster", pk=session.pk)
    try:
        enrolment = services.enrolment_add(session=session, user=form.member, by=request.user)
    except EnrolmentRefused as refusal:
        messages.error(request, refusal.message)
    else:
        if enrolment.status == Status.CONFIRMED:
            messages.success(request, _("%(name)s is confirmed.") % {"name": form.member})
        else:
            messages.warning(
                request,
                _("The session is full: %(name)s is number %(position)s on the waiting list.")
                % {"name": form.member, "position": enrolment.position},
            )
    return redirect("training:roster", pk=session.pk)


@verified_required
def session_cancel(request, pk):
    session, denied = _managed_session(request, pk)
    if denied:
        return denied
    if session.is_cancelled:
        messages.error(request, _("This session is already cancelled."))
        return redirect("training:roster", pk=session.pk)
    form = SessionCancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            count = services.session_cancel(
                session=session, by=request.user, reason=form.cleaned_data["reason"]
            )
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
        request,
        "training/session_cancel.html",
        {"session": session, "affected": affected, "form": form},
        status=400 if form.is_bound else 200,
    )
