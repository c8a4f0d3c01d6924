"""Issue 5: every broken input in tests/malformed/cases.toml fails cleanly and changes nothing."""
from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import tarfile
import tomllib
from pathlib import Path

import pytest

from casesgen.sources import cpython
from conftest import doit, run, source_folder

CASES = tomllib.loads((Path(__file__).parent / "malformed/cases.toml").read_text())["case"]
ERROR_LINE = re.compile(r"^casesgen: error: (?P<file>[^\s:]+?)(:(?P<line>\d+))?: (?P<msg>.+)$")


def snapshot(project: Path) -> dict[str, bytes]:
    """What casesgen writes: out/, inputs/, the Go tree. Not Python's bytecode caches, which the
    interpreter writes beside CPython's generator in inputs/ when it imports it (unless the
    environment sets PYTHONDONTWRITEBYTECODE)."""
    files = {}
    for folder in ("out", "inputs", "tests/go"):
        for p in sorted((project / folder).rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                files[p.relative_to(project).as_posix()] = p.read_bytes()
    return files


def edit(text: str, case: dict) -> str:
    if "append" in case:
        return text + case["append"]
    if "pattern" in case:  # a regular expression, for inputs that change (mapping.toml is edited by hand)
        new, n = re.subn(case["pattern"], case["replace"], text, count=1)
        assert n == 1, f"{case['name']}: the pattern to break does not match the input"
        return new
    assert case["find"] in text, f"{case['name']}: the text to break is not in the input"
    return text.replace(case["find"], case["replace"], 1)


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of needle (the line an error must name)."""
    assert needle in text, f"'at' text {needle!r} is not in the edited input"
    return text[:text.index(needle)].count("\n") + 1


def broken_source(case: dict, fresh: Path, where: Path) -> Path:
    kind = case["source"]
    if kind == "dir-without-optimizer":
        return source_folder(fresh, where, [rel for rel in cpython.REQUIRED if "optimizer" not in rel])
    where.mkdir(parents=True)
    tar = where / "Python-3.14.99.tar.xz"
    if kind == "bad-tarball":
        tar.write_bytes(b"not a tarball at all")
    else:
        with tarfile.open(tar, "w:xz") as t:
            data = (fresh / "inputs/Python/optimizer_bytecodes.c").read_bytes()
            info = tarfile.TarInfo("Python-3.14.99/Python/optimizer_bytecodes.c")
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    return tar


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_malformed_input_fails_cleanly(case, fresh, tmp_path):
    env = None
    edited = None  # the broken file's text, for `at`
    if case["kind"] == "source":
        src = source_folder(fresh, tmp_path / "cpython")
        target = src / case["file"]
        target.write_text(edited := edit(target.read_text(), case))
        # Re-pin on purpose, as `casesgen relock` would, then vendor the broken input.
        lock = json.loads((fresh / "casesgen.lock").read_text())
        lock["files"][case["file"]]["sha256"] = hashlib.sha256(target.read_bytes()).hexdigest()
        (fresh / "casesgen.lock").write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n")
        env = {"CASESGEN_CPYTHON": str(src)}
        r = doit(fresh, "vendor", env=env)
        assert r.returncode == 0, r.stdout + r.stderr
    elif case["kind"] in ("project", "cli"):
        target = fresh / case["file"]
        target.write_text(edited := edit(target.read_text(), case))
    elif case["kind"] == "inputs":
        target = fresh / "inputs" / case["file"]
        target.write_text(edited := edit(target.read_text(), case))
    before = snapshot(fresh)
    if case["kind"] == "env":
        env = {"CASESGEN_CPYTHON": str(broken_source(case, fresh, tmp_path / "src"))}
        doit(fresh, "forget", "vendor")
        r = doit(fresh, "vendor", env=env)
    elif case["kind"] == "cli":
        r = run([sys.executable, "-m", "casesgen", "config"], fresh)
    else:
        r = doit(fresh, *case.get("tasks", []), env=env)
    output = r.stdout + r.stderr
    assert r.returncode != 0, output[-3000:]
    assert "Traceback" not in output, output[-3000:]
    errors = [line for line in r.stderr.splitlines() if line.startswith("casesgen: error:")]
    assert len(errors) == 1, r.stderr[-3000:]
    m = ERROR_LINE.match(errors[0])
    assert m, f"not 'file[:line]: message': {errors[0]}"
    expect = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
    for text in expect:
        assert text in errors[0], errors[0]
    if case["line"]:
        assert m.group("line"), f"no line number: {errors[0]}"
    if "at" in case:
        assert int(m.group("line") or 0) == line_of(edited, case["at"]), \
            f"line {m.group('line')} is not the line of {case['at']!r} ({line_of(edited, case['at'])}): {errors[0]}"
    assert snapshot(fresh) == before, "a failed run changed out/, inputs/ or the Go tree"
