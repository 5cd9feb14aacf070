"""gunicorn's settings in production: `gunicorn -c deploy/gunicorn.conf.py cms.wsgi:application`.

nginx sits in front (deploy/nginx/): it buffers slow clients, serves static files, media and
the masters (X-Accel-Redirect), so sync workers only ever run Django code, and the number that
keeps two cores busy is about two per core plus one. Every value can be changed through the
environment, e.g. GUNICORN_WORKERS=9 on a bigger host.
"""

import os


def _env_int(name, default):
    return int(os.environ.get(name, default))


def _cores():
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    return len(os.sched_getaffinity(0))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
workers = _env_int("GUNICORN_WORKERS", 2 * _cores() + 1)
worker_class = "sync"

# A request that takes longer is killed and logged. Uploads reach Django only once nginx has
# buffered them whole, so even a master of many gigabytes is read and stored within it.
timeout = _env_int("GUNICORN_TIMEOUT", 120)
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Recycling workers now and then bounds what a slow leak in any library can cost.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _env_int("GUNICORN_MAX_REQUESTS_JITTER", 200)

# nginx's X-Forwarded-For and X-Forwarded-Proto are believed only from these addresses.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Logs to stdout/stderr, where systemd's journal or the process manager collects them.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# gunicorn's control socket is one per user (~/.gunicorn) unless given; none is needed here.
control_socket_disable = True
pidfile = os.environ.get("GUNICORN_PIDFILE") or None
# The heartbeat files live in memory rather than on a disk that may stall.
worker_tmp_dir = os.environ.get("GUNICORN_WORKER_TMP_DIR", "/dev/shm")
