"""Grafana dashboards, one per service, from one template and the service's description.

    python deploy/monitoring/dashboards.py membership assistance reporting   (make dashboards)

writes deploy/monitoring/dashboards/<service>.json: the API's traffic, errors and latency; the
outbox (backlog, published, publish errors) when the service publishes; each durable
consumer's lag, applied events, redeliveries and dead letters when it consumes; the business
facts it publishes; its batch jobs' last success, duration and items (what they push to the
Pushgateway) when it runs any. tests/deploy checks the files are current and read exported metrics only.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from shared.nats_permissions import describe
from shared.service import ServiceDescription

FOLDER = Path(__file__).resolve().parent / "dashboards"


def panel(title: str, expressions: dict[str, str], unit: str = "short") -> dict[str, Any]:
    """A time series panel with one query per legend."""
    return {
        "type": "timeseries",
        "title": title,
        "datasource": {"type": "prometheus", "uid": "${datasource}"},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "targets": [
            {"refId": chr(ord("A") + i), "expr": expr, "legendFormat": legend}
            for i, (legend, expr) in enumerate(expressions.items())
        ],
    }


def batch_panels(name: str) -> list[dict[str, Any]]:
    """The service's batch jobs (job=<service>-<command>), from their last pushed run."""
    jobs = f'job=~"{name}-.+"'
    return [
        panel(
            "批处理 Batch jobs: time since last success",
            {
                "{{job}}": f"time() - max by (job) (unionhub_batch_last_success_timestamp_seconds{{{jobs}}})"
            },
            "s",
        ),
        panel(
            "批处理 Batch jobs: last run duration",
            {"{{job}}": f"max by (job) (unionhub_batch_last_run_duration_seconds{{{jobs}}})"},
            "s",
        ),
        panel(
            "批处理 Batch jobs: last run items and outcome (1 ok, 0 failed)",
            {
                "{{job}} items": f"max by (job) (unionhub_batch_last_run_items{{{jobs}}})",
                "{{job}} ok": f"min by (job) (unionhub_batch_last_run_succeeded{{{jobs}}})",
            },
        ),
    ]


def panels(service: ServiceDescription) -> list[dict[str, Any]]:
    """The panels of one service, in reading order."""
    name, schema = service.name, service.schema
    api = f'service="{name}"'
    found = [
        panel(
            "请求 Requests per second",
            {
                "{{status}}": f"sum by (status) (rate(unionhub_http_request_duration_seconds_count{{{api}}}[5m]))"
            },
            "reqps",
        ),
        panel(
            "错误率 5xx share",
            {
                "5xx": f'sum(rate(unionhub_http_request_duration_seconds_count{{{api},status=~"5.."}}[5m])) / sum(rate(unionhub_http_request_duration_seconds_count{{{api}}}[5m]))'
            },
            "percentunit",
        ),
        panel(
            "延迟 Latency p50 / p95 / p99",
            {
                f"p{q}": f"histogram_quantile(0.{q}, sum by (le) (rate(unionhub_http_request_duration_seconds_bucket{{{api}}}[5m])))"
                for q in (50, 95, 99)
            },
            "s",
        ),
    ]
    if service.publishes:
        outbox = f'schema="{schema}"'
        found += [
            panel(
                "发件箱积压 Outbox backlog", {"rows": f"max(unionhub_outbox_backlog{{{outbox}}})"}
            ),
            panel(
                "发布 Published / publish errors per second",
                {
                    "published": f"sum(rate(unionhub_outbox_published_total{{{outbox}}}[5m]))",
                    "errors": f"sum(rate(unionhub_outbox_publish_errors_total{{{outbox}}}[5m]))",
                },
            ),
            panel(
                "业务事件 Business facts per hour",
                {
                    "{{event_type}}": f'sum by (event_type) (increase(unionhub_business_events_total{{service="{name}"}}[1h]))'
                },
            ),
        ]
    if service.publishes:  # the outbox purge, and whatever other batch job the service runs
        found += batch_panels(name)
    for consumer in service.consumers:
        selector = f'consumer="{consumer.durable}"'
        found += [
            panel(
                f"消费 {consumer.durable}: lag and applied",
                {
                    "pending": f"max(unionhub_consumer_lag{{{selector}}})",
                    "applied/s": f"sum(rate(unionhub_consumer_applied_total{{{selector}}}[5m]))",
                },
            ),
            panel(
                f"死信 {consumer.durable}: dead letters and redeliveries",
                {
                    "dead letters": f"sum(increase(unionhub_dead_letters_total{{{selector}}}[1h]))",
                    "redeliveries": f"sum(increase(unionhub_consumer_redeliveries_total{{{selector}}}[1h]))",
                    "stream lost": f"max(unionhub_consumer_stream_lost{{{selector}}})",
                },
            ),
        ]
    for i, item in enumerate(found):
        item["id"] = i + 1
        item["gridPos"] = {"h": 8, "w": 12, "x": 12 * (i % 2), "y": 8 * (i // 2)}
    return found


def dashboard(service: ServiceDescription) -> dict[str, Any]:
    """The dashboard of one service."""
    return {
        "uid": f"unionhub-{service.name}",
        "title": f"UnionHub · {service.title}",
        "tags": ["unionhub", service.name],
        "timezone": "Asia/Shanghai",
        "schemaVersion": 39,
        "version": 1,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "templating": {
            "list": [
                {
                    "name": "datasource",
                    "type": "datasource",
                    "query": "prometheus",
                    "label": "Prometheus",
                }
            ]
        },
        "panels": panels(service),
    }


def render(service: ServiceDescription) -> str:
    """The dashboard's JSON text as committed."""
    return json.dumps(dashboard(service), ensure_ascii=False, indent=2) + "\n"


def main(names: list[str]) -> None:
    FOLDER.mkdir(exist_ok=True)
    for service in describe(names):
        (FOLDER / f"{service.name}.json").write_text(render(service), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
