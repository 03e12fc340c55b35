from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self) -> None:
        from background import schedule
        from catalogue.panels import register_tool_panel
        from hub.data_rights import register_account_data
        from training import account_data, tasks
        from training.panels import tool_courses

        register_tool_panel(
            "training-courses",
            template="training/_tool_courses.html",
            context_fn=tool_courses,
            order=10,
        )
        register_account_data(
            "training", export=account_data.export, erase=account_data.erase, order=20
        )
        schedule.every(60, tasks.expire_offers)
        schedule.every(300, tasks.send_reminders)
