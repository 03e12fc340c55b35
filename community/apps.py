from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "community"

    def ready(self):
        from catalogue.panels import register_tool_panel
        from community.panels import tool_field_reports

        register_tool_panel(
            "community-field-reports",
            template="community/_tool_field_reports.html",
            context_fn=tool_field_reports,
            order=30,
        )
