"""The setup step that settings no longer do: folders and keys, created once, never overwritten.

    uv run --frozen python -m netra.prepare                 # bin/setup runs it (development)
    NETRA_ENV=production ... python -m netra.prepare        # once, on a new installation

Creates NETRA_VAR_DIR (default ``var/``), the static and (without an object store) media folders,
and the secret, identity and receipt keys where settings look for them (``SECRET_KEY_FILE``,
``NETRA_IDENTITY_KEY_FILE``, ``NETRA_RECEIPT_KEY_FILE``, default under ``var/``) unless the
environment holds them. Files are written with O_EXCL and mode 600: two processes starting together
cannot write different keys, and an existing key is never replaced. Needs no Django settings, so it
runs before a production configuration is complete.
"""

from __future__ import annotations

import argparse
import base64
import os
import secrets
import sys
from collections.abc import Mapping
from pathlib import Path

from netra import production

BASE_DIR = Path(__file__).resolve().parent.parent


def _fernet_key() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode()


def write_once(path: Path, content: str) -> bool:
    """Write ``content`` to a new file readable only by its owner; False if it already exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w") as f:
        f.write(content)
    return True


def prepare(environ: Mapping[str, str]) -> list[str]:
    """Create what is missing; return what was created, one line each."""
    var_dir = Path(environ.get("NETRA_VAR_DIR") or BASE_DIR / "var")
    created: list[str] = []
    folders = [var_dir, Path(environ.get("STATIC_ROOT") or var_dir / "static")]
    if not environ.get("NETRA_S3_BUCKET"):
        folders.append(Path(environ.get("MEDIA_ROOT") or var_dir / "media"))
    for folder in folders:
        if not folder.is_dir():
            folder.mkdir(parents=True)
            created.append(f"folder {folder}")
    keys = [
        ("SECRET_KEY", production.secret_key_file(environ, var_dir), secrets.token_urlsafe(50)),
        (
            "NETRA_IDENTITY_KEY",
            production.key_file(environ, var_dir, "identity"),
            _fernet_key(),
        ),
        (
            "NETRA_RECEIPT_KEY",
            production.key_file(environ, var_dir, "receipt"),
            secrets.token_hex(32),
        ),
    ]
    for env_name, path, value in keys:
        if environ.get(env_name, "").strip():
            continue  # the environment holds it
        if write_once(path, value):
            created.append(f"key {path}")
    return created


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)
    created = prepare(os.environ)
    if not args.quiet:
        for line in created:
            print(f"prepare: created {line}")
        if any(line.startswith("key") for line in created):
            print(
                "prepare: back up the new keys now, apart from the database backups "
                f"({production.KEYS_HELP})."
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
