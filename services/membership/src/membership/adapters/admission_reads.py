"""Everything an admission reads, in one statement: the union with its path, the employer with
its territory's path, and the person's current membership.

Three look-ups were three round trips. Here they are one row of prefixed columns, split back
into the rows each repository reads itself, and handed to the repositories so that the
handler's own look-ups are answered from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from shared.adapters import Connection

from membership.adapters import employers, members, organisations

_PREFIXES = {"o_": organisations.COLUMNS, "e_": employers.COLUMNS, "m_": members.COLUMNS}


def _select_list() -> str:
    parts = [
        f"{alias}.{column} AS {alias}_{column}"
        for prefix, columns in _PREFIXES.items()
        for alias in (prefix[0],)
        for column in columns.split(", ")
    ]
    return ", ".join([*parts, "o.path AS o_path", "t.path AS t_path"])


READ = f"""
SELECT {_select_list()}
  FROM (SELECT 1) AS one
  LEFT JOIN organisations o ON o.id = $1
  LEFT JOIN employers e ON e.id = $2
  LEFT JOIN organisations t ON t.id = e.territory_org_id
  LEFT JOIN members m ON m.id_number_index = $3 AND m.status IN ('active', 'retained')
"""


def _part(row: Mapping[str, Any], prefix: str) -> dict[str, Any] | None:
    """The columns of one joined table, unprefixed; ``None`` when the join found no row."""
    if row[f"{prefix}id"] is None:
        return None
    names = _PREFIXES[prefix].split(", ")
    return {name: row[f"{prefix}{name}"] for name in names}


async def read_for_admission(
    conn: Connection,
    organisation_repository: organisations.SqlOrganisationRepository,
    employer_repository: employers.SqlEmployerRepository,
    member_repository: members.SqlMemberRepository,
    *,
    union_id: UUID,
    employer_id: UUID,
    id_number_index: str,
) -> None:
    """Read the union, the employer and the current membership, and give them to the
    repositories (a row not found is remembered as missing, so it is not looked up again)."""
    row = await conn.fetchrow(READ, union_id, employer_id, id_number_index)
    assert row is not None  # the driving ``SELECT 1`` always yields one row
    organisation_repository.remember(union_id, _part(row, "o_"), row["o_path"])
    employer = _part(row, "e_")
    employer_repository.remember(employer_id, employer)
    if employer is not None and row["t_path"] is not None:
        organisation_repository.remember_path(employer["territory_org_id"], row["t_path"])
    member_repository.remember_current(id_number_index, _part(row, "m_"))
