"""Handing work to a Celery worker once the transaction that describes it has committed.

The rows the task works from are saved by then, so a broker that cannot take the task right
now (Redis restarting, say) must not turn a saved upload, sending or report into an error
page. The task is then not queued; the caller names what makes up for it: a beat sweep that
finds the rows still waiting, or a button the editor can press again.

Only the broker's refusal is caught: in the embedded mode tasks run in-process, and their
own errors still surface.
"""

import logging

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)


def hand_off_after_commit(task, *args):
    transaction.on_commit(lambda: hand_off(task, *args))


def hand_off(task, *args):
    """Queue `task` now (or, in the embedded mode, run it)."""
    try:
        task.apply_async(args, retry=False)
    except OperationalError as error:
        logger.warning("%s%r waits: the broker refused it (%s)", task.name, args, error)
