"""Community reads shared by views, panels and the digest."""

from collections import defaultdict
from datetime import datetime
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from catalogue.models import Capability, Stage, Tool
from catalogue.selectors.viewer import Viewer
from community.filters import DirectoryFilter
from community.models import (
    Block,
    CommunityProfile,
    ContactRequest,
    FieldReport,
    Follow,
)
from hub.access import visible_q
from hub.models import Agency, User

MIN_AGENCIES = 3


def profile_of(*, user: User) -> CommunityProfile:
    """The member's profile, or an unsaved one with the defaults (reads never write)."""
    return CommunityProfile.objects.filter(user=user).first() or CommunityProfile(user=user)


def directory_entries(*, viewer: User, params: QueryDict) -> tuple[DirectoryFilter, QuerySet]:
    """Listed members ``viewer`` may see, filtered by the directory's form. Members who
    blocked the viewer are left out, and so is the viewer."""
    blocked_me = Block.objects.filter(blocked=viewer).values("blocker_id")
    base = (
        CommunityProfile.objects.listed()
        .exclude(user=viewer)
        .exclude(user_id__in=blocked_me)
        .select_related("user__agency")
        .prefetch_related(
            "stages",
            "capabilities",
            Prefetch("tools", Tool.objects.visible_to(viewer).only("name", "slug")),
        )
        .order_by("user__full_name", "pk")
    )
    filterset = DirectoryFilter(params, queryset=base)
    return filterset, filterset.qs


def attach_courses(*, profiles: list[CommunityProfile]) -> None:
    """Set ``courses_completed`` and ``courses_taught`` on each profile (two queries for the
    whole page), for members who chose to show them."""
    from training.models import Enrolment, Session

    user_ids = [p.user_id for p in profiles if p.show_courses]
    completed, taught = defaultdict(set), defaultdict(set)
    if user_ids:
        for user_id, title in Enrolment.objects.filter(
            user_id__in=user_ids, status=Enrolment.Status.COMPLETED
        ).values_list("user_id", "session__course__title"):
            completed[user_id].add(title)
        for user_id, title in Session.objects.filter(trainers__in=user_ids).values_list(
            "trainers", "course__title"
        ):
            taught[user_id].add(title)
    for profile in profiles:
        profile.courses_completed = sorted(completed.get(profile.user_id, ()))
        profile.courses_taught = sorted(taught.get(profile.user_id, ()))


def directory_profile(*, viewer: User, profile_id: int) -> CommunityProfile | None:
    """One listed entry ``viewer`` may contact, or None."""
    blocked_me = Block.objects.filter(blocked=viewer).values("blocker_id")
    return (
        CommunityProfile.objects.listed()
        .exclude(user=viewer)
        .exclude(user_id__in=blocked_me)
        .select_related("user__agency")
        .filter(pk=profile_id)
        .first()
    )


def connections(*, user: User) -> dict[str, list[ContactRequest]]:
    """The member's requests: waiting for their answer, sent by them, and accepted (where
    both see each other's work email). Expiry is read from the clock."""
    requests = list(
        ContactRequest.objects.involving(user)
        .select_related("sender__agency", "recipient__agency", "tool")
        .order_by("-created_at", "-pk")
    )
    blocked_ids = set(Block.objects.filter(blocker=user).values_list("blocked_id", flat=True))
    incoming, outgoing, accepted = [], [], []
    for request in requests:
        status = request.effective_status
        if status == ContactRequest.Status.ACCEPTED:
            request.other = request.recipient if request.sender_id == user.pk else request.sender
            # A member who lost verification drops out of everyone's connections at once.
            if request.other.is_active and request.other.is_verified:
                accepted.append(request)
        elif request.recipient_id == user.pk:
            if status == ContactRequest.Status.PENDING and request.sender_id not in blocked_ids:
                incoming.append(request)
        else:
            outgoing.append(request)
    return {"incoming": incoming, "outgoing": outgoing, "accepted": accepted}


def blocked_members(*, user: User) -> list[Block]:
    return list(Block.objects.filter(blocker=user).select_related("blocked"))


# Field reports on a tool -------------------------------------------------------------------


def is_tool_provider(user: User) -> bool:
    """Members who work for a tool provider: they never learn who reported on a tool."""
    return user.role == User.Role.TOOL_PROVIDER or (
        user.agency_id is not None and user.agency.kind == "industry"
    )


def viewer_on_tool(*, user: User, tool: Tool) -> dict[str, bool]:
    """In one query: whether ``user`` works for a tool provider, and follows ``tool``."""
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            industry=Exists(Agency.objects.filter(pk=OuterRef("agency_id"), kind="industry")),
            following=Exists(
                Follow.objects.filter(user=OuterRef("pk"), kind=Follow.Kind.TOOL, object_id=tool.pk)
            ),
        )
        .values("role", "industry", "following")
        .first()
    ) or {"role": "", "industry": False, "following": False}
    return {
        "provider": row["role"] == User.Role.TOOL_PROVIDER or row["industry"],
        "following": row["following"],
    }


