"""Compiles Python programs to their real CPython 3.14 code objects, as JSON, with CPython's result.

This file runs under the vendored CPython 3.14.10 interpreter (`casesgen vm-diff`, the tests), not
under casesgen's own Python, and imports nothing of casesgen. A program is module code whose
answer is the global `result`; CPython's result is recorded as repr(result), or as
"<ExceptionName>: message" when the program raises.

    python3.14 corpus_compile.py [--timeout S] OUT.json PROGRAM.py...

A program that cannot be read or compiled stops it with one line on stderr,
"PROGRAM.py:LINE: SyntaxError: message", and exit status 2.

With --timeout S (`casesgen vm-diff`) every program is compiled first and OUT.json written with
their code objects (and "result": null), then each runs for at most S seconds (SIGALRM): one that
runs longer is stopped and recorded as "result": null, "timeout": true, and the next one runs.
Stdout then carries only progress, one JSON line each: {"compiled": N} once OUT.json holds every
code object, then {"result": ...} or {"timeout": true} per program as it finishes (a program's own
output goes to /dev/null), so a caller can tell which program hung even where SIGALRM cannot stop it
(a loop inside one C call) and kill it; OUT.json gets the results when all have run.
"""
import json
import os
import signal
import sys
import types


def encode(value):
    """A constant as JSON; code objects, tuples, frozensets and slices recursively. A float is its
    repr ("inf", "nan" and "-0.0" included); a complex the reprs of its two parts, [real, imag];
    bytes in hex; a slice [start, stop, step]."""
    if isinstance(value, types.CodeType):
        return {"code": code(value)}
    if value is None or value is Ellipsis:
        return {"none": None} if value is None else {"ellipsis": None}
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, int):
        return {"int": str(value)}
    if isinstance(value, float):
        return {"float": repr(value)}
    if isinstance(value, complex):
        return {"complex": [repr(value.real), repr(value.imag)]}
    if isinstance(value, str):
        return {"str": value}
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    if isinstance(value, tuple):
        return {"tuple": [encode(v) for v in value]}
    if isinstance(value, frozenset):  # in iteration order, which rebuilds the same table
        return {"frozenset": [encode(v) for v in value]}
    if isinstance(value, slice):
        return {"slice": [encode(value.start), encode(value.stop), encode(value.step)]}
    return {"unsupported": type(value).__name__}


def code(co):
    raw = co.co_code
    return {
        "name": co.co_name, "qualname": co.co_qualname, "filename": co.co_filename,
        "firstlineno": co.co_firstlineno,
        "units": [raw[i] | raw[i + 1] << 8 for i in range(0, len(raw), 2)],
        "consts": [encode(c) for c in co.co_consts],
        "names": list(co.co_names),
        # co_localsplusnames: an argument that is also a cell is one slot, listed among the
        # varnames and again among the cellvars
        "localsplusnames": [*co.co_varnames, *(c for c in co.co_cellvars if c not in co.co_varnames),
                            *co.co_freevars],
        "nlocals": co.co_nlocals, "ncellvars": len(co.co_cellvars), "nfreevars": len(co.co_freevars),
        "argcount": co.co_argcount, "posonlyargcount": co.co_posonlyargcount,
        "kwonlyargcount": co.co_kwonlyargcount, "flags": co.co_flags, "stacksize": co.co_stacksize,
        "exceptiontable": co.co_exceptiontable.hex(),
    }


def walk(co):
    """The code objects of a program, module code first, then each constant's, depth first: the
    order in which the Go VM loads them."""
    out = [co]
    for c in co.co_consts:
        if isinstance(c, types.CodeType):
            out += walk(c)
    return out


