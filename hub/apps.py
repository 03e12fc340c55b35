from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class HubConfig(AppConfig):
    name = "hub"
    verbose_name = "Accounts and site"

    def ready(self) -> None:
        from background import schedule
        from hub import (
            signals,  # noqa: F401  (connects the security log's receivers)
            tasks,
        )
        from hub.groups import sync_role_groups

        post_migrate.connect(sync_role_groups, dispatch_uid="hub.sync_role_groups")
        # Account life cycle (hub/lifecycle.py): both jobs are idempotent.
        schedule.every(60 * 60, tasks.send_verification_reminders)
        schedule.every(6 * 60 * 60, tasks.purge_accounts)


class HubAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with Global Hub's curation site as the default site."""

    default = False
    default_site = "hub.admin_site.HubAdminSite"
