"""A CPython release tarball named by URL, downloaded once into the per-user cache.

The file is kept under ``<user cache>/downloads/<sha256 of the URL>/<file name>``, written to
a temporary name and renamed when complete, so an interrupted download never looks finished.
When ``casesgen.lock`` pins the URL's sha256, a different file is refused in one line.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import CasesgenError, UsageError
from ..fsutil import sha256_file, write_atomic

URL_SCHEMES = ("https://", "http://")


def is_url(spec: str | Path) -> bool:
    return isinstance(spec, str) and spec.startswith(URL_SCHEMES)


def user_cache() -> Path:
    """casesgen's per-user cache: CASESGEN_USER_CACHE, else $XDG_CACHE_HOME/casesgen, else ~/.cache/casesgen."""
    explicit = os.environ.get("CASESGEN_USER_CACHE")
    if explicit:
        return Path(os.path.expanduser(explicit))
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return Path(base) / "casesgen"


def cached_path(url: str) -> Path:
    name = os.path.basename(urlsplit(url).path) or "download"
    return user_cache() / "downloads" / hashlib.sha256(url.encode()).hexdigest()[:16] / name


def fetch(url: str, pinned_sha256: str | None, log=print) -> tuple[Path, str]:
    """The local copy of url (downloaded unless cached) and its sha256, checked against the pin."""
    path = cached_path(url)
    if not path.is_file():
        download(url, path, log)
    actual = sha256_file(path)
    if pinned_sha256 and actual != pinned_sha256:
        raise CasesgenError(f"{url} has sha256 {actual} but casesgen.lock pins {pinned_sha256}; delete this copy to "
                            "download again, or run `casesgen relock` to re-pin on purpose", str(path))
    return path, actual


def download(url: str, dest: Path, log=print, step: float = 0.1) -> None:
    """Stream url into dest (atomically), printing progress every `step` of the file or every 2 s."""
    import urllib.error  # only a download needs the HTTP client (35 ms to import, on every doit run)
    import urllib.request
    try:
        response = urllib.request.urlopen(url, timeout=60)
    except urllib.error.HTTPError as e:
        raise UsageError(f"cannot download {url}: HTTP {e.code} {e.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as e:
        raise UsageError(f"cannot download {url}: {getattr(e, 'reason', None) or e}") from None
    total = int(response.headers.get("Content-Length") or 0)
    chunks, done, shown, last = [], 0, 0.0, time.monotonic()
    log(f"download: {url} ({total / 1e6:.1f} MB)" if total else f"download: {url}")
    try:
        with response:
            while chunk := response.read(1 << 16):
                chunks.append(chunk)
                done += len(chunk)
                now = time.monotonic()
                if total and (done / total - shown >= step or now - last >= 2) and done < total:
                    shown, last = done / total, now
                    log(f"download: {done / 1e6:.1f} of {total / 1e6:.1f} MB ({100 * done // total}%)")
    except (urllib.error.URLError, OSError) as e:
        raise UsageError(f"download of {url} broke off after {done} bytes: {e}") from None
    if total and done != total:
        raise UsageError(f"download of {url} broke off after {done} of {total} bytes")
    write_atomic(dest, b"".join(chunks))
    log(f"download: {done / 1e6:.1f} MB -> {dest}")
    sys.stdout.flush()
