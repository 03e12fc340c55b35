"""Cache invalidation: any change to the catalogue's data changes its version number."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from catalogue import models
from catalogue.selectors.cache import catalogue_changed

WATCHED = [
    models.Tool,
    models.Provider,
    models.Stage,
    models.Capability,
    models.DataType,
    models.Phase,
]


def _changed(sender, **kwargs):
    catalogue_changed()


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"catalogue-save-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"catalogue-delete-{model.__name__}"
        )
    for relation in ("stages", "capabilities", "data_types", "phases"):
        through = getattr(models.Tool, relation).through
        m2m_changed.connect(_changed, sender=through, dispatch_uid=f"catalogue-m2m-{relation}")
