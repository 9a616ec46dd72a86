"""The Grafana dashboards: one per service, current with their generator, on exported metrics."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest
import shared.metrics  # noqa: F401 - registers the platform's metrics in REGISTRY
from prometheus_client import REGISTRY
from shared.batch_metrics import run_registry
from shared.nats_permissions import describe
from shared.service import ServiceDescription

ROOT = Path(__file__).resolve().parents[2]
GENERATOR = ROOT / "deploy" / "monitoring" / "dashboards.py"
SERVICES = sorted(p.parent.name for p in (ROOT / "services").glob("*/pyproject.toml"))
_spec = importlib.util.spec_from_file_location("unionhub_dashboards", GENERATOR)
assert _spec is not None
assert _spec.loader is not None
dashboards = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = dashboards
_spec.loader.exec_module(dashboards)


def exported() -> set[str]:
    suffixes = {"counter": ("_total",), "histogram": ("_bucket", "_count", "_sum"), "gauge": ("",)}
    scraped = {f.name + s for f in REGISTRY.collect() for s in suffixes.get(f.type, ("",))}
    return scraped | pushed_by_batch_jobs()


def pushed_by_batch_jobs() -> set[str]:
    runs = [
        run_registry(duration=1.0, items=1, succeeded=ok, finished_at=0.0) for ok in (True, False)
    ]
    return {family.name for registry in runs for family in registry.collect()}


@pytest.mark.parametrize("service", describe(SERVICES), ids=lambda s: s.name)
def test_each_service_has_its_current_dashboard(service: ServiceDescription) -> None:
    path = dashboards.FOLDER / f"{service.name}.json"
    assert path.read_text(encoding="utf-8") == dashboards.render(service), "run make dashboards"
    board = json.loads(path.read_text(encoding="utf-8"))
    expressions = [t["expr"] for p in board["panels"] for t in p["targets"]]
    used = {m for e in expressions for m in re.findall(r"unionhub_\w+", e)}
    assert used <= exported(), used - exported()
    assert "unionhub_http_request_duration_seconds_bucket" in used
    for consumer in service.consumers:
        assert any(f'consumer="{consumer.durable}"' in e for e in expressions)
    if service.publishes:  # it runs the outbox purge, which pushes its runs
        assert "unionhub_outbox_backlog" in used
        assert f'job=~"{service.name}-.+"' in " ".join(expressions)
        assert {
            "unionhub_batch_last_success_timestamp_seconds",
            "unionhub_batch_last_run_duration_seconds",
        } <= used
    assert len({p["id"] for p in board["panels"]}) == len(board["panels"])


def test_no_dashboard_of_a_service_that_does_not_exist() -> None:
    assert sorted(p.stem for p in dashboards.FOLDER.glob("*.json")) == SERVICES
