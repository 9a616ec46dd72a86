"""The workbench uses no NATS: it has no user there, and its release Job's provision step
finishes without reaching a server."""

from __future__ import annotations

import pytest
from portal.entrypoints.cli import app
from portal.entrypoints.service import SERVICE
from typer.testing import CliRunner


def test_the_workbench_uses_no_nats() -> None:
    assert SERVICE.uses_nats is False


def test_provision_succeeds_without_a_nats_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENVIRONMENT", "test")
    monkeypatch.setenv("NATS_URL", "nats://127.0.0.1:1")  # nothing listens there
    result = CliRunner().invoke(app, ["provision"])
    assert result.exit_code == 0, result.output
    assert "uses no NATS" in result.output
