import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.conf import settings
from wagtail.models import Page

from cms.celery import app
from home.models import HomePage
from newsroom.models import NewsIndexPage
from tests.object_store import (  # noqa: F401 (fixtures)
    object_storage,
    object_storage_in_two_buckets,
    s3_server,
)


@pytest.fixture
def home(db):
    return HomePage.objects.get(depth=2)


@pytest.fixture
def news_index(db):
    return NewsIndexPage.objects.get(depth=3)


@pytest.fixture
def root_page(db):
    return Page.objects.get(depth=1)


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin client, with the second factor passed as the admin requires."""
    from django.test import Client

    from tests.admin_login import sign_in_to_admin

    return sign_in_to_admin(Client(), admin_user)


@pytest.fixture
def terms_of_use(home):
    """Published terms of use, which registering and downloading ask to accept."""
    from users.models import TermsOfUsePage

    terms = TermsOfUsePage(title="Terms of use", slug="terms-of-use", body="<p>Be fair.</p>")
    home.add_child(instance=terms)
    terms.save_revision().publish()
    terms.refresh_from_db()
    return terms


@pytest.fixture
def reporter(db):
    """A registered person whose email address is verified."""
    from allauth.account.models import EmailAddress

    from tests.factories import PASSWORD
    from users.models import User

    user = User.objects.create_user("reporter@example.org", PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


needs_broker = pytest.mark.skipif(
    not settings.CELERY_BROKER_URL, reason="needs CELERY_BROKER_URL (Redis) for a real worker"
)


def wait_for(condition, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def celery_worker():
    """A real Celery worker, in a thread of this process, consuming from the test broker."""
    app.control.purge()
    app.conf.task_always_eager = False
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=10
        ) as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: rate limits and cached fragments of one test must
    not leak into the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English: a French request in one test must not leave French
    active for the next."""
    from django.utils import translation

    with translation.override("en"):
        yield
