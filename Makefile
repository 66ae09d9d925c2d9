# The README's commands. Everything installs into .venv; nothing else is needed on the machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_ARTICLES ?= 60

.PHONY: install run serve test lint format check ci clean

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

install: $(BIN)/activate

run: install
	mkdir -p var
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py load_demo --articles $(DEMO_ARTICLES)
	@echo "Serving the newsroom at http://$(HOST):$(PORT)/  (desk: http://$(HOST):$(PORT)/admin/)"
	DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

# Production-like: DEBUG off, gunicorn, whitenoise. DATABASE_URL / REDIS_URL are used when set.
serve: install
	mkdir -p var
	@test -n "$$DJANGO_SECRET_KEY" || { echo "Set DJANGO_SECRET_KEY (e.g. export DJANGO_SECRET_KEY=\$$(openssl rand -hex 32))"; exit 1; }
	NEWSROOM_HTTPS=$${NEWSROOM_HTTPS:-0} $(BIN)/python manage.py migrate --noinput
	NEWSROOM_HTTPS=$${NEWSROOM_HTTPS:-0} $(BIN)/python manage.py collectstatic --noinput -v0
	NEWSROOM_HTTPS=$${NEWSROOM_HTTPS:-0} $(BIN)/gunicorn newsroom.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-3} --access-logfile -

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py check
	DJANGO_DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run

test: lint check
	$(BIN)/pytest

ci: test

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
