"""Every request has an id, answered in X-Request-ID and written on each log line of the
request and of the tasks it enqueues, on the worker too; production writes those lines as
JSON (cms/request_id.py, cms/logs.py, cms/task_request_id.py)."""

import json
import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from django.test import override_settings

from cms.celery import app
from cms.logs import RequestContextFilter, logging_settings
from tests.conftest import needs_broker, wait_for
from tests.factories import StoryFactory, UserFactory, publish

pytestmark = pytest.mark.django_db

AN_ID = "edge-4f1c2b7a9d"


class Recorder(logging.Handler):
    """A handler like the project's own: records pass the request context filter."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.addFilter(RequestContextFilter())
        self.records = []

    def emit(self, record):
        self.records.append(record)

    def from_logger(self, name):
        return [record for record in self.records if record.name == name]


@pytest.fixture
def log():
    recorder = Recorder()
    root = logging.getLogger()
    request_lines = logging.getLogger("cms.requests")
    old_root_level, old_request_level = root.level, request_lines.level
    root.addHandler(recorder)
    root.setLevel(logging.INFO)
    request_lines.setLevel(logging.INFO)
    yield recorder
    root.removeHandler(recorder)
    root.setLevel(old_root_level)
    request_lines.setLevel(old_request_level)


def test_an_incoming_request_id_is_kept_and_answered(client, log):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=AN_ID)

    assert response["X-Request-ID"] == AN_ID
    [line] = log.from_logger("cms.requests")
    assert line.request_id == AN_ID
    assert (line.method, line.path, line.status) == ("GET", "/healthz", 200)
    assert 0 <= line.duration_ms < 10_000


@pytest.mark.parametrize(
    "incoming",
    ["short", "x" * 129, "spaces are not allowed", "new\nline-injected-1", "semi;colon-123"],
)
def test_an_unusable_request_id_is_replaced_by_a_new_one(client, log, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])
    assert log.from_logger("cms.requests")[0].request_id == response["X-Request-ID"]


def test_each_request_gets_its_own_id(client):
    first, second = client.get("/healthz"), client.get("/healthz")

    assert first["X-Request-ID"] != second["X-Request-ID"]


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_every_line_a_request_logs_carries_its_id(client, log):
    client.get("/readyz", HTTP_X_REQUEST_ID=AN_ID)

    [failure] = log.from_logger("cms.health")
    assert failure.request_id == AN_ID
    assert failure.levelname == "ERROR"


def test_lines_name_the_signed_in_user_once_known_and_nobody_outside_a_request(
    client, log, news_index
):
    reader = UserFactory()
    client.force_login(reader)

    client.get("/en/")
    logging.getLogger("newsroom").info("outside any request")

    assert log.from_logger("cms.requests")[-1].user_id == reader.pk
    outside = log.from_logger("newsroom")[-1]
    assert outside.request_id is None
    assert outside.user_id is None


def test_an_anonymous_readers_lines_name_no_user(client, log, news_index):
    client.get("/en/")

    assert log.from_logger("cms.requests")[-1].user_id is None


@pytest.fixture
def searchable_story(news_index):
    return publish(StoryFactory(title="Accession talks in Stockholm"))


def test_a_task_run_at_once_logs_with_the_requests_id(client, log, searchable_story):
    client.get("/en/search/?q=accession", HTTP_X_REQUEST_ID=AN_ID)

    [finished] = [
        record
        for record in log.from_logger("celery.app.trace")
        if "search.tasks.record_search" in record.getMessage()
    ]
    assert finished.request_id == AN_ID


@pytest.fixture
def worker_logging_tasks():
    """The suite's real worker (tests/conftest.py), logging each task it finishes, as a
    production worker at level INFO does."""
    app.control.purge()
    app.conf.task_always_eager = False
    try:
        with start_worker(
            app, pool="solo", loglevel="INFO", perform_ping_check=False, shutdown_timeout=10
        ) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True


@needs_broker
@pytest.mark.integration
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_enqueued_by_a_request_logs_with_its_id_on_the_worker(
    searchable_story, worker_logging_tasks, log, client
):
    # (The worker configures Django's logging again as it starts: `log` listens after that.)
    client.get("/en/search/?q=accession", HTTP_X_REQUEST_ID=AN_ID)

    def worker_finished():
        return [
            record
            for record in log.from_logger("celery.app.trace")
            if "search.tasks.record_search" in record.getMessage()
        ]

    assert wait_for(worker_finished), "the worker did not run the task"
    [finished] = worker_finished()
    assert finished.threadName != threading.current_thread().name
    assert finished.request_id == AN_ID

    # The next task on that worker, from no request, starts without it.
    from search.tasks import forget_old_search_statistics

    forget_old_search_statistics.delay()

    def next_finished():
        return [
            record
            for record in log.from_logger("celery.app.trace")
            if "forget_old_search_statistics" in record.getMessage()
        ]

    assert wait_for(next_finished)
    assert next_finished()[0].request_id is None


def test_every_handler_names_the_request_in_development_and_production():
    for json_lines in (False, True):
        config = logging_settings("INFO", json_lines=json_lines)
        for handler in config["handlers"].values():
            assert "request_context" in handler["filters"]
    assert "format" in settings.LOGGING["formatters"]["default"], "readable lines in tests"


def test_production_writes_one_json_object_per_line(tmp_path):
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "a-production-secret-key-long-and-random-" + "x" * 30,
        "ALLOWED_HOSTS": "testserver",
        "CACHE_URL": "locmemcache://",
        "DATABASE_URL": "sqlite:///:memory:",
        "VAR_DIR": str(tmp_path),
        # Whitenoise warns of the static folder no collectstatic made: not a log line.
        "PYTHONWARNINGS": "ignore",
    }
    script = (
        "import django, logging; django.setup(); "
        "from django.test import Client; "
        f"Client().get('/healthz', secure=True, HTTP_X_REQUEST_ID={AN_ID!r}); "
        "logging.getLogger('newsroom').warning('a line with %s', 'arguments')"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stderr.splitlines()]
    request_line, outside_line = lines
    assert request_line["logger"] == "cms.requests"
    assert request_line["level"] == "INFO"
    assert request_line["request_id"] == AN_ID
    assert request_line["user_id"] is None
    assert (request_line["method"], request_line["path"], request_line["status"]) == (
        "GET",
        "/healthz",
        200,
    )
    assert isinstance(request_line["duration_ms"], float)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00", request_line["time"])
    assert outside_line["message"] == "a line with arguments"
    assert outside_line["request_id"] is None
