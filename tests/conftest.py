"""Shared fixtures: the real-input tier, temp copies of the project, doit and Go runners."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from casesgen.gotree import go_env, go_tool  # noqa: E402
from casesgen.sources import cpython  # noqa: E402

CPYTHON = Path(os.path.expanduser(os.environ.get("CASESGEN_CPYTHON") or "~/.cache/casesgen/cpython-3.14"))
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "inputs", "cache", "out", "__pycache__", "*.egg-info",
                                     ".pytest_cache")
TIER = {"ran": False, "reason": ""}


def missing_reason() -> str | None:
    gone = cpython.missing(CPYTHON)
    if not gone:
        return None
    return (f"real-input tier skipped: {CPYTHON / gone[0]} is missing. Populate CASESGEN_CPYTHON "
            f"(default ~/.cache/casesgen/cpython-3.14) with Python/bytecodes.c, Python/optimizer_bytecodes.c and "
            f"Include/internal/pycore_code.h matching the sha256 in docs/inputs.md")


def pytest_terminal_summary(terminalreporter):
    reason = missing_reason()
    if reason:
        terminalreporter.write_line(f"casesgen: {reason}")
    else:
        terminalreporter.write_line(f"casesgen: real-input tier ran (CPython DSL inputs from {CPYTHON})")


def run(cmd, cwd, env=None, timeout=900, check=False) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    r = subprocess.run([str(c) for c in cmd], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)
    if check and r.returncode != 0:
        raise AssertionError(f"{cmd} failed ({r.returncode}):\n{r.stdout[-4000:]}\n{r.stderr[-4000:]}")
    return r


def doit(project: Path, *args, env=None, check=False) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "doit", *args], project, env=env, check=check)


def executed(result: subprocess.CompletedProcess) -> list[str]:
    """Tasks doit executed ('.  name'), not the ones it skipped as up to date ('-- name')."""
    return [line[3:].strip() for line in result.stdout.splitlines() if line.startswith(".  ")]


def copy_project(dest: Path, source: Path = REPO) -> Path:
    shutil.copytree(source, dest, ignore=COPY_IGNORE, symlinks=True)
    return dest


def clone(project: Path, dest: Path) -> Path:
    """A copy of a vendored project that shares its (read-only) Debian extraction."""
    copy_project(dest, project)
    shutil.copytree(project / "inputs", dest / "inputs")
    (dest / "cache").mkdir()
    for item in (project / "cache").iterdir():
        if item.name == "debian":
            (dest / "cache" / "debian").symlink_to(item.resolve())
        elif item.is_dir():
            shutil.copytree(item, dest / "cache" / item.name)
        else:
            shutil.copy2(item, dest / "cache" / item.name)
    if (project / "out").exists():
        shutil.copytree(project / "out", dest / "out")
    return dest


@pytest.fixture(scope="session")
def cpython_source() -> Path:
    reason = missing_reason()
    if reason:
        pytest.skip(reason)
    return CPYTHON


@pytest.fixture(scope="session")
def project(cpython_source, tmp_path_factory) -> Path:
    """A temp copy of this repository on which a full `doit` has run once."""
    dest = copy_project(tmp_path_factory.mktemp("project") / "casesgen")
    debs = REPO / "cache" / "debian" / "debs"
    if debs.is_dir():  # reuse this checkout's downloads
        shutil.copytree(debs, dest / "cache" / "debian" / "debs")
    r = doit(dest)
    assert r.returncode == 0, f"doit failed:\n{r.stdout[-6000:]}\n{r.stderr[-6000:]}"
    dest.joinpath("first_run.log").write_text(r.stdout + r.stderr)
    return dest


@pytest.fixture
def fresh(project, tmp_path) -> Path:
    """A private copy of the vendored project, for tests that change things."""
    return clone(project, tmp_path / "casesgen")


@pytest.fixture(scope="session")
def go() -> Path:
    return go_tool("go")


def go_run(gotree: Path, *args) -> subprocess.CompletedProcess:
    return run([go_tool("go"), *args], gotree, env=go_env())


def go_test(gotree: Path, package: str, tests: str, env: dict[str, str]) -> str:
    """`go test -run tests -v` of one package with env set; its output, after asserting it passed."""
    r = run([go_tool("go"), "test", package, "-run", tests, "-v", "-count=1"], gotree, env={**go_env(), **env})
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


@pytest.fixture(scope="session")
def interpreter(project):
    from casesgen.sources.debian import interpreter as interp
    argv, env = interp(project / "cache" / "debian" / "root")
    return argv, env


def load_json(text: str):
    return json.loads(text)


def reference_uop_names(header) -> list[str]:
    """Names #defined by pycore_uop_ids.h (`#define _NAME value`), minus the guard and MAX_UOP_ID."""
    names = []
    for line in header.read_text().splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "#define" and parts[1].startswith("_"):
            names.append(parts[1])
    return names


