"""An evidence document read back: the sealed content opened for a mediator of the case."""

from __future__ import annotations

from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Response
from shared.http.problems import not_found

from disputes.adapters.access_log import record_reads
from disputes.adapters.cases import views
from disputes.entrypoints.api.cases.view import reader_of
from disputes.entrypoints.api.deps import ContainerDep, Writer, scope_path

router = APIRouter(prefix="/api/v1/cases", tags=["案件文书 case documents"])


@router.get(
    "/{case_id}/evidence/{evidence_id}",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}, "image/jpeg": {}, "image/png": {}}}},
)
async def evidence_document(
    case_id: UUID, evidence_id: UUID, principal: Writer, container: ContainerDep
) -> Response:
    """下载证据: the document as uploaded (its type as sniffed), the read logged; only for the
    roles that may reveal (mediators, city admins), as its content cannot be masked."""
    async with container.pool.acquire() as conn, conn.transaction():
        found = await views.case_in_scope(conn, await scope_path(conn, principal), case_id)
        row = await conn.fetchrow(
            "SELECT media_type, sha256, filename_cipher, content_cipher FROM case_evidence "
            "WHERE id = $1 AND case_id = $2",
            evidence_id,
            case_id,
        )
        if found is None or row is None:
            raise not_found("证据")
        await record_reads(conn, reader_of(principal), [case_id], "evidence_file", revealed=True)
    filename = container.cipher.decrypt(row["filename_cipher"])
    headers = {
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}",
        "X-Content-SHA256": row["sha256"],
    }
    return Response(container.cipher.open(row["content_cipher"]), media_type=row["media_type"],
                    headers=headers)  # fmt: skip
