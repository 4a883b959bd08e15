# The two commands: `make run` (demo portal on SQLite) and `make test` (whole suite on PostgreSQL).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
# pytest-xdist workers for `make test` (each with its own test database and Redis database).
# --dist loadgroup keeps a module marked xdist_group on one worker; --no-loadscope-reorder
# keeps pytest-django's order (tests that commit and flush run after those that roll back).
TEST_WORKERS ?= 2

.PHONY: run test serve bench lighthouse backup restore install install-test messages catalogues lint check clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install -q -e ".[test]"
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test
	scripts/ensure-test-tools

messages: install
	$(PY) manage.py compile_catalogs -v0

# After adding strings: refresh the catalogues, fill every empty msgstr, then `make messages`.
# (tests/chaudoc/ops/test_catalogues.py fails while a string is missing, empty or fuzzy.)
MAKEMESSAGES_IGNORE := --ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=./media \
	--ignore=tests --ignore=test-artifacts --ignore=bench
catalogues: install
	$(PY) manage.py makemessages -l vi -l en $(MAKEMESSAGES_IGNORE) --no-obsolete
	$(PY) manage.py makemessages -d djangojs -l vi -l en $(MAKEMESSAGES_IGNORE) --no-obsolete

# Development settings (chaudoc/settings/development.py): DEBUG on, SQLite, console mail.
# The demo's jobs (the articles' audio) run before the server starts; a worker then runs beside
# it for the jobs that editing starts, and stops with it.
DEVELOPMENT := DJANGO_SETTINGS_MODULE=chaudoc.settings.development
run: install messages
	$(DEVELOPMENT) $(PY) manage.py migrate --noinput
	$(DEVELOPMENT) $(PY) manage.py load_demo
	$(DEVELOPMENT) $(PY) manage.py make_renditions
	$(DEVELOPMENT) $(PY) manage.py db_worker --batch --no-reload --no-startup-delay -v0
	$(DEVELOPMENT) $(PY) manage.py db_worker --no-reload -v0 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(DEVELOPMENT) $(PY) manage.py runserver 127.0.0.1:8000

test: install-test messages
	scripts/ensure-postgres
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) manage.py check --fail-level WARNING
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DATABASE_URL=$${DATABASE_URL:-$(TEST_DATABASE_URL)} DJANGO_ALLOW_ASYNC_UNSAFE=true DB_CONN_MAX_AGE=0 \
		$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder $(PYTEST_ARGS)

# Production settings (chaudoc/settings/production.py): SECRET_KEY, ALLOWED_HOSTS and
# DATABASE_URL in the environment.
PRODUCTION := DJANGO_SETTINGS_MODULE=chaudoc.settings.production
serve: install messages
	$(PRODUCTION) $(PY) manage.py migrate --noinput
	$(PRODUCTION) $(PY) manage.py make_renditions
	$(PRODUCTION) $(PY) manage.py collectstatic --noinput -v0
	$(PRODUCTION) $(VENV)/bin/gunicorn -c gunicorn.conf.py chaudoc.wsgi:application

# Backups of the production database (DATABASE_URL) and media: see README.
backup: install
	$(PY) manage.py backup

restore: install
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backups/chaudoc-....tar"; exit 2; }
	$(PY) manage.py restore "$(FILE)" $(if $(filter yes,$(CONFIRM)),--yes)

bench: install
	bench/run

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) staticfiles test-artifacts
