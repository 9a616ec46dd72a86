"""Generate and check the committed contract artefacts: JSON Schema snapshots and the catalogue.

``python -m shared.contracts.catalogue --write`` (``make catalogue``) writes one JSON Schema per
registered contract version, ``docs/events.md`` and ``docs/asyncapi.yaml``; ``--check`` exits
non-zero listing every file that differs from what the models produce now.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from shared.contracts.catalogue_asyncapi import asyncapi_document, to_yaml
from shared.contracts.catalogue_entries import JsonSchema, catalogue_entries
from shared.contracts.catalogue_markdown import render_markdown
from shared.contracts.registry import IntegrationEvent, registry

CONTRACT_MODULES: tuple[str, ...] = (
    "shared.contracts.membership",
    "shared.contracts.assistance",
    "shared.contracts.disputes",
    "shared.contracts.training",
)
"""Every module that registers integration contracts; the catalogue imports them all."""

SCHEMA_DIR = "shared/src/shared/contracts/schemas"
EVENTS_DOC = "docs/events.md"
ASYNCAPI_DOC = "docs/asyncapi.yaml"
# The kit is installed editable in the workspace, so this file sits in the source tree.
REPOSITORY_ROOT = Path(__file__).resolve().parents[4]
REGENERATE_HINT = "run `make catalogue` and commit the result"


def import_contract_modules(modules: Iterable[str] = CONTRACT_MODULES) -> list[str]:
    """Import the contract modules so their models register; return those that exist.

    A listed module that is not written yet is skipped, so the generator runs on a fresh tree;
    an import error inside an existing module is raised.
    """
    imported = []
    for name in modules:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise
            continue
        imported.append(name)
    return imported


def schema_text(schema: JsonSchema) -> str:
    """A JSON Schema as committed: sorted keys, two-space indent, trailing newline."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def expected_files(contracts: Iterable[type[IntegrationEvent]]) -> dict[str, str]:
    """Every generated file (path relative to the repository root) and its content."""
    entries = catalogue_entries(contracts)
    files = {f"{SCHEMA_DIR}/{entry.schema_file}": schema_text(entry.schema) for entry in entries}
    files[EVENTS_DOC] = render_markdown(entries)
    files[ASYNCAPI_DOC] = to_yaml(asyncapi_document(entries))
    return files


def drifted_files(root: Path, expected: dict[str, str]) -> list[str]:
    """Generated files that are missing or differ under ``root``, plus stale snapshots.

    A stale snapshot is a committed schema no registered contract produces any more.
    """
    drifted = [
        path
        for path, content in expected.items()
        if not (root / path).is_file() or (root / path).read_text(encoding="utf-8") != content
    ]
    return sorted(drifted + _stale_snapshots(root, expected))


def write_files(root: Path, expected: dict[str, str]) -> list[str]:
    """Write what drifted and delete stale snapshots; return the paths touched."""
    touched = drifted_files(root, expected)
    for path in touched:
        target = root / path
        if path in expected:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(expected[path], encoding="utf-8")
        else:
            target.unlink()
    return touched


def _stale_snapshots(root: Path, expected: dict[str, str]) -> list[str]:
    folder = root / SCHEMA_DIR
    if not folder.is_dir():
        return []
    committed = (f"{SCHEMA_DIR}/{path.name}" for path in folder.glob("*.json"))
    return [path for path in committed if path not in expected]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line entry point; returns the process exit status."""
    args = _parser().parse_args(argv)
    missing = sorted(set(CONTRACT_MODULES) - set(import_contract_modules()))
    for name in missing:
        print(f"注意 note: contract module {name} does not exist yet", file=sys.stderr)
    expected = expected_files(registry)
    if args.write:
        for path in write_files(args.root, expected):
            print(f"写入 wrote {path}")
        return 0
    drifted = drifted_files(args.root, expected)
    for path in drifted:
        print(f"过期 out of date: {path}", file=sys.stderr)
    if drifted:
        print(f"契约产物已过期 Contract artefacts drifted: {REGENERATE_HINT}", file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m shared.contracts.catalogue",
        description="契约快照与事件目录 Contract snapshots and the event catalogue",
    )
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="regenerate the files")
    mode.add_argument("--check", action="store_true", help="fail if any file is out of date")
    parser.add_argument("--root", type=Path, default=REPOSITORY_ROOT, help="repository root")
    return parser


if __name__ == "__main__":
    sys.exit(main())
