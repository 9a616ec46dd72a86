"""The form header of an XLSX export: who signs it, from the query or the signed-in reader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Depends, Query
from shared.identifiers import today_in_china

from reporting.domain.report_form import FORM_NUMBERS, ReportForm
from reporting.domain.report_table import period_label


@dataclass(frozen=True)
class Signers:
    """负责人 and 填表人 as the query named them; ``None`` when it did not."""

    head: str | None
    preparer: str | None


async def signers(
    head: Annotated[
        str | None, Query(max_length=40, description="负责人；不填则留空待手签")
    ] = None,
    preparer: Annotated[
        str | None, Query(max_length=40, description="填表人；不填则留空待手签")
    ] = None,
) -> Signers:
    """The names the export's form header carries."""
    return Signers(head, preparer)


FormSigners = Annotated[Signers, Depends(signers)]


def report_form(
    kind: str,
    organisation: str,
    window: tuple[date, date],
    last_day: date,
    names: Signers,
) -> ReportForm:
    """The header of form ``kind`` for one organisation and window, exported today.

    Neither name has a default: a token names an account, not a person, so the printout
    keeps a line to sign for a name the query did not give.
    """
    date_from, stock_date = window
    return ReportForm(
        form_number=FORM_NUMBERS[kind],
        organisation=organisation,
        period=period_label(date_from, last_day, stock_date),
        date_from=date_from,
        stock_date=stock_date,
        exported_on=today_in_china(),
        head=names.head or "",
        preparer=names.preparer or "",
    )
