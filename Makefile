# Alianzas: `make run` serves the demo, `make test` runs every test. Both start from nothing:
# they find Python 3.12, create .venv, install the pinned packages and the system tools the
# project needs, start the embedded PostgreSQL and migrate.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 4
LOCALES := es pt
MO_FILES := $(foreach l,$(LOCALES),locale/$(l)/LC_MESSAGES/django.mo) locale/pt/LC_MESSAGES/djangojs.mo

# Django 6 needs Python >= 3.12; pgserver has no wheel for 3.13, so exactly 3.12.
# Override with `make PYTHON=/path/to/python3.12 ...`.
PYENV_ROOT_DIR := $(shell pyenv root 2>/dev/null || echo $$HOME/.pyenv)
PYTHON ?= $(shell for candidate in python3.12 $(wildcard $(PYENV_ROOT_DIR)/versions/3.12*/bin/python3.12) /usr/local/bin/python3.12 /usr/bin/python3.12; do \
	if PYENV_VERSION= $$candidate -c 'import sys; sys.exit(sys.version_info[:2] != (3, 12))' 2>/dev/null; then echo $$candidate; break; fi; done)

# The report worker outlives database outages by itself (reports/worker.py); should its process
# still end, this loop starts it again after a pause. Stopping the loop stops the worker.
SUPERVISE_WORKER = bash -c 'trap "kill \$$child 2>/dev/null; exit 0" TERM INT; \
	while true; do $(PY) manage.py report_worker & child=$$!; wait $$child; \
	echo "report worker exited ($$?); restarting in 5 s" >&2; sleep 5 & wait $$!; done'

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help run serve test setup demo system-deps browser-deps messages messages-update clean-db

help:
	@echo "make run    set up everything, load the demo data and serve on http://$(HOST):$(PORT)"
	@echo "make serve  the production stack locally: gunicorn ($(WORKERS) workers), WhiteNoise, the report worker"
	@echo "make test   set up everything and run the whole test suite"

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
		echo "Python 3.12 was not found. Install it (e.g. 'pyenv install 3.12') or run 'make PYTHON=/path/to/python3.12 ...'." >&2; \
		exit 1; fi
	@echo "Using $(PYTHON)"
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '.[dev]'
	@rm -rf build *.egg-info
	@touch $@

system-deps:
	@command -v msgfmt >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gettext; }

browser-deps:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check -o $@ $<

locale/%/LC_MESSAGES/djangojs.mo: locale/%/LC_MESSAGES/djangojs.po
	msgfmt --check -o $@ $<

messages: system-deps $(MO_FILES)

# After adding or changing a translatable string: refresh the catalogs, then translate the new
# entries in locale/*/LC_MESSAGES/django.po (the test suite fails until every entry is done).
messages-update: $(VENV)/.installed system-deps
	$(PY) manage.py makemessages $(foreach l,$(LOCALES),-l $(l)) --no-location \
		--ignore=.venv --ignore=var --ignore=tests --ignore=bench --ignore=.pgdata

setup: $(VENV)/.installed messages
	@# WhiteNoise warns on every request while its folder is missing (make serve fills it).
	@mkdir -p var/staticfiles
	$(PY) manage.py migrate --noinput
	CACHE=database $(PY) manage.py createcachetable

demo: setup
	$(PY) manage.py load_demo

run: demo
	@echo
	@echo "Alianzas is at http://$(HOST):$(PORT)/  (Ctrl-C to stop)"
	@$(PY) manage.py load_demo --print-logins
	@# The report worker runs beside the web server, restarted if it ever exits, and stops with it.
	DEBUG=1 $(SUPERVISE_WORKER) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

# The production stack on this machine: several gunicorn workers sharing the database, the rate
# limits kept in it (CACHE=database), static files collected and served by WhiteNoise. The
# embedded database's address is worked out once so the workers do not each start it.
serve: demo
	STATIC_MANIFEST=1 $(PY) manage.py collectstatic --noinput -v 0
	@export DATABASE_URL="$${DATABASE_URL:-$$($(PY) -c 'from alianzas.settings import database_url; print(database_url())' 2>/dev/null)}" \
		STATIC_MANIFEST=1 CACHE=database; \
	$(SUPERVISE_WORKER) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	echo "Alianzas (production stack) is at http://$(HOST):$(PORT)/  (Ctrl-C to stop)"; \
	$(VENV)/bin/gunicorn alianzas.wsgi --bind $(HOST):$(PORT) --workers $(WORKERS) --timeout 60 \
		--graceful-timeout 30 --max-requests 2000 --max-requests-jitter 200 --access-logfile -

# One pytest worker per core (pytest-xdist), each with its own test database; TEST_WORKERS=0 runs
# in one process. Work stealing: an idle worker takes tests from the busy one's queue, so the few
# long browser and security tests do not leave one core waiting at the end (454 s -> 399 s on 2
# cores, measured 2026-12-03).
TEST_WORKERS ?= auto
test: setup browser-deps
	$(PY) -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Stops the embedded PostgreSQL and deletes its data.
clean-db:
	-$(PY) -c "import pgserver; pgserver.get_server('.pgdata', cleanup_mode='delete')" 2>/dev/null
	rm -rf .pgdata
