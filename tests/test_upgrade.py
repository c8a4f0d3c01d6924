"""Issue 10: `casesgen diff OLD NEW` and the upgrade_report task, on real and edited 3.14 sources."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from casesgen.sources import cpython
from conftest import doit, executed, run, source_folder
from test_sources import edited_dsl

# A second real 3.14-line source (never committed): see docs/inputs.md, "A second source".
OTHER = Path(os.path.expanduser(os.environ.get("CASESGEN_CPYTHON_OTHER") or "~/.cache/casesgen/cpython-3.14-fork"))


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


NEW_INST = ("        inst(CASESGEN_PROBE, (value -- value, copy)) {\n"
            "            copy = PyStackRef_DUP(value);\n        }\n\n")
# One edit of each kind, as a maintainer might make it (applied to the pinned bytecodes.c).
EDITS = {
    "added": lambda t: replace(t, "        family(RESUME, 0) = {", NEW_INST + "        family(RESUME, 0) = {"),
    "stack_effect": lambda t: replace(t, "pure inst(NOP, (--)) {", "pure inst(NOP, (unused -- unused)) {"),
    "cache_layout": lambda t: replace(t, "inst(TO_BOOL_NONE, (unused/1, unused/2, value -- res))",
                                      "inst(TO_BOOL_NONE, (unused/2, unused/1, value -- res))"),
    "family": lambda t: edited_dsl(t, new_instruction=False, stack_effect=False),
    "flags": lambda t: replace(t, "EXIT_IF(!PyStackRef_IsNone(value));", "DEOPT_IF(!PyStackRef_IsNone(value));"),
    "body": lambda t: replace(replace(t, "STAT_INC(TO_BOOL, hit);\n            res = PyStackRef_False;",
                                      "STAT_INC(TO_BOOL, hit);\n            res = PyStackRef_True;"),
                              "            assert(PyFunction_Check(func));\n",
                              "            assert(PyFunction_Check(func));\n            assert(1);\n"),
}


def diff(project: Path, old, new, *flags) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "casesgen", "diff", str(old), str(new), *flags], project)


@pytest.fixture(scope="module")
def edited(project, tmp_path_factory) -> dict[str, Path]:
    """A source folder per edit kind, beside an unedited copy of the pinned inputs."""
    base = tmp_path_factory.mktemp("sources")
    folders = {"unchanged": source_folder(project, base / "unchanged")}
    dsl = (project / "inputs/Python/bytecodes.c").read_text()
    for kind, edit in EDITS.items():
        src = source_folder(project, base / kind)
        (src / "Python/bytecodes.c").write_text(edit(dsl))
        folders[kind] = src
    return folders


@pytest.fixture(scope="module")
def reports(project, edited) -> dict[str, dict]:
    out = {}
    for kind, src in edited.items():
        r = diff(project, "locked", src, "--json")
        assert r.returncode == (0 if kind == "unchanged" else 1) and r.stdout, (kind, r.returncode, r.stderr)
        out[kind] = json.loads(r.stdout)
    r = diff(project, edited["added"], "locked", "--json")
    assert r.returncode == 1, r.stderr
    out["removed"] = json.loads(r.stdout)
    return out


def changes(report: dict, change: str) -> dict[str, dict]:
    return {f"{c['kind']} {c['name']}": c for c in report["changes"] if c["change"] == change}


def test_an_unchanged_pair_reports_nothing(project, edited, reports):
    assert reports["unchanged"]["changes"] == [] and not any(reports["unchanged"]["summary"].values())
    r = diff(project, "locked", edited["unchanged"])
    assert r.returncode == 0 and "No differences" in r.stdout


def test_every_kind_of_change_is_reported(reports):
    for kind in ("added", "removed", "stack_effect", "cache_layout", "family", "flags", "body"):
        assert reports[kind]["summary"][kind] > 0, kind
    # Exactly the edit, nothing else, where nothing renumbers.
    for kind in ("stack_effect", "cache_layout", "flags", "body"):
        assert {c["change"] for c in reports[kind]["changes"]} <= {kind, "body", "flags"}, kind


def test_added_and_removed_instruction_renumber_the_rest(reports):
    added = changes(reports["added"], "added")
    assert set(added) == {"instruction CASESGEN_PROBE", "uop _CASESGEN_PROBE"}
    probe = added["instruction CASESGEN_PROBE"]
    assert probe["signature"] == "(value -- value, copy)" and re.search(r"bytecodes.c:\d+$", probe["where"]["new"])
    assert any(f.endswith("compile/opcode_ids_gen.go") for f in probe["touches"]["go_files"])
    renumbered = changes(reports["added"], "renumbered")
    # CPython numbers the instructions without an argument alphabetically: CHECK_EG_MATCH follows the probe.
    assert renumbered["instruction CHECK_EG_MATCH"]["old"] + 1 == renumbered["instruction CHECK_EG_MATCH"]["new"]
    assert set(changes(reports["removed"], "removed")) == {"instruction CASESGEN_PROBE", "uop _CASESGEN_PROBE"}


def test_stack_effect_change_shows_both_dsl_signatures(reports):
    nop = changes(reports["stack_effect"], "stack_effect")["instruction NOP"]
    assert nop["old"] == {"dsl": "( -- )", "popped": "0", "pushed": "0"}
    assert nop["new"] == {"dsl": "(unused -- unused)", "popped": "1", "pushed": "1"}
    # NOT_TAKEN is macro(NOT_TAKEN) = NOP: its effect changes with it.
    assert changes(reports["stack_effect"], "stack_effect")["instruction NOT_TAKEN"]["new"]["popped"] == "1"


def test_cache_layout_change_shows_cells_and_offsets(reports):
    c = changes(reports["cache_layout"], "cache_layout")["instruction TO_BOOL_NONE"]
    assert c["old"]["cells"] == ["unused/1@0", "unused/2@1"] and c["new"]["cells"] == ["unused/2@0", "unused/1@2"]
    assert c["old"]["cache_entries"] == c["new"]["cache_entries"] == 3


def test_family_and_deopt_parent_change(reports):
    fam = changes(reports["family"], "family")
    assert fam["family TO_BOOL"]["new"]["members"] == [*fam["family TO_BOOL"]["old"]["members"], "TO_BOOL_PROBE"]
    probe = changes(reports["family"], "added")["instruction TO_BOOL_PROBE"]
    assert probe["deopt"] == "TO_BOOL" and any(f.endswith("specialize/family_gen.go") for f in probe["touches"]["go_files"])


def test_flags_change(reports):
    flags = changes(reports["flags"], "flags")["instruction TO_BOOL_NONE"]
    assert "EXIT" in flags["old"] and "DEOPT" in flags["new"] and "EXIT" not in flags["new"]


def test_body_change_is_a_dsl_diff_naming_mapping_entries_and_handwritten_bodies(project, edited, reports):
    body = changes(reports["body"], "body")
    assert set(body) == {"uop _TO_BOOL_NONE", "uop _SET_FUNCTION_ATTRIBUTE"}
    d = body["uop _TO_BOOL_NONE"]["diff"]
    assert "-            res = PyStackRef_False;" in d and "+            res = PyStackRef_True;" in d
    assert re.search(r"^--- inputs/Python/bytecodes.c:\d+$", d, re.M) and f"+++ {edited['body']}/Python/bytecodes.c:" in d
    # The hunk header counts real lines of bytecodes.c: the changed line is where the DSL has it.
    start = int(re.search(r"^@@ -(\d+)", d, re.M).group(1))
    lines = (project / "inputs/Python/bytecodes.c").read_text().splitlines()
    hunk = [l[1:] for l in d.splitlines()[3:] if l[:1] in " -"]
    assert lines[start - 1:start - 1 + len(hunk)] == hunk
    touched = body["uop _TO_BOOL_NONE"]["touches"]
    assert any("PyStackRef_True" in m for m in touched["mapping"]) and any("PyStackRef_False" in m for m in touched["mapping"])
    assert all(re.match(r"mapping.toml:\d+ ", m) for m in touched["mapping"])
    assert any(f.endswith("vm/op_bodies_gen.go") for f in touched["go_files"])
    hand = body["uop _SET_FUNCTION_ATTRIBUTE"]["touches"]["handwritten"]
    assert len(hand) == 1 and re.fullmatch(r"tests/go/vm/\w+\.go:\d+", hand[0])
    path, line = hand[0].rsplit(":", 1)
    assert "func op_SET_FUNCTION_ATTRIBUTE(" in (project / path).read_text().splitlines()[int(line) - 1]


def test_markdown_report_reads_like_the_json(project, edited):
    r = diff(project, "locked", edited["body"])
    assert r.returncode == 1
    assert r.stdout.startswith("# Upgrade report: locked (CPython 3.14.10) -> ")
    assert "## Body changed" in r.stdout and "```diff" in r.stdout and "### `_TO_BOOL_NONE`" in r.stdout


def test_diff_leaves_inputs_and_the_lock_alone(project, edited):
    before = {p: p.read_bytes() for p in [project / "casesgen.lock", *sorted((project / "inputs/Python").iterdir())]}
    diff(project, edited["added"], edited["family"])
    assert before == {p: p.read_bytes() for p in before}
    assert len(list((project / "cache/diff").iterdir())) >= 2  # one folder per source


@pytest.mark.parametrize("args, message", [
    (["locked"], "the following arguments are required: NEW"),
    (["locked", "/nowhere"], "/nowhere/Python/bytecodes.c: missing CPython input Python/bytecodes.c"),
    (["locked", "http://127.0.0.1:9/Python-3.14.10.tar.xz"], "cannot download http://127.0.0.1:9/Python-3.14.10.tar.xz"),
])
def test_bad_arguments_are_one_line_and_exit_2(project, args, message):
    r = run([sys.executable, "-m", "casesgen", "diff", *args], project)
    assert r.returncode == 2 and r.stdout == "" and len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert r.stderr.startswith("casesgen: error: ") and message in r.stderr


def test_a_source_of_another_line_is_refused(project, tmp_path):
    src = source_folder(project, tmp_path / "src")
    (src / cpython.PATCHLEVEL).write_text('#define PY_VERSION "3.15.0a2"\n')
    r = diff(project, "locked", src)
    assert r.returncode == 2 and "casesgen needs a 3.14-line source" in r.stderr


def test_upgrade_report_task_when_next_is_configured(fresh, edited):
    py = fresh / "pyproject.toml"
    py.write_text(py.read_text().replace("[tool.casesgen]\n", f'[tool.casesgen]\nnext = "{edited["family"]}"\n', 1))
    r = doit(fresh)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr
    assert "upgrade_report" in executed(r) and "upgrade_report: " in r.stdout
    report = json.loads((fresh / "cache/reports/upgrade.json").read_text())
    assert report["summary"]["family"] == 1 and (fresh / "cache/reports/upgrade.md").read_text().startswith("# Upgrade")
    assert "upgrade_report" not in executed(doit(fresh))  # up to date


FORK_SHA256 = "5272c033ec0f30e45c266bced3376d8eb2320c9c6cf91eccbf414d4857e554bb"  # docs/inputs.md


@pytest.mark.skipif(not (OTHER / "Python/bytecodes.c").is_file(),
                    reason=f"no second real 3.14 bytecodes.c at {OTHER}/Python/bytecodes.c (CASESGEN_CPYTHON_OTHER); "
                           "docs/inputs.md, 'A second source', says where it comes from")
def test_a_real_3_14_fork_against_the_pinned_source(project, tmp_path):
    """vraiti/cpython, a public 3.14-based fork that adds a uop and hooks into 28 bodies. It changes only
    bytecodes.c of the three inputs, so its source is that file beside the pinned other two."""
    from casesgen.fsutil import sha256_file
    assert sha256_file(OTHER / "Python/bytecodes.c") == FORK_SHA256, "not the bytecodes.c docs/inputs.md pins"
    src = source_folder(project, tmp_path / "fork")
    (src / "Python/bytecodes.c").write_bytes((OTHER / "Python/bytecodes.c").read_bytes())
    r = diff(project, "locked", src, "--json")
    assert r.returncode == 1, r.stderr
    report = json.loads(r.stdout)
    added = changes(report, "added")
    assert set(added) == {"uop _D3G_PY_CALL_HOOK"} and added["uop _D3G_PY_CALL_HOOK"]["new"] == 363
    assert not changes(report, "removed")
    # No opcode moves; the uops numbered after the new one each move up by one.
    renumbered = changes(report, "renumbered").values()
    assert renumbered and all(c["kind"] == "uop" and c["new"] == c["old"] + 1 and c["old"] >= 363 for c in renumbered)
    resume = changes(report, "stack_effect")["instruction RESUME"]
    assert "_D3G_PY_CALL_HOOK" in resume["new"]["dsl"] and "_D3G_PY_CALL_HOOK" not in resume["old"]["dsl"]
    body = changes(report, "body")
    assert len(body) == 28
    assert "PySet_CheckExact" in body["uop _SET_ADD"]["diff"]  # the pinned commit's later upstream fix
    assert any("d3g_py_return_hook" in l for l in body["uop _RETURN_VALUE"]["diff"].splitlines() if l.startswith("+"))
    assert not body["uop _RETURN_VALUE"]["touches"]["handwritten"]  # generated now: regenerating follows it
    assert any(f.endswith("vm/op_bodies_gen.go") for f in body["uop _RETURN_VALUE"]["touches"]["go_files"])
    assert "ESCAPES" in changes(report, "flags")["instruction POP_JUMP_IF_TRUE"]["new"]
