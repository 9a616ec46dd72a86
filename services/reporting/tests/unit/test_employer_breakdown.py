"""Employer figures grouped by ownership class or staff-size band."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from reporting.config import ReportingSettings
from reporting.domain.employer_breakdown import (
    Cell,
    EmployerFigures,
    band_labels,
    grouped,
    total,
)
from reporting.domain.figures import Stock
from reporting.entrypoints.pages.views import _women_note

BOUNDS = (25, 50, 100, 200, 500, 1000)


def figures(employers: int, workers: int, covered: int = 0, **more: int) -> EmployerFigures:
    return EmployerFigures(employers=employers, workers=workers, covered_employers=covered, **more)


CELLS = [
    Cell("foreign", 5, figures(1, 600, 1, covered_workers=600, women_workers=300)),
    Cell("private", 2, figures(2, 130, 1, covered_workers=70, women_unknown=2)),
    Cell("private", 0, figures(1, 8)),
    Cell("social_organisation", 0, figures(1, 10, 1, covered_workers=10, women_workers=4)),
    Cell("public_sector", None, figures(1, 0)),
    Cell(None, 1, figures(1, 30)),
]


def test_band_labels_cut_at_each_bound() -> None:
    assert band_labels(BOUNDS) == [
        "<25", "25–49", "50–99", "100–199", "200–499", "500–999", "≥1000",
    ]  # fmt: skip
    assert band_labels((50,)) == ["<50", "≥50"]


def test_classes_come_in_the_report_order_with_empty_ones_and_the_unclassified_last() -> None:
    groups = grouped(CELLS, "ownership_class", BOUNDS)
    keys = [g.key for g in groups]
    assert keys[:3] == ["state", "collective", "cooperative"]
    assert keys[-1] == "unknown"
    private = next(g for g in groups if g.key == "private")
    assert (private.label, private.figures.employers, private.figures.workers) == ("私营", 3, 138)
    assert private.figures.coverage_rate == Decimal("33.3")
    assert next(g for g in groups if g.key == "state").figures.coverage_rate is None


def test_sizes_group_by_band_and_employers_without_a_census_stand_apart() -> None:
    groups = grouped(CELLS, "size_band", BOUNDS)
    assert [g.figures.employers for g in groups] == [2, 1, 2, 0, 0, 1, 0, 1]
    assert (groups[-1].key, groups[-1].label) == ("unknown", "未排摸")
    at_least_50 = sum(g.figures.employers for g in groups[2:7])
    assert at_least_50 == 3


def test_enterprises_leave_out_agencies_organisations_and_the_unclassified() -> None:
    everyone, enterprises = total(CELLS), total(CELLS, "enterprises")
    assert (everyone.employers, everyone.covered_employers) == (7, 3)
    assert (enterprises.employers, enterprises.covered_employers) == (4, 2)
    assert enterprises.coverage_rate == Decimal("50.0")
    keys = [g.key for g in grouped(CELLS, "ownership_class", BOUNDS, "enterprises")]
    assert "social_organisation" not in keys
    assert "public_sector" not in keys


def test_unknown_counts_are_summed_apart_from_the_known_ones() -> None:
    summed = total(CELLS)
    assert (summed.women_workers, summed.women_unknown) == (304, 2)


def test_size_bands_are_read_comma_separated_and_must_ascend(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SIZE_BANDS", "50,100")
    assert ReportingSettings().size_bands == (50, 100)
    monkeypatch.setenv("SIZE_BANDS", "100,50")
    with pytest.raises(ValueError, match="ascending"):
        ReportingSettings()


def test_the_dashboard_names_the_employers_whose_women_count_is_unknown() -> None:
    known = Stock(10, 500, 200, 90, 6, 300, 4)
    assert _women_note(known) == "其中女职工 200"
    assert _women_note(replace(known, women_unknown=3)) == "其中女职工 200（3 家单位不详）"
