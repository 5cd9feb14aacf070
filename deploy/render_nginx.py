"""Writes the nginx configuration from the templates beside it, filled from the environment.

    python deploy/render_nginx.py production OUT_DIR   # newsroom.conf + newsroom-locations.conf
    python deploy/render_nginx.py local OUT_DIR        # the local stack's own nginx.conf too

Paths come from the same variables the settings read (VAR_DIR, VIDEO_MAX_UPLOAD_MB), so nginx
serves exactly the folders Django writes to. Brotli is switched on when Debian's module
(libnginx-mod-http-brotli-filter) is installed, and left out otherwise. Only the standard
library is used: this runs before the virtualenv exists on a new host.
"""

import argparse
import getpass
import os
import re
import sys
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent
PROJECT_DIR = DEPLOY_DIR.parent
NGINX_MODULES_DIR = Path(os.environ.get("NGINX_MODULES_DIR", "/usr/lib/nginx/modules"))
BROTLI_FILTER_MODULE = "ngx_http_brotli_filter_module.so"
# Room for the multipart form around an uploaded master.
UPLOAD_FORM_MARGIN_MB = 64
UPSTREAM_NAME = "newsroom_app"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")

BROTLI_DIRECTIVES = """\
brotli on;
brotli_comp_level 5;
brotli_min_length 512;
brotli_types text/css text/plain text/vtt text/xml application/javascript application/json
             application/xml application/rss+xml application/atom+xml image/svg+xml;"""
NO_BROTLI = "# Brotli: Debian's libnginx-mod-http-brotli-filter is not installed; gzip only."


def render(template, values):
    """The template with each {{name}} replaced; a name without a value is an error, so a
    half-filled file never reaches nginx."""

    def fill(match):
        name = match[1]
        if name not in values:
            raise KeyError(f"{template.name}: no value for {{{{{name}}}}}")
        return str(values[name])

    return PLACEHOLDER.sub(fill, template.read_text())


def brotli_available():
    return (NGINX_MODULES_DIR / BROTLI_FILTER_MODULE).exists()


def common_values(out_dir):
    var_dir = Path(os.environ.get("VAR_DIR", PROJECT_DIR / "var")).resolve()
    upload_mb = int(os.environ.get("VIDEO_MAX_UPLOAD_MB", 20 * 1024))
    upstreams = os.environ.get("NGINX_UPSTREAMS") or os.environ.get(
        "GUNICORN_BIND", "127.0.0.1:8000"
    )
    return {
        "var_dir": var_dir,
        "static_root": var_dir / "static",
        "client_max_body_size": f"{upload_mb + UPLOAD_FORM_MARGIN_MB}m",
        "brotli": BROTLI_DIRECTIVES if brotli_available() else NO_BROTLI,
        "upstream_name": UPSTREAM_NAME,
        "upstream_servers": "\n".join(
            f"    server {address.strip()};" for address in upstreams.split(",")
        ),
        "locations_file": out_dir / "newsroom-locations.conf",
    }


def production_values(out_dir):
    server_name = os.environ.get("NGINX_SERVER_NAME") or os.environ.get("ALLOWED_HOSTS", "")
    return {
        **common_values(out_dir),
        "server_name": " ".join(server_name.replace(",", " ").split()) or "_",
        "tls_certificate": os.environ.get(
            "NGINX_TLS_CERTIFICATE", "/etc/letsencrypt/live/newsroom/fullchain.pem"
        ),
        "tls_certificate_key": os.environ.get(
            "NGINX_TLS_CERTIFICATE_KEY", "/etc/letsencrypt/live/newsroom/privkey.pem"
        ),
    }


def local_values(out_dir):
    """The stack's nginx runs as its own master process, with every file it writes under
    out_dir: it never reads /etc/nginx's sites nor touches the system's nginx."""
    modules = [BROTLI_FILTER_MODULE] if brotli_available() else []
    return {
        **common_values(out_dir),
        "listen": os.environ.get("STACK_LISTEN", "127.0.0.1:8080"),
        "state_dir": out_dir,
        "pid_file": os.environ.get("NGINX_PID_FILE", out_dir / "nginx.pid"),
        "log_dir": os.environ.get("NGINX_LOG_DIR", out_dir),
        # Its workers run as the person who started the stack (Debian's nginx would switch to
        # www-data, which may not reach a checkout's var/: the embedded mode's file cache makes
        # it private to its owner). Not root, nginx cannot switch user and ignores this.
        "user": getpass.getuser(),
        "load_modules": "\n".join(
            f"load_module {NGINX_MODULES_DIR / module};" for module in modules
        ),
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=["production", "local"])
    parser.add_argument("out_dir", type=Path)
    arguments = parser.parse_args(argv)
    out_dir = arguments.out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    templates = DEPLOY_DIR / "nginx"
    if arguments.kind == "production":
        values = production_values(out_dir)
        files = {"newsroom.conf": templates / "newsroom.conf.in"}
    else:
        values = local_values(out_dir)
        files = {"nginx.conf": DEPLOY_DIR / "local" / "nginx.conf.in"}
    files["newsroom-locations.conf"] = templates / "newsroom-locations.conf.in"
    for name, template in files.items():
        (out_dir / name).write_text(render(template, values))
        print(out_dir / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
