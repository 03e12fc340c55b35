# Global Hub: `make run` serves the portal with demo data; `make test` runs lint and every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/hub

# The first Python 3.12 or newer on this machine (pyenv's 3.13 through .python-version first).
PYTHON ?= $(shell for p in python3.13 python3.12 python3 python $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 && { command -v $$p; break; }; done)

# Every dependency, development tools included, pinned with its hashes: generated from
# pyproject.toml by `make lock`, installed by `make install` and CI exactly as written.
LOCK := requirements.lock
PIP_TOOLS := pip-tools==7.6.2

.PHONY: run test lint format check-migrations bench loadtest install lock venv clean

install: $(VENV)/.installed

venv:
	@if [ -z "$(PYTHON)" ]; then \
		echo "Global Hub needs Python 3.12 or newer and none was found. Install it, or run: make PYTHON=/path/to/python3.13 ..."; \
		exit 1; fi
	@test -x $(PY) || { echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"; $(PYTHON) -m venv $(VENV); }

$(VENV)/.installed: pyproject.toml $(LOCK)
	@$(MAKE) --no-print-directory venv
	@$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCK)
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-deps .
	@rm -rf build *.egg-info
	@touch $@

# After changing a dependency in pyproject.toml: regenerate the lock file and commit both.
lock:
	@$(MAKE) --no-print-directory venv
	@$(PY) -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	$(VENV)/bin/pip-compile --quiet --extra dev --generate-hashes --strip-extras \
		--no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml

run: install
	@DEBUG=1 $(PY) manage.py ensure_database
	@DEBUG=1 $(PY) manage.py migrate --noinput -v 0
	@DEBUG=1 $(PY) manage.py seed_demo
	@echo
	@echo "Global Hub is served at http://127.0.0.1:8000/  (curation: http://127.0.0.1:8000/admin/)"
	@echo "Web server, task worker (emails) and scheduler run together; Ctrl+C stops all three."
	@DEBUG=1 $(PY) manage.py run_all --addr 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-migrations: install
	@DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py ensure_database
	DJANGO_SETTINGS_MODULE=tests.settings $(PY) manage.py makemigrations --check --dry-run

test: lint check-migrations
	$(PY) -m pytest

bench: install
	$(PY) bench/catalogue_bench.py
	$(PY) bench/enrolment_bench.py

# Bounded mixed load on loopback against a throwaway PostgreSQL cluster it creates itself,
# with one database restart and a mail outage in the middle (about 3 minutes).
loadtest: install
	$(PY) loadtest/run.py

clean:
	rm -rf $(VENV) staticfiles build *.egg-info
