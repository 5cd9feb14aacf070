"""Requests per second under gunicorn: the seed story page and the login page against a
trivial view, measured one after the other on the same server so that the ratios compare like
with like."""

from pathlib import Path

from benchmarks import trivial_view
from benchmarks.environment import setup_django
from benchmarks.gunicorn_server import HOST, gunicorn
from benchmarks.load_client import get_status, run_load
from benchmarks.report import report

SERVER_SETTINGS = "benchmarks.settings"
WARM_UP_SECONDS = 2
MEASURED_SECONDS = 8
CLIENT_PROCESSES = 4
LOGIN_PATH = "/en/accounts/login/"


def seed_story_url():
    from django.db import connections

    from home.demo.loader import load_demo_content
    from home.demo.seed_story import SEED_STORY

    stories = load_demo_content(log=lambda *args: None)
    url = next(story.url for story in stories if story.slug == SEED_STORY["slug"])
    # gunicorn's workers and the forked clients must not inherit an open SQLite connection.
    connections.close_all()
    return url


def measure(port, path):
    # One request first, alone: it makes the image renditions, so the two workers do not
    # race to make them under load, and it fails early if the page is broken.
    status = get_status(HOST, port, path)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}")
    return run_load(
        HOST,
        port,
        path,
        seconds=MEASURED_SECONDS,
        warm_up_seconds=WARM_UP_SECONDS,
        processes=CLIENT_PROCESSES,
    )


def main():
    setup_django()
    from django.conf import settings

    story_url = seed_story_url()
    with gunicorn(SERVER_SETTINGS, log_path=Path(settings.VAR_DIR) / "gunicorn.log") as port:
        trivial = measure(port, trivial_view.PATH)
        story = measure(port, story_url)
        login = measure(port, LOGIN_PATH)
    report("trivial_view_rps", trivial.rps)
    report("trivial_view_errors", trivial.errors)
    report("story_page_rps", story.rps)
    report("story_page_errors", story.errors)
    report("story_to_trivial_rps_ratio", story.rps / trivial.rps)
    report("login_page_rps", login.rps)
    report("login_page_errors", login.errors)
    report("login_to_trivial_rps_ratio", login.rps / trivial.rps)


if __name__ == "__main__":
    main()
