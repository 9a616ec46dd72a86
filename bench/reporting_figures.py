"""The table's reporting lines: pipeline, lag, rebuild and the generated city's statistics."""

from __future__ import annotations

from bench.city import PERIOD_FROM, PERIOD_TO, CityResult, QueryTiming
from bench.report import Figure, Target
from bench.reporting_steps import ReportingMeasurements, ReportingPlan

PIPELINE_TARGET = Target(3_000, "ev/s")
LAG_TARGET = Target(50, "ms", at_least=False)
REBUILD_TARGET = Target(15_000, "ev/s")
QUERY_TARGET = Target(50, "ms", at_least=False)


def _pipeline_figures(r: ReportingMeasurements, plan: ReportingPlan) -> list[Figure]:
    b, lag = r.burst, r.lag
    burst_note = r.errors.get("pipeline_burst") or r.errors.get("pipeline", "")
    if b is not None:
        burst_note = (
            f"{b.events:,} admissions in transactions of 100 (4 writers, {b.write_seconds:.2f} s "
            f"to commit) → `membership relay` → JetStream → `reporting consume`; first outbox "
            f"row to last inbox row {b.seconds:.2f} s"
        )
    lag_note = r.errors.get("pipeline_lag", "")
    if lag is not None:
        lag_note = (
            f"{lag.events:,} admissions, one per transaction, asked {lag.rate_asked:,.0f}/s, "
            f"written {lag.rate_written:,.0f}/s; outbox created_at → inbox applied_at; "
            f"worst {lag.max_ms:.1f} ms"
        )
    return [
        Figure("pipeline", "pipeline 事件管道", "ev/s", b.events_per_second if b else None,
               baseline="nats_pull_ack", target=PIPELINE_TARGET, note=burst_note),
        Figure("pipeline_p50", f"  lag p50 @ {plan.paced_rate:,.0f}/s 延迟", "ms",
               lag.p50_ms if lag else None, 1, note=lag_note),
        Figure("pipeline_p99", f"  lag p99 @ {plan.paced_rate:,.0f}/s 延迟", "ms",
               lag.p99_ms if lag else None, 1, target=LAG_TARGET),
    ]  # fmt: skip


STREAM_LABELS = {
    "disputes": ("cases received 案件登记", "调解"),
    "training": ("enrolments 报名", "培训"),
}


def _stream_burst_figures(r: ReportingMeasurements) -> list[Figure]:
    figures = []
    for name, (events, label) in STREAM_LABELS.items():
        b = r.stream_bursts.get(name)
        note = r.errors.get(f"pipeline_{name}") or r.errors.get("pipeline", "")
        if b is not None:
            note = (
                f"{b.events:,} {events} in transactions of 100 ({b.write_seconds:.2f} s to "
                f"commit) → `{name} relay` → JetStream → `reporting consume`; first outbox "
                f"row to last inbox row {b.seconds:.2f} s"
            )
        value = b.events_per_second if b else None
        figures.append(
            Figure(
                f"pipeline_{name}",
                f"  {name} stream {label}",
                "ev/s",
                value,
                baseline="nats_pull_ack",
                target=PIPELINE_TARGET,
                note=note,
            )
        )
    return figures


def _rebuild_figure(r: ReportingMeasurements) -> Figure:
    rb = r.rebuild
    note = r.errors.get("rebuild") or r.errors.get("pipeline", "")
    if rb is not None:
        note = (
            f"reporting rebuild over the whole MEMBERSHIP stream ({rb.messages:,} messages: every "
            f"step of this run, topped up with admissions) in {rb.replay_seconds:.2f} s, deriving "
            f"periods and totals, indexes and statistics included; {rb.checks:,} figure checks, "
            f"{rb.differences} differences, swapped: {'yes' if rb.swapped else 'no'}"
        )
    return Figure("rebuild", "rebuild 重建", "ev/s", rb.events_per_second if rb else None,
                  baseline="nats_pull_ack", target=REBUILD_TARGET, note=note)  # fmt: skip


def _city_note(city: CityResult) -> str:
    s = city.size
    scaled = "" if s.members >= s.members_target else (
        f" (scaled down from {s.members_target:,}: the generation budget ran out)"
    )  # fmt: skip
    return (
        f"generated in SQL in {s.generation_seconds:.0f} s (totals computed from the facts in "
        f"{s.totals_seconds:.0f} s): {s.organisations:,} organisations, "
        f"{s.employers:,} employers, {s.members:,} membership periods{scaled}, "
        f"{s.member_facts:,} member facts, {s.contracts:,} contracts; half-year "
        f"{PERIOD_FROM}–{PERIOD_TO}"
    )


def _query_figure(key: str, label: str, timing: QueryTiming | None, note: str = "") -> Figure:
    if timing is not None:
        runs = f"median of {timing.runs} runs, p95 {timing.p95_ms:,.1f} ms"
        note = f"{runs}; {note}" if note else runs
    return Figure(key, label, "ms", timing.median_ms if timing else None, 1,
                  baseline="pg_city_scan", target=QUERY_TARGET, note=note)  # fmt: skip


def _city_figures(r: ReportingMeasurements) -> list[Figure]:
    city = r.city
    timings = city.timings if city else {}
    failed = r.errors.get("city", "")
    return [
        Figure("pg_city_scan", "PG count city members 全市计数", "ms",
               city.full_scan_ms if city else None, 1,
               note=_city_note(city) if city else failed),
        _query_figure("query_city", "indicators 全市 city", timings.get("city")),
        _query_figure("query_district", "indicators 区 district", timings.get("district")),
        _query_figure("query_street", "indicators 街道 street", timings.get("street")),
        _query_figure("query_district_children", "children_indicators 区下级",
                      timings.get("district_children"), "one report per street of the district"),
    ]  # fmt: skip


def reporting_figures(r: ReportingMeasurements, plan: ReportingPlan) -> list[Figure]:
    """Every reporting line, in table order."""
    return [
        *_pipeline_figures(r, plan), *_stream_burst_figures(r), _rebuild_figure(r),
        *_city_figures(r),
    ]  # fmt: skip
