"""`casesgen vm-diff PROG.py...`: each program's result under CPython 3.14.10 and in the Go VM.

A program is module code whose answer is its global `result` (repr() of it, or
"<ExceptionName>: message" when the program raises). `corpus_compile.py`, run by the vendored
interpreter, compiles every program into its real code objects and records CPython's answer;
`cmd/vmrun` of the Go tree, built once per invocation, runs the same code objects. A program the
test runtime cannot finish is `unsupported`, with vmrun's one-line reason (the op or runtime
function it lacks), never a wrong answer.
"""
from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .errors import CasesgenError, UsageError, display_path
from .gotree import go_env, go_tool
from .sources.debian import interpreter

COMPILER = Path(__file__).with_name("corpus_compile.py")
VMRUN = "./cmd/vmrun"
CPYTHON_TIMEOUT = 600  # seconds for compiling and running every program under CPython
BUILD_TIMEOUT = 600
VM_TIMEOUT = 120  # seconds for the Go VM; a program still running then is reported, the rest go on

AGREE, DIFFER, UNSUPPORTED = "agree", "differ", "unsupported"


@dataclass(frozen=True)
class Outcome:
    path: str                   # as given on the command line
    cpython: str                # CPython's result
    go: str | None = None       # the Go VM's result, None when it could not finish
    missing: str | None = None  # why not: what the test runtime lacks, one line

    @property
    def status(self) -> str:
        if self.go is None:
            return UNSUPPORTED
        return AGREE if self.go == self.cpython else DIFFER


@dataclass(frozen=True)
class Report:
    python: str  # the version that compiled the programs (3.14.10)
    outcomes: list[Outcome]

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


# --- checks (usage errors: exit 2) -------------------------------------------------------------

def check_programs(paths: list[str]) -> None:
    if not paths:
        raise UsageError("vm-diff needs at least one PROG.py")
    for path in paths:
        p = Path(path)
        if not p.exists():
            raise UsageError("no such file", path)
        if not p.is_file():
            raise UsageError("not a file", path)


def vendored_python(cfg: Config) -> tuple[list[str], dict[str, str]]:
    root = cfg.cache / "debian" / "root"
    try:
        return interpreter(root)
    except CasesgenError:
        raise UsageError(f"no vendored CPython {cfg.generator_version} interpreter in "
                         f"{display_path(str(root))}; run `doit` first") from None


def check_go_tree(cfg: Config) -> None:
    """The Go tree holds every generated file (the uncommitted bodies included) and vmrun."""
    for rel in [*cfg.layout.values(), "cmd/vmrun/main.go"]:
        if not (cfg.go_tree / rel).is_file():
            raise UsageError(f"{display_path(str(cfg.go_tree / rel))} is missing; run `doit` first")


# --- the subprocess work ------------------------------------------------------------------------

def _text(out) -> str:
    """Captured output, also when a timeout left it as bytes."""
    if out is None:
        return ""
    return out.decode("utf-8", "replace") if isinstance(out, bytes) else out


def _last_line(text: str, default: str) -> str:
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    return lines[-1] if lines else default


