from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "legislation"
