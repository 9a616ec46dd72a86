"""Who is calling: a subject, its roles and the root of its organisation scope."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """The platform's roles, as they appear in a token's ``roles`` claim."""

    CITY_ADMIN = "city_admin"
    UNION_CADRE = "union_cadre"
    ASSISTANCE_OFFICER = "assistance_officer"
    MEDIATOR = "mediator"
    TRAINING_COORDINATOR = "training_coordinator"
    ANALYST = "analyst"
    AUDITOR = "auditor"


ROLE_TITLES: dict[Role, str] = {
    Role.CITY_ADMIN: "管理员",
    Role.UNION_CADRE: "工会干部",
    Role.ASSISTANCE_OFFICER: "帮扶专干",
    Role.MEDIATOR: "调解员",
    Role.TRAINING_COORDINATOR: "培训专员",
    Role.ANALYST: "统计分析员",
    Role.AUDITOR: "审计员",
}
"""What each role is called on the pages, in the order they are listed."""


@dataclass(frozen=True)
class Principal:
    """An authenticated caller.

    Attributes:
        subject: the token's ``sub``, a stable pseudonymous user id.
        roles: the platform roles the caller holds; unknown role names are dropped.
        org_id: root (a uuid string) of the organisation subtree the caller may see; ``None``
            only for a city administrator, meaning the whole tree.
    """

    subject: str
    roles: frozenset[Role]
    org_id: str | None

    def has_any(self, *roles: Role) -> bool:
        """Whether the caller holds at least one of ``roles``."""
        return not self.roles.isdisjoint(roles)

    @property
    def title(self) -> str:
        """The caller as a page names them: roles in Chinese (a token names no person),
        ``（全市）`` for a whole-city scope."""
        titles = "、".join(title for role, title in ROLE_TITLES.items() if role in self.roles)
        return f"{titles or '无角色'}{'（全市）' if self.org_id is None else ''}"

    @property
    def principal_key(self) -> str:
        """The key idempotency records are scoped by: one caller never replays another's."""
        return f"sub:{self.subject}"
