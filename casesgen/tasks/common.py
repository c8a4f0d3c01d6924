"""What every phase's task needs: the config, failure handling, and file_dep on our own code."""
from __future__ import annotations

import functools
import inspect
import os
import sys
from pathlib import Path

from doit.exceptions import TaskFailed
from doit.reporter import ConsoleReporter

from .. import config as config_mod
from ..errors import CasesgenError, fail, report


@functools.lru_cache(maxsize=None)
def config() -> config_mod.Config:
    try:
        return config_mod.load(Path.cwd())
    except CasesgenError as e:
        fail(e)  # loading happens while doit collects tasks: no task to fail yet


def preflight() -> None:
    """What task creation reads (the config and the lock), checked once while doit loads
    dodo.py: a SystemExit there is a clean one-line failure, an exception would be a traceback."""
    from .. import vendor
    cfg = config()
    try:
        vendor.read_lock(cfg)
    except CasesgenError as e:
        fail(e)


def action(fn):
    """A doit python-action whose CasesgenError becomes a one-line failure, never a traceback."""
    @functools.wraps(fn)
    def run(*args, **kwargs):
        try:
            result = fn(*args, **kwargs)
        except CasesgenError as e:
            return TaskFailed(report(e))
        return result if isinstance(result, (dict, TaskFailed)) else None
    return run


def sources_of(*modules) -> list[str]:
    """The .py files of these modules and of every casesgen module they use, transitively."""
    seen: dict[str, None] = {}
    stack = list(modules)
    while stack:
        mod = stack.pop()
        path = getattr(mod, "__file__", None)
        if not path or path in seen:
            continue
        seen[path] = None
        for value in vars(mod).values():
            if inspect.ismodule(value) and mod.__name__ == "casesgen.emit" and value.__name__.startswith("casesgen.emit."):
                continue  # the emitter registry names every emitter; a task depends only on its own
            owner = value if inspect.ismodule(value) else sys.modules.get(getattr(value, "__module__", "") or "")
            if owner is not None and getattr(owner, "__name__", "").startswith("casesgen") and owner is not mod:
                stack.append(owner)
    return sorted(seen)


class Reporter(ConsoleReporter):
    """doit's console reporter, minus the banners around casesgen's one-line errors."""

    def add_failure(self, task, fail):
        message = getattr(fail, "message", "")
        if isinstance(fail, TaskFailed) and message.startswith("casesgen: error:"):
            self.failures.append({"task": task, "exception": fail})
            sys.stderr.write(message + "\n")
            return
        if type(fail).__name__ == "UnmetDependency":
            return  # the failing dependency already said why
        super().add_failure(task, fail)

    def complete_run(self):
        self.failures = [f for f in self.failures
                         if not getattr(f["exception"], "message", "").startswith("casesgen: error:")]
        super().complete_run()


def portable(path) -> str:
    """Project-relative when inside the project, so doit's state survives a moved or copied checkout.

    Symlinks are not followed: a linked cache/ folder still reads as cache/...
    """
    try:
        return Path(os.path.abspath(path)).relative_to(config().root).as_posix()
    except ValueError:
        return str(path)


def phase(make_task):
    """Decorates a task_* creator: its file_dep and targets become project-relative."""
    @functools.wraps(make_task)
    def task():
        d = make_task()
        for key in ("file_dep", "targets"):
            if key in d:
                d[key] = [portable(p) for p in d[key]]
        return d
    return task
