from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Accounts and site"

    def ready(self):
        from hub.groups import sync_role_groups

        post_migrate.connect(sync_role_groups, dispatch_uid="hub.sync_role_groups")
