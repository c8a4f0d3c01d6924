"""The CPython source: a checkout (folder), a release tarball, or a tarball's https:// URL.

Only the DSL inputs are required. When the source is a full checkout or tarball, CPython's own
generated outputs are taken too, as parity references that belong to this source, and
``Include/patchlevel.h`` says which version it is.
"""
from __future__ import annotations

import re
import tarfile
from pathlib import Path

from ..errors import CasesgenError, UsageError
from . import download

# Inputs casesgen cannot work without.
REQUIRED = (
    "Python/bytecodes.c",
    "Python/optimizer_bytecodes.c",
    "Include/internal/pycore_code.h",
)
# CPython's own generator outputs, compared with ours when the source has them.
CHECKOUT_OUTPUTS = (
    "Include/opcode_ids.h",
    "Include/internal/pycore_opcode_metadata.h",
    "Include/internal/pycore_uop_ids.h",
    "Include/internal/pycore_uop_metadata.h",
    "Python/generated_cases.c.h",
    "Python/executor_cases.c.h",
    "Python/optimizer_cases.c.h",
    "Python/opcode_targets.h",
    "Lib/_opcode_metadata.py",
)
# Where a checkout or a release tarball says its version (PY_VERSION).
PATCHLEVEL = "Include/patchlevel.h"
READ = (*REQUIRED, *CHECKOUT_OUTPUTS, PATCHLEVEL)

# The 3.14.10 release tarball: the default source when the local folder does not hold the inputs.
RELEASE_URL = "https://www.python.org/ftp/python/3.14.10/Python-3.14.10.tar.xz"

# bytecodes.c files (sha256) for which CPython's generator is measured to reproduce the headers
# Debian ships for that version byte for byte (docs/inputs.md). A folder without
# Include/patchlevel.h counts as Debian's version only when it holds one of these.
REPRODUCES_DEBIAN = {
    "3.14.10": frozenset({"3b4f8d958b7f24f741f8a3fd17ede2244986f1197032f0ec95f357208bc32e67"}),
}

HOW_TO = ("point tool.casesgen.cpython or CASESGEN_CPYTHON at a CPython 3.14 checkout, a "
          "Python-3.14.x.tar.xz or its https:// URL (docs/inputs.md lists the pinned inputs and their sha256)")


def is_tarball(path: Path) -> bool:
    return path.name.endswith((".tar.xz", ".tgz", ".tar.gz"))


def missing(source: Path | str) -> list[str]:
    """Required files a local source lacks (all of them when it does not exist; none for a URL)."""
    if download.is_url(source):
        return []
    if is_tarball(source):
        return [] if source.is_file() else list(REQUIRED)
    return [rel for rel in REQUIRED if not (source / rel).is_file()]


def choose(specs: list[str]) -> Path | str:
    """The first usable source of a list: a URL, or a local path that holds the inputs.

    When none is usable the first is returned, so that the error names what the user set.
    """
    resolved = [s if download.is_url(s) else Path(s).expanduser() for s in specs]
    return next((s for s in resolved if not missing(s)), resolved[0])


def describe(source: Path | str) -> str:
    return source if download.is_url(source) else str(source)


def require(source: Path | str, how: str = HOW_TO) -> None:
    """Refuse a local source that lacks a required input, naming it and saying `how` to fix that."""
    gone = missing(source)
    if gone:
        where = source / gone[0] if not is_tarball(source) else source
        raise UsageError(f"missing CPython input {gone[0]}: {how}", str(where))


def dependency_files(source: Path | str) -> list[Path]:
    """What the vendor task depends on in the source (existing files only; a URL's cached copy)."""
    if download.is_url(source):
        cached = download.cached_path(source)
        return [cached] if cached.is_file() else []
    if is_tarball(source):
        return [source] if source.is_file() else []
    return [source / rel for rel in READ if (source / rel).is_file()]


def read(source: Path | str, pinned_download: str | None = None, log=print) -> tuple[dict[str, bytes], str | None]:
    """rel path -> bytes for every required file and every output or patchlevel.h present, and the
    sha256 of the downloaded tarball when the source is a URL."""
    sha = None
    if download.is_url(source):
        source, sha = download.fetch(source, pinned_download, log)
    require(source)
    found: dict[str, bytes] = {}
    if is_tarball(source):
        try:
            with tarfile.open(source) as tar:
                for member in tar.getmembers():
                    parts = member.name.split("/", 1)
                    if len(parts) == 2 and parts[1] in READ and member.isfile():
                        found[parts[1]] = tar.extractfile(member).read()
        except (tarfile.TarError, OSError, EOFError) as e:
            raise CasesgenError(f"cannot read tarball: {e}", str(source)) from None
        for rel in REQUIRED:
            if rel not in found:
                raise CasesgenError(f"tarball has no */{rel}: {HOW_TO}", str(source))
    else:
        for rel in READ:
            p = source / rel
            if p.is_file():
                found[rel] = p.read_bytes()
    return found, sha


def acquire(source: Path | str, pinned_download: str | None, generator_version: str,
            log=print) -> tuple[dict[str, bytes], str | None, str | None]:
    """read(), plus the version the source's Include/patchlevel.h gives (None without one), refused
    unless it is of the generator's CPython line."""
    files, sha = read(source, pinned_download, log)
    if PATCHLEVEL not in files:
        return files, sha, None
    where = f"{describe(source)}/{PATCHLEVEL}"
    version = patchlevel_version(files[PATCHLEVEL].decode("utf-8", "replace"))
    if version is None:
        raise CasesgenError("no #define PY_VERSION", where)
    require_line(version, generator_version, where)
    return files, sha, version


def patchlevel_version(text: str) -> str | None:
    """PY_VERSION of Include/patchlevel.h ("3.14.10", "3.14.10+", "3.15.0a1")."""
    m = re.search(r'^#define\s+PY_VERSION\s+"([^"]+)"', text, re.M)
    return m.group(1) if m else None


def line_of(version: str) -> str:
    """3.14.10+ -> 3.14"""
    return ".".join(version.split(".")[:2])


def require_line(version: str, generator_version: str, where: str) -> None:
    """casesgen's generator and analysis are one CPython line's: refuse a source of another."""
    if line_of(version) != line_of(generator_version):
        raise UsageError(f"the source is CPython {version} but the vendored generator is CPython {generator_version}'s; "
                         f"casesgen needs a {line_of(generator_version)}-line source", where)


def debian_applies(version: str, version_from: str, bytecodes_sha256: str, debian_version: str) -> tuple[bool, str]:
    """Whether Debian's shipped headers are parity references for this source, and why (not)."""
    if version_from == PATCHLEVEL:
        if version == debian_version:
            return True, f"the source is CPython {version}, the version Debian ships"
        return False, f"the source is CPython {version} and Debian ships {debian_version}"
    if bytecodes_sha256 in REPRODUCES_DEBIAN.get(debian_version, ()):
        return True, f"bytecodes.c is the DSL Debian's {debian_version} headers are generated from"
    return False, (f"bytecodes.c (sha256 {bytecodes_sha256[:12]}...) is not a DSL casesgen knows Debian's "
                   f"{debian_version} headers are generated from")
