# The two commands a new user needs: `make run` and `make test`.
# Both create .venv: `make run` installs what running needs, at the versions in
# requirements.lock; `make test` adds the test and lint tools (requirements-dev.lock).
# Needs only Python 3.11 and make (and the network to reach the package index).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
PYTEST_ARGS ?=
# Where `make run` serves: the settings derive SITE_URL (every absolute link)
# from these, so every command below sees the same address.
export HOST PORT

.PHONY: run test test-postgres test-browser install install-dev demo lint format lock clean messages bench

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Reinstalled whenever a lock changes.
$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Noticeboard needs Python 3.11: run make PYTHON=/path/to/python3.11 ...")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

## Serve the demo site on http://$(HOST):$(PORT)/ with SQLite and demo content,
## with the background worker and the scheduler beside it, as in production
## (docs/operations.md); Ctrl-C stops all three.
run: demo
	@$(PY) manage.py db_worker --no-reload --interval 1 --verbosity 0 & worker=$$!; \
	$(PY) manage.py run_scheduler & scheduler=$$!; \
	trap 'kill $$worker $$scheduler 2>/dev/null; wait $$worker $$scheduler 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py serve $(HOST):$(PORT)

## Build the demo content and the demo administrator if they are not there yet.
## make demo DEMO_SCALE=40 builds the town forty times over (a fresh database).
# Built with tasks run at once (TASKS_BACKEND=immediate), so the search index
# and the rest are complete before the site is served.
DEMO_SCALE ?= 1
demo: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py set_site_url
	HOST=$(HOST) PORT=$(PORT) TASKS_BACKEND=immediate $(PY) manage.py demo --scale $(DEMO_SCALE)

## The test suite on SQLite (browser tests run separately: make test-browser).
test: install-dev
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

## The same suite against PostgreSQL: make test-postgres DATABASE_URL=postgres://…
test-postgres: install-dev
	@test -n "$(DATABASE_URL)" || (echo "Set DATABASE_URL to a PostgreSQL database" && exit 2)
	DATABASE_URL=$(DATABASE_URL) $(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

## Accessibility check in real Chromium (needs /usr/bin/chromium).
test-browser: install-dev
	$(PY) -m pytest -m browser $(PYTEST_ARGS)

## Re-extract interface strings and list what is untranslated (docs/translations.md);
## after filling them in, compile: $(PY) manage.py compilemessages, and commit .po and .mo.
messages: install-dev
	$(PY) scripts/check_translations.py

## Benchmark (docs/performance.md): the demo at SCALE served by gunicorn with the
## production settings, each page cold and cached next to a floor view.
## SQLite in /tmp unless DATABASE_URL is set; make bench SCALE=40.
SCALE ?= 10
bench: install-dev
	$(PY) scripts/bench.py --scale $(SCALE) $(BENCH_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Re-resolve the ranges in pyproject.toml: runtime into requirements.lock,
## runtime and dev into requirements-dev.lock (the runtime pins held as constraints).
# uv resolves once for every Python 3.11 and platform ("universal"), writing
# environment markers where they differ (Debian 12's Python 3.11.2 needs older
# soupsieve and async-timeout). It keeps the current pins unless a range
# forces a change; `make lock UPGRADE=1` moves everything to the newest allowed.
UV_VERSION := 0.13.9
lock:
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	.lock-venv/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--custom-compile-command "make lock" --quiet $(if $(UPGRADE),--upgrade) -o requirements-dev.lock
	.lock-venv/bin/uv pip compile pyproject.toml --universal --python-version 3.11 \
		--constraint requirements-dev.lock \
		--custom-compile-command "make lock" --quiet -o requirements.lock
	rm -rf .lock-venv
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	.lock-venv/bin/pip check
	rm -rf .lock-venv
	@echo "requirements.lock updated: review with git diff, then run make test"

clean:
	rm -rf $(VENV) .lock-venv staticfiles .pytest_cache .ruff_cache
