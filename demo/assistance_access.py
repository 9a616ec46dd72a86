"""Who the demo acts as in the assistance service: assistance officers with their own scopes.

The street's officer keeps the files, pays the batches and records visits; an application goes
through three different people (基层意见 by the community's officer, 审核 and 审批 by two
officers of the street), as the service's segregation of duties requires.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from shared.auth import Role, issue_token
from shared.settings import ServiceSettings

ASSISTANCE_OFFICER = Role.ASSISTANCE_OFFICER.value


@dataclass
class Officers:
    """Bearer headers of the demo's assistance officers, signed with the platform's settings."""

    settings: ServiceSettings
    street_id: str
    _headers: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def officer(self, subject: str, org_id: str) -> dict[str, str]:
        """An assistance officer ``subject`` whose scope is ``org_id`` and its subtree."""
        key = (subject, org_id)
        if key not in self._headers:
            token = issue_token(
                self.settings, subject=subject, roles=[ASSISTANCE_OFFICER], org_id=org_id
            )
            self._headers[key] = {"Authorization": f"Bearer {token}"}
        return self._headers[key]

    @property
    def street(self) -> dict[str, str]:
        """街道帮扶干事: files, batches, visits, donations, insurance and disbursement."""
        return self.officer("demo-street-officer", self.street_id)

    @property
    def reviewer(self) -> dict[str, str]:
        """街道审核人: the review step of applications."""
        return self.officer("demo-street-reviewer", self.street_id)

    @property
    def approver(self) -> dict[str, str]:
        """街道审批人: the approval step, drawing on the street's budget."""
        return self.officer("demo-street-approver", self.street_id)

    def union(self, union_id: str) -> dict[str, str]:
        """The grassroots union's officer, who submits its members' applications."""
        return self.officer(f"demo-union-officer-{union_id[:8]}", union_id)

    def community(self, org_id: str) -> dict[str, str]:
        """The community (or building, industry) federation's officer: the grassroots opinion."""
        return self.officer(f"demo-community-officer-{org_id[:8]}", org_id)
