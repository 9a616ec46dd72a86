"""Bulk imports (批量导入) of a year's paper records: visits, hardship files, insurance.

Each kind turns a sheet row into the very command the single-item API sends, and the runner
hands it to the same handler in its own transaction, so a row obeys the same rules and its
events reach the outbox exactly as a single request's would. What is wrong with a row is
reported by sheet row number, Chinese column header and message, never with the cell's value.
"""
