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
from .sources import cpython as cpython_source

# The Go files casesgen writes, by emitter name, with their default place in the Go tree.
DEFAULT_LAYOUT = {
    "opcode_ids": "compile/opcode_ids_gen.go",
    "opcode_metadata": "compile/opcode_metadata_gen.go",
    "uop_ids": "compile/uop_ids_gen.go",
    "uop_metadata": "compile/uop_metadata_gen.go",
    "family": "specialize/family_gen.go",
    "cache_layouts": "specialize/cache_layouts_gen.go",
    "skeletons": "specialize/skeletons_gen.go",
    "op_signatures": "vm/op_signatures_gen.go",
    "eval_dispatch": "vm/eval_dispatch_gen.go",
    "eval_uops": "vm/eval_uops_gen.go",
    "runtime_api": "vm/runtime_api_gen.go",
    "op_bodies": "vm/op_bodies_gen.go",
    "optimizer_cases": "optimizer/optimizer_cases_gen.go",
    "optimizer_bodies": "optimizer/optimizer_bodies_gen.go",
}
# Generated but never committed: the translated bodies are CPython's code in Go form, and so are the
# two interpreter loops, which hold the bodies in their cases (casesgen/inline.py). `sync` writes them
# into the Go tree (where .gitignore keeps them out of git) and `check` regenerates them instead of
# comparing them with a checked-in copy.
UNCOMMITTED = frozenset({"op_bodies", "optimizer_bodies", "eval_dispatch", "eval_uops"})

# The names the generated Go uses for the runtime it runs on (gopy's names are not ours to fix):
# Go types as written in the generated files, and the import path of each package they name
# (relative to go_module unless the path's first element has a dot).
DEFAULT_GO_API = {
    "eval": "*Eval",
    "frame": "*Frame",
    "stackref": "stackref.Ref",
    "object": "objects.Object",
    "symbol": "*Symbol",
    "optimizer_context": "*Context",
    "abstract_frame": "*AbstractFrame",
    "uop_instruction": "compile.UOpInstruction",
    "imports": {"stackref": "stackref", "objects": "objects", "compile": "compile"},
}

DEFAULTS = {
    # The first that holds the inputs (or is a URL) is used.
    "cpython": ["~/.cache/casesgen/cpython-3.14", cpython_source.RELEASE_URL],
    "debian_version": "3.14.10-1",
    "debian_mirror": "",
    "go_tree": "tests/go",
    "go_module": "gopy.example/gopy",
    "mapping": "mapping.toml",
    # A second CPython source (as `cpython` accepts, or "locked"): `doit` then also writes the upgrade
    # report from the pinned inputs to it (cache/reports/upgrade.md, .json). Empty: no such task.
    "next": "",
    # What `vm-diff --quickened` accepts as different from CPython's quickened code, each with its
    # reason (a TOML file of [[known]] cpython = NAME, go = NAME, reason = "..."). Empty: nothing.
    "quickened_known": "",
}


@dataclass(frozen=True)
class Config:
    root: Path
    cpython: Path | str  # the source in use: a folder, a tarball, or a tarball's URL
    debian_version: str
    debian_mirror: str
    go_tree: Path
    go_module: str
    layout: dict[str, str] = field(default_factory=dict)
    go_api: dict = field(default_factory=lambda: dict(DEFAULT_GO_API))
    mapping: Path | None = None
    next: str = ""
    quickened_known: Path | None = None
    cpython_candidates: tuple[str, ...] = ()  # as configured, in order

    @property
    def generator_version(self) -> str:
        """The CPython version of the vendored generator (Debian's packages): 3.14.10-1 -> 3.14.10."""
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
    go_api = dict(DEFAULT_GO_API)
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
        elif key == "go":
            go_api = _go_api(value, str(pyproject), text)
        elif key == "cpython":
            if isinstance(value, str):
                value = [value]
            if not (isinstance(value, list) and value and all(isinstance(v, str) and v for v in value)):
                raise CasesgenError("tool.casesgen.cpython must be a path or URL, or a list of them (the first that "
                                    "holds the inputs is used)", str(pyproject), _line_of(text, key))
            settings[key] = value
        elif key in DEFAULTS:
            if not isinstance(value, str):
                raise CasesgenError(f"tool.casesgen.{key} must be a string", str(pyproject), _line_of(text, key))
            settings[key] = value
        else:
            raise CasesgenError(
                f"unknown key tool.casesgen.{key} (known: {', '.join(sorted([*DEFAULTS, 'layout', 'go']))})",
                str(pyproject), _line_of(text, key))
    seen: dict[str, str] = {}
    for name, path in layout.items():
        if path in seen:
            raise CasesgenError(f"tool.casesgen.layout maps {seen[path]} and {name} to one path {path!r}",
                                str(pyproject), _line_of(text, name, "[tool.casesgen.layout]"))
        seen[path] = name
    candidates = [os.environ["CASESGEN_CPYTHON"]] if os.environ.get("CASESGEN_CPYTHON") else settings["cpython"]
    return Config(
        root=root,
        cpython=cpython_source.choose(candidates),
        cpython_candidates=tuple(candidates),
        debian_version=settings["debian_version"],
        debian_mirror=settings["debian_mirror"],
        go_tree=(root / settings["go_tree"]).resolve(),
        go_module=settings["go_module"],
        layout=layout,
        go_api=go_api,
        mapping=(root / settings["mapping"]).resolve(),
        next=settings["next"],
        quickened_known=(root / settings["quickened_known"]).resolve() if settings["quickened_known"] else None,
    )


def _go_api(value, pyproject: str, text: str) -> dict:
    """[tool.casesgen.go]: type names and import paths, checked by name and kind."""
    if not isinstance(value, dict):
        raise CasesgenError("[tool.casesgen.go] must be a table", pyproject, _line_of(text, "go"))
    api = dict(DEFAULT_GO_API)
    for key, item in value.items():
        line = _line_of(text, key, "[tool.casesgen.go]")
        if key not in DEFAULT_GO_API:
            raise CasesgenError(f"unknown key tool.casesgen.go.{key} (known: {', '.join(sorted(DEFAULT_GO_API))})",
                                pyproject, line)
        if key == "imports":
            if not isinstance(item, dict) or not all(isinstance(v, str) and v for v in item.values()):
                raise CasesgenError("tool.casesgen.go.imports must map package names to import paths", pyproject, line)
        elif not isinstance(item, str) or not item.strip():
            raise CasesgenError(f"tool.casesgen.go.{key} must be a Go type name", pyproject, line)
        api[key] = item
    return api
