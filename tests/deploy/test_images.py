"""The Dockerfile every service's image is built from, checked without a container engine.

hadolint lints it; a small parser checks its stages, user and install step; and the install
step itself runs here, into a fresh virtual environment from a build context filtered by
.dockerignore, for each service: its entry point must offer the commands the manifests run.
"""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "Dockerfile"
SERVICES = sorted(p.name for p in (ROOT / "services").iterdir() if (p / "pyproject.toml").is_file())


def manifest_commands(service: str) -> set[str]:
    """The subcommands the service's manifests run (``<service> <subcommand> …``)."""
    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            command = node.get("command")
            if isinstance(command, list) and command[:1] == [service]:
                found.add(command[1])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in (ROOT / "deploy" / "base" / service).glob("*.yaml"):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            walk(document)
    return found


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines()]
    parsed = [line.split(None, 1) for line in lines if line and not line.startswith("#")]
    return [(words[0].upper(), words[1] if len(words) > 1 else "") for words in parsed]


def stages() -> list[list[tuple[str, str]]]:
    found: list[list[tuple[str, str]]] = []
    for instruction in instructions():
        if instruction[0] == "FROM":
            found.append([])
        if found:
            found[-1].append(instruction)
    return found


def test_hadolint_finds_nothing() -> None:
    hadolint = Path(sys.executable).parent / "hadolint"
    result = subprocess.run(
        [str(hadolint), "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_multi_stage_non_root_and_the_service_as_a_build_argument() -> None:
    build, runtime = stages()
    assert build[0][1].endswith(" AS build")
    assert runtime[0][1].endswith(" AS runtime")
    assert build[0][1].split()[0] == runtime[0][1].split()[0], "one base for both stages"
    for stage in (build, runtime):
        assert ("ARG", "SERVICE") in stage
    users = [args for name, args in runtime if name == "USER"]
    assert users, "the runtime stage names its user"
    uid, _, gid = users[-1].partition(":")
    assert uid.isdigit(), "numeric, as runAsUser expects"
    assert int(uid) == 10001
    assert gid == uid
    copies = [args for name, args in runtime if name == "COPY"]
    assert copies == ["--from=build /app /app"], "only the environment reaches the runtime"
    assert not [args for name, args in runtime if name == "RUN" and "uv" in args.split()]


def install_command() -> list[str]:
    [run] = [args for name, args in stages()[0] if name == "RUN" and "uv sync" in args]
    steps = [shlex.split(step) for step in run.split("&&")]
    [sync] = [step for step in steps if step[:2] == ["uv", "sync"]]
    assert {"--frozen", "--no-dev", "--no-editable"} <= set(sync), "reproducible from uv.lock"
    return sync


def in_context(path: str, patterns: list[str]) -> bool:
    """Whether .dockerignore lets ``path`` into the build context (last matching rule wins)."""
    included = True
    for pattern in patterns:
        negated = pattern.startswith("!")
        rule = pattern.removeprefix("!").rstrip("/")
        if fnmatch.fnmatch(path, rule) or fnmatch.fnmatch(path, rule.replace("/**", "/*")):
            included = negated
    return included


def build_context(destination: Path) -> None:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    tracked = subprocess.run(
        ["git", "ls-files"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for path in (p for p in tracked if in_context(p, patterns) and (ROOT / p).is_file()):
        (destination / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / path, destination / path)


def test_the_context_holds_the_lock_and_every_package_and_no_tests() -> None:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    patterns = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert in_context("uv.lock", patterns)
    assert in_context("pyproject.toml", patterns)
    for service in SERVICES:
        assert in_context(f"services/{service}/pyproject.toml", patterns)
        assert in_context(f"services/{service}/src/{service}/__init__.py", patterns)
        assert not in_context(f"services/{service}/tests/conftest.py", patterns)
    assert not in_context(".venv/bin/python", patterns)
    assert not in_context("deploy/base/kustomization.yaml", patterns)


@pytest.mark.parametrize("service", SERVICES)
def test_the_install_step_gives_the_service_its_commands(service: str, tmp_path: Path) -> None:
    context = tmp_path / "src"
    build_context(context)
    command = [part.replace("${SERVICE}", service) for part in install_command()]
    uv = shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")
    environment = {
        **os.environ,
        "UV_PROJECT_ENVIRONMENT": str(tmp_path / "app"),
        "UV_PYTHON_DOWNLOADS": "never",
        "UV_PYTHON": sys.executable,
    }
    # --offline: the packages come from uv's cache, filled from the same lock by `make env`.
    subprocess.run(
        [uv, *command[1:], "--offline", "--quiet"], cwd=context, env=environment, check=True
    )
    entry_point = tmp_path / "app" / "bin" / service
    assert entry_point.is_file(), f"{service}'s console script"
    shown = subprocess.run(
        [str(entry_point), "--help"], capture_output=True, text=True, check=True
    ).stdout
    offered = set(re.findall(r"^│ (\w[\w-]*) ", shown, flags=re.M))
    wanted = manifest_commands(service)
    assert {"migrate", "provision", "serve"} <= wanted <= offered, (wanted, offered)
    installed = {p.name.split("-")[0] for p in (tmp_path / "app").glob("lib/*/site-packages/*")}
    assert not {"pytest", "mypy"} & installed, "no development packages"


def test_the_production_overlay_names_the_images_make_images_builds() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    overlay = yaml.safe_load(
        (ROOT / "deploy" / "overlays" / "production" / "kustomization.yaml").read_text("utf-8")
    )
    tags = {image["name"]: image["newTag"] for image in overlay["images"]}
    assert tags == {f"unionhub/{service}": version["version"] for service in SERVICES}
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-t unionhub/$$s:$(IMAGE_TAG)" in makefile
    assert "SERVICES := $(notdir $(wildcard services/*))" in makefile
