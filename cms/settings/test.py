"""Settings for the test suite. Files go to a throw-away VAR_DIR unless one is given."""

import os
import tempfile

os.environ.setdefault("VAR_DIR", tempfile.mkdtemp(prefix="newsroom-test-"))
# A fixed key: signed values in tests are the same from one run to the next.
os.environ.setdefault("SECRET_KEY", "tests-only-fixed-secret-key-never-used-elsewhere-0123456789")

from .base import *  # noqa: F403
from .base import env

# Tasks run in-process, even with a broker, so that a test sees their effects at once; the
# integration tests that start a real worker on Redis switch this off while it runs.
CELERY_TASK_ALWAYS_EAGER = True

# Each test process gets its own cache so that tests cannot see each other's entries.
CACHES = {
    alias: env.cache("TEST_CACHE_URL", default=f"locmemcache://{alias}")
    for alias in ("default", "renditions", "template_fragments")
}

# Argon2 stays the production hasher; tests that make many users need not pay for it.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]  # noqa: F405

# pytest-django sends every email straight to mail.outbox; the tests of the queue itself
# (tests/cms/test_email_queue.py) put background.email_queue back in front of it.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_USE_FINDERS = True

# The address Wagtail's default Site has after migrating, which the default Site follows
# (home/site_address.py), so tests' page and image URLs agree.
WAGTAILADMIN_BASE_URL = env("BASE_URL", default="http://localhost")

# The provider whose tracking webhook is mounted (tests/newsletters/test_webhooks.py posts
# Postmark's reports); mail itself stays in memory, as above.
ANYMAIL_ESP = "postmark"
