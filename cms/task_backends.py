"""A django-tasks backend that hands Wagtail's background tasks to the Celery workers.

django-tasks-celery needs Django 6 and Python 3.12, so the project carries this small bridge:
each enqueued task becomes one Celery message naming the task's function, sent only after the
surrounding transaction commits so that the worker sees the rows the task is about.
"""

from celery import shared_task
from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_module_path, get_random_id


@shared_task(name="cms.run_django_task", acks_late=True)
def run_django_task(func_path, args, kwargs):
    task = import_string(func_path)
    return task.call(*args, **kwargs)


class CeleryTaskBackend(BaseTaskBackend):
    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        func_path = get_module_path(task.func)
        transaction.on_commit(
            lambda: run_django_task.apply_async(
                args=(func_path, list(args), dict(kwargs)), queue="celery"
            ),
            robust=True,
        )
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=list(args),
            kwargs=dict(kwargs),
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
