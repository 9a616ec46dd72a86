"""节日慰问名单 festival aid lists: upload the households of a festival payment batch.

The list's households start one batch through the same command as ``POST /payment-batches``;
it is paid in the background like any batch (see ``aid.payment_batches``).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Annotated
from uuid import UUID, uuid4

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from shared.http.idempotency import IdempotencyKeyDep
from shared.http.problems import FieldError, Problem
from shared.http.sheet_uploads import UPLOAD_PROBLEMS
from shared.identifiers import today_in_china
from shared.imports.sheet import SheetFile

from assistance.adapters.imports.reader import import_rows
from assistance.adapters.imports.store import SqlImportStore
from assistance.bootstrap import Container
from assistance.domain.aid.codes import PaymentMethod, Programme
from assistance.domain.aid.payment_batch import batch_pay_day
from assistance.domain.history import Dating
from assistance.entrypoints.api.aid.payment_batches import start_job
from assistance.entrypoints.api.deps import ContainerDep, Writer
from assistance.entrypoints.api.imports.schemas import ImportAccepted
from assistance.entrypoints.api.imports.uploads import PREFIX, accept_upload, row_context
from assistance.service_layer.imports.festival import FestivalBatch, ListJob, run_festival_list
from assistance.service_layer.imports.kinds import ImportKindName
from assistance.service_layer.imports.rows import RowContext

logger = logging.getLogger(__name__)
DATE_TEXT = r"^(19|20)\d\d-\d\d-\d\d$"
"""An optional form date is text with a pattern: a form has no null for ``date | None``."""
router = APIRouter(prefix=f"{PREFIX}/festival-lists", tags=["批量导入 imports"])


@router.post(
    "",
    status_code=202,
    summary="上传节日慰问名单并开始批量发放",
    response_model=ImportAccepted,
    responses=UPLOAD_PROBLEMS,
)
async def upload_festival_list(
    request: Request,
    principal: Writer,
    key: IdempotencyKeyDep,
    container: ContainerDep,
    file: Annotated[UploadFile, File(description="名单 .xlsx 或 .csv（户主身份证号）")],
    year: Annotated[int, Form(ge=2000, le=2100, description="预算年度")],
    budget_org_id: Annotated[UUID, Form(description="支出预算的组织")],
    amount_fen: Annotated[int, Form(gt=0, description="每户金额（分）")],
    programme: Annotated[Programme, Form()] = Programme.FESTIVAL_CONSOLATION,
    method: Annotated[PaymentMethod, Form()] = PaymentMethod.CASH,
    paid_on: Annotated[
        str, Form(pattern=DATE_TEXT, description="发放日期 YYYY-MM-DD（默认今天）")
    ] = "",
) -> Response:
    """Accept a list of households; the households found start one festival payment batch."""
    day = _paid_on(paid_on)
    # Refused before the upload is kept: a day the batch would refuse starts no job at all.
    history = Dating(today_in_china(), container.settings.assistance_history_from)
    batch_pay_day(day or history.today, year=year, dating=history)
    batch = FestivalBatch(programme, year, budget_org_id, amount_fen, method, day, uuid4())
    accepted = await accept_upload(
        request, principal, key, container, ImportKindName.FESTIVAL_LISTS, file, batch.batch_id
    )
    if accepted.job_id is not None and accepted.sheet is not None:
        job = ListJob(accepted.job_id, container.settings.import_max_rows)
        context = row_context(principal, container)
        container.spawn(run_list(job, accepted.sheet, context, batch, container))
    return accepted.response


def _paid_on(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        raise Problem(
            422,
            "发放日期无效",
            "发放日期不是有效的日期",
            errors=[FieldError("paid_on", "不是有效的日期")],
        ) from None


async def run_list(
    job: ListJob, sheet: SheetFile, context: RowContext, batch: FestivalBatch, container: Container
) -> None:
    """The background task of one list: read it, start the batch, then pay it."""
    try:
        store = SqlImportStore(container.pool, container.cipher)
        started = await run_festival_list(job, import_rows(sheet), store, context, batch)
    except Exception:
        logger.exception("festival list %s failed", job.job_id)
        return
    finally:
        sheet.close()
    if started:
        start_job(container, batch.batch_id)
