"""The inline-cache structs of pycore_code.h, read with gcc's preprocessor and pycparser.

gcc preprocesses the real header (so every macro and include is CPython's);
pycparser's lexer splits the translation unit into top-level declarations;
only the ``_Py*Cache`` typedefs of pycore_code.h, plus the typedefs they use,
are handed to pycparser's parser. Layout follows the C rules for x86-64
(LP64); the C oracle test checks every offset with gcc's own ``offsetof``.
"""
from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from pycparser import c_ast, c_parser
from pycparser.c_lexer import CLexer

from . import background
from .errors import CasesgenError

CODE_UNIT_BYTES = 2  # sizeof(_Py_CODEUNIT)
# Sizes of C's integer types on x86-64 Linux (LP64): facts of the ABI, checked by the gcc oracle.
BASE_SIZES = {
    "char": 1, "signed char": 1, "unsigned char": 1, "_Bool": 1,
    "short": 2, "short int": 2, "signed short": 2, "unsigned short": 2, "unsigned short int": 2,
    "short unsigned int": 2, "signed short int": 2,
    "int": 4, "signed int": 4, "unsigned int": 4, "unsigned": 4, "signed": 4,
    "long": 8, "long int": 8, "unsigned long": 8, "unsigned long int": 8, "long unsigned int": 8,
    "signed long": 8, "signed long int": 8,
    "long long": 8, "long long int": 8, "unsigned long long": 8, "unsigned long long int": 8,
    "long long unsigned int": 8, "signed long long": 8,
}
CACHE_MACRO_PREFIX = "INLINE_CACHE_ENTRIES_"


def gcc(tu_lines: list[str], include_dirs: list[Path], defines: list[str], *flags: str) -> Callable[[], str]:
    """Start gcc's preprocessor on a small translation unit; the returned function waits for its
    output, and turns its first error into a CasesgenError."""
    cc = shutil.which("gcc") or shutil.which("cc")
    if cc is None:
        raise CasesgenError("gcc not found; casesgen preprocesses pycore_code.h with gcc -E")
    cmd = [cc, "-E", *flags, "-std=gnu11", *[f"-D{d}" for d in defines], *[f"-I{d}" for d in include_dirs], "-"]
    result = background.start(cmd, ("\n".join(tu_lines) + "\n").encode())

    def output() -> str:
        status, out, err = result()
        if status != 0:
            raise gcc_error(err)
        return out
    return output


def gcc_error(stderr: str) -> CasesgenError:
    """gcc's first "file:line:col: error: message" as a CasesgenError."""
    for line in stderr.splitlines():
        parts = line.split(":", 4)
        if len(parts) >= 4 and parts[1].strip().isdigit() and "error" in line:
            message = line.split("error:", 1)[1].strip() if "error:" in line else parts[-1].strip()
            return CasesgenError(f"gcc: {message}", parts[0], int(parts[1]))
    return CasesgenError(f"gcc failed: {stderr.strip().splitlines()[0] if stderr.strip() else 'no output'}")


def macros(dump: str) -> dict[str, str]:
    """Every object-like macro in gcc's `-dM` dump."""
    found = {}
    for line in dump.splitlines():
        parts = line.split(None, 2)
        if len(parts) == 3 and parts[0] == "#define" and "(" not in parts[1]:
            found[parts[1]] = parts[2]
    return found


def tokens(text: str):
    def error(msg, line, column):
        raise CasesgenError(f"C lexer: {msg}", None, line)
    lexer = CLexer(error)
    lexer.input(text)
    while (tok := lexer.token()) is not None:
        yield tok


# What a top-level declaration's end depends on: brackets, ';', and the string and character
# literals and line markers inside which those characters mean nothing.
_SIGNIFICANT = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|^#[^\n]*|[{}()\[\];]', re.M)
_LINE_MARKER = re.compile(r'^# (\d+) "([^"]*)"', re.M)
_LEADING = re.compile(r'\A(?:\s|^#[^\n]*\n)*', re.M)  # blank space and line markers before a declaration


def typedef_declarations(text: str) -> list[tuple[int, str]]:
    """The top-level typedefs of gcc's output as (offset, text).

    A declaration ends at a top-level ';', or at the '}' closing a function body (inline
    functions in headers have no ';' after them). Splitting is done on the text; pycparser's lexer
    reads only the typedefs the cache structs need (Typedefs).
    """
    found, depth, begin, last, body_opens_function = [], 0, 0, "", False
    for m in _SIGNIFICANT.finditer(text):
        ch = m.group(0)
        if ch[0] in "\"'#":
            last = ch[0]
            continue
        if ch in "([{":
            if depth == 0 and ch == "{":
                body_opens_function = last == ")"
            depth += 1
        elif ch in ")]}":
            depth -= 1
        last = ch
        if depth == 0 and (ch == ";" or ch == "}" and body_opens_function):
            segment = text[begin:m.end()]
            if _LEADING.sub("", segment).startswith("typedef"):
                found.append((begin, segment))
            begin, body_opens_function = m.end(), False
    return found


