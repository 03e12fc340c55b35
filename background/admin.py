"""Stored tasks for curators: what is pending, what failed and why, and "run again"."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult, get_date_max

from background import services
from background.worker import attempts


class TaskAdmin(DBTaskResultAdmin):
    list_display = [
        "task_name",
        "status",
        "attempts_display",
        "enqueued_at",
        "next_try",
        "finished_at",
        "last_error",
    ]
    list_filter = ["status", "queue_name"]
    search_fields = ["task_path", "exception_class_path", "id"]
    date_hierarchy = "enqueued_at"
    actions = ["run_again"]

    def has_change_permission(self, request, obj=None):
        # Every field stays read-only (see get_readonly_fields); the permission enables the
        # "run again" action.
        return super(DBTaskResultAdmin, self).has_change_permission(request, obj)

    @admin.display(description=_("tries"))
    def attempts_display(self, obj: DBTaskResult) -> int:
        return attempts(obj)

    @admin.display(description=_("next try"), ordering="run_after")
    def next_try(self, obj: DBTaskResult):
        if obj.status != "READY" or obj.run_after == get_date_max():
            return self.get_empty_value_display()
        return obj.run_after

    @admin.display(description=_("last error"))
    def last_error(self, obj: DBTaskResult) -> str:
        if not obj.traceback:
            return ""
        lines = [line for line in obj.traceback.strip().splitlines() if line.strip()]
        return format_html("<code>{}</code>", lines[-1][:200] if lines else "")

    @admin.action(description=_("Run the selected tasks again now"), permissions=["change"])
    def run_again(self, request, queryset):
        count = services.tasks_rerun(results=queryset)
        self.message_user(
            request,
            ngettext("%(count)d task will run again.", "%(count)d tasks will run again.", count)
            % {"count": count},
        )


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskAdmin)
