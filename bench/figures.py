"""The table's lines from a run's measurements, with the budgets of the design beside them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bench.anchors import DESIGN_WRITE_API_RPS, FLOOR_SHARE_TARGET, machine_lines
from bench.assistance_batch import assistance_batch_note
from bench.report import Figure, Report, Target
from bench.reporting_figures import reporting_figures
from bench.run import Measurements, Plan
from bench.training import training_note
from bench.write_api import WriteApiResult

MB = 1024 * 1024
WRITE_API_TARGET = Target(DESIGN_WRITE_API_RPS, "req/s")
ROSTER_TARGET = Target(10_000, "members/s")
SHEET_IMPORT_TARGET = Target(ROSTER_TARGET.bound, "rows/s")
"""A sign-in sheet is held to the roster import's rate (issue: the same targets)."""
RSS_TARGET = Target(150, "MB", at_least=False)
RELAY_TARGET_TEXT = "— (one stage of the pipeline)"


def _baseline_figures(m: Measurements, plan: Plan) -> list[Figure]:
    raw = m.baselines.get
    return [
        Figure(
            "nats_publish",
            "NATS publish_async 异步发布",
            "msg/s",
            raw("nats_publish"),
            note=f"{plan.publish_messages:,} × 400 B, acks awaited per 2,000",
        ),
        Figure(
            "nats_pull_ack",
            "NATS pull+ack 拉取确认",
            "msg/s",
            raw("nats_pull_ack"),
            note=f"{plan.pull_messages:,} messages, batches of 256",
        ),
        Figure(
            "pg_insert",
            "PG single insert 单行插入",
            "rows/s",
            raw("pg_insert"),
            note=f"{plan.insert_rows:,} rows, one per commit, 16 connections, fsync on",
        ),
    ]


def _floor_figures(m: Measurements, plan: Plan) -> list[Figure]:
    f = m.framework_floor
    if f is None and "framework_floor" not in m.errors:
        return []
    note = m.errors.get("framework_floor", "")
    if f is not None:
        note = (
            f"{f.requests:,} × POST of an admission's body to a bare FastAPI app (one worker, "
            f"pydantic body, one transaction inserting a row): no auth, key, outbox, "
            f"encryption or log; p50 {f.p50_ms:.1f} ms, p99 {f.p99_ms:.1f} ms, "
            f"{f.server_cpu_ms_per_request:.2f} ms CPU/req; statuses {f.statuses}"
        )
        if f.first_failure:
            note += f"; first failure: {f.first_failure}"
    return [Figure("framework_floor", "FastAPI floor 框架基线", "req/s", f.rps if f else None,
                   baseline="pg_insert", note=note)]  # fmt: skip


def _share_of_floor(w: WriteApiResult | None, floor: WriteApiResult | None) -> Figure:
    share = w.rps / floor.rps if w and floor else None
    note = (
        "write API req/s ÷ FastAPI floor req/s, same run; the target is the design's "
        "1,500 ÷ 1,700 req/s, which holds on any machine"
    )
    return Figure("write_api_of_floor", "  of the floor 占框架基线", "×", share, 2,
                  target=FLOOR_SHARE_TARGET, note=note)  # fmt: skip


def _write_api_figures(m: Measurements, plan: Plan) -> list[Figure]:
    w = m.write_api
    note = m.errors.get("write_api") or m.errors.get("service", "")
    if w is not None:
        note = (
            f"{w.requests:,} × POST /api/v1/members over {plan.connections} connections to one "
            f"uvicorn worker (`serve --no-relay`, as deployed; `membership relay` publishing "
            f"beside it: {w.relay_cpu_ms_per_request:.2f} ms CPU/req); statuses {w.statuses}"
        )
        if w.first_failure:
            note += f"; first failure: {w.first_failure}"
    return [
        Figure(
            "write_api_rps",
            "write API 入会接口",
            "req/s",
            w.rps if w else None,
            baseline="pg_insert",
            target=WRITE_API_TARGET,
            note=note,
        ),
        _share_of_floor(w, m.framework_floor),
        Figure("write_api_p50", "  p50 latency 延迟", "ms", w.p50_ms if w else None, 1),
        Figure("write_api_p99", "  p99 latency 延迟", "ms", w.p99_ms if w else None, 1),
        Figure("write_api_non_2xx", "  non-2xx 失败", "", w.non_2xx if w else None),
        Figure(
            "write_api_cpu",
            "  server CPU 每请求",
            "ms/req",
            w.server_cpu_ms_per_request if w else None,
            2,
            note="user+system CPU of the API process during the timed load",
        ),
        *_keyed_figures(m, plan),
    ]


