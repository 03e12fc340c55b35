from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"

    def ready(self) -> None:
        from background import schedule
        from catalogue.panels import register_tool_panel
        from community import tasks
        from community.panels import tool_field_reports

        register_tool_panel(
            "community-field-reports",
            template="community/_tool_field_reports.html",
            context_fn=tool_field_reports,
            order=30,
        )
        # Digests: each run covers every member whose daily or weekly window is due.
        schedule.every(3600, tasks.send_digests)
        schedule.every(3600, tasks.expire_contact_requests)