def tool_report_summary(*, tool: Tool) -> dict[str, Any]:
    """What the tool page shows: nothing named, ever. Counts and quoted lessons appear once
    members of ``MIN_AGENCIES`` different agencies have reported; before that only the
    number of reports. Three queries: the totals, the breakdowns, the lessons."""
    shown = FieldReport.objects.shown().filter(tool=tool)
    totals = shown.aggregate(
        reports=Count("pk"),
        agencies=Count("agency", distinct=True),
        open=Count("pk", filter=Q(open_to_questions=True)),
        still_used=Count("pk", filter=Q(still_used="yes")),
        time_saved=Count("pk", filter=Q(time_saved__in=["some", "much"])),
        exposure_saved=Count("pk", filter=Q(exposure_saved__in=["some", "much"])),
    )
    summary: dict[str, Any] = {**totals, "enough": totals["agencies"] >= MIN_AGENCIES}
    if summary["enough"]:
        rows = shown.values("stage__name", "case_kind", "data_volume").annotate(n=Count("pk"))
        by_stage, by_case, by_volume = defaultdict(int), defaultdict(int), defaultdict(int)
        for row in rows:
            by_stage[row["stage__name"]] += row["n"]
            by_case[row["case_kind"]] += row["n"]
            by_volume[row["data_volume"]] += row["n"]
        from community.models import CaseKind, DataVolume

        summary["by_stage"] = sorted(by_stage.items(), key=lambda kv: (-kv[1], kv[0]))
        summary["by_case"] = sorted(
            ((CaseKind(k).label, n) for k, n in by_case.items()), key=lambda kv: -kv[1]
        )
        summary["by_volume"] = [
            (label, by_volume[value]) for value, label in DataVolume.choices if by_volume[value]
        ]
        summary["lessons"] = list(
            shown.exclude(went_wrong="")
            .order_by("-created_at")
            .values_list("went_wrong", flat=True)[:5]
        )
    return summary


def reporter_to_ask(*, tool: Tool, asker: User) -> User | None:
    """The member the portal brokers a question about ``tool`` to: open to questions in a
    shown report, not the asker, no block either way, no request from the asker waiting;
    the one with the fewest requests waiting, then the earliest report."""
    blocks = Block.objects.filter(Q(blocker=asker) | Q(blocked=asker)).values_list(
        "blocker_id", "blocked_id"
    )
    excluded = {asker.pk} | {user_id for pair in blocks for user_id in pair}
    waiting = ContactRequest.objects.live().filter(sender=asker).values("recipient_id")
    report = (
        FieldReport.objects.shown()
        .filter(tool=tool, open_to_questions=True)
        .exclude(author_id__in=excluded)
        .exclude(author_id__in=waiting)
        .annotate(
            waiting=Count(
                "author__contact_requests_received",
                filter=Q(author__contact_requests_received__status=ContactRequest.Status.PENDING),
            )
        )
        .select_related("author")
        .order_by("waiting", "created_at", "pk")
        .first()
    )
    return report.author if report else None


def reports_by(*, user: User) -> list[FieldReport]:
    return list(FieldReport.objects.filter(author=user).select_related("tool", "stage"))


def report_of(*, user: User, tool: Tool) -> FieldReport | None:
    return FieldReport.objects.filter(author=user, tool=tool).first()


# Follows -----------------------------------------------------------------------------------


def follows_with_targets(*, user: User) -> list[Follow]:
    """The member's follows, each with ``target`` (the object, or None if it is gone) and
    its label; one query per kind followed."""
    from community.services import follow_target_model

    follows = list(Follow.objects.filter(user=user))
    by_kind: dict[str, list[Follow]] = defaultdict(list)
    for follow in follows:
        by_kind[follow.kind].append(follow)
    for kind, group in by_kind.items():
        model = follow_target_model(kind)
        objects = model.objects.in_bulk([f.object_id for f in group])
        for follow in group:
            follow.target = objects.get(follow.object_id)
    return follows


def follow_choices(*, user: User) -> list[dict[str, Any]]:
    """What the "What I follow" page offers to follow, by kind (one query each)."""
    from legislation.models import Instrument, Jurisdiction

    return [
        {"kind": Follow.Kind.STAGE, "label": _("A stage"), "options": Stage.objects.all()},
        {
            "kind": Follow.Kind.CAPABILITY,
            "label": _("A capability"),
            "options": Capability.objects.all(),
        },
        {
            "kind": Follow.Kind.JURISDICTION,
            "label": _("A country or jurisdiction"),
            "options": Jurisdiction.objects.order_by("name"),
        },
        {
            "kind": Follow.Kind.INSTRUMENT,
            "label": _("A law or treaty"),
            "options": Instrument.objects.order_by("short_title").only("short_title", "pk"),
        },
        {
            "kind": Follow.Kind.COURSE,
            "label": _("A course"),
            "options": _visible_courses(user).only("title", "pk"),
        },
    ]


