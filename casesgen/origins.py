"""Which DSL definition a hunk of drifted Go comes from, for `doit check`'s diff.

A hunk header gets the definition as its trailing text, the place `diff -p` puts a function name:
``@@ -140,7 +140,7 @@ bytecodes.c:640 BINARY_OP_ADD_INT``. Two sources say where a Go line came
from: the ``//line bytecodes.c:N`` directive that opens the region it is in (dispatch arms,
signatures, bodies), and otherwise the names of the rows the hunk changes (the key of a table
row: ``BINARY_OP_ADD_INT:``, ``UOP_BINARY_OP_ADD_INT Uop = 304``). A hunk whose lines belong to
more than one definition, or to none, is left as it is.
"""
from __future__ import annotations

import re
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@")
_DIRECTIVE = re.compile(r"^//line (\S+):(\d+)$")
_IDENT = re.compile(r"[A-Za-z_]\w*")


def definitions(model: dict) -> dict[str, str]:
    """Go spelling of each instruction, pseudo and uop -> `bytecodes.c:line NAME`."""
    where: dict[str, str] = {}
    for item in [*model["instructions"], *model["uops"], *model["pseudos"]]:
        w = item.get("where")
        if not w:
            continue
        go = "UOP" + item["name"] if item["name"].startswith("_") else item["name"]
        where[go] = f"{Path(w['file']).name}:{w['line']} {item['name']}"
    return where


def _directive_at(lines: list[str], line: int) -> str | None:
    """The DSL place of the //line region that holds 1-based `line` of a generated file."""
    for text in reversed(lines[:line]):
        m = _DIRECTIVE.match(text)
        if m:
            return None if m.group(1).endswith(".go") else f"{m.group(1)}:{m.group(2)}"
    return None


def _row_key(text: str, known: dict[str, str]) -> str | None:
    """The definition a table row is about: its first identifier, when that names one."""
    m = _IDENT.search(text.split("compile.", 1)[-1] if text.lstrip().startswith("compile.") else text)
    return known.get(m.group(0)) if m else None


def annotate(diff: str, generated: list[str], known: dict[str, str]) -> str:
    """The unified diff with each single-definition hunk's header naming that definition.

    `generated` is the new side (out/) of the file, whose //line directives are read."""
    places: dict[str, str] = {}
    for label in sorted(known.values(), key=lambda l: l.split()[1].startswith("_")):  # inst X before its uop _X
        places.setdefault(label.split()[0], label)
    out: list[str] = []
    hunk: list[int] = []  # indices into out of the current hunk's header and changed lines

    def close():
        if not hunk:
            return
        header, changed = hunk[0], hunk[1:]
        new_line = int(_HUNK.match(out[header]).group(1))
        first_change = new_line
        for i in range(header + 1, len(out)):
            if out[i][:1] in "+-":
                break
            first_change += 1
        origin = _directive_at(generated, first_change)
        if origin is not None:
            origin = places.get(origin, origin)
        else:
            keys = {_row_key(out[i][1:], known) for i in changed}
            if len(keys) == 1 and None not in keys:
                origin = keys.pop()
        if origin:
            out[header] = f"{out[header]} {origin}"
        hunk.clear()

    for line in diff.splitlines():
        if _HUNK.match(line):
            close()
            out.append(line)
            hunk.append(len(out) - 1)
        elif hunk and line[:1] in "+-":
            out.append(line)
            hunk.append(len(out) - 1)
        else:
            out.append(line)
    close()
    return "\n".join(out) + "\n"
