"""A real Celery worker, in a process of its own, that dies by SIGKILL in the middle of a
newsletter chunk: `python -m tests.newsletters.dying_worker JOURNAL QUEUE DIE_AT_BATCH
RESUME_AFTER_SECONDS`.

It sends through Anymail's test backend. What that backend accepts is written to JOURNAL as
it is accepted (the process's own outbox dies with it), so that the test can count every
message the "provider" took. When the provider is called for batch number DIE_AT_BATCH, the
worker kills itself with SIGKILL: no Python cleanup, no rollback but the database's own.
The database and broker are the test's, from DATABASE_URL and CELERY_BROKER_URL, and so is
the chunk size (NEWSLETTER_CHUNK_SIZE); RESUME_AFTER_SECONDS is how soon the sending it
leaves behind may be presumed abandoned.
"""

import os
import signal
import sys


def main(journal_path, queue, die_at_batch, resume_after_seconds):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    import django

    django.setup()
    from anymail.signals import post_send, pre_send
    from django.conf import settings

    from cms.celery import app

    settings.EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.MAILER_EMAIL_BACKEND = "anymail.backends.test.EmailBackend"
    settings.NEWSLETTER_RESUME_AFTER_SECONDS = resume_after_seconds
    batches = 0

    def die_in_the_provider_call(sender, message, esp_name, **kwargs):
        nonlocal batches
        batches += 1
        if batches == die_at_batch:
            os.kill(os.getpid(), signal.SIGKILL)

    def journal_what_the_provider_accepted(sender, message, status, esp_name, **kwargs):
        with open(journal_path, "a") as journal:
            journal.writelines(f"{address}\n" for address in message.to)
            journal.flush()
            os.fsync(journal.fileno())

    pre_send.connect(die_in_the_provider_call, weak=False)
    post_send.connect(journal_what_the_provider_accepted, weak=False)
    app.conf.task_always_eager = False
    app.worker_main(
        [
            "worker",
            "--pool=solo",
            "--queues",
            queue,
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ]
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
