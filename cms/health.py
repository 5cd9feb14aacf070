"""Health checks for load balancers and process managers: quick, unauthenticated, and saying
nothing but which dependency is down.

- /healthz: the process answers (no database, nothing else).
- /readyz: the database, the cache, the broker (when one is configured) and both storages
  are reachable; 503 naming what is not.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)
BROKER_TIMEOUT_SECONDS = 1


@never_cache
@require_safe
def healthz(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def readyz(request):
    checks = {
        "database": _database,
        "cache": _cache,
        "storage": _storages,
    }
    if settings.CELERY_BROKER_URL:
        checks["broker"] = _broker
    results = {name: _passes(name, check) for name, check in checks.items()}
    ready = all(results.values())
    return JsonResponse(
        {
            "status": "ready" if ready else "unavailable",
            "checks": {name: "ok" if ok else "failing" for name, ok in results.items()},
        },
        status=200 if ready else 503,
    )


def _passes(name, check):
    try:
        check()
    except Exception:  # any failure means "not ready"; the reason goes to the log only
        logger.exception("Readiness check %s failed", name)
        return False
    return True


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    cache = caches["default"]
    cache.set("health:probe", "ok", timeout=10)
    if cache.get("health:probe") != "ok":
        raise RuntimeError("the cache did not keep a value")


def _storages():
    for alias in ("default", "private"):
        storages[alias].exists("health-probe")


def _broker():
    from kombu import Connection

    with Connection(settings.CELERY_BROKER_URL, connect_timeout=BROKER_TIMEOUT_SECONDS) as broker:
        broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
