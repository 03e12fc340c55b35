from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"

    def ready(self) -> None:
        from background import schedule
        from training import tasks

        schedule.every(60, tasks.expire_offers)
        schedule.every(300, tasks.send_reminders)
