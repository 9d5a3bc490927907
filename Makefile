# Leerplatform Samen tegen mensenhandel. `make run` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/leerplatform
REDIS_TEST_URL ?= redis://127.0.0.1:6379/0

.PHONY: install run serve migrate seed test test-services test-e2e worker lint format check-deploy bench load-driver clean assets messages

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]' --config-settings editable_mode=compat
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

run: seed
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	DJANGO_SETTINGS_MODULE=elearning.settings.test $(BIN)/pytest -m "not services and not e2e and not postgres"

# The same suite on PostgreSQL and Redis, plus the tests that need a live worker or real
# concurrent transactions.
test-services: install load-driver
	DJANGO_SETTINGS_MODULE=elearning.settings.test DATABASE_URL=$(PG_URL) REDIS_URL=$(REDIS_TEST_URL) \
		$(BIN)/pytest -m "not e2e"

# Browser journeys and WCAG 2.1 AA (axe-core) in Debian's Chromium against the app served on
# 127.0.0.1 (tests/e2e). Installs what it needs; a browser that cannot start fails the run.
test-e2e: install
	command -v chromium >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium)
	command -v npm >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y npm)
	npm ci --no-audit --no-fund
	DJANGO_SETTINGS_MODULE=elearning.settings.test $(BIN)/pytest -m e2e tests/e2e tests/security/browser

# Front-end packages (package.json `dependencies`, the NL Design System) copied from node_modules
# into static/vendor/, which is committed: `make run` needs Python only, and no CDN is used.
assets:
	npm ci --no-audit --no-fund
	$(PYTHON) scripts/vendor_assets.py

# The project's Dutch catalogue (locale/, overrides of Django's and allauth's wording). The .mo
# is committed; after editing the .po, recompile (needs GNU gettext's msgfmt).
messages: install
	$(BIN)/python manage.py compilemessages -l nl --ignore '.venv/*' --ignore 'node_modules/*'

worker: install
	@test -n "$$REDIS_URL" || (echo "Zet REDIS_URL, bijvoorbeeld: REDIS_URL=redis://127.0.0.1:6379/0 make worker"; exit 1)
	$(BIN)/celery -A elearning worker --beat --loglevel=INFO --concurrency=2

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Production mode with the README's variables: must print no warnings. The three secrets are
# each drawn apart; without PERSON_KEY_SECRET or MFA_ENCRYPTION_SECRET (or with one equal to
# SECRET_KEY) the check fails (elearning/checks.py).
RANDOM_HEX = $$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
check-deploy: install
	DJANGO_DEBUG=0 SECRET_KEY=ci-only-$(RANDOM_HEX) \
		PERSON_KEY_SECRET=ci-only-person-$(RANDOM_HEX) MFA_ENCRYPTION_SECRET=ci-only-mfa-$(RANDOM_HEX) \
		ALLOWED_HOSTS=leerplatform.example.nl CSRF_TRUSTED_ORIGINS=https://leerplatform.example.nl \
		SITE_URL=https://leerplatform.example.nl \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

# Load test on a generated programme-sized dataset (own PostgreSQL database, Redis db 5):
# writes bench/results/<tijd>.json and bench/results/latest.md. Not part of CI; ~10 minutes.
bench: install load-driver
	@ldconfig -p | grep -q libharfbuzz-subset || (apt-get install -y libharfbuzz-subset0 || (apt-get update && apt-get install -y libharfbuzz-subset0))
	$(BIN)/python bench/run.py

# wrk, the bench's load driver (Debian's package); test-services checks the bench's use of it.
load-driver:
	@command -v wrk >/dev/null || (apt-get install -y wrk || (apt-get update && apt-get install -y wrk))

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
