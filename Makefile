# The README's commands. Everything installs into .venv; nothing else is needed on the machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ARTICLES ?= 60
NPM ?= npm
AXE := node_modules/axe-core/axe.min.js
LIGHTHOUSE := node_modules/.bin/lighthouse
# The browser tests need axe-core from npm; without npm they skip (CI installs it: .ci/run).
TEST_JS_DEPS := $(if $(shell command -v $(NPM) 2>/dev/null),$(AXE))

.PHONY: install run serve edge worker test lint format check ci clean js-deps fonts lighthouse \
	screenshots bench bench-newsletter backup restore loadtest secret-key messages

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

install: $(BIN)/activate

# SQLite and uploads live in var/ unless the environment says otherwise.
var:
	mkdir -p var

# npm ci unpacks files with old timestamps: touch what the targets below look at.
$(AXE): package.json package-lock.json
	$(NPM) ci --omit=dev --no-audit --no-fund
	touch $(AXE)

$(LIGHTHOUSE): package.json package-lock.json
	$(NPM) ci --no-audit --no-fund
	touch $(AXE) $(LIGHTHOUSE)

js-deps: $(AXE)

# The reader pages' typeface, Newsreader, comes from npm (@fontsource-variable/newsreader, pinned in
# package.json); its files and licence are kept in static/fonts/. Run after changing its version.
FONT_PACKAGE := node_modules/@fontsource-variable/newsreader
fonts: $(AXE)
	for file in latin-wght-normal latin-wght-italic; do \
	  cp $(FONT_PACKAGE)/files/newsreader-$$file.woff2 static/fonts/; \
	done
	cp $(FONT_PACKAGE)/LICENSE static/fonts/Newsreader-OFL.txt

run check: export DJANGO_DEBUG = 1
# The demo newsroom publishes in English (unprefixed) and Ukrainian (/uk/).
run serve edge: export NEWSROOM_LANGUAGES ?= en,uk

# The site and one worker (newsletters, alerts), stopped together. Without EMAIL_URL the mail
# they send is written to files in var/mail/.
run: install | var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --articles $(DEMO_ARTICLES)
	@echo "Serving the newsroom at http://$(HOST):$(PORT)/  (desk: http://$(HOST):$(PORT)/admin/)"
	@echo "A worker sends the newsletters; without EMAIL_URL their mail is written to var/mail/"
	export NEWSROOM_SITE_URL=$${NEWSROOM_SITE_URL:-http://$(HOST):$(PORT)}; \
	$(BIN)/python manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# Serving as production does, with DEBUG off: a secret key is required, and plain HTTP is the
# default on one machine (NEWSROOM_HTTPS from the environment wins over this and over .env).
serve edge: export NEWSROOM_HTTPS ?= 0

secret-key:
	@test -n "$$DJANGO_SECRET_KEY" || { echo "Set DJANGO_SECRET_KEY (e.g. export DJANGO_SECRET_KEY=\$$(openssl rand -hex 32))"; exit 1; }

# One worker for production: DATABASE_URL, EMAIL_URL and the rest from the environment, as
# for `make serve`. Run one or more on any machines (README, "Newsletters").
worker: install secret-key
	exec $(BIN)/python manage.py db_worker --no-reload

# Production-like: DEBUG off, gunicorn (gunicorn.conf.py: sync workers from the CPU count,
# WEB_CONCURRENCY overrides), whitenoise. DATABASE_URL / REDIS_URL are used when set.
serve: install secret-key | var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput -v0
	exec $(BIN)/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT)

# --- The edge: two app instances behind Varnish (deploy/varnish/newsroom.vcl, README "Caching").
EDGE_PORT ?= 8080
EDGE_APP_PORTS ?= 8001 8002
edge: install secret-key | var
	@command -v varnishd >/dev/null || { echo "Install Varnish: apt-get install varnish varnish-modules"; exit 1; }
	EDGE_PORT=$(EDGE_PORT) EDGE_APP_PORTS="$(EDGE_APP_PORTS)" $(BIN)/python -m tools.edge

