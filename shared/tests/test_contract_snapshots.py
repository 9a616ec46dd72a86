"""Contracts match their committed JSON Schema snapshots; the catalogue generator is exact."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from uuid import UUID, uuid4

import jsonschema  # type: ignore[import-untyped]
import pytest
import yaml
from pydantic import Field
from shared.contracts import CloudEvent, IntegrationEvent, registry
from shared.contracts.catalogue import (
    ASYNCAPI_DOC,
    CONTRACT_MODULES,
    EVENTS_DOC,
    REPOSITORY_ROOT,
    SCHEMA_DIR,
    drifted_files,
    expected_files,
    import_contract_modules,
    main,
    write_files,
)
from shared.contracts.catalogue_asyncapi import asyncapi_document, to_yaml
from shared.contracts.catalogue_entries import catalogue_entries, inline_definitions
from shared.contracts.catalogue_markdown import ENVELOPE_ATTRIBUTES, render_markdown
from shared.contracts.registry import ContractRegistry

IMPORTED = import_contract_modules()
PUBLISHED = [model for model in registry if model.__module__ in CONTRACT_MODULES]
EXTENSIONS = (
    "traceparent",
    "tracestate",
    "correlationid",
    "causationid",
    "dataversion",
    "aggregateversion",
)


def test_every_contract_module_exists_and_registers_contracts() -> None:
    assert list(CONTRACT_MODULES) == IMPORTED
    assert len(PUBLISHED) >= 1


@pytest.mark.parametrize("model", PUBLISHED, ids=lambda model: model.subject())
def test_contract_matches_its_committed_snapshot(model: type[IntegrationEvent]) -> None:
    snapshot = REPOSITORY_ROOT / SCHEMA_DIR / f"{model.schema_name()}.json"
    hint = "run `make catalogue` and commit the result"
    assert snapshot.is_file(), f"{model.subject()} has no committed JSON Schema: {hint}"
    committed = json.loads(snapshot.read_text(encoding="utf-8"))
    assert committed == model.model_json_schema(), f"{model.subject()} drifted: {hint}"


def test_committed_catalogue_is_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "shared.contracts.catalogue", "--check"],
        cwd=REPOSITORY_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# The generator itself, on example contracts of a private registry --------------------------

example = ContractRegistry()


@example.register
class ExampleAdmitted(IntegrationEvent):
    event_type = "example.member.admitted"
    description = "示例入会 / An example admission."

    member_id: UUID = Field(description="pseudonymous member id")
    birth_year: int
    is_migrant_worker: bool = False


class ExampleAdmittedReshaped(IntegrationEvent):
    event_type = "example.member.admitted"
    description = "示例入会 / An example admission."

    member_id: UUID = Field(description="pseudonymous member id")
    birth_year: int
    employer_id: UUID  # a new required field: a breaking change the check must see


def test_write_then_check_is_clean_and_idempotent(tmp_path: Path) -> None:
    files = expected_files(example)
    schema = f"{SCHEMA_DIR}/example.member.admitted.v1.json"
    assert set(files) == {schema, EVENTS_DOC, ASYNCAPI_DOC}
    assert write_files(tmp_path, files) == sorted(files)
    assert drifted_files(tmp_path, files) == []
    assert write_files(tmp_path, files) == []
    text = (tmp_path / schema).read_text(encoding="utf-8")
    assert text.endswith("}\n")
    assert json.loads(text) == ExampleAdmitted.model_json_schema()


def test_check_reports_a_changed_model_and_a_stale_snapshot(tmp_path: Path) -> None:
    write_files(tmp_path, expected_files(example))
    stale = tmp_path / SCHEMA_DIR / "example.member.left.v1.json"
    stale.write_text("{}\n", encoding="utf-8")
    reshaped = expected_files([ExampleAdmittedReshaped])
    assert drifted_files(tmp_path, reshaped) == sorted(
        [
            ASYNCAPI_DOC,
            EVENTS_DOC,
            f"{SCHEMA_DIR}/example.member.admitted.v1.json",
            f"{SCHEMA_DIR}/example.member.left.v1.json",
        ]
    )
    write_files(tmp_path, reshaped)
    assert not stale.exists()
    assert drifted_files(tmp_path, reshaped) == []


def test_check_command_fails_listing_drifted_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--check", "--root", str(tmp_path)]) == 1
    errors = capsys.readouterr().err
    assert EVENTS_DOC in errors
    assert ASYNCAPI_DOC in errors
    assert "make catalogue" in errors
    assert main(["--write", "--root", str(tmp_path)]) == 0
    assert main(["--check", "--root", str(tmp_path)]) == 0


def test_markdown_describes_stream_event_fields_and_envelope() -> None:
    markdown = render_markdown(catalogue_entries(example))
    assert "## 流 Stream `EXAMPLE` (`example.>`)" in markdown
    assert "| NATS 主题 subject | `example.member.admitted.v1` |" in markdown
    assert "| CloudEvents `type` | `example.member.admitted` |" in markdown
    assert "| `member_id` | `string (uuid)` | 是 yes | pseudonymous member id |" in markdown
    assert "| `is_migrant_worker` | `boolean` | 否 no | 默认 default: `false` |" in markdown
    assert "pseudonymous ids" in markdown
    assert "make catalogue" in markdown
    for name in EXTENSIONS:
        assert f"| `{name}` | 扩展 extension |" in markdown


def test_every_envelope_attribute_is_documented() -> None:
    assert set(ENVELOPE_ATTRIBUTES) == set(CloudEvent.model_fields)


def test_asyncapi_payload_schema_accepts_real_envelopes_only() -> None:
    document = asyncapi_document(catalogue_entries(example))
    assert yaml.safe_load(to_yaml(document)) == document
    assert document["asyncapi"] == "3.0.0"
    channel = document["channels"]["example_member_admitted_v1"]
    assert channel["address"] == "example.member.admitted.v1"
    message = document["components"]["messages"]["example_member_admitted_v1"]
    validator = jsonschema.Draft202012Validator(message["payload"]["schema"])
    data = {"member_id": str(uuid4()), "birth_year": 1990}
    event = CloudEvent(source="/example", type="example.member.admitted", data=data)
    validator.validate(event.model_dump(mode="json"))
    without_member = {**event.model_dump(mode="json"), "data": {"birth_year": 1990}}
    assert not validator.is_valid(without_member)
    wrong_type = {**event.model_dump(mode="json"), "type": "example.member.left"}
    assert not validator.is_valid(wrong_type)


@pytest.mark.parametrize(
    "value",
    [
        {"yes": "no", "null": None, "on": True, "n": "y", "1.0": "3.0.0", "": ""},
        {"$ref": "#/components/a", "a: b": "- x", "#c": "[d]", "e": "multi\nline\ttab"},
        {"中文": "工会 · 会员", "odd": "\u2028\x7f\x85 end", "quote": "'\"\\"},
        {"nested": [[1, -1.5], [], {}, [{"a": {"b": [{"c": None}]}}]], "empty": {}},
        ["top", 0, False, {"k": "v", "l": ["w"]}],
    ],
)
def test_yaml_emitter_round_trips(value: object) -> None:
    assert yaml.safe_load(to_yaml(value)) == value


def test_inlining_replaces_local_references_and_refuses_recursion() -> None:
    schema = {
        "$defs": {"Kind": {"enum": ["a", "b"]}},
        "properties": {"kind": {"$ref": "#/$defs/Kind", "description": "d"}},
    }
    assert inline_definitions(schema) == {
        "properties": {"kind": {"enum": ["a", "b"], "description": "d"}}
    }
    recursive = {"$defs": {"Node": {"properties": {"child": {"$ref": "#/$defs/Node"}}}}}
    with pytest.raises(ValueError, match="recursive"):
        inline_definitions({**recursive, "$ref": "#/$defs/Node"})
