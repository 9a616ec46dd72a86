"""History entered as history: how far back a date given for a past fact may go.

Last year's contacts, cases, early warnings and legal aid, kept on paper by a mediation room,
are entered with their own dates so that the yearly report counts them in their own year. A
past date is accepted back to the service's history limit (``DISPUTES_HISTORY_FROM``, the first
day the rooms' paper records are taken in), never after today; a case's later steps, and legal
aid on a case, are checked against its registration.
"""

from shared.seedwork.dating import DEFAULT_HISTORY_FROM, Dating

__all__ = ["DEFAULT_HISTORY_FROM", "Dating"]
