from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "legislation"

    def ready(self):
        from catalogue.panels import register_tool_panel
        from legislation.panels import tool_legal_points

        register_tool_panel(
            "legislation-legal-points",
            template="legislation/_legal_points.html",
            context_fn=tool_legal_points,
            order=20,
        )
