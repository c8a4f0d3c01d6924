"""The CPython source: a checkout (folder) or a release tarball.

Only the DSL inputs are required. When the source is a full checkout or
tarball, CPython's own generated outputs are taken too, as extra parity
references.
"""
from __future__ import annotations

import tarfile
from pathlib import Path

from ..errors import CasesgenError

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

HOW_TO = ("point tool.casesgen.cpython or CASESGEN_CPYTHON at a CPython 3.14 checkout or "
          "Python-3.14.x.tar.xz (tests default to ~/.cache/casesgen/cpython-3.14; "
          "docs/inputs.md lists the expected sha256)")


def is_tarball(path: Path) -> bool:
    return path.name.endswith((".tar.xz", ".tgz", ".tar.gz"))


def missing(source: Path) -> list[str]:
    """Required files the source lacks (all of them when it does not exist)."""
    if is_tarball(source):
        return [] if source.is_file() else list(REQUIRED)
    return [rel for rel in REQUIRED if not (source / rel).is_file()]


def require(source: Path) -> None:
    gone = missing(source)
    if gone:
        where = source / gone[0] if not is_tarball(source) else source
        raise CasesgenError(f"missing CPython input {gone[0]}: {HOW_TO}", str(where))


def dependency_files(source: Path) -> list[Path]:
    """What the vendor task depends on in the source (existing files only)."""
    if is_tarball(source):
        return [source] if source.is_file() else []
    return [source / rel for rel in (*REQUIRED, *CHECKOUT_OUTPUTS) if (source / rel).is_file()]


def read(source: Path) -> dict[str, bytes]:
    """rel path -> bytes for every required file and every checkout output present."""
    require(source)
    found: dict[str, bytes] = {}
    if is_tarball(source):
        try:
            with tarfile.open(source) as tar:
                for member in tar.getmembers():
                    parts = member.name.split("/", 1)
                    if len(parts) == 2 and parts[1] in (*REQUIRED, *CHECKOUT_OUTPUTS) and member.isfile():
                        found[parts[1]] = tar.extractfile(member).read()
        except (tarfile.TarError, OSError, EOFError) as e:
            raise CasesgenError(f"cannot read tarball: {e}", str(source)) from None
        for rel in REQUIRED:
            if rel not in found:
                raise CasesgenError(f"tarball has no */{rel}: {HOW_TO}", str(source))
    else:
        for rel in (*REQUIRED, *CHECKOUT_OUTPUTS):
            p = source / rel
            if p.is_file():
                found[rel] = p.read_bytes()
    return found
