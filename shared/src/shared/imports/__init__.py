"""Bulk imports from uploaded sheets (CSV, XLSX): the kit every service's import uses.

- :mod:`shared.imports.sheet` reads a sheet into text rows by the columns an import declares;
- :mod:`shared.imports.cells` turns cells into dates and fen, and errors into row errors
  (row number, Chinese column header, Chinese message — never the cell's content);
- :mod:`shared.imports.jobs` holds a job's status and running totals;
- :mod:`shared.imports.running` runs a job to its end, marking it finished however it stops.

The HTTP side (size limits, a sheet's refusal as problem+json, template downloads) is
:mod:`shared.http.sheet_uploads`.
"""

from shared.imports.cells import RowError, checked, parse_sheet_date, parse_yuan, row_error
from shared.imports.jobs import ImportAborted, ImportStatus, ImportTally, percent_done

__all__ = [
    "ImportAborted",
    "ImportStatus",
    "ImportTally",
    "RowError",
    "checked",
    "parse_sheet_date",
    "parse_yuan",
    "percent_done",
    "row_error",
]
