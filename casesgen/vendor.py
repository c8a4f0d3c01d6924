"""inputs/ and casesgen.lock.

``vendor`` gathers every CPython input into a staging map, checks it against
the committed lock, and only then replaces ``inputs/`` file by file (each an
atomic rename). A hash that differs from the lock is refused until the user
re-pins on purpose with ``casesgen relock``.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .config import Config
from .errors import CasesgenError
from .fsutil import sha256_file, write_atomic, write_if_changed
from .sources import cpython, debian, download
from .sources.debian import Debian

LOCK_FORMAT = 1
GENERATOR_DIR = "Tools/cases_generator"
EXAMPLES = "usr/share/doc/python3.14/examples/cases_generator"
DEB_INCLUDE = "usr/include/python3.14"
# Debian file -> where it goes in inputs/ (reference/debian/ holds shipped generator outputs).
DEBIAN_FILES = {
    f"{DEB_INCLUDE}/opcode_ids.h": "reference/debian/Include/opcode_ids.h",
    f"{DEB_INCLUDE}/internal/pycore_opcode_metadata.h": "reference/debian/Include/internal/pycore_opcode_metadata.h",
    f"{DEB_INCLUDE}/internal/pycore_uop_ids.h": "reference/debian/Include/internal/pycore_uop_ids.h",
    f"{DEB_INCLUDE}/internal/pycore_uop_metadata.h": "reference/debian/Include/internal/pycore_uop_metadata.h",
    "usr/lib/python3.14/_opcode_metadata.py": "reference/debian/Lib/_opcode_metadata.py",
    "usr/lib/python3.14/test/test_generated_cases.py": "Lib/test/test_generated_cases.py",
}
# Files that are references only (present when the source is a full checkout): not pinned.
UNPINNED_PREFIX = "reference/checkout/"


def source_manifest(cfg: Config) -> Path:
    """What vendor learnt about the source: its version and where that came from, whether Debian's
    headers are references for it (and why), and the sha256 of the references it ships itself."""
    return cfg.cache / "vendor" / "source.json"


def version_file(cfg: Config) -> Path:
    """The source's CPython version alone: what the analysis (and every generated header) depends on,
    so that re-pinning an edited file does not redo the analysis of the others."""
    return cfg.cache / "vendor" / "cpython_version"


def read_source_manifest(cfg: Config) -> dict:
    try:
        return json.loads(source_manifest(cfg).read_text())
    except (FileNotFoundError, json.JSONDecodeError):
        raise CasesgenError("no source manifest; run `doit vendor`", str(source_manifest(cfg))) from None


def debian_stamp(cfg: Config) -> Path:
    """Written after the .debs are extracted: their hashes (so an unchanged set is not re-extracted)."""
    return cfg.cache / "debian" / "root.stamp"


def include_dirs(cfg: Config) -> list[Path]:
    """Debian's installed CPython headers (Python.h, pyconfig.h, internal/)."""
    inc = cfg.cache / "debian" / "root" / "usr" / "include"
    return [inc / "python3.14", inc / "python3.14" / "internal", inc]


def read_lock(cfg: Config) -> dict | None:
    try:
        text = cfg.lock_path.read_text()
    except FileNotFoundError:
        return None
    try:
        lock = json.loads(text)
    except json.JSONDecodeError as e:
        raise CasesgenError(f"lock is not valid JSON: {e.msg}", str(cfg.lock_path), e.lineno) from None
    if not isinstance(lock, dict) or lock.get("format") != LOCK_FORMAT or not isinstance(lock.get("files"), dict):
        raise CasesgenError(f"lock has no format {LOCK_FORMAT} 'files' table; run `casesgen relock`", str(cfg.lock_path))
    return lock


def lock_text(lock: dict) -> str:
    return json.dumps(lock, indent=2, sort_keys=True) + "\n"


def download_pin(lock: dict | None, source: Path | str) -> str | None:
    """The sha256 the lock pins for a URL source (None for a local one, or a URL not pinned yet)."""
    return (lock or {}).get("downloads", {}).get(source) if download.is_url(source) else None


