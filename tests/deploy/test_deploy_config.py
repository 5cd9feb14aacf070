"""deploy/: the nginx site rendered from the same variables as the settings, and gunicorn's
settings from the environment. nginx itself checks the rendered files where it is installed."""

import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
sys.path.insert(0, str(DEPLOY))

import render_nginx  # noqa: E402


@pytest.fixture
def rendered(tmp_path, monkeypatch):
    def render(kind, **environment):
        monkeypatch.setenv("VAR_DIR", str(tmp_path / "var"))
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        out = tmp_path / kind
        render_nginx.main([kind, str(out)])
        return out

    return render


def test_the_site_serves_the_folders_django_writes_to(rendered, tmp_path):
    locations = (rendered("production") / "newsroom-locations.conf").read_text()
    var_dir = tmp_path / "var"

    assert f"alias {var_dir}/static/;" in locations
    assert f"alias {var_dir}/media/;" in locations
    internal = locations.split(f"location {settings.SENDFILE_URL}/ {{")[1].split("}")[0]
    assert "internal;" in internal
    assert f"alias {var_dir}/private/;" in internal
    assert 'default_type "text/vtt; charset=utf-8";' in locations
    assert "nosniff" in internal and "default-src 'none'" in internal, "set again after X-Accel"
    assert "{{" not in locations


def test_uploads_as_large_as_the_settings_allow_get_through(rendered):
    locations = rendered("local", VIDEO_MAX_UPLOAD_MB="100") / "newsroom-locations.conf"
    assert "client_max_body_size 164m;" in locations.read_text()


def test_the_production_site_lists_every_upstream_and_names_the_hosts(rendered):
    site = (
        rendered(
            "production",
            NGINX_UPSTREAMS="10.0.0.11:8000,10.0.0.12:8000",
            ALLOWED_HOSTS="news.example.org,www.news.example.org",
        )
        / "newsroom.conf"
    ).read_text()

    assert "server 10.0.0.11:8000;" in site and "server 10.0.0.12:8000;" in site
    assert "server_name news.example.org www.news.example.org;" in site
    assert "return 301 https://" in site


def test_a_placeholder_without_a_value_is_refused(tmp_path):
    template = tmp_path / "broken.conf.in"
    template.write_text("listen {{nowhere}};")
    with pytest.raises(KeyError, match="nowhere"):
        render_nginx.render(template, {})


@pytest.mark.skipif(not shutil.which("nginx"), reason="Debian's nginx is not installed")
def test_nginx_accepts_the_local_configuration(rendered, tmp_path):
    out = rendered("local", STACK_LISTEN="127.0.0.1:1", NGINX_LOG_DIR=str(tmp_path))
    (out / "tmp").mkdir()
    check = subprocess.run(
        ["nginx", "-t", "-e", str(tmp_path / "error.log"), "-c", str(out / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr


def test_gunicorn_runs_two_workers_per_core_plus_one_unless_told(monkeypatch):
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    cores = len(config["os"].sched_getaffinity(0))
    assert config["workers"] == 2 * cores + 1
    assert config["accesslog"] == "-"

    monkeypatch.setenv("GUNICORN_WORKERS", "9")
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["workers"] == 9