def _keyed_figures(m: Measurements, plan: Plan) -> list[Figure]:
    k = m.write_api_keyed
    note = m.errors.get("write_api_keyed", "")
    if k is not None:
        note = (
            f"{k.requests:,} more admissions, each with its own Idempotency-Key (claimed and its "
            f"response stored in the command's transaction); p50 {k.p50_ms:.1f} ms, p99 "
            f"{k.p99_ms:.1f} ms, {k.server_cpu_ms_per_request:.2f} ms CPU/req; statuses "
            f"{k.statuses}"
        )
        if k.first_failure:
            note += f"; first failure: {k.first_failure}"
    return [Figure("write_api_keyed_rps", "  keyed 带幂等键", "req/s",
                   k.rps if k else None, baseline="pg_insert", target=WRITE_API_TARGET,
                   note=note)]  # fmt: skip


def _disputes_figures(m: Measurements, plan: Plan) -> list[Figure]:
    d = m.disputes_api
    error = m.errors.get("disputes_api", "")
    figures = []
    for key, label, path in (
        ("register", "disputes 案件登记", "POST /api/v1/cases"),
        ("accept", "disputes 受理", "POST /api/v1/cases/{id}/accept"),
    ):
        w = getattr(d, key) if d else None
        note = error
        if w is not None:
            note = (
                f"{w.requests:,} × {path} over {plan.connections} connections to one uvicorn "
                f"worker (`serve --no-relay`, its relay apart; sealed parties, history chain, outbox, access log); "
                f"p50 {w.p50_ms:.1f} ms, p99 {w.p99_ms:.1f} ms; statuses {w.statuses}"
            )
        figures.append(Figure(f"disputes_{key}_rps", label, "req/s", w.rps if w else None,
                              baseline="pg_insert", target=WRITE_API_TARGET, note=note))  # fmt: skip
    return figures


def _assistance_api_figures(m: Measurements, plan: Plan) -> list[Figure]:
    w = m.household_filing
    note = m.errors.get("household_filing", "")
    if w is not None:
        note = (
            f"{w.requests:,} × POST /api/v1/households over {plan.connections} connections to one "
            f"uvicorn worker (`serve --no-relay`, its relay apart; sealed head, outbox, access log); p50 "
            f"{w.p50_ms:.1f} ms, p99 {w.p99_ms:.1f} ms; {w.server_cpu_ms_per_request:.2f} ms CPU"
            f"/req; statuses {w.statuses}"
        )
    filing = Figure("household_filing_rps", "assistance 建档立卡", "req/s", w.rps if w else None,
                    baseline="pg_insert", target=WRITE_API_TARGET, note=note)  # fmt: skip
    return [filing, _disbursement_figure(m, plan)] if plan.runs("assistance") else []


def _disbursement_figure(m: Measurements, plan: Plan) -> Figure:
    d = m.payment_disbursement
    note = m.errors.get("household_filing", "")
    if d is not None:
        note = (
            f"{d.requests:,} × POST /api/v1/payments/{{id}}/disburse over {plan.connections} "
            f"connections to one uvicorn worker (payment row locked, budget settled, AidPaid in "
            f"the outbox, relay apart); p50 {d.p50_ms:.1f} ms, p99 {d.p99_ms:.1f} ms; "
            f"{d.server_cpu_ms_per_request:.2f} ms CPU/req; statuses {d.statuses}"
        )
    return Figure("payment_disbursement_rps", "assistance 资金发放", "req/s",
                  d.rps if d else None, baseline="pg_insert", target=WRITE_API_TARGET,
                  note=note)  # fmt: skip


