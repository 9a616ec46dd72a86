"""Evidence documents and legal aid in SQL."""

from __future__ import annotations

from disputes.adapters.rows import RowRepository
from disputes.domain.cases.evidence import EvidenceDocument
from disputes.domain.cases.legal_aid import LegalAid
from disputes.service_layer.cases.ports import EvidenceRepository, LegalAidRepository


def _evidence(**row: object) -> EvidenceDocument:
    return EvidenceDocument(**row, version=1)  # type: ignore[arg-type]


class SqlEvidenceRepository(RowRepository[EvidenceDocument], EvidenceRepository):
    TABLE = "case_evidence"
    COLUMNS = (
        "id",
        "case_id",
        "kind",
        "media_type",
        "size_bytes",
        "sha256",
        "filename_cipher",
        "content_cipher",
    )
    WHAT = "证据"
    BUILD = _evidence


class SqlLegalAidRepository(RowRepository[LegalAid], LegalAidRepository):
    TABLE = "legal_aid"
    COLUMNS = (
        "id",
        "version",
        "org_id",
        "case_id",
        "member_id",
        "worker_cipher",
        "provider",
        "stage",
        "granted_on",
        "outcome",
        "amount_fen",
        "concluded_on",
    )
    WHAT = "法律援助记录"
    BUILD = LegalAid
