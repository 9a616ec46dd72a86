"""证书 certificates: list, show, print (PDF), revoke; the public verification is in ``verify``."""

from __future__ import annotations

from functools import partial
from uuid import UUID

import asyncpg
from fastapi import APIRouter, Response
from shared.adapters import Connection
from shared.http.pagination import Page, PageDep
from shared.http.problems import not_found

from training.adapters.classes import views
from training.domain.classes.certificate_number import display
from training.entrypoints.api.classes import schemas as s
from training.entrypoints.api.classes.certificate_pdf import certificate_pdf
from training.entrypoints.api.deps import (
    Commanding,
    ContainerDep,
    Reader,
    RevealQuery,
    may_reveal,
    scope_path,
)
from training.service_layer.classes import commands
from training.service_layer.commands import CommandResult

router = APIRouter(prefix="/api/v1/certificates", tags=["证书 certificates"])


@router.get("", response_model=Page[s.CertificateOut])
async def list_certificates(
    principal: Reader,
    container: ContainerDep,
    paging: PageDep,
    class_id: UUID | None = None,
    reveal: RevealQuery = False,
) -> Page[s.CertificateOut]:
    """Certificates in the caller's subtree, newest first (holders masked unless revealed)."""
    async with container.pool.acquire() as conn:
        scope = await scope_path(conn, principal)
        rows, total = await views.list_certificates(
            conn, scope, class_id, limit=paging.limit, offset=paging.offset
        )
    shown = may_reveal(principal, reveal)
    return paging.page([s.certificate_out(r, container.cipher, reveal=shown) for r in rows], total)


async def _visible(conn: Connection, principal: Reader, certificate_id: UUID) -> asyncpg.Record:
    row = await views.one_certificate(conn, certificate_id)
    scope = await scope_path(conn, principal)
    if row is None or not await views.org_in_scope(conn, scope, row["org_id"]):
        raise not_found("证书")
    return row


@router.get("/{certificate_id}", response_model=s.CertificateOut)
async def get_certificate(
    certificate_id: UUID, principal: Reader, container: ContainerDep, reveal: RevealQuery = False
) -> s.CertificateOut:
    """One certificate (holder masked unless revealed)."""
    async with container.pool.acquire() as conn:
        row = await _visible(conn, principal, certificate_id)
    return s.certificate_out(row, container.cipher, reveal=may_reveal(principal, reveal))


@router.get(
    "/{certificate_id}/pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "结业证书 PDF"}},
)
async def certificate_file(
    certificate_id: UUID, principal: Reader, container: ContainerDep
) -> Response:
    """The printable certificate (PDF, Chinese), with the holder's full name."""
    async with container.pool.acquire() as conn:
        row = await _visible(conn, principal, certificate_id)
    content = certificate_pdf(
        holder=container.cipher.decrypt(row["name_cipher"]), class_title=row["class_title"],
        organiser=row["org_name"], starts_on=row["starts_on"], ends_on=row["ends_on"],
        issued_on=row["issued_on"], number=display(row["number"]),
        revoked=row["status"] == "revoked",
    )  # fmt: skip
    filename = f"certificate-{certificate_id}.pdf"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(content, media_type="application/pdf", headers=headers)


@router.post("/{certificate_id}/revoke", response_model=s.CertificateOut)
async def revoke(certificate_id: UUID, body: s.RevokeIn, command: Commanding) -> Response:
    """撤销证书: verification will answer that it was revoked."""
    make = partial(
        commands.RevokeCertificate, certificate_id=certificate_id, reason=body.reason.value
    )

    async def render(conn: Connection, result: CommandResult) -> s.CertificateOut | None:
        row = await views.one_certificate(conn, result.aggregate_id)
        return s.certificate_out(row, command.container.cipher, reveal=False) if row else None

    return await command.run(make, render)
