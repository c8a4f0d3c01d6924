"""Units that need no CPython inputs: config, C-expression translation, the Go writer, drift."""
from __future__ import annotations

import shutil
import subprocess
import textwrap

import pytest

from casesgen import config
from casesgen.cexpr import to_go
from casesgen.errors import CasesgenError
from casesgen.gotree import drift, gofmt, go_env, go_tool
from casesgen.gowriter import GoWriter, camel, go_name
from casesgen.sources import cpython
from casesgen.sources.debian import mirror_from_apt


def write_pyproject(tmp_path, body: str):
    (tmp_path / "pyproject.toml").write_text(textwrap.dedent(body))
    return tmp_path


def test_config_defaults_and_env_override(tmp_path, monkeypatch):
    write_pyproject(tmp_path, """
        [tool.casesgen]
        go_tree = "gotree"
        [tool.casesgen.layout]
        family = "spec/fam_gen.go"
    """)
    monkeypatch.setenv("CASESGEN_CPYTHON", str(tmp_path / "cpy"))
    cfg = config.load(tmp_path)
    assert cfg.cpython == tmp_path / "cpy" and cfg.go_tree == tmp_path / "gotree"
    assert cfg.layout["family"] == "spec/fam_gen.go" and cfg.layout["opcode_ids"] == "compile/opcode_ids_gen.go"
    assert cfg.generator_version == "3.14.10"


def test_cpython_source_is_the_first_that_holds_the_inputs(tmp_path, monkeypatch):
    """The default: the local folder when it holds the inputs, else the 3.14.10 release tarball's URL."""
    monkeypatch.delenv("CASESGEN_CPYTHON", raising=False)
    write_pyproject(tmp_path, f"""
        [tool.casesgen]
        cpython = ["{tmp_path / 'src'}", "https://example.invalid/Python-3.14.10.tar.xz"]
    """)
    assert config.load(tmp_path).cpython == "https://example.invalid/Python-3.14.10.tar.xz"
    for rel in cpython.REQUIRED:
        (tmp_path / "src" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "src" / rel).write_text("")
    assert config.load(tmp_path).cpython == tmp_path / "src"
    write_pyproject(tmp_path, "[tool.casesgen]\n")
    assert config.load(tmp_path).cpython_candidates[-1] == cpython.RELEASE_URL
    write_pyproject(tmp_path, "[tool.casesgen]\ncpython = []\n")
    with pytest.raises(CasesgenError, match="a path or URL, or a list of them"):
        config.load(tmp_path)


@pytest.mark.parametrize("text, version", [
    ('#define PY_MINOR_VERSION 14\n#define PY_VERSION      	"3.14.10"\n', "3.14.10"),
    ('#define PY_VERSION "3.14.10+"\n', "3.14.10+"),
    ('/* no version */\n', None),
])
def test_patchlevel_version(text, version):
    assert cpython.patchlevel_version(text) == version


def test_a_source_of_another_line_is_refused():
    cpython.require_line("3.14.0rc1", "3.14.10", "x")
    with pytest.raises(CasesgenError, match="the source is CPython 3.15.0a1 but the vendored generator is CPython "
                                            "3.14.10's; casesgen needs a 3.14-line source"):
        cpython.require_line("3.15.0a1", "3.14.10", "x")


def test_debian_references_apply_only_to_debians_version():
    known = next(iter(cpython.REPRODUCES_DEBIAN["3.14.10"]))
    assert cpython.debian_applies("3.14.10", cpython.PATCHLEVEL, "f" * 64, "3.14.10")[0]
    assert not cpython.debian_applies("3.14.10+", cpython.PATCHLEVEL, known, "3.14.10")[0]
    assert cpython.debian_applies("3.14.10", "casesgen.lock", known, "3.14.10")[0]
    applies, why = cpython.debian_applies("3.14.10", "casesgen.lock", "f" * 64, "3.14.10")
    assert not applies and "ffffffffffff..." in why


@pytest.mark.parametrize("body, message, line", [
    ("[tool.casesgen]\ngo_treee = 'x'\n", "unknown key tool.casesgen.go_treee", 2),
    ("[tool.casesgen]\n\n[tool.casesgen.layout]\nfamily = 'x.go'\n", "must be a relative path ending in _gen.go", 4),
    ("[tool.casesgen]\ngo_tree = 3\n", "go_tree must be a string", 2),
    ("[tool.casesgen\n", "bad TOML", 1),
])
def test_config_errors_name_key_and_line(tmp_path, body, message, line):
    write_pyproject(tmp_path, body)
    with pytest.raises(CasesgenError) as e:
        config.load(tmp_path)
    assert message in e.value.message and e.value.line == line and e.value.file.endswith("pyproject.toml")


@pytest.mark.parametrize("c, go", [
    ("1 + (oparg & 0xFF) + (oparg >> 8)", "1 + (oparg & 0xFF) + (oparg >> 8)"),
    ("1 + oparg & 3", "(1 + oparg) & 3"),  # C binds + tighter than &; Go would not
    ("2 + (oparg-1)", "2 + (oparg - 1)"),
    ("oparg*2", "oparg * 2"),
    ("oparg - (oparg - 1)", "oparg - (oparg - 1)"),
    ("-1", "-1"),
])
def test_c_size_expressions_become_go(c, go):
    assert to_go(c) == go


