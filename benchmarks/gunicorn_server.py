"""gunicorn serving the site on a free loopback port for as long as a `with` block lasts."""

import contextlib
import dataclasses
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

HOST = "127.0.0.1"
PROJECT_DIR = Path(__file__).resolve().parent.parent
START_TIMEOUT_SECONDS = 30


def free_port():
    """A port nothing listens on now; the OS picks it, so never 8000 while that is in use."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _wait_until_listening(port, process):
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode} before listening")
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=1):
            return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not listen on {HOST}:{port} in {START_TIMEOUT_SECONDS} s")


@dataclasses.dataclass(frozen=True)
class Server:
    port: int
    master_pid: int

    def worker_pids(self):
        """gunicorn's workers are its master's children (those started so far)."""
        children = Path(f"/proc/{self.master_pid}/task/{self.master_pid}/children")
        return [int(pid) for pid in children.read_text().split()]


@contextlib.contextmanager
def gunicorn_server(settings_module, *, log_path, workers=2):
    """Yields the `Server` of `gunicorn cms.wsgi:application` with `workers` sync workers, run
    with this process's environment (so the same VAR_DIR and DATABASE_URL)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "cms.wsgi:application",
        f"--bind={HOST}:{port}",
        f"--workers={workers}",
        "--worker-class=sync",
        "--graceful-timeout=5",
        # Otherwise gunicorn makes a control socket in ~/.gunicorn, shared by every server.
        "--no-control-socket",
    ]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module}
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        _wait_until_listening(port, process)
        yield Server(port=port, master_pid=process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def gunicorn(settings_module, *, log_path, workers=2):
    """Yields the port of `gunicorn_server`: all that a load client needs."""
    with gunicorn_server(settings_module, log_path=log_path, workers=workers) as server:
        yield server.port
