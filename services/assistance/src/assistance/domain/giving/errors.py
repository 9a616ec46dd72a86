"""Errors of donations and mutual insurance, in the families of :mod:`assistance.domain.errors`."""

from __future__ import annotations

from shared.seedwork import Conflict


class AlreadyEnrolled(Conflict):
    """The member is already enrolled in mutual insurance for the scheme year (409)."""

    code = "already_enrolled"
