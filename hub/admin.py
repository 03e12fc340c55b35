from collections import Counter
from collections.abc import Callable
from datetime import timedelta

from axes.helpers import get_client_ip_address
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.contrib.auth.forms import UserCreationForm as BaseUserCreationForm
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hub import services
from hub.models import (
    Agency,
    MemberSession,
    SecurityEvent,
    User,
    UserEvent,
    UserQuerySet,
    VerificationRequest,
)


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "member_count", "created_at"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]
    date_hierarchy = "created_at"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agency]:
        return super().get_queryset(request).annotate(_members=Count("members"))

    @admin.display(description=_("members"), ordering="_members")
    def member_count(self, obj: Agency) -> int:
        return obj._members


class ExpiredFilter(admin.SimpleListFilter):
    title = _("verification current")
    parameter_name = "current"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("yes", _("Current")), ("expired", _("Expired"))]

    def queryset(self, request: HttpRequest, queryset: UserQuerySet) -> UserQuerySet:
        if self.value() == "yes":
            return queryset.verified()
        if self.value() == "expired":
            return queryset.filter(verification_status=User.Verification.VERIFIED).exclude(
                pk__in=User.objects.verified().values("pk")
            )
        return queryset


class QueueFilter(admin.SimpleListFilter):
    """The curators' queue: who needs a look now."""

    title = _("curators' queue")
    parameter_name = "queue"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [
            ("pending", _("Pending (email confirmed)")),
            ("expiring", _("Expiring within 30 days")),
            ("reverify", _("Asked to be verified again")),
            ("left", _("Left law enforcement (not yet seen)")),
        ]

    def queryset(self, request: HttpRequest, queryset: UserQuerySet) -> UserQuerySet:
        value = self.value()
        if value == "pending":
            return queryset.awaiting_verification().filter(email_confirmed_at__isnull=False)
        if value == "expiring":
            valid = timedelta(days=settings.VERIFICATION_VALID_DAYS)
            return queryset.verified().filter(
                verified_at__lte=timezone.now() + timedelta(days=30) - valid
            )
        if value in ("reverify", "left"):
            return queryset.filter(
                verification_requests__kind=value, verification_requests__handled_at__isnull=True
            ).distinct()
        return queryset


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name"]


class UserChangeForm(BaseUserChangeForm):
    """The member form. A change of verification is not saved as a plain field: the form
    asks the verification rules first (a refusal is a form error) and the admin then calls
    the service for that decision, which dates it, names the curator and emails the member."""

    request_user: User

    class Meta(BaseUserChangeForm.Meta):
        model = User

    def clean_verification_status(self) -> str:
        status = self.cleaned_data["verification_status"]
        current = self.instance.verification_status
        self.requested_verification = status if status != current else None
        if self.requested_verification:
            refusal = services.verification_refusal(
                user=self.instance, status=status, by=self.request_user
            )
            if refusal:
                raise forms.ValidationError(capfirst(refusal), code="verification_refused")
        # The field itself keeps its stored value; the service changes it on save.
        return current


PRIVILEGE_FORM_FIELDS = ["is_staff", "is_superuser", "groups", "user_permissions"]


