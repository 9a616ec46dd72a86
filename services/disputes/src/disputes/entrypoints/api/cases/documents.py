"""A case's documents: the agreement PDF, the arbitration package, the history, the evidence."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, File, Form, Response, UploadFile
from pydantic import Field
from shared.adapters import Connection
from shared.auth import Principal
from shared.http.fields import ApiModel
from shared.http.problems import Problem, not_found

from disputes.adapters.access_log import record_reads
from disputes.adapters.cases import history, views
from disputes.domain.cases.case import Case
from disputes.domain.cases.codes import CATEGORY_LABELS, EvidenceKind
from disputes.entrypoints.api.cases import schemas
from disputes.entrypoints.api.cases.agreement_pdf import agreement_pdf
from disputes.entrypoints.api.cases.view import reader_of, render_case
from disputes.entrypoints.api.deps import Commanding, ContainerDep, Reader, scope_path
from disputes.service_layer.cases.commands import AttachEvidence
from disputes.service_layer.commands import CommandResult

router = APIRouter(prefix="/api/v1/cases", tags=["案件文书 case documents"])


async def _case(conn: Connection, principal: Principal, case_id: UUID, action: str) -> Case:
    """The case in the caller's scope, its read logged (404 outside the scope)."""
    found = await views.case_in_scope(conn, await scope_path(conn, principal), case_id)
    if found is None:
        raise not_found("案件")
    await record_reads(conn, reader_of(principal), [found.id], action, revealed=True)
    return found


async def _org_name(conn: Connection, case: Case) -> str:
    if case.mediation_org_id is not None:
        name = await conn.fetchval(
            "SELECT name FROM mediation_orgs WHERE id = $1", case.mediation_org_id
        )
        if name:
            return str(name)
    return str(await conn.fetchval("SELECT name FROM org_replica WHERE id = $1", case.org_id))


async def _employer_name(conn: Connection, case: Case) -> str | None:
    """A census employer's name as membership published it (None: not published)."""
    if case.employer.employer_id is None:
        return None
    name = await conn.fetchval(
        "SELECT name FROM employer_replica WHERE id = $1", case.employer.employer_id
    )
    return str(name) if name else None


@router.get(
    "/{case_id}/agreement.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def agreement(case_id: UUID, principal: Reader, container: ContainerDep) -> Response:
    """调解协议书: the printable agreement of a settled case (PDF, parties masked)."""
    async with container.pool.acquire() as conn, conn.transaction():
        case = await _case(conn, principal, case_id, "agreement_pdf")
        if case.agreement is None:
            raise Problem(409, "案件尚未达成调解协议", "只有调解成功的案件才有调解协议书")
        pdf = agreement_pdf(
            case, container.cipher, await _org_name(conn, case), await _employer_name(conn, case)
        )
    headers = {"Content-Disposition": f'inline; filename="agreement-{case_id}.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)


class PackageOut(ApiModel):
    case_id: UUID
    target: str
    referred_on: str
    summary: dict[str, Any] = Field(description="案件摘要（当事人已遮蔽）")
    claims: str = Field(description="请求事项")
    facts: str = Field(description="事实与理由")
    items: dict[str, Any] = Field(description="仲裁申请书要素")
    evidence: list[schemas.EvidenceOut]


@router.get("/{case_id}/referral-package", response_model=PackageOut)
async def referral_package(case_id: UUID, principal: Reader, container: ContainerDep) -> PackageOut:
    """转仲裁材料: the package for the arbitration commission (summary, items, evidence by hash)."""
    async with container.pool.acquire() as conn, conn.transaction():
        case = await _case(conn, principal, case_id, "referral_package")
        if case.referral is None:
            raise Problem(409, "案件尚未转出", "只有已转仲裁或诉讼的案件才有移交材料")
        shown = await render_case(conn, container.cipher, principal, case, "referral_summary")
    r, cipher = case.referral, container.cipher
    summary = {
        "category": CATEGORY_LABELS[case.category],
        "collective": case.collective,
        "workers_involved": case.workers_involved,
        "claimed_fen": case.claimed_fen,
        "applicants": [a.model_dump(mode="json") for a in shown.applicants],
        "employer_uscc": case.employer.uscc,
        "employer_id": case.employer.employer_id,
        "accepted_on": str(case.accepted_on),
        "failure_reason": case.failure_reason,
    }
    items: dict[str, Any] = dict(shown.referral["items"]) if shown.referral else {}  # type: ignore[call-overload]
    return PackageOut(
        case_id=case.id,
        target=r.target,
        referred_on=str(r.referred_on),
        summary=summary,
        claims=cipher.decrypt(case.claims_cipher),
        facts=cipher.decrypt(case.facts_cipher),
        items=items,
        evidence=shown.evidence,
    )


class HistoryEntryOut(ApiModel):
    seq: int
    recorded_at: datetime
    actor: str
    action: str
    payload: dict[str, Any]
    prev_hash: str
    hash: str


@router.get("/{case_id}/history", response_model=list[HistoryEntryOut])
async def case_history(
    case_id: UUID, principal: Reader, container: ContainerDep
) -> list[HistoryEntryOut]:
    """The case's hash-chained history, oldest first."""
    async with container.pool.acquire() as conn, conn.transaction():
        await _case(conn, principal, case_id, "history")
        entries = await history.entries(conn, case_id)
    return [
        HistoryEntryOut(
            seq=e.seq,
            recorded_at=e.recorded_at,
            actor=e.actor,
            action=e.action,
            payload=dict(e.payload),
            prev_hash=e.prev_hash,
            hash=e.hash,
        )
        for e in entries
    ]


@router.post("/{case_id}/evidence", status_code=201, response_model=schemas.CaseOut)
async def upload_evidence(
    case_id: UUID,
    command: Commanding,
    file: Annotated[UploadFile, File(description="证据文件（PDF、JPEG 或 PNG）")],
    kind: Annotated[EvidenceKind, Form(description="证据类型")] = EvidenceKind.OTHER,
) -> Response:
    """补充证据: a document kept sealed with its SHA-256, type (by content) and size checked."""
    limit = command.container.settings.evidence_max_bytes
    content = await file.read(limit + 1)
    if len(content) > limit:
        raise Problem(413, "文件过大", f"证据文件不能超过 {limit // 1048576} MB")
    make = partial(
        AttachEvidence,
        case_id=case_id,
        by=command.principal.subject,
        kind=kind,
        filename=(file.filename or "证据")[:200],
        content=content,
        max_bytes=limit,
    )

    async def render(conn: Connection, result: CommandResult) -> schemas.CaseOut:
        cipher, who = command.container.cipher, command.principal
        return await render_case(conn, cipher, who, result.aggregate, "evidence")

    return await command.run(make, render, status=201)
