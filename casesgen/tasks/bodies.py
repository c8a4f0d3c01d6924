"""bodies: C op bodies -> Go (vm/op_bodies_gen.go, not committed), the runtime API they call, and the gauge."""
from __future__ import annotations

import collections
import json
import re

from ..errors import CasesgenError
from .analysis import analysis_path
from .common import action, config, phase, sources_of
from .emitting import context, mapping_dep, out_path

REPORT = "reports/bodies.json"
SUBSET = "reports/SUBSET.md"


def gauge(results: list, tier2_only: set[str] = frozenset()) -> dict:
    """The translated share of a translation (the op bodies, or the optimizer's overrides); the ops
    only tier 2 runs (tier2 op()s: _SET_IP, _EXIT_TRACE, ...) also apart."""
    from .. import translate
    reasons = collections.Counter(translate.reason_kind(r.reason) for r in results if r.status == "stub")
    only = [r for r in results if r.uop in tier2_only]
    return {
        "tier2_only": {"total": len(only), "translated": sum(r.status == "translated" for r in only),
                       "not_translated": sorted(r.uop for r in only if r.status != "translated")},
        "total": len(results),
        "translated": sum(r.status == "translated" for r in results),
        "handwritten": sum(r.status == "handwritten" for r in results),
        "not_translated": sum(r.status == "stub" for r in results),
        "reasons": dict(sorted(reasons.items(), key=lambda kv: (-kv[1], kv[0]))),
        "bodies": {r.uop: ({"status": r.status} if r.status != "stub" else
                           {"status": "stub", "reason": r.reason, "line": r.reason_line}) for r in results},
    }


def subset_md(g: dict, mapping) -> str:
    """SUBSET.md: what the translator handles, the mapping, and every body left untranslated."""
    pct = 100.0 * g["translated"] / g["total"] if g["total"] else 0.0
    out = ["# C -> Go body translation", "",
           f"{g['translated']} of {g['total']} op bodies translated ({pct:.1f}%), {g['handwritten']} hand-written by the "
           f"runtime, {g['not_translated']} left as stubs that return a \"not translated\" error.", "",
           "## The C subset", "",
           "Statements: blocks, declarations with initializers, expression statements (calls, assignments, `++`/`--`),",
           "`if`/`else`, `while`, `do`/`while`, `for`, `break`, `continue`, `goto error`, `#if`/`#ifdef`/`#else`/`#endif`",
           "with a `[conditions]` entry. Expressions: names, integer/float/string/char literals, calls of `[calls]`",
           "entries (also through a table: `_PyEval_BinaryOps[oparg](...)`), `[names]` member paths, indexing of stack",
           "arrays, unary `! - + ~`, every binary operator with C's precedence and implicit numeric conversions,",
           "casts between mapped types, `?:`, local arrays with brace initializers (sized or not), a byte offset into",
           "an object (`(char *)o + offset`, the runtime's named cell) and what points into it (`*cell`, `cell - array`),",
           "`&GETLOCAL(i)`. Not handled: other pointers, struct members outside `[names]`, `switch`, C `return` (but",
           "INTERPRETER_EXIT's, an `[exits]` entry), `sizeof`.", "",
           "## Reasons", "", "| reason | bodies |", "|---|---|"]
    out += [f"| {k} | {v} |" for k, v in g["reasons"].items()]
    out += ["", "## Mapping (`[calls]`)", "", "| C | Go | args | result |", "|---|---|---|---|"]
    out += [f"| `{n}` | `{cm.go}` | {', '.join(f'`{a}`' for a in cm.args)} | {f'`{cm.result}`' if cm.result else ''} |"
            for n, cm in sorted(mapping.calls.items())]
    out += ["", "## Untranslated bodies", "", "| op | reason | bytecodes.c line |", "|---|---|---|"]
    out += [f"| `{n}` | {b['reason']} | {b['line'] or ''} |" for n, b in g["bodies"].items() if b["status"] == "stub"]
    return "\n".join(out) + "\n"


def gofmt_runtime_api(text: str, layout: str, mapping) -> str:
    """gofmt vm/runtime_api_gen.go; a line gofmt cannot parse is one `// NAME` entry of [calls]: name its line."""
    from ..gotree import gofmt
    try:
        return gofmt(text, layout)
    except CasesgenError as e:
        at = re.search(r":(\d+):\d+: (.*)$", e.message)
        lines = text.splitlines()
        bad = lines[int(at.group(1)) - 1] if at and 0 < int(at.group(1)) <= len(lines) else ""
        cm = mapping.calls.get(bad.rsplit("// ", 1)[-1].strip()) if "// " in bad else None
        if cm is None:
            raise
        raise CasesgenError(f"calls.{cm.c_name} is not Go (go = {cm.go!r}, args = {list(cm.args)}, result = "
                            f"{cm.result!r}): {at.group(2)}", mapping.path, cm.line) from None


@action
def run_bodies():
    from .. import model as model_mod
    from .. import translate
    from ..emit import op_bodies, runtime_api
    from ..fsutil import write_atomic, write_if_changed
    from ..gotree import gofmt_start
    cfg = config()
    m = model_mod.load(analysis_path())
    ctx = context()
    results = translate.translate_all(m, ctx.go_api, ctx.mapping, ctx.qualifier("opcode_ids", "op_bodies"))
    # The runtime API first: it holds every [calls] entry, so a mapping that is not Go is named
    # there by its mapping.toml line. Both files are rendered before either is written; gofmt
    # formats the bodies while it checks the runtime API.
    api = runtime_api.emit(m, ctx)
    bodies_formatted = gofmt_start(op_bodies.render(m, ctx, results), cfg.layout["op_bodies"])
    texts = {"runtime_api": gofmt_runtime_api(api, cfg.layout["runtime_api"], ctx.mapping),
             "op_bodies": bodies_formatted()}
    for name in ("op_bodies", "runtime_api"):
        text = texts[name]
        changed = write_if_changed(out_path(name), text)
        print(f"{name}: {'wrote' if changed else 'unchanged'} out/{cfg.layout[name]} ({text.count(chr(10))} lines)")
    g = gauge(results, {u["name"] for u in m["uops"] if u["properties"].get("tier") == 2})
    write_atomic(cfg.cache / REPORT, json.dumps(g, indent=1, sort_keys=True) + "\n")
    write_atomic(cfg.cache / SUBSET, subset_md(g, ctx.mapping))
    print(f"bodies: {g['translated']}/{g['total']} translated ({100.0 * g['translated'] / g['total']:.1f}%), "
          f"{g['handwritten']} hand-written, {g['not_translated']} stubs; tier-2-only ops "
          f"{g['tier2_only']['translated']}/{g['tier2_only']['total']} -> cache/{REPORT}, cache/{SUBSET}")


@phase
def task_bodies():
    """Translate the op bodies of bytecodes.c to Go (vm/op_bodies_gen.go, not committed) and emit vm/runtime_api_gen.go"""
    cfg = config()
    mods = [__name__, "casesgen.emit.op_bodies", "casesgen.emit.runtime_api", "casesgen.translate"]
    return {
        "actions": [run_bodies],
        "file_dep": [str(analysis_path()), str(cfg.root / "pyproject.toml"), *mapping_dep(), *sources_of(*mods)],
        "targets": [str(out_path("op_bodies")), str(out_path("runtime_api")), str(cfg.cache / REPORT),
                    str(cfg.cache / SUBSET)],
    }
