"""The whole model of one source: CPython's analysis of bytecodes.c joined with pycore_code.h's
cache structs. The `analysis` task builds it for inputs/; `casesgen diff` for any other source."""
from __future__ import annotations

from pathlib import Path

DSL = ["Python/bytecodes.c"]
HEADER = "Include/internal/pycore_code.h"


def build(inputs: Path, root: Path, version: str, hashes: dict[str, str], include_dirs: list[Path]) -> dict:
    """The model of <root>'s DSL and header, analysed by the generator vendored in inputs/.

    gcc preprocesses pycore_code.h while CPython's analyzer runs, and its structs are read while
    CPython's generators check the analysis (two cores). The structs join the model here, so a
    struct/DSL disagreement stops before any emitter writes.
    """
    from . import cstructs, layouts, model  # pycparser and CPython's analyzer: only when a model is built
    structs_read = cstructs.start_extract(root / HEADER, include_dirs)
    m = model.analyze(inputs, DSL, version, {f: hashes[f] for f in DSL}, meanwhile=structs_read, dsl_root=root)
    structs = m.pop("meanwhile")
    m["sources"][HEADER] = hashes[HEADER]
    m["cache_layouts"] = layouts.join(m, structs)
    return m
