"""Issue 5: `doit check` catches every kind of drift between out/ and the Go tree, and nothing else."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import doit

IDS = "compile/opcode_ids_gen.go"
META = "compile/opcode_metadata_gen.go"
FAM = "specialize/family_gen.go"
LAY = "specialize/cache_layouts_gen.go"


def replace_once(old, new):
    def edit(tree):
        path = tree / edit.file
        text = path.read_text()
        assert old in text, old
        path.write_text(text.replace(old, new, 1))
    return edit


def swap_case_lines(tree):
    path = tree / META
    lines = path.read_text().splitlines(keepends=True)
    i = next(i for i, l in enumerate(lines) if l.strip().startswith("case ") and l.rstrip().endswith(":"))
    j = next(j for j in range(i + 2, len(lines)) if lines[j].strip().startswith("case ") and lines[j].rstrip().endswith(":"))
    lines[i], lines[i + 1], lines[j], lines[j + 1] = lines[j], lines[j + 1], lines[i], lines[i + 1]
    path.write_text("".join(lines))


def edit_bytes(fn, file):
    def edit(tree):
        path = tree / file
        path.write_bytes(fn(path.read_bytes()))
    return edit


def on(file, edit):
    edit.file = file
    return edit


DRIFTS = {
    "edited constant": on(IDS, replace_once("NOP", "NOP_")),
    "edited opcode number": on(IDS, replace_once("Opcode = 128", "Opcode = 129")),
    "reordered switch cases": swap_case_lines,
    "removed file": lambda tree: (tree / FAM).unlink(),
    "extra generated file": lambda tree: (tree / "compile/extra_gen.go").write_text("package compile\n"),
    "extra generated file in a new package": lambda tree: (tree / "extrapkg").mkdir() or (tree / "extrapkg/eval_gen.go").write_text("package extrapkg\n"),
    "moved file": lambda tree: shutil.move(tree / FAM, tree / "compile/family_gen.go"),
    "trailing whitespace": on(META, replace_once("type InstrFormat uint8", "type InstrFormat uint8 ")),
    "edited header line": on(IDS, replace_once("DO NOT EDIT.", "DO NOT EDIT")),
    "tabs to spaces": on(LAY, replace_once("\treturn ", "    return ")),
    "CRLF line endings": edit_bytes(lambda b: b.replace(b"\n", b"\r\n"), FAM),
    "missing final newline": edit_bytes(lambda b: b.rstrip(b"\n"), FAM),
    "extra final blank line": edit_bytes(lambda b: b + b"\n", META),
    "edited comment": on(META, replace_once("// NumPopped is", "// NumPopped gives")),
    "renamed function": on(META, replace_once("func IsPseudo(", "func IsPseudoOp(")),
    "changed flag expression": on(META, replace_once("HAS_ARG_FLAG | ", "", )),
    "removed table entry": on(LAY, replace_once('\tcompile.LOAD_GLOBAL:     "_PyLoadGlobalCache",\n', "")),
    "duplicated line": edit_bytes(lambda b: b.replace(b"\n\tNOP ", b"\n\tNOP = 27\n\tNOP ", 1), IDS),
    "emptied file": edit_bytes(lambda b: b"", "compile/uop_ids_gen.go"),
    "edited string literal": on(IDS, replace_once('"RESUME",', '"RESUMe",')),
    "changed cache cell offset": on(LAY, replace_once("return c.cells[3]", "return c.cells[1]")),
}


@pytest.fixture(scope="module")
def checked(project, tmp_path_factory):
    from conftest import clone
    return clone(project, tmp_path_factory.mktemp("check") / "casesgen")


def test_clean_tree_has_no_false_alarm(checked):
    for _ in range(3):
        r = doit(checked, "check")
        assert r.returncode == 0, r.stdout + r.stderr
        assert "match CPython's DSL" in r.stdout


@pytest.mark.parametrize("name", list(DRIFTS))
def test_drift_is_caught(checked, name, tmp_path):
    tree = checked / "tests/go"
    backup = tmp_path / "backup"
    shutil.copytree(tree, backup)
    try:
        DRIFTS[name](tree)
        before = {p.relative_to(tree): p.read_bytes() for p in tree.rglob("*") if p.is_file()}
        r = doit(checked, "check")
        assert r.returncode == 1, r.stdout + r.stderr
        assert "--- " in r.stdout and "+++ " in r.stdout, r.stdout
        assert "tests/go/" in r.stdout or "/dev/null" in r.stdout
        assert "drifted from CPython's DSL" in r.stderr
        # check never writes the Go tree
        assert before == {p.relative_to(tree): p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    finally:
        shutil.rmtree(tree)
        shutil.copytree(backup, tree)
    assert doit(checked, "check").returncode == 0


def test_twenty_kinds_of_drift():
    assert len(DRIFTS) >= 20


@pytest.mark.parametrize("file, old, new, origin", [
    (IDS, "Opcode = 128", "Opcode = 129", r"RESUME"),  # a table row: its key names the definition
    # under a //line directive: a body's signature assertion
    ("vm/op_signatures_gen.go", "//line bytecodes.c:{line}\nvar _ func(*Eval, uint32, stackref.Ref, stackref.Ref) (",
     "//line bytecodes.c:{line}\nvar _ func(*Eval, uint32, stackref.Ref) (", r"_BINARY_OP_ADD_INT"),
])
def test_drift_hunks_name_the_dsl_definition(checked, tmp_path, file, old, new, origin):
    """`doit check` names bytecodes.c:line of the definition behind a hunk, where the hunk has one."""
    import json
    import re
    model = json.loads((checked / "cache/analysis.json").read_text())
    line = next(d["where"]["line"] for d in model["instructions"] + model["uops"] if d["name"] == origin)
    old, new = old.format(line=line), new.format(line=line)
    path = checked / "tests/go" / file
    text = path.read_text()
    assert old in text
    try:
        path.write_text(text.replace(old, new, 1))
        r = doit(checked, "check")
        assert r.returncode == 1
        headers = [l for l in r.stdout.splitlines() if l.startswith("@@ ")]
        assert len(headers) == 1 and re.fullmatch(rf"@@ -\d+(,\d+)? \+\d+(,\d+)? @@ bytecodes\.c:{line} {origin}",
                                                  headers[0]), headers
    finally:
        path.write_text(text)


def test_a_hunk_of_several_definitions_is_not_named(checked):
    path = checked / "tests/go" / META
    text = path.read_text()
    try:
        swap_case_lines(checked / "tests/go")
        r = doit(checked, "check")
        headers = [l for l in r.stdout.splitlines() if l.startswith("@@ ")]
        assert headers and all(re.fullmatch(r"@@ -\d+(,\d+)? \+\d+(,\d+)? @@", h) for h in headers), headers
    finally:
        path.write_text(text)
