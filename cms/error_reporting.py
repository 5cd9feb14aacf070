"""Error reports to Sentry (or a Sentry-compatible service), only where SENTRY_DSN is set.

Reports carry no personal data: `send_default_pii=False` leaves out cookies, users, IP
addresses and the tasks' arguments; request bodies (a registration's email address) and the
stack frames' local variables (a subscriber's, say) are left out too. They do carry the
request id (cms/request_id.py), which leads to the request's log lines. Web processes and
Celery workers both report: the workers load the same settings.
"""

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration


def start_error_reporting(dsn, *, environment, release, traces_sample_rate):
    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        environment=environment,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
    )
