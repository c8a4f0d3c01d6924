"""Reads ``[tool.casesgen]`` from pyproject.toml.

Unknown keys are refused by name: a typo must not silently fall back to a
default.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib  # type: ignore[no-redef]

from .errors import CasesgenError

# The Go files casesgen writes, by emitter name, with their default place in the Go tree.
DEFAULT_LAYOUT = {
    "opcode_ids": "compile/opcode_ids_gen.go",
    "opcode_metadata": "compile/opcode_metadata_gen.go",
    "uop_ids": "compile/uop_ids_gen.go",
    "uop_metadata": "compile/uop_metadata_gen.go",
    "family": "specialize/family_gen.go",
    "cache_layouts": "specialize/cache_layouts_gen.go",
}

DEFAULTS = {
    "cpython": "~/.cache/casesgen/cpython-3.14",
    "debian_version": "3.14.10-1",
    "debian_mirror": "",
    "go_tree": "tests/go",
    "go_module": "gopy.example/gopy",
}


@dataclass(frozen=True)
class Config:
    root: Path
    cpython: Path
    debian_version: str
    debian_mirror: str
    go_tree: Path
    go_module: str
    layout: dict[str, str] = field(default_factory=dict)

    @property
    def cpython_version(self) -> str:
        """Upstream version of the Debian packages: 3.14.10-1 -> 3.14.10."""
        return self.debian_version.split("-")[0].split("+")[0]

    @property
    def inputs(self) -> Path:
        return self.root / "inputs"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def out(self) -> Path:
        return self.root / "out"

    @property
    def lock_path(self) -> Path:
        return self.root / "casesgen.lock"


def _line_of(text: str, key: str, after: str | None = None) -> int | None:
    """Line of `key = ...` (or of a `[table]` header named key) in pyproject.toml, for messages."""
    lines = text.splitlines()
    start = 0
    if after:
        start = next((i for i, l in enumerate(lines) if l.strip() == after), 0)
    for i in range(start, len(lines)):
        stripped = lines[i].strip()
        if stripped.split("=")[0].strip() == key or stripped.strip("[]").split(".")[-1] == key and stripped.startswith("["):
            return i + 1
    return None


def load(root: Path | str = ".") -> Config:
    root = Path(root).resolve()
    pyproject = root / "pyproject.toml"
    try:
        with open(pyproject, "rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        raise CasesgenError("no pyproject.toml here; run from the casesgen project folder", str(pyproject)) from None
    except tomllib.TOMLDecodeError as e:
        import re
        at = re.search(r"\(at line (\d+), column \d+\)", str(e))
        line = int(at.group(1)) if at else getattr(e, "lineno", None)
        msg = str(e).split(" (at line")[0]
        raise CasesgenError(f"bad TOML: {msg}", str(pyproject), line) from None
    text = pyproject.read_text()
    section = data.get("tool", {}).get("casesgen", {})
    if not isinstance(section, dict):
        raise CasesgenError("[tool.casesgen] must be a table", str(pyproject))
    settings = dict(DEFAULTS)
    layout = dict(DEFAULT_LAYOUT)
    for key, value in section.items():
        if key == "layout":
            if not isinstance(value, dict):
                raise CasesgenError("[tool.casesgen.layout] must be a table", str(pyproject), _line_of(text, "layout"))
            for name, path in value.items():
                if name not in DEFAULT_LAYOUT:
                    raise CasesgenError(
                        f"unknown key tool.casesgen.layout.{name} (known: {', '.join(sorted(DEFAULT_LAYOUT))})",
                        str(pyproject), _line_of(text, name, "[tool.casesgen.layout]"))
                if not isinstance(path, str) or not path.endswith("_gen.go") or path.startswith("/") or ".." in path.split("/"):
                    raise CasesgenError(
                        f"tool.casesgen.layout.{name} must be a relative path ending in _gen.go, not {path!r}",
                        str(pyproject), _line_of(text, name, "[tool.casesgen.layout]"))
                layout[name] = path
        elif key in DEFAULTS:
            if not isinstance(value, str):
                raise CasesgenError(f"tool.casesgen.{key} must be a string", str(pyproject), _line_of(text, key))
            settings[key] = value
        else:
            raise CasesgenError(
                f"unknown key tool.casesgen.{key} (known: {', '.join(sorted([*DEFAULTS, 'layout']))})",
                str(pyproject), _line_of(text, key))
    seen: dict[str, str] = {}
    for name, path in layout.items():
        if path in seen:
            raise CasesgenError(f"tool.casesgen.layout maps {seen[path]} and {name} to one path {path!r}",
                                str(pyproject), _line_of(text, name, "[tool.casesgen.layout]"))
        seen[path] = name
    cpython = os.environ.get("CASESGEN_CPYTHON") or settings["cpython"]
    return Config(
        root=root,
        cpython=Path(os.path.expanduser(cpython)),
        debian_version=settings["debian_version"],
        debian_mirror=settings["debian_mirror"],
        go_tree=(root / settings["go_tree"]).resolve(),
        go_module=settings["go_module"],
        layout=layout,
    )
