"""The embedded default: what `make run` uses on a fresh machine."""

from .base import *  # noqa: F403

# Static files straight from the source folders: no collectstatic step before `make run`.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Offline machine translation for trying the translator's workflow without a DeepL key. It only
# reverses words; production offers DeepL when DEEPL_AUTH_KEY is set, and nothing otherwise.
if not DEEPL_AUTH_KEY:  # noqa: F405
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
    }