def test_c_and_go_evaluate_alike():
    """The translation keeps the value for every oparg (Python evaluates C-like precedence here)."""
    for c in ["1 + oparg & 3", "oparg >> 1 + 1", "2 * oparg - 1 | 4"]:
        go = to_go(c)
        for oparg in range(256):
            py_c = eval(c, {"oparg": oparg})  # Python's precedence matches C for these operators
            py_go = eval(go.replace("&^", "&~"), {"oparg": oparg})
            assert py_c == py_go, (c, go, oparg)


@pytest.mark.parametrize("bad", ["oparg +", "x + 1", "oparg ? 1 : 2", "1.5"])
def test_bad_size_expressions_are_refused(bad):
    with pytest.raises(CasesgenError):
        to_go(bad)


def test_go_writer_output_is_gofmt_clean():
    w = GoWriter(["Python/bytecodes.c"], "3.14.10", "compile")
    w.comment("X is a thing.")
    with w.block("func X() int {"):
        w.emit("return 1")
    text = w.text()
    assert text.startswith("// Code generated by casesgen from Python/bytecodes.c (CPython 3.14.10). DO NOT EDIT.\n")
    assert gofmt(text, "x_gen.go") == text


def test_names():
    assert go_name("_LOAD_FAST") == "UOP_LOAD_FAST" and go_name("NOP") == "NOP"
    assert camel("module_keys_version") == "ModuleKeysVersion"


def test_gofmt_reports_bad_go_as_one_error():
    with pytest.raises(CasesgenError) as e:
        gofmt("package x\nfunc {", "x_gen.go")
    assert "x_gen.go" in str(e.value)


def test_drift_sees_missing_extra_and_changed(tmp_path):
    out, tree = tmp_path / "out", tmp_path / "tree"
    (out / "a").mkdir(parents=True)
    (tree / "a").mkdir(parents=True)
    (out / "a/x_gen.go").write_text("package a\n")
    (out / "a/y_gen.go").write_text("package a\n")
    (tree / "a/x_gen.go").write_text("package a\r\n")
    (tree / "a/z_gen.go").write_text("package a\n")
    (tree / "a/hand.go").write_text("package a\n")
    diffs = drift(out, tree, ["a/x_gen.go", "a/y_gen.go"], "tree")
    assert len(diffs) == 3
    assert any("/dev/null" in d and "y_gen.go" in d for d in diffs)
    assert any("tree/a/z_gen.go" in d for d in diffs)
    shutil.copy(out / "a/x_gen.go", tree / "a/x_gen.go")
    shutil.copy(out / "a/y_gen.go", tree / "a/y_gen.go")
    (tree / "a/z_gen.go").unlink()
    assert drift(out, tree, ["a/x_gen.go", "a/y_gen.go"], "tree") == []


def test_mirror_is_read_from_apt_sources(tmp_path):
    (tmp_path / "debian.sources").write_text("Types: deb\nURIs: http://mirror.invalid/debian\nSuites: x\n")
    (tmp_path / "security.sources").write_text("Types: deb\nURIs: http://mirror.invalid/debian-security\n")
    assert mirror_from_apt([str(tmp_path)]) == "http://mirror.invalid/debian"
    with pytest.raises(CasesgenError):
        mirror_from_apt([str(tmp_path / "nothing")])


def test_go_toolchain_is_available():
    r = subprocess.run([str(go_tool("go")), "version"], capture_output=True, text=True, env=go_env())
    assert r.returncode == 0 and r.stdout.startswith("go version go1.")


def test_task_dependencies_read_from_files_cover_what_importing_finds():
    """A task's file_dep lists casesgen's source files without importing them (tasks.common.sources_of
    reads the import statements). For every casesgen module, each casesgen module its namespace
    holds after a real import (a module, or a function or class from one) must be in the files
    read that way, so that editing it reruns the tasks that use it."""
    import importlib
    import inspect
    import pkgutil
    import sys

    import casesgen
    from casesgen.tasks.common import sources_of

    names = [m.name for m in pkgutil.walk_packages(casesgen.__path__, "casesgen.") if m.name != "casesgen.__main__"]
    assert len(names) > 40
    for name in names:
        module = importlib.import_module(name)
        static = set(sources_of(name))
        for value in vars(module).values():
            owner = value if inspect.ismodule(value) else sys.modules.get(getattr(value, "__module__", "") or "")
            owner_name = getattr(owner, "__name__", "")
            if not owner_name.startswith("casesgen") or owner is module:
                continue
            if owner_name.startswith(name + "."):
                continue  # a package's submodule is its attribute once anyone imports it

            assert owner.__file__ in static, f"{name} uses {owner_name}, which sources_of({name!r}) misses"


def test_a_background_command_that_ends_before_reading_its_input_reports_its_status():
    """gcc refusing its flags, or gofmt failing, may exit before reading what it is given: the
    caller gets the status and the error output to report in one line, not a BrokenPipeError."""
    from casesgen import background
    result = background.start(["sh", "-c", "echo refused >&2; exit 3"], b"x" * 1_000_000)
    assert result() == (3, "", "refused\n")
    assert background.start(["cat"], b"abc")() == (0, "abc", "")
