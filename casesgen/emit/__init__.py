"""One emitter per Go file, each a pure function ``emit(model, ctx) -> str``.

``EMITTERS`` maps the layout name of a Go file to its module. Modules carry
``SOURCES`` (the CPython inputs their numbers come from, for the header) and
``emit``.
"""
from __future__ import annotations

from dataclasses import dataclass
from posixpath import basename, dirname

from . import cache_layouts, family, opcode_ids, opcode_metadata, uop_ids, uop_metadata

EMITTERS = {
    "opcode_ids": opcode_ids,
    "opcode_metadata": opcode_metadata,
    "uop_ids": uop_ids,
    "uop_metadata": uop_metadata,
    "family": family,
    "cache_layouts": cache_layouts,
}


@dataclass(frozen=True)
class Context:
    """What an emitter needs besides the model: where files go, and the Go module path."""
    layout: dict[str, str]
    go_module: str

    def package(self, name: str) -> str:
        return basename(dirname(self.layout[name]))

    def import_path(self, name: str) -> str:
        return f"{self.go_module}/{dirname(self.layout[name])}"

    def qualifier(self, name: str, from_name: str) -> str:
        """'compile.' when file `name` lives in another package than `from_name`, else ''."""
        return "" if dirname(self.layout[name]) == dirname(self.layout[from_name]) else self.package(name) + "."
