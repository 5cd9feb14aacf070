"""/healthz and /readyz tell a load balancer whether to send traffic, and nothing more."""

import pytest
from django.test import override_settings

from tests.object_store import closed_endpoint

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_checks_database_cache_and_storage(client, settings):
    response = client.get("/readyz")

    assert response.status_code == 200
    checks = response.json()["checks"]
    assert checks["database"] == checks["cache"] == checks["storage"] == "ok"
    assert ("broker" in checks) is bool(settings.CELERY_BROKER_URL)


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_readyz_names_what_is_down_and_answers_503_without_details(client):
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "cache": "ok", "storage": "ok", "broker": "failing"},
    }
    assert "127.0.0.1:1" not in response.content.decode()


def test_health_checks_refuse_writes(client):
    assert client.post("/readyz").status_code == 405


def test_readyz_reaches_both_buckets_of_object_storage(client, object_storage):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "ok"


def test_readyz_fails_when_the_object_store_cannot_be_reached(client, object_storage, settings):
    settings.STORAGES = {**settings.STORAGES, **object_storage.storages(endpoint=closed_endpoint())}
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "failing"
    assert "127.0.0.1" not in response.content.decode()
