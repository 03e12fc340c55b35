from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self):
        from catalogue.panels import register_tool_panel
        from training.panels import tool_courses

        register_tool_panel(
            "training-courses",
            template="training/_tool_courses.html",
            context_fn=tool_courses,
            order=10,
        )