def compile_programs(python: tuple[list[str], dict[str, str]], paths: list[str], work: Path) -> dict:
    """corpus_compile.py under the vendored interpreter: {"python": ..., "programs": [...]}."""
    argv, env = python
    out = work / "programs.json"
    try:
        r = subprocess.run([*argv, str(COMPILER), str(out), *paths], env=env, capture_output=True, text=True,
                           timeout=CPYTHON_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise CasesgenError(f"CPython did not finish the programs in {CPYTHON_TIMEOUT} s") from None
    if r.returncode == 2:  # a program that does not compile: "PROG.py:LINE: SyntaxError: message"
        raise UsageError(_last_line(r.stderr, "a program does not compile"))
    if r.returncode != 0 or not out.is_file():
        raise CasesgenError(f"CPython could not compile the programs: {_last_line(r.stderr, f'exit {r.returncode}')}")
    return json.loads(out.read_text())


def build_vmrun(cfg: Config, work: Path) -> Path:
    """`go build` cmd/vmrun once, with the project's Go toolchain."""
    exe = work / "vmrun"
    try:
        r = subprocess.run([str(go_tool("go")), "build", "-o", str(exe), VMRUN], cwd=cfg.go_tree, env=go_env(),
                           capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise CasesgenError(f"go build {VMRUN} did not finish in {BUILD_TIMEOUT} s") from None
    if r.returncode != 0:
        lines = [l for l in r.stderr.splitlines() if l.strip() and not l.startswith("#")]
        raise CasesgenError(f"the Go VM does not build: {lines[0] if lines else f'exit {r.returncode}'}",
                            str(cfg.go_tree / VMRUN))
    return exe


def _crash_reason(stderr: str, code: int) -> str:
    """The line of a Go crash that says what happened (`fatal error: stack overflow`)."""
    lines = [l.strip() for l in stderr.splitlines() if l.strip()]
    for line in lines:
        if line.startswith(("fatal error:", "panic:")):
            return f"the Go VM crashed: {line}"
    return f"the Go VM crashed (exit {code}): {lines[0]}" if lines else f"the Go VM crashed (exit {code})"


def run_vm(exe: Path, programs: list[dict], work: Path) -> list[dict]:
    """vmrun's outcome for each program, in order ({"result": ...} or {"missing": ...}).

    vmrun recovers a Go panic itself; a crash it cannot recover (a stack overflow) or a program
    that does not finish in VM_TIMEOUT becomes that program's outcome, and the programs after it
    run in a fresh vmrun."""
    outcomes: list[dict] = []
    while len(outcomes) < len(programs):
        rest = programs[len(outcomes):]
        corpus = work / f"vm-{len(outcomes)}.json"
        corpus.write_text(json.dumps({"programs": rest}))
        try:
            r = subprocess.run([str(exe), str(corpus)], capture_output=True, text=True, timeout=VM_TIMEOUT)
            stdout, failure = r.stdout, (_crash_reason(r.stderr, r.returncode) if r.returncode else None)
        except subprocess.TimeoutExpired as e:
            stdout, failure = _text(e.stdout), f"the Go VM did not finish in {VM_TIMEOUT} s"
        done = []
        for line in stdout.splitlines():
            try:
                done.append(json.loads(line))
            except json.JSONDecodeError:
                break  # a line cut short by the crash
        outcomes += done[:len(rest)]
        if len(outcomes) < len(programs):
            if failure is None:
                raise CasesgenError(f"vmrun answered for {len(done)} of {len(rest)} programs", str(exe))
            outcomes.append({"missing": failure})
    return outcomes


# --- pure -----------------------------------------------------------------------------------------

def one_line(text: str) -> str:
    return " ".join(text.split())


def compare(paths: list[str], programs: list[dict], outcomes: list[dict]) -> list[Outcome]:
    """CPython's answers beside the Go VM's, program by program (in command-line order)."""
    result = []
    for path, program, vm in zip(paths, programs, outcomes, strict=True):
        if "result" in vm:
            result.append(Outcome(path, program["result"], go=vm["result"]))
        else:
            result.append(Outcome(path, program["result"], missing=one_line(vm.get("missing") or "no result")))
    return result


def exit_status(report: Report) -> int:
    """0 when every program agrees, else 1."""
    return 0 if all(o.status == AGREE for o in report.outcomes) else 1


def summary(report: Report) -> str:
    n = len(report.outcomes)
    return (f"{n} program{'s' if n != 1 else ''}: {report.count(AGREE)} agree, {report.count(DIFFER)} DIFFER, "
            f"{report.count(UNSUPPORTED)} unsupported")


def unsupported(missing: str) -> str:
    """The one line saying why the Go VM has no answer, naming the op or runtime function."""
    return missing if missing.startswith("unsupported") else f"unsupported: {missing}"


def format_text(report: Report) -> str:
    """Per program: its verdict, CPython's result, the Go VM's result (or, on one line, why there is none)."""
    cpython = f"CPython {report.python}:"
    go = "Go VM:".ljust(len(cpython))
    lines = []
    for o in report.outcomes:
        lines.append(f"{o.path}: {'DIFFER' if o.status == DIFFER else o.status}")
        lines.append(f"  {cpython} {o.cpython}")
        lines.append(f"  {go} {o.go}" if o.go is not None else f"  {go} {unsupported(o.missing)}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def format_json(report: Report) -> str:
    data = {
        "python": report.python,
        "programs": [{"path": o.path, "status": o.status, "cpython": o.cpython, "go": o.go, "missing": o.missing}
                     for o in report.outcomes],
        **{status: report.count(status) for status in (AGREE, DIFFER, UNSUPPORTED)},
    }
    return json.dumps(data, indent=1) + "\n"


# --- the command --------------------------------------------------------------------------------

def vm_diff(cfg: Config, paths: list[str]) -> Report:
    check_programs(paths)
    python = vendored_python(cfg)
    check_go_tree(cfg)
    with tempfile.TemporaryDirectory(prefix="casesgen-vm-diff-") as tmp:
        work = Path(tmp)
        compiled = compile_programs(python, paths, work)
        exe = build_vmrun(cfg, work)
        outcomes = run_vm(exe, compiled["programs"], work)
    return Report(compiled["python"], compare(paths, compiled["programs"], outcomes))
