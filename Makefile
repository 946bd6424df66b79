# Stuurdata — two commands do all set-up on a fresh machine: `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
DEMO := examples/demo-regio
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test install lint typecheck bench system-deps clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==0.13.9

$(BIN)/stuurdata: $(UV) pyproject.toml uv.lock
	UV_PYTHON=$(PYTHON) $(UV) sync --locked --extra dev --quiet
	@touch $@

install: $(BIN)/stuurdata

# Debian packages the test suite needs (a real PostgreSQL server, Chromium for page tests).
system-deps:
	@bash scripts/system-deps.sh

demo: install
	$(BIN)/stuurdata demo $(DEMO)
	$(BIN)/stuurdata build --workspace $(DEMO)
	$(BIN)/stuurdata serve --workspace $(DEMO) --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy

test: install system-deps lint typecheck
	$(BIN)/pytest

bench: install
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache
