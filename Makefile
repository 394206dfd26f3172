# Jobtrail — `make run` serves the app, `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint bench bench-quick prod-local install clean browser-deps

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo
	@echo "  Jobtrail is running at http://$(HOST):$(PORT)/"
	@echo "  Demo login: $${DEMO_USER_EMAIL:-demo@example.com} / $${DEMO_USER_PASSWORD:-jobtrail-demo}"
	@echo
	$(VENV)/bin/daphne -b $(HOST) -p $(PORT) config.asgi:application

# Browser tests drive Debian's Chromium; install it when missing and we may.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	    (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null)); \
	  else echo "Chromium is missing: install it (e.g. apt-get install chromium) for the browser tests." >&2; exit 1; fi; \
	fi

test: $(VENV)/.installed browser-deps
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/lint-imports

# The production configuration on loopback: PostgreSQL + Redis + two daphne processes.
prod-local: $(VENV)/.installed
	PYTHON=$(PY) scripts/prod_local.sh

# Benchmarks against the loopback fakes; the full run rewrites docs/PERFORMANCE.md.
bench: $(VENV)/.installed
	$(PY) -m bench.run

bench-quick: $(VENV)/.installed
	$(PY) -m bench.run --quick

clean:
	rm -rf $(VENV) staticfiles .test-db-*.sqlite3*
