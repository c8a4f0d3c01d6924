"""The shape every Go-emitting phase shares: model -> emitters -> gofmt -> out/."""
from __future__ import annotations

import functools

from .analysis import analysis_path
from .common import action, config, sources_of


@functools.lru_cache(maxsize=None)
def context():
    """The emitters' Context (casesgen.emit) with the loaded mapping (once per doit run)."""
    from ..emit import Context
    from ..translate import load
    cfg = config()
    return Context(layout=cfg.layout, go_module=cfg.go_module, go_api=cfg.go_api,
                   mapping=load(cfg.mapping, cfg.go_api))


def out_path(name: str):
    cfg = config()
    return cfg.out / cfg.layout[name]


def write_outputs(names: list[str], model: dict, ctx) -> None:
    from ..emit import EMITTERS
    from ..fsutil import write_if_changed
    from ..gotree import gofmt_start
    # gofmt formats each output while the next one is rendered
    formatting = [(name, gofmt_start(EMITTERS[name].emit(model, ctx), config().layout[name])) for name in names]
    for name, formatted in formatting:
        path = out_path(name)
        text = formatted()
        changed = write_if_changed(path, text)
        print(f"{name}: {'wrote' if changed else 'unchanged'} out/{config().layout[name]} ({text.count(chr(10))} lines)")


def emit_task(task_module: str, names: list[str], translates: bool = False) -> dict:
    """A doit task dict that renders `names` from cache/analysis.json into out/; `translates`: an
    emitter writes translated bodies in, so the mapping is an input too."""
    @action
    def run():
        from .. import model
        write_outputs(names, model.load(analysis_path()), context())

    # The emitter of a layout name is the module of that name (casesgen.emit.EMITTERS).
    mods = [task_module, *(f"casesgen.emit.{n}" for n in names)]
    return {
        "actions": [run],
        "file_dep": [str(analysis_path()), str(config().root / "pyproject.toml"), *sources_of(*mods),
                     *(mapping_dep() if translates else [])],
        "targets": [str(out_path(n)) for n in names],
    }


def mapping_dep() -> list[str]:
    """mapping.toml, for a task that translates bodies. A missing mapping is the action's one-line
    error (context()), not doit's "Dependent file does not exist", which listing it would print."""
    cfg = config()
    return [str(cfg.mapping)] if cfg.mapping.is_file() else []
