"""Batch runs pushed to a Pushgateway (a real HTTP server standing in for it)."""

from __future__ import annotations

import logging
import time

import pytest
from shared.batch_metrics import reported_batch_run
from shared.devstack import free_port
from shared.settings import ServiceSettings
from shared.testing.pushgateway import StandInPushgateway


def settings_for(url: str | None) -> ServiceSettings:
    return ServiceSettings(prometheus_pushgateway_url=url)


def test_a_successful_run_pushes_its_duration_items_and_success_time(
    pushgateway: StandInPushgateway,
) -> None:
    before = time.time()
    with reported_batch_run(settings_for(pushgateway.url), "membership-purge") as run:
        time.sleep(0.05)
        run.items = 17
    after = time.time()

    [push] = pushgateway.pushes
    assert push.method == "POST", "pushadd: keep the group's last failure time"
    assert push.path == "/metrics/job/membership-purge"
    samples = push.samples()
    assert set(samples) == {
        "unionhub_batch_last_run_duration_seconds",
        "unionhub_batch_last_run_items",
        "unionhub_batch_last_run_succeeded",
        "unionhub_batch_last_success_timestamp_seconds",
    }
    assert all(labels == {} for labels, _ in samples.values()), "the job is in the path"
    assert 0.05 <= samples["unionhub_batch_last_run_duration_seconds"][1] < 5
    assert samples["unionhub_batch_last_run_items"][1] == 17
    assert samples["unionhub_batch_last_run_succeeded"][1] == 1
    assert before <= samples["unionhub_batch_last_success_timestamp_seconds"][1] <= after


def test_a_failed_run_pushes_its_failure_and_raises_again(
    pushgateway: StandInPushgateway,
) -> None:
    def mark_three_then_lose_the_database() -> None:
        with reported_batch_run(settings_for(pushgateway.url), "disputes-mark-overdue") as run:
            run.items = 3
            raise ConnectionError("database gone")

    with pytest.raises(ConnectionError, match="database gone"):
        mark_three_then_lose_the_database()

    [push] = pushgateway.pushes
    assert push.path == "/metrics/job/disputes-mark-overdue"
    samples = push.samples()
    assert samples["unionhub_batch_last_run_succeeded"][1] == 0
    assert samples["unionhub_batch_last_run_items"][1] == 3
    assert samples["unionhub_batch_last_failure_timestamp_seconds"][1] <= time.time()
    assert "unionhub_batch_last_success_timestamp_seconds" not in samples, (
        "a failure must not overwrite the last success"
    )


def test_without_a_url_nothing_is_pushed(pushgateway: StandInPushgateway) -> None:
    for url in (None, ""):
        with reported_batch_run(settings_for(url), "membership-purge") as run:
            run.items = 1
    assert pushgateway.pushes == []


def test_the_setting_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROMETHEUS_PUSHGATEWAY_URL", "http://pushgateway:9091")
    assert ServiceSettings().prometheus_pushgateway_url == "http://pushgateway:9091"


def test_a_refused_push_is_a_warning_not_a_failure(
    pushgateway: StandInPushgateway, caplog: pytest.LogCaptureFixture
) -> None:
    pushgateway.status = 500
    with caplog.at_level(logging.WARNING, "shared.batch_metrics"):
        with reported_batch_run(settings_for(pushgateway.url), "training-purge") as run:
            run.items = 2
        closed = f"http://127.0.0.1:{free_port()}"
        with reported_batch_run(settings_for(closed), "training-purge"):
            pass
    assert len(pushgateway.pushes) == 1
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert all("training-purge" in w for w in warnings)
