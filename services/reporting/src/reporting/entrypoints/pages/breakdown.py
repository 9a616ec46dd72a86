"""The children table of a dashboard: one row per child (a link drilling down), 本级, 合计.

Rows are built by each dashboard from its own figures; this module only lays them out, adds
the drill-down links and the footnotes explaining how the rows add up (see
:mod:`reporting.domain.own_level`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Protocol, TypeVar
from uuid import UUID

from reporting.domain.own_level import OWN_LABEL, Footing
from reporting.entrypoints.pages.drill import Shown


class Named(Protocol):
    """Any organisation's figures: each dashboard's figures carry its id and name."""

    @property
    def org_id(self) -> UUID: ...

    @property
    def name(self) -> str | None: ...


Figures = TypeVar("Figures", bound=Named)
OWN_NOTE = "本级：直接记在本组织名下、不属任何下级的数据（如本级机关工会的会员、本级直接发放的帮扶、本级受理的案件）。"


def breakdown_table(
    shown: Shown,
    headers: Sequence[str],
    cells: Callable[[Figures], Sequence[str]],
    rows: tuple[Sequence[Figures], Figures, Figures],
    notes: Sequence[str] = (),
) -> str:
    """``rows`` as (children, 本级, 合计); each child's name links to its own dashboard."""
    children, own, total = rows
    head = "".join(f"<th>{escape(h)}</th>" for h in ("下级组织", *headers))
    body = "".join(_child_row(shown, child, cells) for child in children)
    if not children:
        body = f'<tr><td colspan="{len(headers) + 1}">无下级组织</td></tr>'
    body += _row("own", OWN_LABEL, cells(own)) + _row("total", "合计", cells(total))
    footnotes = "".join(f'<p class="note">{escape(note)}</p>' for note in (OWN_NOTE, *notes))
    return (
        '<section class="panel breakdown"><h2>下级组织</h2><div class="scroll">'
        f'<table class="figures"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
        f"</div>{footnotes}</section>"
    )


def footing_notes(footing: Footing) -> list[str]:
    """Footnotes for what does not simply add up: transfers between rows, tree changes."""
    notes = []
    if footing.internal_transfers:
        notes.append(
            f"下级之间会籍接转 {footing.internal_transfers} 人次：在转出、转入的下级行分别计入，"
            "合计不计（会员仍在本组织范围内，总数不变）。"
        )
    if footing.gaps:
        measures = "、".join(footing.gaps)
        notes.append(
            f"期间内组织隶属有调整，{measures}的合计含已调出（或调入前）下级在本组织期间的数据，"
            "与各行之和不等。"
        )
    return notes


def _child_row(shown: Shown, child: Figures, cells: Callable[[Figures], Sequence[str]]) -> str:
    name = child.name or str(child.org_id)
    link = f'<a class="drill" href="{escape(shown.link(child.org_id))}">{escape(name)}</a>'
    return f'<tr class="child" data-org-id="{child.org_id}">' + _cells(link, cells(child)) + "</tr>"


def _row(kind: str, label: str, values: Sequence[str]) -> str:
    return f'<tr class="{kind}">' + _cells(escape(label), values) + "</tr>"


def _cells(first: str, values: Sequence[str]) -> str:
    return f"<td>{first}</td>" + "".join(f"<td>{escape(value)}</td>" for value in values)
