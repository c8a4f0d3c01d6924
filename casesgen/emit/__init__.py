"""One emitter per Go file, each a pure function ``emit(model, ctx) -> str``.

``EMITTERS`` maps the layout name of a Go file to its module. Modules carry
``SOURCES`` (the CPython inputs their numbers come from, for the header) and
``emit``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from posixpath import basename, dirname

from . import (cache_layouts, eval_dispatch, eval_uops, family, op_bodies, op_signatures, opcode_ids, opcode_metadata,
               optimizer_bodies, optimizer_cases,
               runtime_api, skeletons, uop_ids, uop_metadata)

EMITTERS = {
    "opcode_ids": opcode_ids,
    "opcode_metadata": opcode_metadata,
    "uop_ids": uop_ids,
    "uop_metadata": uop_metadata,
    "family": family,
    "cache_layouts": cache_layouts,
    "skeletons": skeletons,
    "op_signatures": op_signatures,
    "eval_dispatch": eval_dispatch,
    "eval_uops": eval_uops,
    "runtime_api": runtime_api,
    "op_bodies": op_bodies,
    "optimizer_cases": optimizer_cases,
    "optimizer_bodies": optimizer_bodies,
}


@dataclass(frozen=True)
class Context:
    """What an emitter needs besides the model: where files go, and the Go module path."""
    layout: dict[str, str]
    go_module: str
    go_api: dict = field(default_factory=dict)
    mapping: object = None  # translate.Mapping, for the emitters of the bodies and the runtime API

    def api_imports(self, *types: str) -> list[str]:
        """Import paths of the [tool.casesgen.go] packages these Go types name (`stackref.Ref` -> .../stackref)."""
        used = set()
        for t in types:
            for pkg, path in self.go_api.get("imports", {}).items():
                if f"{pkg}." in t:
                    used.add(path if "." in path.split("/")[0] else f"{self.go_module}/{path}")
        return sorted(used)

    def package(self, name: str) -> str:
        return basename(dirname(self.layout[name]))

    def import_path(self, name: str) -> str:
        return f"{self.go_module}/{dirname(self.layout[name])}"

    def qualifier(self, name: str, from_name: str) -> str:
        """'compile.' when file `name` lives in another package than `from_name`, else ''."""
        return "" if dirname(self.layout[name]) == dirname(self.layout[from_name]) else self.package(name) + "."