# The reader site's words: every language's catalogue in locale/ brought up to date with the
# templates and code, then compiled (the .mo files are committed: running the site needs no
# gettext tools). Needs GNU gettext (apt-get install gettext). docs/editions.md says more.
LANGUAGES_WITH_CATALOGUES ?= uk
MESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=static --ignore=staticfiles \
	--ignore=var --ignore=templates/admin --ignore=desk --ignore=tools --ignore=demo --ignore=deploy \
	--ignore=*/tests
messages: install
	$(BIN)/python manage.py makemessages --no-obsolete --add-location=file $(MESSAGES_IGNORE) \
	  $(foreach language,$(LANGUAGES_WITH_CATALOGUES),--locale=$(language))
	$(BIN)/python manage.py compilemessages --ignore=.venv --ignore=node_modules

LINT = $(BIN)/ruff check . && $(BIN)/ruff format --check .
CHECK = $(BIN)/python manage.py check && $(BIN)/python manage.py makemigrations --check --dry-run

lint: install
	$(LINT)

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install | var
	$(CHECK)

# Two workers (pytest-xdist), each handed tests in pytest-django's order (docs/testing.md). TEST_WORKERS=0 runs in one process.
# Ruff and Django's checks (seconds) run beside pytest (minutes): either failing fails the target,
# and their output, kept in var/test-checks.log, follows the tests'.
TEST_WORKERS ?= 2
test: install $(TEST_JS_DEPS) | var
	@echo "ruff, manage.py check and makemigrations --check run beside pytest; their output follows"
	@( $(LINT) && export DJANGO_DEBUG=1 && $(CHECK) ) > var/test-checks.log 2>&1 & checks=$$!; \
	$(BIN)/pytest $(if $(filter-out 0,$(TEST_WORKERS)),-n $(TEST_WORKERS) --dist load); tests=$$?; \
	wait $$checks; checked=$$?; \
	echo "--- ruff and manage.py check (var/test-checks.log):"; cat var/test-checks.log; \
	[ $$tests -eq 0 ] && [ $$checked -eq 0 ]

ci: test

# Lighthouse on the front page, the seed article, the live story and an author page of a
# throwaway demo site in var/lighthouse, served as `make serve` serves; fails below 100 (SEO: 95).
# Not part of CI.
lighthouse: install $(LIGHTHOUSE)
	$(BIN)/python -m tools.review.lighthouse

# PNGs of the reader pages at 360 and 1280 px, light and dark, in var/screenshots/.
# BASE_URL=http://127.0.0.1:8000 photographs a running site instead of the throwaway one.
screenshots: install
	$(BIN)/python -m tools.review.screenshots

# The benchmark: the pages beside a bare Django view, uncached, from the origin cache and through
# Varnish, at 1,000 and 100,000 articles (README, "Benchmark"). Not part of `make test`.
bench: install
	@command -v wrk >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	  else \
	    echo "make bench needs wrk: run 'sudo apt-get install wrk', then make bench again."; exit 1; \
	  fi; }
	$(BIN)/python -m tools.bench

# An edition to 100,000 readers through a loopback SMTP sink, two workers, on PostgreSQL
# (README, "Newsletters"). Not part of `make test`.
bench-newsletter: install
	$(BIN)/python -m tools.bench.newsletter

# --- Operations: backup, restore, load test ---------------------------------------------------

# The database and the uploads in one tar file under var/backups/ (BACKUP=path to choose it).
backup: install
	$(BIN)/python -m tools.ops.backup $(if $(BACKUP),--output $(BACKUP))

# Into an empty database and uploads folder: make restore BACKUP=var/backups/newsroom-....tar
restore: install
	@test -n "$(BACKUP)" || { echo "Say which backup: make restore BACKUP=var/backups/newsroom-....tar"; exit 1; }
	$(BIN)/python -m tools.ops.restore $(BACKUP)

# 64 connections for 30 s on a throwaway site served as by `make serve`: readers and desk saves, zero 5xx and
# zero lost saves or it fails. LOADTEST_DATABASE_URL (a PostgreSQL database kept for it) or SQLite.
LOADTEST_CONNECTIONS ?= 64
LOADTEST_SECONDS ?= 30
loadtest: install
	$(BIN)/python -m tools.ops.loadtest --connections $(LOADTEST_CONNECTIONS) --duration $(LOADTEST_SECONDS)

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache node_modules
