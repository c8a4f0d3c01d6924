"""One error type for everything a user can get wrong.

A CasesgenError is reported as a single line (``file:line: message`` when the
problem has a place), never as a traceback; see ``report``.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn


class CasesgenError(Exception):
    def __init__(self, message: str, file: str | None = None, line: int | None = None):
        self.message = message
        self.file = file
        self.line = line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.file:
            file = display_path(self.file)
            where = f"{file}:{self.line}: " if self.line else f"{file}: "
        return f"{where}{self.message}"


class UsageError(CasesgenError):
    """The command was called wrongly or too early (no arguments, a missing file, `doit` not run):
    reported like any CasesgenError, but with exit status 2."""


def display_path(path: str) -> str:
    """Paths inside the current project print relative to it (inputs/Python/bytecodes.c)."""
    try:
        p = Path(path)
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix() if p.is_absolute() else path
    except (ValueError, OSError):
        return path


def report(err: BaseException) -> str:
    """The one line printed for a failure."""
    text = str(err).replace("\n", " ").strip()
    return f"casesgen: error: {text}"


def fail(err: BaseException) -> NoReturn:
    """Print the one line and exit 1 (where no doit task exists yet to fail)."""
    print(report(err), file=sys.stderr)
    raise SystemExit(1) from None
