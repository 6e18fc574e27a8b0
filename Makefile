# Two commands do everything on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# `make run` is a development server: DEBUG on, public development key.
DEV_ENV := DEBUG=1

.PHONY: run test lint format messages check-messages gettext-tools system-deps clean bench backup restore \
	load load-faults

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "Python 3.11+ is required (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

# Fonts for the PDF documents: Liberation Serif has Cyrillic and the metrics of Times New Roman,
# which orders are set in. Installed from Debian when missing (WeasyPrint must never fall back
# to a font without Cyrillic).
system-deps:
	@fc-list | grep -q "Liberation Serif" || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-liberation >/dev/null; }

# gettext's msgfmt/xgettext for the translation checks; installed from Debian when missing.
gettext-tools:
	@command -v msgfmt >/dev/null || { apt-get update -qq && apt-get install -y -qq gettext; }

run: $(VENV)/.installed system-deps
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py seed_demo
	@echo "Open http://127.0.0.1:8000 and log in with one of the logins above."
	@# The worker runs the background exports; it stops when runserver does (Ctrl+C included).
	@$(DEV_ENV) $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

# The suite runs on every CPU (pytest-xdist), each worker on its own test database (test_<name>_gw0,
# _gw1, …); the browser journeys form one group that a single worker runs (tests/e2e/conftest.py).
# PYTEST_ARGS come last and win: PYTEST_ARGS="-n0" runs the suite serially in one process.
test: $(VENV)/.installed-dev system-deps
	$(VENV)/bin/pytest -n auto --dist loadgroup $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refreshes locale/ru from the code and templates, then compiles it.
messages: $(VENV)/.installed-dev gettext-tools
	$(DEV_ENV) $(PY) manage.py makemessages -l ru --no-obsolete --no-location --ignore=.venv --ignore=staticfiles
	$(DEV_ENV) $(PY) manage.py compilemessages -l ru --ignore=.venv

# Fails when the catalogue misses a string of the code, or the compiled file is stale.
check-messages: $(VENV)/.installed-dev gettext-tools
	$(DEV_ENV) $(PY) manage.py makemessages -l ru --no-obsolete --no-location --ignore=.venv --ignore=staticfiles
	@git diff --quiet -I '^"POT-Creation-Date' -- locale/ || { git --no-pager diff -- locale/ | head -40; echo "locale/ru is not up to date: run 'make messages' and translate the new strings."; exit 1; }
	msgfmt --check-format -o /tmp/mentoring-check.mo locale/ru/LC_MESSAGES/django.po
	@cmp -s /tmp/mentoring-check.mo locale/ru/LC_MESSAGES/django.mo || { echo "locale/ru/LC_MESSAGES/django.mo is stale: run 'make messages'."; exit 1; }

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles

# Backups (see README «Резервные копии»): the database (pg_dump custom format, or an SQLite copy) and
# MEDIA_ROOT into backups/<YYYYmmdd-HHMMSS>/; `make restore FROM=backups/<folder>` restores one into
# an empty database and checks every table's rows and every file. Both read the site's environment
# (DATABASE_URL, MEDIA_ROOT, SECRET_KEY); BACKUP_DIR changes where backups go.
BACKUP_DIR ?= backups

backup: $(VENV)/.installed
	$(PY) manage.py backup --output-dir "$(BACKUP_DIR)"

restore: $(VENV)/.installed
	@test -n "$(FROM)" || { echo "Usage: make restore FROM=$(BACKUP_DIR)/<YYYYmmdd-HHMMSS> (into an empty database)"; exit 1; }
	$(PY) manage.py restore "$(FROM)"

# `make load`: gunicorn with the production settings on loopback and 50 simulated users of the four
# roles for 60 s (ops/loadtest, standard library only); prints requests/s, p95 and errors per
# page. Data: the benchmark's district dataset in the database `bench` (loaded when missing);
# LOAD_DATASET=demo, or a failing district load, runs on the demo data in the database `load`.
# `make load-faults` restarts PostgreSQL 15/main 15 s into a 40 s run and prints the errors of each
# second: they must stop once the database is back.
LOAD_PG ?= postgres://postgres@127.0.0.1:5432
LOAD_DATASET ?= district
LOAD_ARGS ?=
LOAD_ENV = DEBUG=0 ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')

load-faults load: $(VENV)/.installed
	@set -e; export $(LOAD_ENV); \
	ensure_db() { psql "$(LOAD_PG)/postgres" -tAc "select 1 from pg_database where datname = '$$1'" | grep -q 1 \
		|| psql "$(LOAD_PG)/postgres" -qc "create database $$1"; }; \
	args=""; \
	if [ "$(LOAD_DATASET)" != demo ]; then \
		ensure_db bench; export DATABASE_URL="$(LOAD_PG)/bench"; \
		if $(PY) manage.py migrate --noinput >/dev/null && $(PY) manage.py bench_data --scale district; then \
			args="--dataset district --username-prefix bench-district- --set-password"; \
		else echo "The district dataset could not be loaded: running on the demo data."; fi; \
	fi; \
	if [ -z "$$args" ]; then \
		ensure_db load; export DATABASE_URL="$(LOAD_PG)/load"; \
		$(PY) manage.py migrate --noinput >/dev/null; $(PY) manage.py seed_demo >/dev/null; args="--dataset demo"; \
	fi; \
	$(PY) manage.py collectstatic --noinput >/dev/null; \
	$(PY) manage.py load_run $$args $(if $(filter load-faults,$@),--seconds 40 --restart-postgres-at 15) $(LOAD_ARGS)

# `make bench` (not part of CI): loads the invented district and region datasets into the PostgreSQL
# database of BENCH_DATABASE_URL (created when missing; each dataset only once) and measures the pages
# against the Django admin, the quarterly XLSX, the order PDF and matching; prints the table and writes
# bench-results/bench-<time>.json. BENCH_REGENERATE=1 drops the database first; BENCH_SCALES=district
# skips the region (about 20 minutes to load); BENCH_ARGS go to bench_run (e.g. --runs 40).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/bench
BENCH_SCALES ?= district region
BENCH_REGENERATE ?=
BENCH_ARGS ?=
BENCH_ENV = DEBUG=0 DATABASE_URL=$(BENCH_DATABASE_URL) ALLOWED_HOSTS=testserver SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
	SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')

bench: $(VENV)/.installed system-deps
	@set -e; export $(BENCH_ENV); \
	server="$${DATABASE_URL%/*}"; name="$${DATABASE_URL##*/}"; \
	if [ -n "$(BENCH_REGENERATE)" ]; then psql "$$server/postgres" -qc "drop database if exists $$name"; fi; \
	psql "$$server/postgres" -tAc "select 1 from pg_database where datname = '$$name'" | grep -q 1 \
		|| psql "$$server/postgres" -qc "create database $$name"; \
	$(PY) manage.py migrate --noinput >/dev/null; \
	$(PY) manage.py collectstatic --noinput >/dev/null; \
	for scale in $(BENCH_SCALES); do $(PY) manage.py bench_data --scale $$scale; done; \
	$(PY) manage.py bench_run $(foreach scale,$(BENCH_SCALES),--scale $(scale)) $(BENCH_ARGS)