def go_tables_of(gotree: Path, uop_ids_header: Path, work: Path) -> dict:
    """The tables of a generated Go tree, dumped by its cmd/dumptables, plus the number of every uop
    that uop_ids_header (CPython's pycore_uop_ids.h) names."""
    tree = work / "go"
    shutil.copytree(gotree, tree)
    lines = ["package main", "", 'import "gopy.example/gopy/compile"', "", "func init() {"]
    lines += [f'\tuopIDs["{n}"] = int(compile.UOP{n})' for n in reference_uop_names(uop_ids_header)]
    lines += ["}", ""]
    (tree / "cmd/dumptables/uop_ids_oracle.go").write_text("\n".join(lines))
    r = go_run(tree, "run", "./cmd/dumptables")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def c_tables_of(include: Path, work: Path) -> dict:
    """The same tables from CPython's generated headers under include/ (opcode_ids.h, internal/...),
    compiled with gcc (tests/oracle/dump_tables.c)."""
    (work / "uop_ids.inc").write_text("".join(f"UOP({n})\n" for n in
                                              reference_uop_names(include / "internal/pycore_uop_ids.h")))
    exe = work / "dump_tables"
    cc = shutil.which("gcc") or shutil.which("cc")
    run([cc, "-std=c11", "-Wall", "-Werror", "-O0", f"-I{include}", f"-I{include / 'internal'}",
         f'-DUOP_ID_LIST="{work / "uop_ids.inc"}"', "-o", exe, REPO / "tests/oracle/dump_tables.c"], work, check=True)
    return json.loads(run([exe], work, check=True).stdout)


# The tables dump_tables.c and cmd/dumptables both print.
TABLES = ["have_argument", "min_specialized", "min_instrumented", "max_uop_id", "names", "metadata", "caches",
          "deopt", "popped", "pushed", "expansions", "pseudo_targets", "is_pseudo", "uop_flags", "uop_replication",
          "uop_names", "uop_popped", "uop_ids"]


def mismatches(c, go) -> tuple[int, int]:
    """(compared entries, mismatching entries) of one table."""
    if isinstance(c, dict):
        keys = set(c) | set(go)
        return len(keys), sum(1 for k in keys if c.get(k) != go.get(k))
    if isinstance(c, list):
        n = max(len(c), len(go))
        return n, sum(1 for i in range(n) if (c[i] if i < len(c) else None) != (go[i] if i < len(go) else None))
    return 1, int(c != go)


@pytest.fixture(scope="session")
def go_tables(project, tmp_path_factory) -> dict:
    """dumptables built against the generated Go, with every uop of Debian's pycore_uop_ids.h."""
    return go_tables_of(project / "tests/go", project / "inputs/reference/debian/Include/internal/pycore_uop_ids.h",
                        tmp_path_factory.mktemp("oracle_go"))


def source_folder(project: Path, where: Path, files=cpython.REQUIRED) -> Path:
    """A CPython source folder laid out like a checkout, holding `files` from project's inputs/."""
    for rel in files:
        (where / rel).parent.mkdir(parents=True, exist_ok=True)
        (where / rel).write_bytes((project / "inputs" / rel).read_bytes())
    return where


def edit_source(project: Path, where: Path, edits: dict[str, str]) -> dict[str, str]:
    """A CPython source folder with some files replaced, re-pinned with `casesgen relock`.

    Returns the environment under which `doit` in `project` uses that source, which is how a
    user who edits their checkout on purpose proceeds.
    """
    source_folder(project, where)
    for rel, text in edits.items():
        (where / rel).write_text(text)
    env = {"CASESGEN_CPYTHON": str(where)}
    r = run([sys.executable, "-m", "casesgen", "relock"], project, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    return env


def compile_programs(project: Path, interpreter, out: Path, programs) -> Path:
    """Python programs compiled by the vendored CPython 3.14 into code objects as JSON (corpus_compile.py)."""
    argv, env = interpreter
    r = subprocess.run([*argv, str(project / "casesgen/corpus_compile.py"), str(out), *map(str, programs)], env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return out


def case_names(path: Path, go: bool = False) -> list[str]:
    """The uop names a C file (`case _X: {`) or a generated Go switch (`case compile.UOP_X:`) has a case for."""
    import re
    pattern = r"^\t+case compile\.UOP(_\w+):$" if go else r"^\s*case (_\w+): \{"
    return re.findall(pattern, path.read_text(), re.M)
