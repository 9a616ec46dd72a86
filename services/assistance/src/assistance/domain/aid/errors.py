"""Errors of aid programmes, budgets, applications and payments, each in one of the four
families of :mod:`assistance.domain.errors` (so the entrypoints map them without change)."""

from __future__ import annotations

from shared.seedwork import Conflict, InvalidTransition, NotInScope


class NotEntitled(NotInScope):
    """The caller's role may not take this step (403)."""

    code = "not_entitled"


class SegregationOfDuties(NotInScope):
    """The caller already acted on this application; each step needs another person (403)."""

    code = "segregation_of_duties"


class StepOutOfOrder(InvalidTransition):
    """The application is not at the step the command takes (422)."""

    code = "step_out_of_order"


class BudgetExhausted(Conflict):
    """The budget's available amount does not cover the amount (409); nothing was reserved."""

    code = "budget_exhausted"


class BudgetMissing(Conflict):
    """No budget is set for the organisation, programme and year (409)."""

    code = "budget_missing"


class PaymentClosed(Conflict):
    """The payment was cancelled, or paid in another way than now requested (409)."""

    code = "payment_closed"