def source_version(cfg: Config, patchlevel: str | None, lock: dict | None) -> tuple[str, str]:
    """The source's CPython version and where it was read: Include/patchlevel.h in a checkout or
    tarball, else the lock, else (a first lock of a bare folder) the vendored generator's."""
    if patchlevel is not None:
        return patchlevel, cpython.PATCHLEVEL
    if lock is not None and lock.get("cpython_version"):
        cpython.require_line(lock["cpython_version"], cfg.generator_version, str(cfg.lock_path))
        return lock["cpython_version"], cfg.lock_path.name
    return cfg.generator_version, "the vendored generator (no Include/patchlevel.h, no lock)"


def gather(cfg: Config, lock: dict | None, log=print) -> tuple[dict[str, tuple[bytes, str]], dict[str, dict], dict]:
    """Every vendored file (inputs-relative path -> (bytes, origin)), the pinned .debs, and what
    the source is (version, download, references)."""
    url = cfg.cpython if download.is_url(cfg.cpython) else None
    pin = download_pin(lock, cfg.cpython)
    files, tarball_sha, patchlevel = cpython.acquire(cfg.cpython, pin, cfg.generator_version, log)
    version, version_from = source_version(cfg, patchlevel, lock)
    applies, why = cpython.debian_applies(version, version_from,
                                          hashlib.sha256(files["Python/bytecodes.c"]).hexdigest(), cfg.generator_version)
    source = {"source": cpython.describe(cfg.cpython), "version": version, "version_from": version_from,
              "debian_reference": {"applies": applies, "why": why},
              "downloads": {url: tarball_sha} if url else {}}
    if url and not pin:
        log(f"vendor: {url} (sha256 {tarball_sha}) is not pinned in {cfg.lock_path.name}; its files are checked "
            "against the lock's pins (`casesgen relock` pins the tarball too)")
    staged: dict[str, tuple[bytes, str]] = {}
    for rel, data in files.items():
        if rel in cpython.REQUIRED:
            staged[rel] = (data, f"cpython:{rel}")
        elif rel != cpython.PATCHLEVEL:
            staged[UNPINNED_PREFIX + rel] = (data, f"cpython:{rel}")
    deb = Debian(cfg.cache, cfg.debian_version, cfg.debian_mirror, log)
    debs = deb.fetch()
    hashes = {name: sha256_file(path) for name, path in sorted(debs.items())}
    stamp = json.dumps(hashes, indent=1, sort_keys=True) + "\n"
    stamp_path = debian_stamp(cfg)
    if deb.root.is_dir() and stamp_path.is_file() and stamp_path.read_text() == stamp:
        root = deb.root
    else:
        root = deb.extract(debs)
        write_atomic(stamp_path, stamp)
        log(f"vendor: extracted {len(debs)} Debian packages into {root}")
    gen = root / EXAMPLES
    scripts = sorted(gen.glob("*.py")) if gen.is_dir() else []
    if not scripts:
        raise CasesgenError("python3.14-examples has no cases_generator/*.py", str(debs["python3.14-examples"]))
    for p in scripts:
        staged[f"{GENERATOR_DIR}/{p.name}"] = (p.read_bytes(), "debian:python3.14-examples")
    for src, dest in DEBIAN_FILES.items():
        p = root / src
        if not p.is_file():
            raise CasesgenError(f"Debian packages lack {src}", str(root))
        package = "libpython3.14-testsuite" if "test/" in src else (
            "libpython3.14-minimal" if src.endswith(".py") else "libpython3.14-dev")
        staged[dest] = (p.read_bytes(), f"debian:{package}")
    pinned = {name: {"version": Debian.deb_version(path), "sha256": hashes[name]}
              for name, path in debs.items() if name in debian.PINNED}
    return staged, pinned, source


def new_lock(cfg: Config, staged: dict[str, tuple[bytes, str]], debs: dict[str, dict], source: dict,
             old: dict | None) -> dict:
    return {
        "format": LOCK_FORMAT,
        "cpython_version": source["version"],
        "debian_version": cfg.debian_version,
        "debs": debs,
        "downloads": {**(old or {}).get("downloads", {}), **source["downloads"]},
        "files": {rel: {"sha256": hashlib.sha256(data).hexdigest(), "origin": origin}
                  for rel, (data, origin) in sorted(staged.items()) if not rel.startswith(UNPINNED_PREFIX)},
    }


