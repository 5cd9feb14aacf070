"""Machine translation: DeepL where a key is configured; the offline dummy only in dev."""

import json
import subprocess
import sys

import pytest
from django.conf import settings


def translator_class(settings_module, **environment):
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(getattr(settings, 'WAGTAILLOCALIZE_MACHINE_TRANSLATOR', {})"
        ".get('CLASS')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": settings_module,
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "newsroom.example.org",
            "CACHE_URL": "redis://127.0.0.1:6379/1",
            **environment,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("settings_module", ["cms.settings.production", "cms.settings.dev"])
def test_a_deepl_key_turns_on_deepl(settings_module):
    chosen = translator_class(settings_module, DEEPL_AUTH_KEY="key:fx", VAR_DIR="/tmp/x")
    assert chosen == "wagtail_localize.machine_translators.deepl.DeepLTranslator"


def test_without_a_key_production_offers_no_machine_translation():
    assert translator_class("cms.settings.production", VAR_DIR="/tmp/x") is None


def test_without_a_key_dev_offers_the_offline_dummy():
    chosen = translator_class("cms.settings.dev", VAR_DIR="/tmp/x")
    assert chosen == "wagtail_localize.machine_translators.dummy.DummyTranslator"
