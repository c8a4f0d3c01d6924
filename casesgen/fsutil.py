"""Small file helpers: atomic writes and hashing.

Every output is written to a temporary file in the destination folder and
renamed over the target, so a killed run leaves either the old or the new
file, never a partial one.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_atomic(path: Path, data: str | bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """Write atomically unless the file already holds exactly these bytes."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    path = Path(path)
    if path.is_file() and path.read_bytes() == raw:
        return False
    write_atomic(path, raw)
    return True
