"""Every request gets an id, answered in its X-Request-ID header and written on every log line
of the request (cms/logs.py) and of the tasks it enqueues (cms/task_request_id.py), so one
reader's trouble can be followed from nginx through Django to the Celery worker.

An id that arrives in X-Request-ID is kept: nginx passes its own `$request_id` there, and a
load balancer its own. One that is not 8 to 128 letters, digits, '.', '_' or '-' is replaced
by a new one rather than refused, so nobody can write anything else into the logs.

Each request also ends with one line on the `cms.requests` logger: method, path, status and
duration, the fields a log search filters on.
"""

import logging
import re
import time
import uuid
from contextvars import ContextVar

import sentry_sdk

REQUEST_ID_HEADER = "X-Request-ID"
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")

request_id = ContextVar("request_id", default=None)
current_request = ContextVar("current_request", default=None)

access_log = logging.getLogger("cms.requests")


def is_valid_request_id(value):
    return isinstance(value, str) and VALID_REQUEST_ID.fullmatch(value) is not None


def incoming_or_new_id(request):
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    return incoming if is_valid_request_id(incoming) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        request.id = incoming_or_new_id(request)
        id_token = request_id.set(request.id)
        request_token = current_request.set(request)
        # Inert without SENTRY_DSN; with it, an error report names the request's log lines.
        sentry_sdk.set_tag("request_id", request.id)
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.id
            access_log.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            current_request.reset(request_token)
            request_id.reset(id_token)
