"""Role groups kept in step with the models after every migration.

Curators are staff in the ``curator`` group: they hold every permission on the portal's own
apps (accounts, catalogue, training, legislation) and may read the audit trail, without
being superusers.
"""

from django.apps import apps as global_apps
from django.apps.registry import Apps

from hub.access import CURATOR_GROUP, TRAINER_GROUP

CURATED_APPS = (
    "hub",
    "catalogue",
    "training",
    "legislation",
    "responsible",
    "community",
    "pghistory",
    "django_tasks_database",  # stored emails and jobs: see what failed, run it again
)


def sync_role_groups(
    sender: object = None, apps: Apps = global_apps, using: str = "default", **kwargs: object
) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    curator, _ = Group.objects.using(using).get_or_create(name=CURATOR_GROUP)
    Group.objects.using(using).get_or_create(name=TRAINER_GROUP)
    perms = Permission.objects.using(using).filter(content_type__app_label__in=CURATED_APPS)
    curator.permissions.set(perms)
