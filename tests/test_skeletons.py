"""specialize/skeletons_gen.go: per family, the legal targets and the rewrite that takes only them."""
from __future__ import annotations

import ast
import json
import re
import shutil

from conftest import go_run

SKELETONS = "out/specialize/skeletons_gen.go"
MISUSE = "tests/go/specialize/testdata/skeletons"


def specializations(project) -> dict[str, list[str]]:
    """CPython's own list of each family's members (Lib/_opcode_metadata.py as Debian ships it)."""
    text = (project / "inputs/reference/debian/Lib/_opcode_metadata.py").read_text()
    tree = ast.parse(text)
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "_specializations":
            return ast.literal_eval(node.value)
    raise AssertionError("no _specializations")


def test_each_family_has_exactly_its_head_and_members_as_targets(project):
    go = (project / SKELETONS).read_text()
    families = specializations(project)
    assert len(families) == 17
    for head, members in families.items():
        target = "".join(p.capitalize() for p in head.lower().split("_")) + "Target"
        declared = re.findall(rf"^\t\w+ += {target}{{compile\.(\w+)}}$", go, re.M)
        assert sorted(declared) == sorted([head, *members]), (head, declared)
        assert re.search(rf"^type {target} struct{{ op compile\.Opcode }}$", go, re.M)  # unexported: no other values


def test_the_counter_is_written_through_the_cache_view_where_the_family_has_one(project):
    go = (project / SKELETONS).read_text()
    model = json.loads((project / "cache/analysis.json").read_text())
    structs = {f: lay["struct"] for lay in model["cache_layouts"] for f in lay["families"]}
    for f in model["families"]:
        name = "".join(p.capitalize() for p in f["name"].lower().split("_"))
        body = go.split(f"func Specialize{name}(")[1].split("\n}\n")[0]
        if f["name"] in structs:
            view = structs[f["name"]].removeprefix("_Py")
            assert f"New{view}(code, instr).SetCounter(counter)" in body, (f["name"], body)
            assert "code[instr+" not in body


def tree_with(project, tmp_path, program: str):
    tree = tmp_path / "go"
    shutil.copytree(project / "tests/go", tree)
    shutil.copy2(project / SKELETONS, tree / "specialize/skeletons_gen.go")
    (tree / "cmd/skelcheck").mkdir()
    shutil.copy2(project / MISUSE / program, tree / "cmd/skelcheck/main.go")
    return tree


def test_another_familys_target_or_any_other_opcode_does_not_compile(project, tmp_path):
    for program, error in [("another_family.go", r"cannot use specialize\.TargetToBoolInt"),
                           ("any_opcode.go", r"unexported field|implicit assignment")]:
        tree = tree_with(project, tmp_path / program, program)
        r = go_run(tree, "build", "./cmd/skelcheck")
        assert r.returncode != 0 and re.search(error, r.stderr), (program, r.stderr)


def test_a_rewrite_sets_the_opcode_keeps_the_oparg_and_puts_the_counter_in_cpythons_cell(project, tmp_path):
    opmap = json.loads((project / "cache/analysis.json").read_text())["opmap"]
    tree = tree_with(project, tmp_path, "rewrites.go")
    r = go_run(tree, "run", "./cmd/skelcheck")
    assert r.returncode == 0, r.stderr
    # the counter is the first field of every cache struct (pycore_code.h), the cell after the word
    assert r.stdout.splitlines() == [
        f"CALL [{opmap['CALL_PY_EXACT_ARGS'] | 7 << 8} {0x1234} 0 0]",
        f"LOAD_GLOBAL [{opmap['LOAD_GLOBAL_MODULE'] | 7 << 8} {0x1234} 0 0 0]",
        f"JUMP_BACKWARD [{opmap['JUMP_BACKWARD_NO_JIT'] | 7 << 8} {0x1234}]",
    ]