def _located(text: str, begin: int, segment: str, markers: list) -> tuple[str, int, list]:
    """A declaration's tokens, lexed with the file and line gcc's last marker before it gives."""
    import bisect
    k = bisect.bisect_right(markers, (begin, float("inf"), "")) - 1
    file, line = "<gcc>", 1
    if k >= 0:
        at, marker_line, file = markers[k]
        line = marker_line + text.count("\n", text.index("\n", at) + 1, begin)
    toks = list(tokens(f'# {line} "{file}"\n' + segment))
    return (toks[0].filename, toks[0].lineno, toks) if toks else (file, line, toks)


def typedef_name(toks: list) -> str | None:
    if not toks or toks[0].value != "typedef":
        return None
    ids = [t.value for t in toks if t.type == "ID"]
    return ids[-1] if ids else None


class Typedefs:
    """The top-level typedefs of gcc's output by name, a later one of a name replacing an earlier.

    Python.h declares some 600 typedefs and the cache structs need a few dozen: a typedef goes
    through pycparser's lexer (which names it: its last identifier) only when its text holds the
    name asked for."""

    def __init__(self, text: str):
        self.text = text
        self.markers = [(m.start(), int(m.group(1)), m.group(2)) for m in _LINE_MARKER.finditer(text)]
        self.declarations = typedef_declarations(text)
        self._lexed: dict[int, tuple[str, int, list]] = {}
        self._named: dict[str, list[int]] = {}

    def lexed(self, i: int) -> tuple[str, int, list]:
        """The i-th typedef as (file, line, tokens)."""
        if i not in self._lexed:
            self._lexed[i] = _located(self.text, *self.declarations[i], self.markers)
        return self._lexed[i]

    def named(self, name: str) -> list[int]:
        """The positions of the typedefs of this name, in the text's order."""
        if name not in self._named:
            self._named[name] = [i for i, (_, segment) in enumerate(self.declarations)
                                 if name in segment and typedef_name(self.lexed(i)[2]) == name]
        return self._named[name]

    def __contains__(self, name: str) -> bool:
        return bool(self.named(name))

    def __getitem__(self, name: str) -> tuple[str, int, list]:
        return self.lexed(self.named(name)[-1])

    def names_holding(self, part: str) -> list[str]:
        """The typedef names that contain `part`, in the order of each name's first typedef."""
        names = (typedef_name(self.lexed(i)[2]) for i, (_, segment) in enumerate(self.declarations) if part in segment)
        return list(dict.fromkeys(n for n in names if n and part in n))

    def position(self, name: str) -> int:
        """Where the first typedef of this name is: the order of the typedefs' first appearance."""
        return self.named(name)[0]


def select_cache_typedefs(text: str, header_name: str):
    """C source holding the header's _Py*Cache typedefs and every typedef they need."""
    typedefs = Typedefs(text)
    wanted = [(name, *typedefs[name]) for name in typedefs.names_holding("Cache")
              if Path(typedefs[name][0]).name == header_name and name.startswith("_Py") and name.endswith("Cache")]
    if not wanted:
        raise CasesgenError("no _Py*Cache typedefs found", header_name)
    needed, stack = set(), [w[0] for w in wanted]
    while stack:
        name = stack.pop()
        if name in needed:
            continue
        needed.add(name)
        for t in typedefs[name][2][1:]:
            if t.type == "ID" and t.value != name and t.value in typedefs:
                stack.append(t.value)
    ordered = sorted(needed, key=typedefs.position)
    # One typedef per line, so a parse error's line maps back to the header (origins[line - 1]).
    source = "\n".join(" ".join(t.value for t in typedefs[n][2]) for n in ordered)
    origins = [(typedefs[n][0], typedefs[n][1]) for n in ordered]
    return source, wanted, origins


