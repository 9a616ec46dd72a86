"""Batch commands report their last run to a Prometheus Pushgateway.

A cron job (outbox purge, overdue flags) lives seconds, so a scrape would mostly miss it.
Prometheus's advice for batch jobs is to push the run's outcome at its end to a Pushgateway,
which keeps it for the scrape. A command wraps its work in :func:`reported_batch_run`; when
``PROMETHEUS_PUSHGATEWAY_URL`` is set the run is pushed under ``job=<service>-<command>``,
otherwise nothing happens. The push is a POST (``pushadd``), which replaces only the metrics
it carries: a failed run keeps the group's last success timestamp, a successful one its last
failure timestamp.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Gauge, pushadd_to_gateway

from shared.settings import ServiceSettings

logger = logging.getLogger(__name__)

# A cron job must not hang on an unreachable Pushgateway.
PUSH_TIMEOUT_SECONDS = 5.0

DURATION = "unionhub_batch_last_run_duration_seconds"
ITEMS = "unionhub_batch_last_run_items"
SUCCEEDED = "unionhub_batch_last_run_succeeded"
LAST_SUCCESS = "unionhub_batch_last_success_timestamp_seconds"
LAST_FAILURE = "unionhub_batch_last_failure_timestamp_seconds"


@dataclass
class BatchRun:
    """One run of a batch command, as it will be reported.

    Attributes:
        job: the Pushgateway's job label, ``<service>-<command>``.
        items: what the command processed (rows purged, files flagged …); the command sets it.
    """

    job: str
    items: int = 0


def run_registry(
    *, duration: float, items: int, succeeded: bool, finished_at: float
) -> CollectorRegistry:
    """The metrics of one finished run, in a registry of their own.

    Args:
        duration: the run's wall-clock seconds.
        items: what the run processed.
        succeeded: whether it ended without an exception.
        finished_at: Unix time of its end; the last success or last failure timestamp.

    Returns:
        A registry holding only these gauges (never the process's global one).
    """
    registry = CollectorRegistry()
    gauges = {
        DURATION: ("Seconds the last run took.", duration),
        ITEMS: ("Items the last run processed (rows purged, cases marked …).", items),
        SUCCEEDED: ("1 when the last run succeeded, 0 when it failed.", 1 if succeeded else 0),
    }
    if succeeded:
        gauges[LAST_SUCCESS] = ("Unix time the last successful run ended.", finished_at)
    else:
        gauges[LAST_FAILURE] = ("Unix time the last failed run ended.", finished_at)
    for name, (documentation, value) in gauges.items():
        Gauge(name, documentation, registry=registry).set(value)
    return registry


@contextmanager
def reported_batch_run(settings: ServiceSettings, job: str) -> Iterator[BatchRun]:
    """Time the work inside the block and push its outcome when it ends, success or failure.

    The exception of a failed run is pushed as a failure and raised again. A push that fails
    (Pushgateway down, refused, slow beyond the timeout) is logged as a warning and never
    fails the command.

    Args:
        settings: ``prometheus_pushgateway_url`` (None: nothing is pushed).
        job: ``<service>-<command>``, e.g. ``membership-purge``.

    Yields:
        The run; set its ``items`` to what the command processed.
    """
    run = BatchRun(job)
    started = time.monotonic()
    succeeded = False
    try:
        yield run
        succeeded = True
    finally:
        _push(settings.prometheus_pushgateway_url, run, time.monotonic() - started, succeeded)


def _push(url: str | None, run: BatchRun, duration: float, succeeded: bool) -> None:
    if not url:  # unset, or set empty by a ConfigMap
        return
    registry = run_registry(
        duration=duration, items=run.items, succeeded=succeeded, finished_at=time.time()
    )
    try:
        pushadd_to_gateway(url, job=run.job, registry=registry, timeout=PUSH_TIMEOUT_SECONDS)
    except Exception as error:  # the job's own outcome matters more than its report
        logger.warning(
            "could not push the run of %s to the Pushgateway %s: %s", run.job, url, error
        )
