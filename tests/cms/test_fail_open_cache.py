"""While Redis is away (a restart, a failover) the site keeps serving: the production cache
answers "not cached", and the rate limits built on it let people through instead of
answering 429. Nothing listens on port 1, so every connection is refused at once, as while
Redis restarts."""

import pytest
from django.core.cache import caches
from django.test import override_settings

from cms.cache_config import caches_on, fail_open

REDIS_AWAY = caches_on(
    fail_open(
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    )
)

pytestmark = [pytest.mark.django_db, pytest.mark.filterwarnings("ignore")]


@override_settings(CACHES=REDIS_AWAY)
def test_the_cache_answers_not_cached_and_grants_locks():
    cache = caches["default"]

    cache.set("key", "value")
    assert cache.get("key") is None
    assert cache.get("key", "default") == "default"
    # add() is how locks and cooldowns are taken: granted, not refused.
    assert cache.add("lock", True) is True
    cache.delete("lock")  # no error either


@override_settings(CACHES=REDIS_AWAY)
def test_pages_are_served_and_readiness_names_the_cache(client):
    assert client.get("/en/").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failing"


@override_settings(CACHES=REDIS_AWAY)
def test_signing_up_is_not_refused_by_the_rate_limits(client, terms_of_use):
    response = client.post(
        "/en/accounts/signup/",
        {"email": "someone@example.org", "password1": "Fail-open-1234!", "accept_terms": "on"},
    )

    assert response.status_code == 302
    assert response.headers["Location"] == "/en/accounts/confirm-email/"


def test_other_caches_are_left_as_they_are():
    file_cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": "/x",
    }
    assert fail_open(file_cache) is file_cache
