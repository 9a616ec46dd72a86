"""The metrics port every process serves (``METRICS_PORT``): counters, token, and the CLI wiring."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from shared.bus import ConsumerSpec, StreamSpec
from shared.metrics import OUTBOX_PUBLISH_ERRORS
from shared.metrics_server import start_metrics_server
from shared.service import ServiceDescription
from shared.settings import ServiceSettings
from typer.testing import CliRunner

from shared import cli


def scrape(port: int, path: str = "/metrics", token: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=5) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_no_port_no_server() -> None:
    assert start_metrics_server(ServiceSettings(metrics_port=None)) is None


def test_serves_the_process_counters_behind_the_token() -> None:
    OUTBOX_PUBLISH_ERRORS.labels(schema="metrics_port_test").inc(3)
    settings = ServiceSettings(
        environment="production",
        metrics_port=0,
        metrics_token=SecretStr("scrape-token"),
        jwt_secret=SecretStr("x" * 40),
        pii_key=SecretStr("y" * 44),
        blind_index_key=SecretStr("z" * 30),
    )
    server = start_metrics_server(settings, host="127.0.0.1")
    assert server is not None
    try:
        status, body = scrape(server.port, token="scrape-token")
        assert status == 200
        assert 'unionhub_outbox_publish_errors_total{schema="metrics_port_test"} 3.0' in body
        assert scrape(server.port)[0] == 401
        assert scrape(server.port, token="wrong")[0] == 401
        assert scrape(server.port, "/other", token="scrape-token")[0] == 404
    finally:
        server.close()


def test_closed_outside_dev_without_a_token_and_open_in_dev() -> None:
    closed = ServiceSettings(
        environment="staging",
        metrics_port=0,
        jwt_secret=SecretStr("x" * 40),
        pii_key=SecretStr("y" * 44),
        blind_index_key=SecretStr("z" * 30),
    )
    server = start_metrics_server(closed, host="127.0.0.1")
    assert server is not None
    try:
        assert scrape(server.port)[0] == 401
        assert scrape(server.port, token="")[0] == 401
    finally:
        server.close()
    server = start_metrics_server(ServiceSettings(metrics_port=0), host="127.0.0.1")
    assert server is not None
    try:
        assert scrape(server.port)[0] == 200
    finally:
        server.close()


@pytest.mark.parametrize("command", ["relay", "consume", "serve"])
def test_every_long_lived_command_starts_the_metrics_server(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[int | None] = []
    monkeypatch.setattr(cli, "start_metrics_server", lambda s: started.append(s.metrics_port))
    monkeypatch.setattr(cli, "run_until_signalled", lambda main: None)
    monkeypatch.setattr(cli, "serve_http", lambda app, **kwargs: None)
    monkeypatch.setattr(cli, "load", lambda reference: lambda settings: object())
    monkeypatch.setenv("METRICS_PORT", "9464")
    service = ServiceDescription(
        name="sample",
        title="sample",
        schema="sample",
        migrations=Path("."),
        settings=ServiceSettings,
        port=8199,
        app="sample:create_app",
        container="sample:build_container",
        streams=[StreamSpec("SAMPLE", ["sample.>"])],
        consumers=[ConsumerSpec("SAMPLE", "sample-self", ["sample.>"])],
        runners="sample:runners",
    )
    result: Any = CliRunner().invoke(cli.service_cli(service), [command])
    assert result.exit_code == 0, result.output
    assert started == [9464]
