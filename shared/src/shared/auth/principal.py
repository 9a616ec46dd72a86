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
    def principal_key(self) -> str:
        """The key idempotency records are scoped by: one caller never replays another's."""
        return f"sub:{self.subject}"
