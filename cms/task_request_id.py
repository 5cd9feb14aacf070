"""A task enqueued while serving a request carries the request's id to the worker, whose log
lines about the task then carry it too (cms/request_id.py, cms/logs.py).

The id travels as a message header, added when the task is published; the worker puts it back
before the task runs and takes it away after, so the next task on that worker starts clean.
A task run at once in the embedded mode never leaves the request, which keeps its id anyway.
"""

from celery.signals import before_task_publish, task_postrun, task_prerun

from .request_id import is_valid_request_id, request_id

HEADER = "request_id"

# The id each running task set, by task id, so that postrun takes away exactly that one.
_set_by_task = {}


def add_request_id(headers=None, **kwargs):
    current = request_id.get()
    if current and headers is not None:
        headers.setdefault(HEADER, current)


def restore_request_id(task_id=None, task=None, **kwargs):
    if task is None or task.request.is_eager:
        return
    carried = getattr(task.request, HEADER, None)
    if is_valid_request_id(carried):
        _set_by_task[task_id] = request_id.set(carried)


def clear_request_id(task_id=None, **kwargs):
    token = _set_by_task.pop(task_id, None)
    if token is not None:
        request_id.reset(token)


def connect_signals():
    before_task_publish.connect(add_request_id, dispatch_uid="cms-request-id-publish")
    task_prerun.connect(restore_request_id, dispatch_uid="cms-request-id-prerun")
    task_postrun.connect(clear_request_id, dispatch_uid="cms-request-id-postrun")
