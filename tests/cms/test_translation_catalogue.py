"""Every interface string is translated into French, and none is missing from the catalogue."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"
SOURCE_FOLDERS = [
    "cms",
    "home",
    "newsroom",
    "videos",
    "users",
    "background",
    "newsletters",
    "search",
]


def test_every_french_entry_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))

    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def makefile_makemessages_arguments():
    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    line = next(line for line in makefile.splitlines() if line.startswith("MAKEMESSAGES :="))
    return line.split(":=", 1)[1].split()


@pytest.mark.slow
def test_makemessages_would_add_no_new_string(tmp_path):
    for folder in [*SOURCE_FOLDERS, "templates", "locale"]:
        shutil.copytree(Path(settings.BASE_DIR) / folder, tmp_path / folder)
    shutil.copy(Path(settings.BASE_DIR) / "manage.py", tmp_path)
    shutil.copy(Path(settings.BASE_DIR) / "Makefile", tmp_path)

    subprocess.run(
        [sys.executable, "manage.py", *makefile_makemessages_arguments()],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
    )

    before = {entry.msgid for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete}
    after = {
        entry.msgid
        for entry in polib.pofile(str(tmp_path / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
        if not entry.obsolete
    }
    assert sorted(after - before) == [], "run `make extract-messages` and translate"
    assert sorted(before - after) == [], "strings no longer used: run `make extract-messages`"
