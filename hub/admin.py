from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserCreationForm as BaseUserCreationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hub import services
from hub.models import Agency, User, UserEvent


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "member_count", "created_at"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_members=Count("members"))

    @admin.display(description=_("members"), ordering="_members")
    def member_count(self, obj):
        return obj._members


class ExpiredFilter(admin.SimpleListFilter):
    title = _("verification current")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", _("Current")), ("expired", _("Expired"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.verified()
        if self.value() == "expired":
            return queryset.filter(verification_status=User.Verification.VERIFIED).exclude(
                pk__in=User.objects.verified().values("pk")
            )
        return queryset


class UserCreationForm(BaseUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
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
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]
    filter_horizontal = ["groups"]

    @admin.action(description=_("Verify selected members (and email them)"))
    def verify_selected(self, request, queryset):
        unconfirmed = queryset.filter(email_confirmed_at__isnull=True).count()
        done = 0
        for user in queryset.exclude(email_confirmed_at__isnull=True):
            services.user_verify(user=user, by=request.user)
            done += 1
        self.message_user(
            request,
            ngettext("%d member verified.", "%d members verified.", done) % done,
            messages.SUCCESS,
        )
        if unconfirmed:
            self.message_user(
                request,
                ngettext(
                    "%d member skipped: email address not confirmed yet.",
                    "%d members skipped: email addresses not confirmed yet.",
                    unconfirmed,
                )
                % unconfirmed,
                messages.WARNING,
            )

    @admin.action(description=_("Reject selected registrations (and email them)"))
    def reject_selected(self, request, queryset):
        for user in queryset:
            services.user_reject(user=user, by=request.user)
        self.message_user(request, _("Rejected: %d.") % queryset.count(), messages.SUCCESS)

    @admin.action(description=_("Suspend selected members (and email them)"))
    def suspend_selected(self, request, queryset):
        for user in queryset:
            services.user_suspend(user=user, by=request.user)
        self.message_user(request, _("Suspended: %d.") % queryset.count(), messages.SUCCESS)


@admin.register(UserEvent)
class UserEventAdmin(admin.ModelAdmin):
    """Who changed a member's verification, role or permissions, and when (read only)."""

    list_display = ["pgh_created_at", "pgh_obj", "pgh_label", "verification_status", "changed_by"]
    list_filter = ["pgh_label", "verification_status"]
    search_fields = ["email", "pgh_obj__email"]
    date_hierarchy = "pgh_created_at"
    list_select_related = ["pgh_obj", "pgh_context"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("changed by"))
    def changed_by(self, obj):
        metadata = obj.pgh_context.metadata if obj.pgh_context else {}
        user_id = metadata.get("user")
        return User.objects.filter(pk=user_id).first() if user_id else "—"
