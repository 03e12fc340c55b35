from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from catalogue.models import Tool
from hub.timezones import format_local
from training import services
from training.forms import mark_times_in_session_zone, session_form_zone
from training.models import SEAT_HOLDING, CalendarToken, Course, Enrolment, Session


class SessionInline(admin.TabularInline):
    """Sessions of a course, read-only: seats change on the session's own page, through the
    enrolment services (so added seats go to the waiting list)."""

    model = Session
    extra = 0
    fields = ["starts_at", "ends_at", "format", "capacity", "status"]
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "format",
        "level",
        "language",
        "topic",
        "visibility",
        "is_published",
        "is_demo",
        "session_count",
    ]
    list_filter = ["is_published", "format", "level", "language", "topic", "visibility", "is_demo"]
    search_fields = ["title", "summary", "description"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["prerequisite_courses"]
    date_hierarchy = "created_at"
    save_on_top = True
    inlines = [SessionInline]
    actions = ["publish", "unpublish"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_sessions=Count("sessions"))

    def get_autocomplete_fields(self, request):
        # The tool picker searches the catalogue admin (owned by the catalogue app).
        if self.admin_site.is_registered(Tool):
            return ["tools", *self.autocomplete_fields]
        return self.autocomplete_fields

    @admin.display(description=_("sessions"), ordering="_sessions")
    def session_count(self, obj):
        return obj._sessions

    @admin.action(description=_("Publish the selected courses"))
    def publish(self, request, queryset):
        count = queryset.update(is_published=True)
        self.message_user(request, _("%(count)d courses published.") % {"count": count})

    @admin.action(description=_("Unpublish the selected courses"))
    def unpublish(self, request, queryset):
        count = queryset.update(is_published=False)
        self.message_user(request, _("%(count)d courses unpublished.") % {"count": count})


class SessionAdminForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = "__all__"  # noqa: DJ007 (the admin's own fieldsets decide)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # SessionAdmin.changeform_view activates the session's zone around this form.
        mark_times_in_session_zone(self)

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk and capacity is not None:
            refusal = services.capacity_error(session=self.instance, capacity=capacity)
            if refusal:
                raise forms.ValidationError(refusal)
        return capacity


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = SessionAdminForm
    list_display = [
        "__str__",
        "starts_local",
        "format",
        "capacity",
        "seats_taken_display",
        "waiting_display",
        "requires_approval",
        "status",
    ]
    list_filter = ["status", "format", "requires_approval", "waitlist_mode", "course__topic"]
    search_fields = ["course__title", "label", "location"]
    autocomplete_fields = ["course", "trainers"]
    date_hierarchy = "starts_at"
    save_on_top = True
    list_select_related = ["course"]
    actions = ["cancel_sessions", "expire_offers"]
    # Cancelling goes through the action, which ends every enrolment and tells everyone.
    readonly_fields = ["status", "cancelled_at", "cancel_reason"]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Times are typed and shown in the session's own zone (the one chosen in the form
        when it is sent, else the stored one), whatever the curator's own zone is."""
        session = self.get_object(request, object_id) if object_id else None
        zone = session_form_zone(request, session)
        with timezone.override(zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):
                response.render()  # the form shows its times now, in the session's zone
            return response

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _taken=Count("enrolments", filter=Q(enrolments__status__in=SEAT_HOLDING)),
                _waiting=Count("enrolments", filter=Q(enrolments__status="waitlisted")),
            )
        )

    def save_model(self, request, obj, form, change):
        if not (change and "capacity" in form.changed_data):
            super().save_model(request, obj, form, change)
            return
        # Seats change only through the service (under the session lock): save the other
        # fields with the old number, then let the service set the new one and fill seats.
        capacity = obj.capacity
        obj.capacity = form.initial["capacity"]
        super().save_model(request, obj, form, change)
        try:
            promoted = services.session_capacity_set(session=obj, capacity=capacity)
        except services.EnrolmentRefused as refusal:
            self.message_user(request, refusal.message, messages.ERROR)
        else:
            if promoted:
                self.message_user(
                    request,
                    _("%(count)d people moved up from the waiting list.") % {"count": promoted},
                )

    @admin.display(description=_("starts (session's time)"), ordering="starts_at")
    def starts_local(self, obj):
        return format_local(obj.starts_at, obj.timezone_name, "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("seats taken"), ordering="_taken")
    def seats_taken_display(self, obj):
        return obj._taken

    @admin.display(description=_("waiting"), ordering="_waiting")
    def waiting_display(self, obj):
        return obj._waiting

    @admin.action(description=_("Cancel the selected sessions and notify everyone"))
    def cancel_sessions(self, request, queryset):
        done = 0
        for session in queryset:
            try:
                services.session_cancel(session=session, by=request.user)
                done += 1
            except services.EnrolmentRefused as refusal:
                self.message_user(request, f"{session}: {refusal.message}", messages.WARNING)
        self.message_user(
            request,
            ngettext("%(count)d session cancelled.", "%(count)d sessions cancelled.", done)
            % {"count": done},
        )

    @admin.action(description=_("Pass on expired seat offers now"))
    def expire_offers(self, request, queryset):
        count = services.offers_expire(session_ids=queryset.values("pk"))
        self.message_user(request, _("%(count)d offers expired.") % {"count": count})


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "session",
        "status",
        "queue_number",
        "attended",
        "offer_expires_at",
        "created_at",
        "certificate_code",
    ]
    list_filter = ["status", "end_reason", "attended", "session__course"]
    search_fields = [
        "user__email",
        "user__full_name",
        "session__course__title",
        "certificate_code",
    ]
    raw_id_fields = ["decided_by"]
    date_hierarchy = "created_at"
    save_on_top = True
    list_select_related = ["user", "session__course"]
    # Every change goes through the services (and their lock): the actions below. The form
    # only shows the record.
    readonly_fields = [
        "session",
        "user",
        "status",
        "end_reason",
        "queue_number",
        "attended",
        "offer_expires_at",
        "confirmed_at",
        "cancelled_at",
        "completed_at",
        "certificate_code",
        "reminder_sent_at",
        "decided_by",
        "created_at",
    ]
    actions = ["approve", "reject", "cancel", "complete", "mark_attended", "mark_absent"]

    def has_add_permission(self, request):
        # Seats are allocated by the enrolment service (with its lock), never by a raw form.
        return False

    def _each(self, request, queryset, action, label):
        done = 0
        for enrolment in queryset:
            try:
                action(enrolment)
                done += 1
            except services.EnrolmentRefused as refusal:
                self.message_user(request, f"{enrolment}: {refusal.message}", messages.WARNING)
        self.message_user(request, f"{label}: {done}")

    @admin.action(description=_("Approve the selected pending requests"))
    def approve(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda e: services.enrolment_approve(enrolment=e, by=request.user),
            _("Approved"),
        )

    @admin.action(description=_("Reject the selected pending requests"))
    def reject(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda e: services.enrolment_reject(enrolment=e, by=request.user),
            _("Rejected"),
        )

    @admin.action(description=_("Cancel the selected enrolments (the waiting list moves up)"))
    def cancel(self, request, queryset):
        self._each(
            request,
            queryset,
            lambda e: services.enrolment_cancel(enrolment=e, by_staff=True),
            _("Cancelled"),
        )

    @admin.action(description=_("Mark the selected enrolments completed (issues certificates)"))
    def complete(self, request, queryset):
        done = 0
        for enrolment in queryset.select_related("session"):
            try:
                done += services.enrolments_complete(
                    session=enrolment.session, enrolment_ids=[enrolment.pk], by=request.user
                )
            except services.EnrolmentRefused as refusal:
                self.message_user(request, f"{enrolment}: {refusal.message}", messages.WARNING)
        self.message_user(request, _("Completed: %(count)d") % {"count": done})

    def _mark(self, request, queryset, attended: bool) -> None:
        done = 0
        for enrolment in queryset.select_related("session"):
            try:
                done += services.attendance_mark(
                    session=enrolment.session,
                    enrolment_ids=[enrolment.pk],
                    attended=attended,
                    by=request.user,
                )
            except services.EnrolmentRefused as refusal:
                self.message_user(request, f"{enrolment}: {refusal.message}", messages.WARNING)
        self.message_user(request, _("Updated: %(count)d") % {"count": done})

    @admin.action(description=_("Mark the selected as attended"))
    def mark_attended(self, request, queryset):
        self._mark(request, queryset, True)

    @admin.action(description=_("Mark the selected as absent"))
    def mark_absent(self, request, queryset):
        self._mark(request, queryset, False)


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    search_fields = ["user__email", "user__full_name"]
    autocomplete_fields = ["user"]
    date_hierarchy = "created_at"
    fields = ["user", "created_at"]
    readonly_fields = ["created_at"]
    actions = ["revoke"]

    @admin.action(description=_("Revoke the selected feeds"))
    def revoke(self, request, queryset):
        count, _deleted = queryset.delete()
        self.message_user(request, _("%(count)d feeds revoked.") % {"count": count})
