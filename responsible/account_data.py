"""What responsible AI keeps of a member, for hub.data_rights: the risk assessments they
wrote, their comments and co-signatures.

Assessments are their agency's records (shared, co-signed, versioned), so on erasure they
stay, with the anonymised "Former member" as author; the member's access to colleagues'
assessments (shares) goes."""

from typing import Any

from responsible.models import Assessment, Comment, Share


def export(user: Any) -> dict[str, Any]:
    assessments = (
        Assessment.objects.filter(author=user)
        .select_related("tool", "jurisdiction")
        .prefetch_related("risks")
    )
    return {
        "assessments": [
            {
                "tool": a.tool.name,
                "intended_use": a.intended_use,
                "jurisdiction": str(a.jurisdiction),
                "lifecycle_stage": a.lifecycle_stage,
                "status": a.status,
                "version": a.version,
                "created_at": a.created_at.isoformat(),
                "updated_at": a.updated_at.isoformat(),
                "risks": [
                    {
                        field.name: _plain(getattr(risk, field.attname))
                        for field in risk._meta.concrete_fields
                        if field.name not in ("id", "assessment")
                    }
                    for risk in a.risks.all()
                ],
            }
            for a in assessments
        ],
        "comments": [
            {"assessment": c.assessment_id, "text": c.text, "written_at": c.created_at.isoformat()}
            for c in Comment.objects.filter(author=user)
        ],
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def erase(user: Any, keep_certificates: bool) -> dict[str, int]:
    shares, _ = Share.objects.filter(user=user).delete()
    return {"shares_removed": shares}
