"""History entered as history: how far back a date given for a past fact may go.

A class run last year, its enrolment forms, sign-in sheets and completion, and last year's
placements are entered with their own dates so that the yearly report counts them in their own
year. A past date is accepted back to the service's history limit (``TRAINING_HISTORY_FROM``,
the first day the centre's paper records are taken in), never after today.
"""

from shared.seedwork.dating import DEFAULT_HISTORY_FROM, Dating

__all__ = ["DEFAULT_HISTORY_FROM", "Dating"]
