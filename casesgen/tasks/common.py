"""What every phase's task needs: the config, failure handling, and file_dep on our own code."""
from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

from doit.dependency import MD5Checker
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


# An import statement, at the top or in a function: `from .x import a, b`, `from .. import (a,\n b)`,
# `import casesgen.x`.
_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+([.\w]+)[ \t]+import[ \t]+(\([^)]*\)|[^\n]*)|import[ \t]+(casesgen[.\w]*))", re.M)
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # casesgen/


@functools.lru_cache(maxsize=None)
def _module_file(name: str) -> str | None:
    """The file of the casesgen module `name` (a package's __init__.py), if there is one."""
    rel = os.path.join(_PACKAGE, *name.split(".")[1:])
    for path in (os.path.join(rel, "__init__.py"), rel + ".py"):
        if os.path.isfile(path):
            return path
    return None


@functools.lru_cache(maxsize=None)
def _imports(name: str) -> tuple[str, ...]:
    """The casesgen modules the imports of module `name` execute: at its top, and in its
    functions (what an action imports only when it runs is as much its dependency)."""
    path = _module_file(name)
    package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    out = []
    for frm, names, plain in _IMPORT.findall(text):
        if plain:
            out.append(plain)
            continue
        if frm.startswith("."):
            dots = len(frm) - len(frm.lstrip("."))
            parts = package.split(".")
            frm = ".".join(parts[:len(parts) - dots + 1]) + ("." + frm[dots:] if frm[dots:] else "")
        if not frm.startswith("casesgen"):
            continue
        out.append(frm)
        for item in names.strip("()").replace("\n", " ").split(","):
            sub = f"{frm}.{item.split()[0]}" if item.split() else ""
            # the emitter registry names every emitter; a task depends only on its own
            if sub and _module_file(sub) and not (name == "casesgen.emit" and sub.startswith("casesgen.emit.")):
                out.append(sub)
    return tuple(out)


def sources_of(*modules) -> list[str]:
    """The .py files of these casesgen modules (module objects or dotted names) and of every
    casesgen module their imports reach, transitively. The imports are read from the files, not
    executed, so that listing a task's dependencies imports nothing: a task module imports what
    only its action needs in the action, and no-op `doit` never imports it."""
    seen: dict[str, None] = {}
    stack = [m if isinstance(m, str) else m.__name__ for m in modules]
    done: set[str] = set()
    while stack:
        name = stack.pop()
        if name in done:
            continue
        done.add(name)
        path = _module_file(name)
        if path is None:
            continue
        seen[path] = None
        stack.extend(_imports(name))
    return sorted(seen)


class FileChecker(MD5Checker):
    """doit's default checker (a file dependency's timestamp, size and md5), but a file is hashed
    once per run, not once per task that depends on it: a cold run hashed 15 MB for 2 MB of files
    (cache/analysis.json, 1.3 MB, once for each of the nine tasks that read it)."""

    def __init__(self):
        super().__init__()
        self._states: dict[tuple, tuple] = {}

    def get_state(self, dep, current_state):
        timestamp = os.path.getmtime(dep)
        if current_state and current_state[0] == timestamp:
            return None  # as MD5Checker: saved with this timestamp already
        version = (dep, timestamp, os.path.getsize(dep))
        if version not in self._states:
            self._states[version] = super().get_state(dep, None)
        return self._states[version]


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
    root, full = str(config().root), os.path.abspath(path)  # os.path: 700 paths per run, pathlib is slow
    if full.startswith(root + os.sep):
        return full[len(root) + 1:].replace(os.sep, "/")
    return "." if full == root else str(path)


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
