"""The settings every benchmark runs with: the embedded mode, plus a trivial view to compare
against and a quiet email backend."""

from cms.settings.dev import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"

# Registrations in the benchmarks send codes through the queue, as the site does; keep them
# off the console the figures print to.
MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
