"""Periods, rates and the figures of a statistics report: pure values, no I/O."""
