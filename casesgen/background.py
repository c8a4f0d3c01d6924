"""A command that runs on another core while casesgen goes on (gcc on pycore_code.h, gofmt on an
output): started now, waited for when its result is needed."""
from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable


def start(cmd: list[str], stdin: bytes) -> Callable[[], tuple[int, str, str]]:
    """Start cmd reading stdin; the returned function waits for it and gives its exit status, its
    output and its error output. The outputs go to files, not pipes: a pipe would stop the command
    once its buffer is full (64 KiB) until the caller read it, so it would not run to its end."""
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=out, stderr=err)
    try:
        with proc.stdin:  # not communicate(), which waits for the command
            proc.stdin.write(stdin)
    except BrokenPipeError:  # the command ended before it read its input: its status and errors say why
        pass

    def result() -> tuple[int, str, str]:
        with out, err:
            status = proc.wait()
            out.seek(0)
            err.seek(0)
            return status, out.read().decode(), err.read().decode(errors="replace")
    return result
