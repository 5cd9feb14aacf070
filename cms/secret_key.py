"""The embedded mode's secret key: random, made once per installation and kept in VAR_DIR.

A key written in the source would let anyone who reads it forge sessions, password-reset links
and every other signed token. Production never comes here: it requires SECRET_KEY."""

import os
import secrets
from pathlib import Path

KEY_FILE_NAME = "secret_key"


def embedded_secret_key(var_dir):
    """The key in `var_dir`/secret_key, made (readable by its owner only) if there is none.
    The web process and the scheduler may start together: the file appears whole or not at
    all (written aside, then linked into place), and whoever comes second reads the first's."""
    var_dir = Path(var_dir)
    path = var_dir / KEY_FILE_NAME
    if path.exists():
        return path.read_text().strip()
    var_dir.mkdir(parents=True, exist_ok=True)
    draft = var_dir / f".{KEY_FILE_NAME}.{os.getpid()}.{secrets.token_hex(4)}"
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(secrets.token_urlsafe(50))
    try:
        os.link(draft, path)
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return path.read_text().strip()
