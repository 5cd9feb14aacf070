"""Runs wagtail-localize's background jobs (translating a subtree, synchronising locales) on
the Celery workers.

wagtail-localize hands its jobs model instances and a component manager, which JSON cannot
carry. Rather than let the workers accept pickled messages, each argument is written as a
reference (a model's label and primary key) and loaded again on the worker. A job whose
arguments cannot be written that way (a component manager with components, which holds
forms) runs in-process, as wagtail-localize's own default backend would.
"""

import logging

from celery import shared_task
from django.apps import apps
from django.db import models, transaction
from django.utils.module_loading import import_string
from wagtail_localize.components import TranslationComponentManager
from wagtail_localize.tasks import BaseJobBackend

logger = logging.getLogger(__name__)


class CannotReference(Exception):
    pass


def to_reference(value):
    if isinstance(value, models.Model):
        return {"model": value._meta.label, "pk": value.pk}
    if isinstance(value, list | tuple):
        return {"list": [to_reference(item) for item in value]}
    if isinstance(value, TranslationComponentManager) and not value.components:
        return {"components": []}
    if value is None or isinstance(value, str | int | float | bool):
        return {"value": value}
    raise CannotReference(type(value).__name__)


def from_reference(reference):
    if "model" in reference:
        return apps.get_model(reference["model"])._default_manager.get(pk=reference["pk"])
    if "list" in reference:
        return [from_reference(item) for item in reference["list"]]
    if "components" in reference:
        return TranslationComponentManager([])
    return reference["value"]


@shared_task(name="cms.run_localize_job", acks_late=True)
def run_localize_job(func_path, args, kwargs):
    job = import_string(func_path)
    job(
        *[from_reference(arg) for arg in args],
        **{name: from_reference(value) for name, value in kwargs.items()},
    )


class CeleryJobBackend(BaseJobBackend):
    def enqueue(self, func, args, kwargs):
        func_path = f"{func.__module__}.{func.__qualname__}"
        try:
            message = (
                func_path,
                [to_reference(arg) for arg in args],
                {name: to_reference(value) for name, value in kwargs.items()},
            )
        except CannotReference as reason:
            logger.info("Running %s in-process: cannot reference a %s", func_path, reason)
            func(*args, **kwargs)
            return
        transaction.on_commit(lambda: run_localize_job.apply_async(args=message), robust=True)
