"""Compiles Python programs to their real CPython 3.14 code objects, as JSON, with CPython's result.

This file runs under the vendored CPython 3.14.10 interpreter (`casesgen vm-diff`, the tests), not
under casesgen's own Python, and imports nothing of casesgen. A program is module code whose
answer is the global `result`; CPython's result is recorded as repr(result), or as
"<ExceptionName>: message" when the program raises.

    python3.14 corpus_compile.py OUT.json PROGRAM.py...

A program that cannot be read or compiled stops it with one line on stderr,
"PROGRAM.py:LINE: SyntaxError: message", and exit status 2.
"""
import json
import sys
import types


def encode(value):
    """A constant as JSON; code objects recursively."""
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
    if isinstance(value, str):
        return {"str": value}
    if isinstance(value, bytes):
        return {"bytes": value.hex()}
    if isinstance(value, tuple):
        return {"tuple": [encode(v) for v in value]}
    if isinstance(value, frozenset):
        return {"frozenset": [encode(v) for v in value]}
    return {"unsupported": type(value).__name__}


def code(co):
    raw = co.co_code
    return {
        "name": co.co_name, "qualname": co.co_qualname, "filename": co.co_filename,
        "firstlineno": co.co_firstlineno,
        "units": [raw[i] | raw[i + 1] << 8 for i in range(0, len(raw), 2)],
        "consts": [encode(c) for c in co.co_consts],
        "names": list(co.co_names),
        "localsplusnames": list(co.co_varnames + co.co_cellvars + co.co_freevars),
        "nlocals": co.co_nlocals, "ncellvars": len(co.co_cellvars), "nfreevars": len(co.co_freevars),
        "argcount": co.co_argcount, "posonlyargcount": co.co_posonlyargcount,
        "kwonlyargcount": co.co_kwonlyargcount, "flags": co.co_flags, "stacksize": co.co_stacksize,
        "exceptiontable": co.co_exceptiontable.hex(),
    }


def run(source, name):
    co = compile(source, name, "exec")
    ns = {"__name__": "__main__"}
    try:
        exec(co, ns)
        result = repr(ns.get("result"))
    except (Exception, SystemExit) as e:  # sys.exit() in a program is its answer too
        result = f"{type(e).__name__}: {e}"
    return co, result


def main(out, paths):
    programs = []
    for path in paths:
        name = path.rsplit("/", 1)[-1]
        try:
            with open(path, encoding="utf-8") as f:
                source = f.read()
            co, result = run(source, name)
        except (SyntaxError, ValueError) as e:  # ValueError: undecodable bytes, NUL bytes
            line = f"{getattr(e, 'lineno', None)}:" if getattr(e, "lineno", None) else ""
            msg = e.msg if isinstance(e, SyntaxError) else str(e)
            sys.stderr.write(f"{path}:{line} {type(e).__name__}: {msg}\n")
            sys.exit(2)
        programs.append({"name": name, "source": source, "code": code(co), "result": result})
    with open(out, "w") as f:
        json.dump({"python": sys.version.split()[0], "programs": programs}, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
