"""The environment `deploy/local/stack` wrote for the stack's processes (var/stack/env), for the
scripts that talk to the running stack."""

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent


def stack_environment():
    """KEY=VALUE lines of the stack's env file, as a dict; STACK_DIR may point elsewhere."""
    env_file = Path(os.environ.get("STACK_DIR", PROJECT_DIR / "var" / "stack")) / "env"
    if not env_file.exists():
        raise SystemExit(f"{env_file} is missing: start the stack first (make stack)")
    values = {}
    for line in env_file.read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            values[name] = value
    return values


def use_stack_settings():
    """Set up Django in this process exactly as the stack's processes are."""
    os.environ.update(stack_environment())
    import sys

    sys.path.insert(0, str(PROJECT_DIR))
    import django

    django.setup()
