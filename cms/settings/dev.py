"""The embedded default: what `make run` uses on a fresh machine."""

from .base import *  # noqa: F403

# Static files straight from the source folders: no collectstatic step before `make run`.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
