"""What the catalogue keeps of a member, for hub.data_rights: shortlists (with notes)."""

from typing import Any

from catalogue.models import Shortlist


def export(user: Any) -> list[dict[str, Any]]:
    shortlists = Shortlist.objects.filter(owner=user).prefetch_related("items__tool")
    return [
        {
            "name": shortlist.name,
            "created_at": shortlist.created_at.isoformat(),
            "tools": [
                {"tool": item.tool.name, "slug": item.tool.slug, "note": item.note}
                for item in shortlist.items.all()
            ],
        }
        for shortlist in shortlists
    ]


def erase(user: Any, keep_certificates: bool) -> dict[str, int]:
    deleted, _ = Shortlist.objects.filter(owner=user).delete()
    return {"shortlist_rows_deleted": deleted}