def compare_with_lock(cfg: Config, lock: dict, fresh: dict) -> None:
    """Refuse any difference between what was gathered and what the lock pins."""
    relock = "run `casesgen relock` to re-pin on purpose"
    for key in ("cpython_version", "debian_version"):
        if lock.get(key) != fresh[key]:
            raise CasesgenError(f"{key} is {fresh[key]} but the lock pins {lock.get(key)}; {relock}", str(cfg.lock_path))
    for name, entry in sorted(fresh["debs"].items()):
        pinned = lock.get("debs", {}).get(name)
        if pinned and pinned != entry:
            raise CasesgenError(f"{name}.deb sha256 {entry['sha256']} differs from the lock's {pinned['sha256']}; {relock}",
                                str(cfg.cache / "debian" / "debs"))
    for rel, entry in sorted(fresh["files"].items()):
        pinned = lock["files"].get(rel)
        if pinned is None:
            raise CasesgenError(f"{rel} is not in the lock; {relock}", str(cfg.lock_path))
        if pinned["sha256"] != entry["sha256"]:
            raise CasesgenError(
                f"sha256 {entry['sha256']} differs from the lock's {pinned['sha256']} ({entry['origin']}); {relock}", rel)
    for rel in sorted(set(lock["files"]) - set(fresh["files"])):
        raise CasesgenError(f"the lock pins {rel} but the sources no longer provide it; {relock}", str(cfg.lock_path))


def vendor(cfg: Config, relock: bool = False, log=print) -> None:
    lock = read_lock(cfg)
    staged, debs, source = gather(cfg, lock, log)
    fresh = new_lock(cfg, staged, debs, source, lock)
    if lock is not None and not relock:
        compare_with_lock(cfg, lock, fresh)
    # Verified: now replace inputs/ file by file.
    for rel, (data, _) in sorted(staged.items()):
        write_if_changed(cfg.inputs / rel, data)
    for stale in sorted(p for p in cfg.inputs.rglob("*") if p.is_file()):
        if stale.relative_to(cfg.inputs).as_posix() not in staged:
            stale.unlink()
    # The unpinned checkout references change with the source; downstream tasks depend on this file.
    source["checkout_references"] = {rel: hashlib.sha256(data).hexdigest() for rel, (data, _) in sorted(staged.items())
                                     if rel.startswith(UNPINNED_PREFIX)}
    write_if_changed(source_manifest(cfg), json.dumps(source, indent=1, sort_keys=True) + "\n")
    write_if_changed(version_file(cfg), source["version"] + "\n")
    if lock is None or relock:
        write_atomic(cfg.lock_path, lock_text(fresh))
        log(f"vendor: wrote {cfg.lock_path.name} ({len(fresh['files'])} files pinned)")
    log(f"vendor: {len(staged)} files in inputs/ match {cfg.lock_path.name}; CPython {source['version']} "
        f"(from {source['version_from']})")


def verify_inputs(cfg: Config, rels: list[str] | None = None) -> dict[str, str]:
    """Refuse an inputs/ file that differs from the lock (tampering or a stale copy);
    return the verified sha256 of each file checked."""
    lock = read_lock(cfg)
    if lock is None:
        raise CasesgenError("no lock; run `doit vendor` first", str(cfg.lock_path))
    verified = {}
    for rel in rels if rels is not None else sorted(lock["files"]):
        entry = lock["files"].get(rel)
        path = cfg.inputs / rel
        if entry is None:
            raise CasesgenError(f"{rel} is not in the lock; run `casesgen relock`", str(cfg.lock_path))
        if not path.is_file():
            raise CasesgenError("missing vendored input; run `doit vendor`", str(path))
        actual = sha256_file(path)
        if actual != entry["sha256"]:
            raise CasesgenError(f"sha256 {actual} differs from the lock's {entry['sha256']}; "
                                "rerun `doit vendor` or `casesgen relock` to re-pin on purpose", str(path))
        verified[rel] = actual
    return verified


def pinned_inputs(cfg: Config) -> list[Path]:
    """Every locked file's path under inputs/ (the vendor task's targets)."""
    lock = read_lock(cfg)
    if lock is None:
        return []
    return [cfg.inputs / rel for rel in sorted(lock["files"])]


def pinned(cfg: Config, prefix: str) -> list[str]:
    """Lock-listed inputs/ paths under prefix: known before vendor runs, so file_dep is stable."""
    return [str(p) for p in pinned_inputs(cfg) if p.relative_to(cfg.inputs).as_posix().startswith(prefix)]

