# Jobtrail — `make run` serves the app, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Python caches what it compiles (__pycache__, ignored by git): a machine that sets
# PYTHONDONTWRITEBYTECODE would otherwise compile every module again in every process
# (each daphne of the tests and benchmarks: ~1 s more per start), and a run's first
# import of a library would hold the GIL for the compile.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test lint lock bench bench-quick prod-local install install-dev clean browser-deps

# Two stamps: `make run` installs only what the server needs (requirements.txt); the
# test and lint targets add the tools (requirements-dev.txt). Both files are locks with
# hashes: pip installs exactly those versions and refuses a file whose hash differs.
# --no-compile: Python compiles what it imports on first use; compiling every module of
# every package up front costs more CPU than the whole rest of the install.
$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --no-compile --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PY) -m pip install --quiet --no-compile --require-hashes -r requirements-dev.txt
	touch $@

install: $(VENV)/.runtime
install-dev: $(VENV)/.dev

run: $(VENV)/.runtime
	PYTHON=$(PY) HOST=$(HOST) PORT=$(PORT) scripts/run_local.sh

# Re-pin every dependency (and their dependencies) from requirements*.in, with hashes.
# After adding a package to requirements.in or requirements-dev.in: make lock, then commit all four files.
# `make lock UPGRADE=1` moves every pin to the newest release allowed by the .in files.
PIP_COMPILE := $(PY) -m piptools compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links $(if $(UPGRADE),--upgrade)
lock: $(VENV)/.dev
	$(PIP_COMPILE) -o requirements.txt requirements.in
	$(PIP_COMPILE) -o requirements-dev.txt requirements-dev.in

# Browser tests drive Debian's Chromium; install it when missing and we may.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)); \
	  else echo "Chromium is missing: install it (e.g. apt-get install chromium) for the browser tests." >&2; exit 1; fi; \
	fi

test: $(VENV)/.dev browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports

# The production configuration on loopback: PostgreSQL + Redis + two daphne processes.
prod-local: $(VENV)/.runtime
	PYTHON=$(PY) scripts/prod_local.sh

# Benchmarks against the loopback fakes; the full run rewrites docs/PERFORMANCE.md.
bench: $(VENV)/.dev
	$(PY) -m bench.run

bench-quick: $(VENV)/.dev
	$(PY) -m bench.run --quick

clean:
	rm -rf $(VENV) staticfiles .test-db-*.sqlite3*
