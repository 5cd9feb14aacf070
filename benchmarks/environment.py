"""Django set up for a benchmark run: its own settings, files and database, never ./var."""

import atexit
import functools
import os
import shutil
import tempfile

SETTINGS_MODULE = "benchmarks.settings"


@functools.cache
def setup_django():
    """Configures Django on a throw-away VAR_DIR and migrates its database, once per process.

    A VAR_DIR given in the environment is used as it is (and kept); so is a DATABASE_URL.
    Without a VAR_DIR a temporary one is made even when DATABASE_URL is given, because media
    and the file cache would otherwise land in ./var.
    """
    if "VAR_DIR" not in os.environ:
        var_dir = tempfile.mkdtemp(prefix="newsroom-bench-")
        os.environ["VAR_DIR"] = var_dir
        # Only this process removes it: multiprocessing children leave through os._exit.
        atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = SETTINGS_MODULE
    # Wagtail logs every page it creates and publishes at INFO; that would bury real errors.
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django
    from django.core.management import call_command

    django.setup()
    # The data migrations make the HomePage (depth 2) and NewsIndexPage (depth 3).
    call_command("migrate", interactive=False, verbosity=0)
