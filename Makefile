# Two commands do everything on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# `make run` is a development server: DEBUG on, public development key.
DEV_ENV := DEBUG=1

.PHONY: run test lint format messages check-messages gettext-tools system-deps clean

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

test: $(VENV)/.installed-dev system-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

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