def _roster_figure(m: Measurements) -> Figure:
    r = m.roster
    note = m.errors.get("roster") or m.notes.get("roster", "")
    if r is not None:
        note = (
            f"{r.rows:,}-row CSV: {r.imported:,} imported, {r.failed:,} rejected, "
            f"upload → completed in {r.elapsed_seconds:.2f} s"
        )
        if r.server_cpu_us_per_row is not None:
            note += f"; server CPU {r.server_cpu_us_per_row:.0f} µs/row (the API process; the relay apart)"
    return Figure(
        "roster",
        "roster import 花名册导入",
        "members/s",
        r.members_per_second if r else None,
        baseline="pg_insert",
        target=ROSTER_TARGET,
        note=note,
    )


def _relay_figure(m: Measurements) -> Figure:
    r = m.relay
    note = m.errors.get("relay", "")
    if r is not None:
        note = (
            f"{r.events:,} outbox rows drained by OutboxRelay.publish_pending in "
            f"{r.elapsed_seconds:.2f} s; the stream grew by {r.stream_growth:,}"
        )
    return Figure(
        "relay",
        "outbox relay 发件箱中继",
        "ev/s",
        r.events_per_second if r else None,
        baseline="nats_publish",
        target_text=RELAY_TARGET_TEXT,
        note=note,
    )


def _rss_figures(m: Measurements) -> list[Figure]:
    moments = {
        "idle": "RSS at rest 启动后",
        "after_write_api": "RSS at rest 写接口后",
        "after_roster": "RSS at rest 导入后",
    }
    return [
        Figure(
            f"rss_{moment}",
            label,
            "MB",
            m.rss_bytes[moment] / MB if moment in m.rss_bytes else None,
            1,
            target=RSS_TARGET,
        )
        for moment, label in moments.items()
        if moment in m.rss_bytes or moment == "idle"
    ]


def _assistance_batch_figure(m: Measurements) -> Figure:
    b = m.assistance_batch
    return Figure(
        "assistance_batch",
        "festival batch 节日批量发放",
        "payments/s",
        b.payments_per_second if b else None,
        baseline="pg_insert",
        target_text="— (every household paid exactly once)",
        note=assistance_batch_note(b, m.errors.get("assistance_batch", "")),
    )


def _training_figures(m: Measurements) -> list[Figure]:
    t = m.training
    enrol, sheet = training_note(t, m.errors.get("training", ""))
    return [
        Figure(
            "training_enrolments", "training enrolments 培训报名", "req/s",
            t.enrolments.rps if t else None, baseline="pg_insert", target=WRITE_API_TARGET,
            note=enrol,
        ),
        Figure(
            "attendance_import", "attendance import 签到表导入", "rows/s",
            t.attendance_import.rows_per_second if t else None, baseline="pg_insert",
            target=SHEET_IMPORT_TARGET, note=sheet,
        ),
    ]  # fmt: skip


def build_report(m: Measurements, plan: Plan) -> Report:
    """Every figure of the run, in the order of the table, with the raw results for the JSON."""
    figures = [
        *_baseline_figures(m, plan),
        *_floor_figures(m, plan),
        *_write_api_figures(m, plan),
        *_disputes_figures(m, plan),
        *_assistance_api_figures(m, plan),
        _roster_figure(m),
        _relay_figure(m),
        *_rss_figures(m),
        *reporting_figures(m.reporting, plan.reporting),
        _assistance_batch_figure(m),
        *_training_figures(m),
    ]
    details: dict[str, Any] = {
        "plan": asdict(plan),
        "write_api": asdict(m.write_api) if m.write_api else None,
        "disputes_api": asdict(m.disputes_api) if m.disputes_api else None,
        "household_filing": asdict(m.household_filing) if m.household_filing else None,
        "payment_disbursement": (
            asdict(m.payment_disbursement) if m.payment_disbursement else None
        ),
        "roster": asdict(m.roster) if m.roster else None,
        "relay": asdict(m.relay) if m.relay else None,
        "assistance_batch": asdict(m.assistance_batch) if m.assistance_batch else None,
        "training": asdict(m.training) if m.training else None,
        "reporting": asdict(m.reporting),
        "rss_bytes": m.rss_bytes,
        "notes": m.notes,
        "errors": m.errors,
        "machine": machine_lines(Report(figures)),
    }
    return Report(figures, details)
