"""make stack-faults: faults forced on the running `make stack`, each checked end to end.

1. PostgreSQL unreachable: a gunicorn with the stack's settings but a database address where
   nothing listens answers /healthz 200 and /readyz 503 naming the database.
2. Redis restarted under load: while locust's readers read, the stack's Redis is stopped and
   started again. No page fails, /readyz says 503 while it is away, a registration made
   meanwhile is answered normally, and its emailed code arrives once Redis is back.
3. A Celery worker killed with SIGKILL in the middle of a video's processing: first the pool
   process running it, then a whole worker (parent and pool) while a second worker runs.
   Each time the task is run again by another worker process and the video ends processed,
   with one poster and one preview on disk: no duplicate effect.

`python deploy/local/faults.py [postgres|redis|worker ...]`; all three by default. It changes
only the stack's own processes (pid files in var/stack/run), restarts what it stopped, and
leaves the stack running as it found it.
"""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from smoke import Visitor
from stack_env import PROJECT_DIR, stack_environment, use_stack_settings
from stack_mail import Mailbox

STACK_SCRIPT = PROJECT_DIR / "deploy" / "local" / "stack"
PY = PROJECT_DIR / ".venv" / "bin" / "python"
ENV = stack_environment()
URL = ENV["STACK_URL"]
STACK_DIR = Path(ENV["STACK_DIR"])
RUN_DIR, LOG_DIR = STACK_DIR / "run", STACK_DIR / "log"
# Beat delivers what waits in the email queue every minute; a worker that died whole gives
# its task back after CELERY_VISIBILITY_TIMEOUT and the next sweep (10 s).
EMAIL_AFTER_REDIS_SECONDS = 120
REDELIVERY_SECONDS = int(ENV.get("CELERY_VISIBILITY_TIMEOUT", 60)) + 60