def quickened(co):
    """Every code object's code units as the run left them (co._co_code_adaptive: the specialized
    instructions CPython chose) and the line of each unit, for `vm-diff --quickened`."""
    out = []
    for c in walk(co):
        raw = c._co_code_adaptive
        lines = [None] * (len(raw) // 2)
        for start, end, line in c.co_lines():
            for i in range(start // 2, end // 2):
                lines[i] = line
        out.append({"qualname": c.co_qualname, "units": [raw[i] | raw[i + 1] << 8 for i in range(0, len(raw), 2)],
                    "lines": lines})
    return out


def outcome(co, ns):
    """repr(result) after running the program in ns, or the exception it raised."""
    try:
        exec(co, ns)
        return repr(ns.get("result"))
    except (Exception, SystemExit) as e:  # sys.exit() in a program is its answer too
        return f"{type(e).__name__}: {e}"


class _Timeout(BaseException):
    """Raised by SIGALRM in the program that outlives its time (not an Exception it could catch)."""


def run_limited(co, ns, seconds):
    """The program's result, or None when it ran longer than `seconds` and was stopped."""
    timed_out = []

    def alarm(signum, frame):
        if not timed_out:  # once: a program that swallows it is left to the caller's kill
            timed_out.append(True)
            raise _Timeout

    previous = signal.signal(signal.SIGALRM, alarm)
    try:
        try:
            signal.setitimer(signal.ITIMER_REAL, seconds)
            result = outcome(co, ns)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except _Timeout:
        pass
    finally:
        signal.signal(signal.SIGALRM, previous)
    return None if timed_out else result


def compile_source(path):
    """(name, source, code object); a program that cannot be read or compiled exits 2 in one line."""
    name = path.rsplit("/", 1)[-1]
    try:
        with open(path, encoding="utf-8") as f:
            source = f.read()
        return name, source, compile(source, name, "exec")
    except (SyntaxError, ValueError) as e:  # ValueError: undecodable bytes, NUL bytes
        line = f"{getattr(e, 'lineno', None)}:" if getattr(e, "lineno", None) else ""
        msg = e.msg if isinstance(e, SyntaxError) else str(e)
        sys.stderr.write(f"{path}:{line} {type(e).__name__}: {msg}\n")
        sys.exit(2)


def write(out, programs):
    """OUT.json, replaced at once: a reader never sees it half written."""
    with open(out + ".tmp", "w") as f:
        json.dump({"python": sys.version.split()[0], "programs": programs}, f, indent=1)
    os.replace(out + ".tmp", out)


def main(out, paths):
    programs = []
    for path in paths:
        name, source, co = compile_source(path)
        result = outcome(co, {"__name__": "__main__"})
        programs.append({"name": name, "source": source, "code": code(co), "result": result,
                         "quickened": quickened(co)})
    write(out, programs)


def main_limited(out, paths, seconds):
    """--timeout: compile all, write OUT, then run each for at most `seconds`, reporting progress."""
    compiled = [compile_source(path) for path in paths]
    programs = [{"name": name, "source": source, "code": code(co), "result": None} for name, source, co in compiled]
    write(out, programs)
    progress = os.fdopen(os.dup(1), "w")  # stdout is the progress lines'; the programs' goes nowhere
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)

    def report(line):
        progress.write(json.dumps(line) + "\n")
        progress.flush()

    report({"compiled": len(programs)})
    for program, (_, _, co) in zip(programs, compiled):
        result = run_limited(co, {"__name__": "__main__"}, seconds)
        program["quickened"] = quickened(co)
        if result is None:
            program["timeout"] = True
            report({"timeout": True})
        else:
            program["result"] = result
            report({"result": result, "quickened": program["quickened"]})
    write(out, programs)


def usage(message):
    sys.stderr.write(f"corpus_compile.py: {message}\n")
    sys.exit(3)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--timeout"]:
        try:
            limit = float(args[1])
        except (IndexError, ValueError):
            usage("--timeout needs a number of seconds")
        if not limit > 0:
            usage("--timeout needs a positive number of seconds")
        main_limited(args[2], args[3:], limit)
    else:
        main(args[0], args[1:])