def follow_of(*, user: Viewer, kind: str, object_id: int) -> Follow | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Follow.objects.filter(user=user, kind=kind, object_id=object_id).first()


# The digest --------------------------------------------------------------------------------


def digest_items(*, user: User, since: datetime, until: datetime) -> list[dict[str, Any]]:
    """What changed in ``(since, until]`` in what ``user`` follows, in sections; each entry
    has ``title``, ``url``, ``note``. Only what the member may see."""
    from legislation.models import Event
    from training.models import Session

    followed: dict[str, set[int]] = defaultdict(set)
    for kind, object_id in Follow.objects.filter(user=user).values_list("kind", "object_id"):
        followed[kind].add(object_id)
    sections = []

    tool_q = Q(pk__in=followed[Follow.Kind.TOOL])
    if followed[Follow.Kind.STAGE]:
        tool_q |= Q(stage_ids__overlap=list(followed[Follow.Kind.STAGE]))
    if followed[Follow.Kind.CAPABILITY]:
        tool_q |= Q(capability_ids__overlap=list(followed[Follow.Kind.CAPABILITY]))
    new_tools = (
        Tool.objects.visible_to(user)
        .filter(tool_q)
        .filter(
            Q(published_at__gt=since, published_at__lte=until)
            | Q(last_verified__gt=since.date(), last_verified__lte=until.date())
        )
        .select_related("provider")
        .order_by("name")
    )
    sections.append(
        {
            "key": "tools",
            "heading": _("New or re-verified tools"),
            "entries": [
                {
                    "title": tool.name,
                    "url": tool.get_absolute_url(),
                    "note": "new" if tool.published_at and tool.published_at > since else "",
                }
                for tool in new_tools
            ],
        }
    )
    retired = (
        Tool.objects.filter(tool_q, status=Tool.Status.RETIRED)
        .filter(retired_at__gt=since, retired_at__lte=until)
        .select_related("successor")
        .order_by("name")
    )
    sections.append(
        {
            "key": "retired",
            "heading": _("Retired tools"),
            "entries": [
                {
                    "title": tool.name,
                    "url": tool.get_absolute_url(),
                    "successor": tool.successor
                    if tool.successor and tool.successor.status == Tool.Status.PUBLISHED
                    else None,
                }
                for tool in retired
            ],
        }
    )
    session_q = Q(course_id__in=followed[Follow.Kind.COURSE])
    if followed[Follow.Kind.TOOL]:
        session_q |= Q(course__tools__in=followed[Follow.Kind.TOOL])
    sessions = (
        Session.objects.upcoming(until)
        .with_free_seats()
        .filter(session_q, course__in=_visible_courses(user))
        .filter(created_at__gt=since, created_at__lte=until)
        .select_related("course")
        .distinct()
        .order_by("starts_at")
    )
    sections.append(
        {
            "key": "sessions",
            "heading": _("New sessions with free seats"),
            "entries": [
                {
                    "title": session.course.title,
                    "url": session.get_absolute_url(),
                    "starts_at": session.starts_at,
                }
                for session in sessions
            ],
        }
    )
    instrument_q = Q(instrument_id__in=followed[Follow.Kind.INSTRUMENT]) | Q(
        instrument__jurisdiction_id__in=followed[Follow.Kind.JURISDICTION]
    )
    events = (
        Event.objects.filter(instrument_q, created_at__gt=since, created_at__lte=until)
        .select_related("instrument__jurisdiction")
        .order_by("-date", "-pk")
    )
    sections.append(
        {
            "key": "legal",
            "heading": _("Legal changes"),
            "entries": [
                {
                    "title": f"{event.instrument.short_title}: {event.title}",
                    "url": event.instrument.get_absolute_url(),
                    "date": event.date,
                }
                for event in events
            ],
        }
    )
    report_counts = (
        FieldReport.objects.shown()
        .filter(tool_id__in=followed[Follow.Kind.TOOL], created_at__gt=since)
        .filter(created_at__lte=until, tool__status__in=["published", "retired"])
        .filter(visible_q(user, "tool__visibility"))
        .exclude(author=user)
        .values("tool__name", "tool__slug")
        .annotate(n=Count("pk"))
        .order_by("tool__name")
    )
    sections.append(
        {
            "key": "reports",
            "heading": _("New field reports"),
            "entries": [
                {
                    "title": row["tool__name"],
                    "url": Tool(slug=row["tool__slug"]).get_absolute_url(),
                    "count": row["n"],
                }
                for row in report_counts
            ],
        }
    )
    return [section for section in sections if section["entries"]]


def _visible_courses(user: User) -> QuerySet:
    from training.models import Course

    return Course.objects.visible_to(user)


def taxonomy_choices() -> tuple[QuerySet, QuerySet]:
    return Stage.objects.all(), Capability.objects.all()
