# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format bench install messages extract-messages migrate demo clean
.PHONY: stack stack-down stack-faults loadtest

# The source folders whose strings go into locale/*/LC_MESSAGES/django.po.
MAKEMESSAGES := makemessages --all --no-location --ignore=.venv --ignore=var --ignore=tests --ignore=benchmarks

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: install it, or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

messages: install
	@command -v msgfmt >/dev/null || { echo "gettext's msgfmt is needed to compile translations: apt-get install gettext"; exit 1; }
	$(PY) manage.py compilemessages --ignore=.venv --ignore=var --verbosity=0

# After changing user-facing strings: update the catalogues, then translate what is new.
extract-messages: install
	$(PY) manage.py $(MAKEMESSAGES)

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py load_demo_content

# Serves the embedded mode at http://127.0.0.1:8000/. The scheduler publishes scheduled
# stories every minute beside the web server; both stop together.
run: messages demo
	@echo "Serving http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/, make an account with: $(PY) manage.py createsuperuser)"
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py run_scheduler & \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: messages
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: messages
	$(PY) -m benchmarks

# ---- The production-like stack on this machine (deploy/local/, README "Production") ----
# nginx, gunicorn, a Celery worker and beat, PostgreSQL and a Redis of its own, on
# http://127.0.0.1:8080/ with production settings; everything under var/stack/.
stack: install
	deploy/local/stack up

stack-down:
	deploy/local/stack down

# Redis restarted under load, a worker killed mid-task, PostgreSQL unreachable (make stack first).
stack-faults: install
	$(PY) deploy/local/faults.py

# locust against `make stack`: 50 users for 60 s unless LOADTEST_USERS / LOADTEST_SECONDS say.
loadtest: install
	deploy/local/loadtest

clean:
	rm -rf $(VENV) var