def client_ip(request: HttpRequest) -> str | None:
    return get_client_ip_address(request)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeForm
    add_form = UserCreationForm
    ordering = ["-date_joined"]
    list_display = [
        "email",
        "full_name",
        "agency",
        "country",
        "role",
        "verification_status",
        "verified_at",
        "email_confirmed_at",
        "is_staff",
    ]
    list_filter = [
        QueueFilter,
        "verification_status",
        ExpiredFilter,
        "role",
        "is_staff",
        "agency__kind",
        "country",
    ]
    search_fields = ["email", "full_name", "agency__name"]
    autocomplete_fields = ["agency"]
    raw_id_fields = ["verified_by"]
    date_hierarchy = "date_joined"
    save_on_top = True
    readonly_fields = [
        "verified_at",
        "verified_by",
        "email_confirmed_at",
        "date_joined",
        "last_login",
    ]
    actions = ["verify_selected", "reject_selected", "suspend_selected"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Member"), {"fields": ["full_name", "agency", "country", "role", "preferred_language"]}),
        (
            _("Verification"),
            {
                "fields": [
                    "verification_status",
                    "verification_note",
                    "verified_at",
                    "verified_by",
                    "email_confirmed_at",
                ]
            },
        ),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    filter_horizontal = ["groups", "user_permissions"]

    # Privileges: only a superuser grants staff status, superuser status, groups or
    # permissions; curators see them read-only, never change their own, and cannot change
    # (or reset the password of) another staff account.

    def get_readonly_fields(self, request: HttpRequest, obj: User | None = None) -> list[str]:
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += PRIVILEGE_FORM_FIELDS
            if obj is not None and obj.pk == request.user.pk:
                fields += ["is_active", "verification_status"]
        return fields

    def _is_out_of_reach(self, request: HttpRequest, obj: User | None) -> bool:
        if obj is None or request.user.is_superuser or obj.pk == request.user.pk:
            return False
        return obj.is_superuser or obj.is_staff

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if self._is_out_of_reach(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        if self._is_out_of_reach(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_form(
        self, request: HttpRequest, obj: User | None = None, **kwargs: object
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, **kwargs)
        form.request_user = request.user
        return form

    def save_model(
        self, request: HttpRequest, obj: User, form: forms.ModelForm, change: bool
    ) -> None:
        form.privileges_before = (
            services.user_privileges(user=User.objects.get(pk=obj.pk)) if change else None
        )
        super().save_model(request, obj, form, change)
        requested = getattr(form, "requested_verification", None)
        if requested:
            services.user_verification_change(user=obj, status=requested, by=request.user)

    def save_related(
        self, request: HttpRequest, form: forms.ModelForm, formsets: list, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        before = getattr(form, "privileges_before", None)
        if before is not None:
            services.user_privileges_changed(
                user=form.instance, by=request.user, before=before, ip=client_ip(request)
            )

    def _decide(
        self, request: HttpRequest, queryset: UserQuerySet, status: str, done: Callable[[int], str]
    ) -> None:
        """Apply one verification decision to each selected member the rules allow, and say
        how many were skipped and why."""
        count = 0
        skipped: Counter[str] = Counter()
        for user in queryset:
            refusal = services.verification_refusal(user=user, status=status, by=request.user)
            if refusal:
                skipped[refusal] += 1
                continue
            services.user_verification_change(user=user, status=status, by=request.user)
            count += 1
        self.message_user(request, done(count), messages.SUCCESS)
        for reason, n in skipped.items():
            self.message_user(
                request,
                ngettext(
                    "%(count)d member skipped: %(reason)s",
                    "%(count)d members skipped: %(reason)s",
                    n,
                )
                % {"count": n, "reason": reason},
                messages.WARNING,
            )

    @admin.action(description=_("Verify selected members (and email them)"))
    def verify_selected(self, request: HttpRequest, queryset: UserQuerySet) -> None:
        self._decide(
            request,
            queryset,
            User.Verification.VERIFIED,
            lambda n: ngettext("%d member verified.", "%d members verified.", n) % n,
        )

    @admin.action(description=_("Reject selected registrations (and email them)"))
    def reject_selected(self, request: HttpRequest, queryset: UserQuerySet) -> None:
        self._decide(
            request,
            queryset,
            User.Verification.REJECTED,
            lambda n: ngettext("%d registration rejected.", "%d registrations rejected.", n) % n,
        )

    @admin.action(description=_("Suspend selected members (and email them)"))
    def suspend_selected(self, request: HttpRequest, queryset: UserQuerySet) -> None:
        self._decide(
            request,
            queryset,
            User.Verification.SUSPENDED,
            lambda n: ngettext("%d member suspended.", "%d members suspended.", n) % n,
        )


@admin.register(SecurityEvent)
class SecurityEventAdmin(admin.ModelAdmin):
    """The security log: privilege changes, sign-ins, failures, lockouts (read only)."""

    list_display = ["created_at", "kind", "user", "actor", "ip", "detail"]
    list_filter = ["kind"]
    search_fields = ["user__email", "actor__email", "ip", "detail"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "actor"]
    raw_id_fields = ["user", "actor"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: SecurityEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: SecurityEvent | None = None) -> bool:
        return False


@admin.register(UserEvent)
class UserEventAdmin(admin.ModelAdmin):
    """Who changed a member's verification, role or permissions, and when (read only)."""

    list_display = ["pgh_created_at", "pgh_obj", "pgh_label", "verification_status", "changed_by"]
    list_filter = ["pgh_label", "verification_status"]
    search_fields = ["email", "pgh_obj__email"]
    date_hierarchy = "pgh_created_at"
    list_select_related = ["pgh_obj", "pgh_context"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: UserEvent | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: UserEvent | None = None) -> bool:
        return False

    @admin.display(description=_("changed by"))
    def changed_by(self, obj: UserEvent) -> User | str:
        metadata = obj.pgh_context.metadata if obj.pgh_context else {}
        user_id = metadata.get("user")
        return User.objects.filter(pk=user_id).first() if user_id else "—"


class OpenFilter(admin.SimpleListFilter):
    title = _("handled")
    parameter_name = "open"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("yes", _("Open")), ("no", _("Handled"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(handled_at__isnull=True)
        if self.value() == "no":
            return queryset.filter(handled_at__isnull=False)
        return queryset


@admin.register(VerificationRequest)
class VerificationRequestAdmin(admin.ModelAdmin):
    """Members' requests: to be verified again, or notices that they left law enforcement.
    Curators decide on the member's page (verify, reject, suspend), which closes the request;
    a notice needs no decision and can be marked seen."""

    list_display = ["created_at", "kind", "user", "agency_name", "what_changed", "handled_at"]
    list_filter = [OpenFilter, "kind"]
    search_fields = ["user__email", "user__full_name", "agency_name", "what_changed"]
    date_hierarchy = "created_at"
    list_select_related = ["user", "handled_by"]
    raw_id_fields = ["user", "handled_by"]
    readonly_fields = [
        "user",
        "kind",
        "agency_name",
        "what_changed",
        "created_at",
        "handled_at",
        "handled_by",
    ]
    actions = ["mark_handled"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description=_("Mark selected requests as seen"))
    def mark_handled(self, request: HttpRequest, queryset: QuerySet) -> None:
        from hub import lifecycle

        count = lifecycle.verification_requests_mark_handled(
            requests=queryset.filter(handled_at__isnull=True), by=request.user
        )
        self.message_user(
            request,
            ngettext("%d request marked as seen.", "%d requests marked as seen.", count) % count,
        )


@admin.register(MemberSession)
class MemberSessionAdmin(admin.ModelAdmin):
    """Where members are signed in; curators may sign a member out of some or all sessions
    (a lost laptop, a member leaving their agency)."""

    list_display = ["user", "device", "ip", "created_at", "last_seen_at"]
    search_fields = ["user__email", "user__full_name", "ip"]
    date_hierarchy = "created_at"
    list_filter = ["created_at"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    actions = ["sign_out"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: MemberSession | None = None) -> bool:
        return False

    @admin.action(description=_("Sign out of the selected sessions"), permissions=["delete"])
    def sign_out(self, request: HttpRequest, queryset: QuerySet[MemberSession]) -> None:
        ended = 0
        for row in queryset.select_related("user"):
            ended += services.member_sessions_end(user=row.user, only_session_key=row.session_key)
        self.message_user(request, _("%(n)s sessions signed out.") % {"n": ended})

    # Deleting a row signs that session out too (not only forgets the row).
    def delete_model(self, request: HttpRequest, obj: MemberSession) -> None:
        services.member_sessions_end(user=obj.user, only_session_key=obj.session_key)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[MemberSession]) -> None:
        for row in queryset.select_related("user"):
            services.member_sessions_end(user=row.user, only_session_key=row.session_key)
