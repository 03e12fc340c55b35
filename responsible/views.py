"""Thin views: the risk assessments of an agency, and profile change proposals."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from catalogue.models import Tool
from hub.access import is_verified_member, member_own_data_required, verified_required
from responsible import selectors, services
from responsible.forms import (
    NO_CASE_DATA,
    AssessmentStartForm,
    CommentForm,
    ProposalForm,
    RiskForm,
    ShareForm,
)
from responsible.models import Assessment, Proposal, Share

READ = (selectors.AUTHOR, selectors.COLLEAGUE, selectors.DEMO)
TAKE_PART = (selectors.AUTHOR, selectors.COLLEAGUE)
OWN = (selectors.AUTHOR,)


def _no_access(request, assessment: Assessment, reason: str):
    return render(
        request,
        "responsible/no_access.html",
        {"assessment": assessment, "reason": reason},
        status=403,
    )


def _open(request, pk: int, allowed: tuple[str, ...]):
    """The assessment and the user's access to it, or the answer to give instead: 404 when
    it does not exist or belongs to another agency, 403 with a reason for a colleague."""
    assessment = selectors.assessment_get(pk=pk)
    if assessment is None:
        raise Http404
    access = selectors.access_for(assessment=assessment, user=request.user)
    if access == selectors.NONE:
        raise Http404
    if access == selectors.NOT_SHARED:
        reason = _(
            "This assessment belongs to %(author)s, a colleague at your agency, and has not "
            "been shared with you. Assessments are private to their author until the author "
            "shares them: ask %(author)s to add you."
        ) % {"author": assessment.author}
        return assessment, access, _no_access(request, assessment, reason)
    if access not in allowed:
        reason = (
            _("Only the author, %(author)s, can change this assessment.")
            % {"author": assessment.author}
            if access == selectors.COLLEAGUE
            else _("This is a fictional example: you can read it but not change it.")
        )
        return assessment, access, _no_access(request, assessment, reason)
    return assessment, access, None


@member_own_data_required
def assessment_list(request):
    context = selectors.assessment_list(user=request.user)
    if not is_verified_member(request.user):
        # A lapsed member keeps their own assessments, not colleagues' shared ones.
        context["shared"] = []
    return render(request, "responsible/assessment_list.html", context)


@verified_required
def assessment_start(request, slug):
    tool = get_object_or_404(Tool.objects.visible_to(request.user), slug=slug)
    form = AssessmentStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_create(
                tool=tool, author=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Assessment started. Work through each principle, then save.")
            )
            return redirect("responsible:assessment-edit", pk=assessment.pk)
    return render(
        request,
        "responsible/assessment_start.html",
        {"tool": tool, "form": form, "no_case_data": NO_CASE_DATA},
    )


def _worksheet(risks, data=None):
    """One form per risk, grouped by principle, in order."""
    groups, forms = [], []
    for risk in risks:
        form = RiskForm(data, instance=risk, prefix=f"risk-{risk.pk}")
        forms.append(form)
        principle = risk.sub_principle.principle
        if not groups or groups[-1]["principle"].pk != principle.pk:
            groups.append({"principle": principle, "items": []})
        groups[-1]["items"].append({"risk": risk, "form": form})
    return groups, forms


@verified_required
def assessment_edit(request, pk):
    assessment, access, refusal = _open(request, pk, OWN)
    if refusal:
        return refusal
    if not assessment.is_editable:
        messages.info(request, _("This version is closed: reopen it to change it."))
        return redirect(assessment)
    risks = selectors.risks_of(assessment=assessment)
    groups, forms = _worksheet(risks, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if all(f.is_valid() for f in forms):
            changes = {f.instance.pk: f.cleaned_data for f in forms}
            try:
                services.assessment_update(assessment=assessment, by=request.user, risks=changes)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("Worksheet saved."))
                if "complete" in request.POST:
                    return _complete(request, assessment)
                return redirect(assessment)
        else:
            status = 400
            messages.error(request, _("Some answers need correcting: see the marked fields."))
    return render(
        request,
        "responsible/assessment_edit.html",
        {"assessment": assessment, "groups": groups, "no_case_data": NO_CASE_DATA},
        status=status,
    )


def _complete(request, assessment):
    try:
        services.assessment_complete(assessment=assessment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("responsible:assessment-edit", pk=assessment.pk)
    messages.success(request, _("Assessment completed and signed by you."))
    return redirect(assessment)


@verified_required
@require_POST
def assessment_complete(request, pk):
    assessment, access, refusal = _open(request, pk, OWN)
    return refusal or _complete(request, assessment)


def _page_context(request, assessment, access):
    risks = selectors.risks_of(assessment=assessment)
    return {
        "assessment": assessment,
        "access": access,
        # Authors whose verification lapsed read their own assessments but change nothing.
        "is_author": access == selectors.AUTHOR and is_verified_member(request.user),
        "can_take_part": access in TAKE_PART and is_verified_member(request.user),
        "risks": risks,
        "summary": selectors.summary(assessment=assessment, risks=risks, user=request.user),
        "signatures": list(assessment.signatures.select_related("user")),
        "no_case_data": NO_CASE_DATA,
    }


@member_own_data_required
def assessment_detail(request, pk):
    assessment, access, refusal = _open(request, pk, READ)
    return refusal or _detail(request, assessment, access)


def _detail(request, assessment, access, share_form=None, comment_form=None, status=200):
    context = _page_context(request, assessment, access)
    signed_ids = {s.user_id for s in context["signatures"]}
    context.update(
        {
            "shares": list(assessment.shares.select_related("user")),
            "comments": list(assessment.comments.select_related("author")),
            "history": selectors.history(assessment=assessment),
            "changes": selectors.changes_since(assessment=assessment),
            "share_form": share_form or ShareForm(),
            "comment_form": comment_form or CommentForm(),
            "can_sign": context["can_take_part"]
            and assessment.status == Assessment.Status.COMPLETED
            and request.user.pk not in signed_ids,
        }
    )
    return render(request, "responsible/assessment_detail.html", context, status=status)


@member_own_data_required
def assessment_print(request, pk):
    assessment, access, refusal = _open(request, pk, READ)
    if refusal:
        return refusal
    return render(
        request,
        "responsible/assessment_print.html",
        _page_context(request, assessment, access),
    )


@verified_required
@require_POST
def assessment_share(request, pk):
    assessment, access, refusal = _open(request, pk, OWN)
    if refusal:
        return refusal
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            share = services.assessment_share(
                assessment=assessment, by=request.user, email=form.cleaned_data["email"]
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("Shared with %(name)s.") % {"name": share.user})
            return redirect(assessment)
    return _detail(request, assessment, access, share_form=form, status=400)


@verified_required
@require_POST
def assessment_unshare(request, pk, share_pk):
    assessment, access, refusal = _open(request, pk, OWN)
    if refusal:
        return refusal
    share = get_object_or_404(Share, pk=share_pk, assessment=assessment)
    services.assessment_unshare(share=share, by=request.user)
    messages.success(request, _("No longer shared with %(name)s.") % {"name": share.user})
    return redirect(assessment)


@verified_required
@require_POST
def comment_add(request, pk):
    assessment, access, refusal = _open(request, pk, TAKE_PART)
    if refusal:
        return refusal
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(assessment=assessment, by=request.user, text=form.cleaned_data["text"])
        messages.success(request, _("Comment added."))
        return redirect(assessment)
    return _detail(request, assessment, access, comment_form=form, status=400)


@verified_required
@require_POST
def assessment_sign(request, pk):
    assessment, access, refusal = _open(request, pk, TAKE_PART)
    if refusal:
        return refusal
    try:
        services.assessment_sign(assessment=assessment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have co-signed this assessment."))
    return redirect(assessment)


@verified_required
@require_POST
def assessment_reopen(request, pk):
    assessment, access, refusal = _open(request, pk, OWN)
    if refusal:
        return refusal
    try:
        new = services.assessment_reopen(assessment=assessment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(assessment)
    messages.success(
        request,
        _("Version %(n)d started from version %(old)d, with today's tool entry and law.")
        % {"n": new.version, "old": assessment.version},
    )
    return redirect("responsible:assessment-edit", pk=new.pk)


# Proposals ----------------------------------------------------------------------------------


@verified_required
def proposal_create(request, slug):
    tool = get_object_or_404(Tool.objects.visible_to(request.user), slug=slug)
    form = ProposalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.proposal_submit(tool=tool, proposed_by=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Thank you: a curator will review your proposed change.")
                )
                return redirect("responsible:proposal-create", slug=tool.slug)
        status = 400
    proposals = (
        Proposal.objects.filter(tool=tool, proposed_by=request.user)
        .select_related("sub_principle")
        .order_by("-created_at")
    )
    return render(
        request,
        "responsible/proposal_form.html",
        {"tool": tool, "form": form, "proposals": proposals},
        status=status,
    )
