"""optimizer: optimizer_bytecodes.c -> optimizer/optimizer_cases_gen.go and the translated overrides."""
from __future__ import annotations

import json

from .. import vendor
from .analysis import analysis_path
from .bodies import gauge
from .common import action, config, phase, sources_of
from .emitting import context, mapping_dep, out_path

ABSTRACT = "Python/optimizer_bytecodes.c"
REPORT = "reports/optimizer_bodies.json"


@action
def run_optimizer():
    from .. import model as model_mod
    from .. import translate
    from ..emit import optimizer_bodies, optimizer_cases
    from ..fsutil import write_atomic, write_if_changed
    from ..gotree import gofmt_start
    cfg = config()
    vendor.verify_inputs(cfg, [ABSTRACT])
    m = {**model_mod.load(analysis_path()), "optimizer_overrides": model_mod.analyze_abstract(cfg.inputs, ABSTRACT)}
    ctx = context()
    results = translate.translate_optimizer(m, ctx.go_api, ctx.mapping, ctx.qualifier("uop_ids", "optimizer_bodies"))
    formatting = {"optimizer_cases": gofmt_start(optimizer_cases.render(m, ctx, results), cfg.layout["optimizer_cases"]),
                  "optimizer_bodies": gofmt_start(optimizer_bodies.render(m, ctx, results), cfg.layout["optimizer_bodies"])}
    texts = {name: formatted() for name, formatted in formatting.items()}
    for name, text in texts.items():  # both rendered before either is written
        changed = write_if_changed(out_path(name), text)
        print(f"{name}: {'wrote' if changed else 'unchanged'} out/{cfg.layout[name]} ({text.count(chr(10))} lines)")
    g = gauge(results)
    write_atomic(cfg.cache / REPORT, json.dumps(g, indent=1, sort_keys=True) + "\n")
    print(f"optimizer: {g['translated']}/{g['total']} overrides of optimizer_bytecodes.c translated "
          f"({100.0 * g['translated'] / max(g['total'], 1):.1f}%) -> cache/{REPORT}")


@phase
def task_optimizer():
    """Emit optimizer/optimizer_cases_gen.go from optimizer_bytecodes.c (+ its translated overrides, not committed)"""
    cfg = config()
    gen = vendor.pinned(cfg, "Tools/cases_generator/")
    mods = [__name__, "casesgen.emit.optimizer_cases", "casesgen.emit.optimizer_bodies", "casesgen.translate"]
    return {
        "actions": [run_optimizer],
        "file_dep": [str(analysis_path()), str(cfg.inputs / ABSTRACT), str(cfg.root / "pyproject.toml"), *gen,
                     *mapping_dep(), *sources_of(*mods)],
        "targets": [str(out_path("optimizer_cases")), str(out_path("optimizer_bodies")), str(cfg.cache / REPORT)],
        "task_dep": ["analysis"],
    }
