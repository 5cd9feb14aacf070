"""The embedded mode's secret key is its own, random, made once and kept from other users."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from django.conf import settings

from cms.secret_key import embedded_secret_key


def test_the_key_is_made_once_and_read_back_after(tmp_path):
    first = embedded_secret_key(tmp_path / "var")

    assert embedded_secret_key(tmp_path / "var") == first
    assert len(first) >= 50
    assert (tmp_path / "var" / "secret_key").read_text() == first
    assert stat.S_IMODE((tmp_path / "var" / "secret_key").stat().st_mode) == 0o600
    assert [p.name for p in (tmp_path / "var").iterdir()] == ["secret_key"]


def test_two_installations_get_two_keys(tmp_path):
    assert embedded_secret_key(tmp_path / "one") != embedded_secret_key(tmp_path / "two")


def test_the_embedded_settings_use_the_key_of_their_var_dir(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    environment |= {"DJANGO_SETTINGS_MODULE": "cms.settings.dev", "VAR_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.SECRET_KEY)"],
        cwd=Path(settings.BASE_DIR),
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == (tmp_path / "secret_key").read_text()


def test_the_tests_sign_with_a_fixed_key():
    assert settings.SECRET_KEY == "tests-only-fixed-secret-key-never-used-elsewhere-0123456789"
