"""The Celery app. Tasks are declared with @shared_task in each app and never import this."""

import os

from celery import Celery

from cms import task_request_id

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

app = Celery("cms")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
task_request_id.connect_signals()
