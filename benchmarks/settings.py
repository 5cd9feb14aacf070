"""The embedded-mode settings plus the benchmarks' trivial view, for the gunicorn benchmark."""

from cms.settings.dev import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