class FaultCheckFailed(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise FaultCheckFailed(message)


def say(message):
    print(f"[faults] {message}", flush=True)


def get(url, timeout=10):
    """(status, body) of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read()


def wait_for(condition, timeout, poll=0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(poll)
    return None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stack(*arguments):
    subprocess.run([str(STACK_SCRIPT), *arguments], check=True)


def pid_of(name):
    return int((RUN_DIR / f"{name}.pid").read_text())


# ---- 1. PostgreSQL unreachable ---------------------------------------------------------------


def postgres_unreachable():
    say("PostgreSQL unreachable: gunicorn with the stack's settings, its database on a closed port")
    closed_port, port = free_port(), free_port()
    database_url = re.sub(r"@[^/]+/", f"@127.0.0.1:{closed_port}/", ENV["DATABASE_URL"])
    environment = {
        **os.environ,
        **ENV,
        "DATABASE_URL": database_url,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
    }
    with open(LOG_DIR / "fault-postgres.log", "ab") as log:
        server = subprocess.Popen(
            [str(PY), "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "cms.wsgi:application"],
            cwd=PROJECT_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        check(wait_for(lambda: _answers(f"{base}/healthz"), 30), "gunicorn did not start (see log)")
        health, _ = get(f"{base}/healthz")
        started = time.monotonic()
        ready, body = get(f"{base}/readyz")
        took = time.monotonic() - started
        checks = json.loads(body)["checks"]
        check(health == 200, f"/healthz answered {health}")
        check(ready == 503, f"/readyz answered {ready}")
        check(checks["database"] == "failing", f"/readyz checks: {checks}")
        check(
            all(state == "ok" for name, state in checks.items() if name != "database"),
            f"/readyz blames more than the database: {checks}",
        )
        check(str(closed_port) not in body.decode(), "/readyz shows the database's address")
        say(f"  /healthz 200, /readyz 503 in {took * 1000:.0f} ms: {checks}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _answers(url):
    try:
        return get(url, timeout=2)[0] == 200
    except OSError:
        return False


# ---- 2. Redis restarted under load -----------------------------------------------------------


def redis_restarted_under_load():
    say("Redis restarted while locust's readers read")
    out = STACK_DIR / "faults"
    out.mkdir(exist_ok=True)
    readers = subprocess.Popen(
        [
            str(PY),
            "-m",
            "locust",
            "-f",
            "deploy/local/locustfile.py",
            "Reader",
            "--headless",
            "--host",
            URL,
            "--users",
            "20",
            "--spawn-rate",
            "20",
            "--run-time",
            "45s",
            "--only-summary",
            "--csv",
            str(out / "redis-restart"),
            "--loglevel",
            "WARNING",
        ],
        cwd=PROJECT_DIR,
        env={**os.environ, "LOADTEST_MAX_P95_MS": "60000"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    time.sleep(10)
    stack("stop", "redis")
    try:
        status, body = get(f"{URL}/readyz")
        check(status == 503, f"/readyz answered {status} with Redis away")
        say(f"  Redis stopped; /readyz 503: {json.loads(body)['checks']}")
        address, response_status = _register_while_redis_is_away()
        check(response_status == 302, f"signing up with Redis away answered {response_status}")
        say(f"  {address} signed up with Redis away (302); its code waits in the database")
        time.sleep(5)
    finally:
        stack("resume")
    back = time.monotonic()
    say("  Redis started again")
    output, _ = readers.communicate(timeout=120)
    summary = output[output.find("=== load test summary ===") :]
    print(summary[: summary.find("Type ")].rstrip() if "Type " in summary else summary)
    failures = _failures(out / "redis-restart_stats.csv")
    check(failures == 0, f"{failures} page requests failed while Redis restarted")
    say("  every page was served while Redis was away")
    mailbox = Mailbox(Path(ENV["VAR_DIR"]) / "mail")
    code = mailbox.code_for(address, timeout=EMAIL_AFTER_REDIS_SECONDS)
    say(f"  its code ({code}) was delivered {time.monotonic() - back:.0f} s after Redis came back")


def _register_while_redis_is_away():
    visitor = Visitor(URL)
    address = f"redis-fault-{secrets.token_hex(5)}@example.org"
    _, page = visitor.get("/en/accounts/signup/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1].decode()
    data = {
        "csrfmiddlewaretoken": token,
        "email": address,
        "password1": "Fault-check-" + secrets.token_hex(6) + "!",
        "accept_terms": "on",
    }
    status, _, _ = visitor.request("/en/accounts/signup/", data)
    return address, status


def _failures(csv_path):
    import csv

    with open(csv_path) as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == "Aggregated":
                return int(row["Failure Count"])
    raise FaultCheckFailed(f"no totals in {csv_path}")


# ---- 3. A worker killed with SIGKILL mid-task ------------------------------------------------


def worker_killed_mid_task():
    use_stack_settings()
    from cms.celery import app

    master = _long_master()
    say("a pool process killed with SIGKILL while it transcodes")
    video = _upload(master, "pool process")
    task = _running_task(app, video)
    os.kill(task["worker_pid"], signal.SIGKILL)
    say(f"  killed pool process {task['worker_pid']} of {task['hostname']}")
    _processed_once(video, after=REDELIVERY_SECONDS)
    _ran_twice(task["id"])

    say("a whole worker (parent and pool) killed with SIGKILL; a second worker takes over")
    _start_second_worker()
    try:
        video = _upload(master, "whole worker")
        task = _running_task(app, video)
        name = "worker2" if task["hostname"].startswith("worker2@") else "worker"
        group = pid_of(name)
        os.killpg(group, signal.SIGKILL)
        say(f"  killed {task['hostname']} (process group {group}); waiting for redelivery")
        started = time.monotonic()
        _processed_once(video, after=REDELIVERY_SECONDS)
        _ran_twice(task["id"])
        say(f"  redone by the other worker {time.monotonic() - started:.0f} s later")
    finally:
        stack("stop", "worker2")
        stack("resume")


def _long_master():
    """A 1280×720 master long enough to be caught mid-transcode (made once, then reused)."""
    from videos.test_pattern import render_test_pattern

    path = STACK_DIR / "faults" / "long-master.mp4"
    path.parent.mkdir(exist_ok=True)
    if not path.exists():
        say("  making a 60-second 720p master (once)")
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".mp4", delete=False) as file:
            render_test_pattern(file.name, seconds=60, width=1280, height=720)
        os.replace(file.name, path)
    return path.read_bytes()


def _upload(master, label):
    """A new video as the admin makes one: saving its master queues its processing."""
    from django.core.files.base import ContentFile

    from videos.models import Video

    video = Video(title=f"Fault check: {label} {secrets.token_hex(3)}")
    video.file.save(f"fault-check-{secrets.token_hex(4)}.mp4", ContentFile(master), save=False)
    video.save()
    return video


def _running_task(app, video):
    """The processing task of `video` once a worker process runs it (and has made progress)."""

    def running():
        for tasks in (app.control.inspect(timeout=1).active() or {}).values():
            for task in tasks:
                arguments = task["args"]
                if isinstance(arguments, str):  # older workers report them as text
                    arguments = json.loads(arguments.replace("(", "[").replace(",)", "]"))
                if task["name"].endswith("process_video_task") and list(arguments) == [video.pk]:
                    video.refresh_from_db()
                    if video.progress >= 10:
                        return task
        return None

    task = wait_for(running, 90)
    check(task, f"no worker started processing video {video.pk}")
    return task


def _processed_once(video, *, after):
    from videos.models import Video

    def ready():
        video.refresh_from_db()
        return video.status == Video.Status.READY

    check(wait_for(ready, after, poll=1), f"video {video.pk} was not processed again")
    media = Path(ENV["VAR_DIR"]) / "media"
    stem = Path(video.file.name).stem
    posters = sorted(media.rglob(f"{stem}*.jpg"))
    previews = sorted(media.rglob(f"{stem}*.mp4"))
    check(
        [path.relative_to(media).as_posix() for path in posters] == [video.thumbnail.name],
        f"posters on disk: {posters}, the video names {video.thumbnail.name}",
    )
    check(
        [path.relative_to(media).as_posix() for path in previews] == [video.preview.name],
        f"previews on disk: {previews}, the video names {video.preview.name}",
    )
    say(f"  video {video.pk} processed; one poster and one preview on disk: no duplicate effect")


def _ran_twice(task_id):
    """The workers' logs show the task received twice and finished once."""
    logs = "".join(path.read_text() for path in LOG_DIR.glob("worker*.log"))
    received = logs.count(f"[{task_id}] received")
    finished = logs.count(f"[{task_id}] succeeded")
    check(received >= 2 and finished == 1, f"task {task_id}: {received} runs, {finished} ended")
    say(f"  task {task_id}: received {received} times, finished once")


def _start_second_worker():
    log = open(LOG_DIR / "worker2.log", "ab")  # noqa: SIM115 (the worker keeps it)
    worker = subprocess.Popen(
        [str(PY), "-m", "celery", "-A", "cms", "worker", "--loglevel=INFO", "-n", "worker2@%h"],
        cwd=PROJECT_DIR,
        env={**os.environ, **ENV},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    (RUN_DIR / "worker2.pid").write_text(str(worker.pid))
    from cms.celery import app

    check(
        wait_for(lambda: app.control.ping(destination=["worker2@" + socket.gethostname()]), 60),
        "the second worker did not start",
    )


CHECKS = {
    "postgres": postgres_unreachable,
    "redis": redis_restarted_under_load,
    "worker": worker_killed_mid_task,
}


def main(names):
    status, _ = get(f"{URL}/readyz")
    if status != 200:
        print(f"the stack at {URL} is not ready: make stack", file=sys.stderr)
        return 1
    failed = []
    for name in names or CHECKS:
        try:
            CHECKS[name]()
        except Exception as problem:
            print(f"[faults] {name}: FAILED: {problem}", file=sys.stderr)
            failed.append(name)
    if failed:
        print(f"[faults] failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print("[faults] all passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
