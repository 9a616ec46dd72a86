"""Assistance's errors shared by its areas, in the kit's four families
(:mod:`shared.seedwork.errors`, imported from the kit where used); each area adds its own in
``<area>.errors``."""

from __future__ import annotations

from shared.seedwork import Conflict


class AlreadyOnFile(Conflict):
    code = "already_on_file"
