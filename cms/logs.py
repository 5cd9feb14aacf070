"""How log lines are written: one JSON object per line in production, for a log collector to
index; readable text in development and tests. Either way every line names the request it
belongs to (cms/request_id.py) and, once the request has looked up who is signed in, the
user's id.
"""

import logging

from django.utils.functional import empty
from pythonjsonlogger.core import RESERVED_ATTRS

from .request_id import current_request, request_id

# The fields every JSON line starts with; `time` is added as an ISO 8601 UTC timestamp, and
# what a call passes in `extra` (the request lines' path, status, duration_ms) follows.
JSON_FIELDS = "%(levelname)s %(name)s %(message)s %(request_id)s %(user_id)s"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s request_id=%(request_id)s"


class RequestContextFilter(logging.Filter):
    """Adds `request_id` and `user_id` to every record a handler writes."""

    def filter(self, record):
        record.request_id = request_id.get()
        record.user_id = _known_user_id()
        return True


def _known_user_id():
    """The signed-in user's id if the request has already looked them up. Logging never
    triggers the lookup itself: that would read the session for a log line."""
    user = getattr(current_request.get(), "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


def logging_settings(level, *, json_lines):
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": JSON_FIELDS,
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
            # Django's request logger passes the request object itself: not a field.
            "reserved_attrs": [*RESERVED_ATTRS, "request", "server_time"],
        }
        if json_lines
        else {"format": TEXT_FORMAT}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "cms.logs.RequestContextFilter"}},
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "INFO"},
            "django_tasks": {"level": "WARNING"},
        },
    }
