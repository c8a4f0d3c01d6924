"""Debian sid packages, fetched with a private apt configuration.

The machine's apt setup is never touched: the mirror is read from its sources
(or taken from ``debian_mirror``), and lists, .debs and the extracted trees
live under ``cache/debian/``.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

from ..errors import CasesgenError

# Packages whose version is pinned by ``debian_version``: they carry the
# generator, the shipped headers, the test suite and the interpreter.
PINNED = (
    "python3.14-examples",
    "libpython3.14-dev",
    "libpython3.14-testsuite",
    "python3.14-minimal",
    "libpython3.14-minimal",
    "libpython3.14-stdlib",
)
# Runtime libraries the 3.14 interpreter needs from sid (this machine's glibc is older).
RUNTIME = ("libc6", "zlib1g", "libexpat1", "libffi8")

APT_SOURCES = ("/etc/apt/sources.list.d", "/etc/apt/sources.list")


def mirror_from_apt(paths=APT_SOURCES) -> str:
    """The first Debian archive URI in this machine's apt sources (deb822 or one-line)."""
    candidates: list[str] = []
    for base in paths:
        p = Path(base)
        files = sorted(p.glob("*.sources")) + sorted(p.glob("*.list")) if p.is_dir() else [p]
        for f in files:
            try:
                text = f.read_text(errors="replace")
            except OSError:
                continue
            for line in text.splitlines():
                line = line.strip()
                if line.startswith("URIs:"):
                    candidates += line.split()[1:]
                elif line.startswith("deb "):
                    words = [w for w in line.split()[1:] if not w.startswith("[")]
                    if words:
                        candidates.append(words[0])
    for uri in candidates:
        if re.search(r"/debian/?$", uri):
            return uri.rstrip("/")
    if candidates:
        return candidates[0].rstrip("/")
    raise CasesgenError(
        "no Debian mirror found in this machine's apt sources; set tool.casesgen.debian_mirror",
        APT_SOURCES[0])


class Debian:
    def __init__(self, cache: Path, version: str, mirror: str = "", log=print):
        self.dir = cache / "debian"
        self.debs = self.dir / "debs"
        self.root = self.dir / "root"
        self.version = version
        self.mirror = mirror
        self.user_cache = Path(os.path.expanduser(os.environ.get("CASESGEN_DEB_CACHE") or "~/.cache/casesgen/debs"))
        self.log = log

    def _apt_options(self) -> list[str]:
        apt = self.dir / "apt"
        return [
            "-o", f"Dir::Etc::SourceList={apt / 'sources.list'}",
            "-o", "Dir::Etc::SourceParts=/dev/null",
            "-o", f"Dir::State::Lists={apt / 'lists'}",
            "-o", f"Dir::Cache={apt / 'cache'}",
            "-o", "APT::Sandbox::User=root",
            "-o", "Debug::NoLocking=1",
        ]

    def _apt(self, *args: str, cwd: Path | None = None) -> None:
        if shutil.which("apt-get") is None:
            raise CasesgenError("apt-get not found; casesgen needs Debian's apt to fetch CPython's generator and headers")
        cmd = ["apt-get", "-q", *self._apt_options(), *args]
        r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
        if r.returncode != 0:
            lines = [l for l in (r.stderr + r.stdout).splitlines() if l.startswith(("E:", "W:"))]
            first = next((l for l in lines if l.startswith("E:")), lines[0] if lines else "exit %d" % r.returncode)
            raise CasesgenError(f"apt-get {args[0]} failed: {first}", str(self.dir / "apt" / "sources.list"))

    def update(self) -> None:
        apt = self.dir / "apt"
        for sub in ("lists/partial", "cache/archives/partial"):
            (apt / sub).mkdir(parents=True, exist_ok=True)
        mirror = self.mirror or mirror_from_apt()
        (apt / "sources.list").write_text(f"deb [trusted=yes] {mirror} sid main\n")
        self.log(f"vendor: apt-get update (private sid list under {apt})")
        self._apt("update")

    def deb_for(self, package: str, folder: Path | None = None) -> Path | None:
        version = self.version if package in PINNED else "*"
        hits = sorted(glob.glob(str((folder or self.debs) / f"{package}_{version.replace(':', '%3a')}_*.deb")))
        return Path(hits[-1]) if hits else None

    def fetch(self) -> dict[str, Path]:
        """Download (once) every package; return package -> .deb path.

        Downloads are also kept in a per-user folder (CASESGEN_DEB_CACHE, default
        ~/.cache/casesgen/debs): sid drops a version soon after the next one lands, and the
        lock pins the .debs by sha256, so a kept copy is as good as a fresh one.
        """
        self.debs.mkdir(parents=True, exist_ok=True)
        wanted = [*PINNED, *RUNTIME]
        for p in wanted:
            kept = self.deb_for(p, self.user_cache) if self.deb_for(p) is None else None
            if kept is not None:
                shutil.copy2(kept, self.debs / kept.name)
        missing = [p for p in wanted if self.deb_for(p) is None]
        if missing:
            self.update()
            specs = [f"{p}={self.version}" if p in PINNED else p for p in missing]
            self.log(f"vendor: downloading {len(specs)} Debian packages: {' '.join(missing)}")
            self._apt("download", *specs, cwd=self.debs)
            try:
                self.user_cache.mkdir(parents=True, exist_ok=True)
                for p in missing:
                    deb = self.deb_for(p)
                    if deb is not None and not (self.user_cache / deb.name).exists():
                        shutil.copy2(deb, self.user_cache / deb.name)
            except OSError:
                pass  # the per-user copy is an optimisation only
        debs = {}
        for p in wanted:
            deb = self.deb_for(p)
            if deb is None:
                raise CasesgenError(f"Debian package {p}={self.version if p in PINNED else 'any'} was not downloaded",
                                    str(self.debs))
            debs[p] = deb
        return debs

    def extract(self, debs: dict[str, Path]) -> Path:
        """Extract every .deb into one tree (rebuilt from scratch, then swapped in)."""
        staging = self.dir / "root.new"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        for package, deb in debs.items():
            r = subprocess.run(["dpkg-deb", "-x", str(deb), str(staging)], capture_output=True, text=True)
            if r.returncode != 0:
                raise CasesgenError(f"dpkg-deb could not extract {package}: {r.stderr.strip()}", str(deb))
        old = self.dir / "root.old"
        shutil.rmtree(old, ignore_errors=True)
        if self.root.exists():
            self.root.rename(old)
        staging.rename(self.root)
        shutil.rmtree(old, ignore_errors=True)
        return self.root

    @staticmethod
    def deb_version(deb: Path) -> str:
        # NAME_VERSION_ARCH.deb, version with ':' escaped as %3a
        return deb.name.split("_")[1].replace("%3a", ":")


def interpreter(root: Path) -> tuple[list[str], dict[str, str]]:
    """argv prefix and environment that run sid's python3.14 through sid's own loader.

    The interpreter needs a newer glibc than the host's, so it is started by
    sid's ld.so with sid's libraries first on the search path.
    """
    lib = root / "usr/lib/x86_64-linux-gnu"
    loader = lib / "ld-linux-x86-64.so.2"
    exe = root / "usr/bin/python3.14"
    for p in (loader, exe):
        if not p.exists():
            raise CasesgenError("the vendored CPython 3.14 interpreter is missing; run `doit vendor`", str(p))
    return ([str(loader), "--library-path", str(lib), str(exe)],
            {"PYTHONHOME": str(root / "usr"), "PYTHONDONTWRITEBYTECODE": "1"})