class Layout:
    """Sizes, alignments and field offsets of the parsed typedefs."""

    def __init__(self, ast: c_ast.FileAST):
        self.typedefs = {ext.name: ext.type for ext in ast.ext if isinstance(ext, c_ast.Typedef)}

    def size_align(self, t) -> tuple[int, int]:
        if isinstance(t, c_ast.TypeDecl):
            return self.size_align(t.type)
        if isinstance(t, c_ast.IdentifierType):
            name = " ".join(t.names)
            if name in BASE_SIZES:
                return BASE_SIZES[name], BASE_SIZES[name]
            if name in self.typedefs:
                return self.size_align(self.typedefs[name])
            raise CasesgenError(f"unknown C type {name}")
        if isinstance(t, c_ast.ArrayDecl):
            size, align = self.size_align(t.type)
            return size * int(t.dim.value, 0), align
        if isinstance(t, (c_ast.Struct, c_ast.Union)):
            fields = self.fields(t)
            align = max((f["align"] for f in fields), default=1)
            end = max((f["offset"] + f["size"] for f in fields), default=0)
            return -(-end // align) * align, align
        if isinstance(t, c_ast.PtrDecl):
            return 8, 8
        raise CasesgenError(f"unsupported C type construct {type(t).__name__}")

    def fields(self, t, base: int = 0, union_of: str | None = None) -> list[dict]:
        """Flattened fields (anonymous unions/structs inlined) with byte offsets."""
        out, offset = [], base
        is_union = isinstance(t, c_ast.Union)
        for d in t.decls or []:
            size, align = self.size_align(d.type)
            start = base if is_union else -(-offset // align) * align
            inner = d.type.type if isinstance(d.type, c_ast.TypeDecl) else None
            if d.name is None and isinstance(d.type, (c_ast.Struct, c_ast.Union)):
                group = f"union@{start}" if isinstance(d.type, c_ast.Union) else union_of
                out += [dict(f, align=f["align"]) for f in self.fields(d.type, start, group)]
            else:
                count = int(d.type.dim.value, 0) if isinstance(d.type, c_ast.ArrayDecl) else 1
                elem = d.type.type if isinstance(d.type, c_ast.ArrayDecl) else d.type
                out.append({"name": d.name, "offset": start, "size": size, "align": align, "count": count,
                            "ctype": " ".join(elem.type.names) if isinstance(elem, c_ast.TypeDecl) and
                            isinstance(elem.type, c_ast.IdentifierType) else type(inner).__name__,
                            "union": union_of if not is_union else (union_of or f"union@{base}"),
                            "line": d.coord.line if d.coord else None})
            if not is_union:
                offset = start + size
        return out


def start_extract(header: Path, include_dirs: list[Path], defines=("Py_BUILD_CORE",)) -> Callable[[], dict]:
    """{'structs': {name: {...}}, 'family_structs': {FAMILY: struct}, ...} of one pycore_code.h, in
    two steps: gcc's two runs start now, on the machine's other cores; the returned function waits
    for them and reads the structs."""
    tu = ['#include "Python.h"', f'#include "{header.name}"']
    dirs = [header.parent, *include_dirs]
    preprocessed, dump = gcc(tu, dirs, list(defines)), gcc(tu, dirs, list(defines), "-dM")
    return lambda: structs_of(header, preprocessed(), macros(dump()))


def structs_of(header: Path, text: str, defined: dict[str, str]) -> dict:
    """The cache structs of gcc's preprocessed pycore_code.h, and the families its
    INLINE_CACHE_ENTRIES_ macros give them."""
    source, wanted, origins = select_cache_typedefs(text, header.name)
    try:
        ast = c_parser.CParser().parse(source, header.name)
    except Exception as e:
        # The source holds one typedef per line; the first prefix pycparser rejects names the
        # typedef at fault, and origins maps it back to the header's own line.
        lines = source.splitlines()
        for k in range(1, len(lines) + 1):
            try:
                c_parser.CParser().parse("\n".join(lines[:k]), header.name)
            except Exception as first:
                file, line = origins[k - 1]
                detail = str(first).split(":", 3)[-1].strip()
                raise CasesgenError(f"pycparser cannot parse this cache struct: {detail}", file, line) from None
        raise CasesgenError(f"pycparser cannot parse the cache structs: {e}", str(header)) from None
    layout = Layout(ast)
    structs = {}
    for name, file, line, toks in wanted:
        t = layout.typedefs[name]
        t = t.type if isinstance(t, c_ast.TypeDecl) else t
        size, _ = layout.size_align(t)
        fields = layout.fields(t)
        for f in fields:
            f.pop("align", None)
            # the header's own line (pycparser saw one joined line per typedef)
            f["line"] = next((tk.lineno for tk in toks if tk.value == f["name"]), line)
            if f["offset"] % CODE_UNIT_BYTES or f["size"] % CODE_UNIT_BYTES:
                raise CasesgenError(f"{name}.{f['name']} is not made of whole 16-bit code units", str(header), f["line"])
        structs[name] = {"line": line, "size_bytes": size, "cells": size // CODE_UNIT_BYTES, "fields": fields}
    family_structs, cache_macros = {}, {}
    for macro, body in sorted(defined.items()):
        if macro.startswith(CACHE_MACRO_PREFIX):
            cache_macros[macro] = body
            ids = [t.value for t in tokens(body) if t.type == "ID"]
            used = [i for i in ids if i in structs]
            if len(used) == 1:
                family_structs[macro[len(CACHE_MACRO_PREFIX):]] = used[0]
    return {"header": header.name, "structs": structs, "family_structs": family_structs,
            "cache_macros": cache_macros}
