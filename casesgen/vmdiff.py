"""`casesgen vm-diff PROG.py...`: each program's result under CPython 3.14.10 and in the Go VM.

A program is module code whose answer is its global `result` (repr() of it, or
"<ExceptionName>: message" when the program raises). `corpus_compile.py`, run by the vendored
interpreter, compiles every program into its real code objects and records CPython's answer;
`cmd/vmrun` of the Go tree, built once per invocation (with the casesgen_stats tag, so it counts
the specialized instructions it executes), runs the same code objects. A program the test runtime
cannot finish is `unsupported`, with vmrun's one-line reason (the op or runtime function it lacks),
never a wrong answer. A side that runs one program longer than --timeout seconds is stopped and the
program is a `timeout`; the other programs still run on both sides.
"""
from __future__ import annotations

import argparse
import json
import math
import queue
import subprocess
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .errors import CasesgenError, UsageError, display_path
from .gotree import go_env, go_tool
from .sources.debian import interpreter

COMPILER = Path(__file__).with_name("corpus_compile.py")
VMRUN = "./cmd/vmrun"
STATS_TAG = "casesgen_stats"  # vmrun counts the instructions it executes (vm/stats_on.go)
DEFAULT_TIMEOUT = 30.0  # seconds one program may run on one side (--timeout)
MAX_TIMEOUT = 1e6  # setitimer and queue waits overflow somewhere past 1e9
COMPILE_TIMEOUT = 600  # seconds for CPython to compile every program (before any of them runs)
GRACE = 5  # seconds past --timeout before a CPython program that SIGALRM could not stop is killed
BUILD_TIMEOUT = 600

AGREE, DIFFER, UNSUPPORTED, TIMEOUT = "agree", "differ", "unsupported", "timeout"
STATUSES = (AGREE, DIFFER, UNSUPPORTED, TIMEOUT)
CPYTHON, GO = "cpython", "go"  # the sides, as --json names the ones that timed out


@dataclass(frozen=True)
class Outcome:
    path: str                               # as given on the command line
    cpython: str | None                     # CPython's result, None when it timed out
    go: str | None = None                   # the Go VM's result, None when it could not finish
    missing: str | None = None              # why not: what the test runtime lacks, one line
    timed_out: tuple[str, ...] = ()         # the sides that ran longer than the timeout (CPYTHON, GO)
    specialized: dict[str, int] | None = None  # specialized instruction -> executions in the Go VM
    deopts: dict[str, int] | None = None       # specialized instruction -> guard failures in the Go VM
    produced: dict[str, int] | None = None     # specialized instruction -> the specializer's rewrites into it
    traces: dict[str, int] | None = None       # --tier2: traces built, refused and entered in the Go VM
    compared: int | None = None                 # --quickened: instruction words compared, None if not
    mismatches: tuple = ()                      # --quickened: quickened.Mismatch, known ones included

    @property
    def status(self) -> str:
        if self.timed_out:
            return TIMEOUT
        if self.go is None:
            return UNSUPPORTED
        return AGREE if self.go == self.cpython else DIFFER


@dataclass(frozen=True)
class Report:
    python: str  # the version that compiled the programs (3.14.10)
    outcomes: list[Outcome]
    timeout: float = DEFAULT_TIMEOUT  # seconds per program per side

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)


# --- checks (usage errors: exit 2) -------------------------------------------------------------

def positive_seconds(text: str) -> float:
    """--timeout's argument: a positive, finite number of seconds (argparse reports the error)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not (math.isfinite(value) and 0 < value <= MAX_TIMEOUT):
        raise argparse.ArgumentTypeError(
            f"needs a positive number of seconds (at most {MAX_TIMEOUT:.0f}), not {text!r}")
    return value


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

def _last_line(text: str, default: str) -> str:
    lines = [l.strip() for l in text.strip().splitlines() if l.strip()]
    return lines[-1] if lines else default


class _Lines:
    """A subprocess whose stdout is one JSON line per step, each read with its own deadline.

    `next(seconds)` is the next line as a dict, TIMED_OUT when none came in time, or ENDED when
    stdout ended (or broke off mid-line) first; leaving the `with` kills the process if it still
    runs. Stderr goes to a file, so a chatty process never blocks on it."""

    TIMED_OUT, ENDED = "timed out", "ended"

    def __init__(self, argv: list[str], stderr: Path, env: dict[str, str] | None = None):
        self._stderr_path = stderr
        self._stderr = stderr.open("wb")
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._stderr,
                                     env=env)
        self._lines: queue.Queue[bytes | None] = queue.Queue()
        self._pump_thread = threading.Thread(target=self._pump, daemon=True)
        self._pump_thread.start()

    def _pump(self) -> None:
        try:
            for line in self.proc.stdout:
                self._lines.put(line)
        except (OSError, ValueError):
            pass
        self._lines.put(None)

    def next(self, seconds: float) -> dict | str:
        try:
            line = self._lines.get(timeout=seconds)
        except queue.Empty:
            return self.TIMED_OUT
        if line is None or not line.endswith(b"\n"):
            return self.ENDED  # a line cut short by a crash is no answer
        try:
            value = json.loads(line)
        except ValueError:
            return self.ENDED
        return value if isinstance(value, dict) else self.ENDED

    def finish(self) -> tuple[int, str]:
        """Exit status and stderr once stdout has ended (the process is killed if it lingers)."""
        try:
            code = self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self._stderr.flush()
        return code, self._stderr_path.read_text(errors="replace")

    def __enter__(self) -> "_Lines":
        return self

    def __exit__(self, *exc) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self._pump_thread.join(timeout=5)  # stdout ends with the process (unless a child of it holds it)
        if not self._pump_thread.is_alive():
            self.proc.stdout.close()
        self._stderr.close()


def compile_programs(python: tuple[list[str], dict[str, str]], paths: list[str], work: Path,
                     timeout: float = DEFAULT_TIMEOUT) -> dict:
    """corpus_compile.py --timeout under the vendored interpreter: {"python": ..., "programs": [...]},
    each program with its code object, "result" (None when it timed out) and "timeout".

    It compiles every program first, then runs them one by one; SIGALRM stops one that runs
    longer than `timeout`. One that SIGALRM cannot stop (inside one C call, or swallowing the
    signal's exception) is killed `GRACE` seconds later, and the programs after it run in a fresh
    interpreter."""
    argv, env = python
    compiled: dict | None = None
    results: list[dict] = []
    while len(results) < len(paths):
        rest, run = paths[len(results):], len(results)
        out = work / f"programs-{run}.json"
        with _Lines([*argv, str(COMPILER), "--timeout", repr(timeout), str(out), *rest], work / f"programs-{run}.err",
                    env=env) as lines:
            ready = lines.next(COMPILE_TIMEOUT)
            if ready == _Lines.TIMED_OUT:
                raise CasesgenError(f"CPython did not compile the programs in {COMPILE_TIMEOUT} s")
            if ready == _Lines.ENDED or "compiled" not in ready:
                code, stderr = lines.finish()
                if code == 2:  # a program that does not compile: "PROG.py:LINE: SyntaxError: message"
                    raise UsageError(_last_line(stderr, "a program does not compile"))
                raise CasesgenError(f"CPython could not compile the programs: {_last_line(stderr, f'exit {code}')}")
            if compiled is None:
                compiled = json.loads(out.read_text())  # every code object, written before any program ran
            for path in rest:
                line = lines.next(timeout + GRACE)
                if line == _Lines.TIMED_OUT:
                    results.append({"timeout": True})  # killed on leaving the `with`
                    break
                if line == _Lines.ENDED:
                    code, stderr = lines.finish()
                    raise CasesgenError(f"CPython stopped running the program: {_last_line(stderr, f'exit {code}')}",
                                        path)
                results.append(line)
    assert compiled is not None
    for program, result in zip(compiled["programs"], results, strict=True):
        program["result"] = result.get("result")
        program["timeout"] = bool(result.get("timeout"))
        program["quickened"] = result.get("quickened")  # the code as CPython's run left it
    return compiled


def build_vmrun(cfg: Config, work: Path) -> Path:
    """`go build` cmd/vmrun once, with the project's Go toolchain and the casesgen_stats tag."""
    exe = work / "vmrun"
    try:
        r = subprocess.run([str(go_tool("go")), "build", "-tags", STATS_TAG, "-o", str(exe), VMRUN], cwd=cfg.go_tree,
                           env=go_env(), capture_output=True, text=True, timeout=BUILD_TIMEOUT)
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


def run_vm(exe: Path, programs: list[dict], work: Path, timeout: float = DEFAULT_TIMEOUT,
           tier2: bool = False, warmup: int | None = None) -> list[dict]:
    """vmrun's outcome for each program, in order: its JSON line ({"result": ...} or {"missing": ...},
    with "specialized" and "deopts"), {"missing": why} when it crashed, {"timeout": True} when it
    ran longer than `timeout`.

    One vmrun runs the programs one after the other and prints each one's line as it finishes, so
    a program's time is from the line before it (or vmrun's start). vmrun recovers a Go panic
    itself; on a crash it cannot recover (a stack overflow) or a program that outlives `timeout`
    (killed), the programs after it run in a fresh vmrun."""
    outcomes: list[dict] = []
    while len(outcomes) < len(programs):
        rest, run = programs[len(outcomes):], len(outcomes)
        corpus = work / f"vm-{run}.json"
        corpus.write_text(json.dumps({"programs": rest}))
        flags = [*(["-tier2"] if tier2 else []), *([f"-tier2-warmup={warmup}"] if warmup else [])]
        with _Lines([str(exe), *flags, str(corpus)], work / f"vm-{run}.err") as lines:
            for done in range(len(rest)):
                line = lines.next(timeout)
                if line == _Lines.TIMED_OUT:
                    outcomes.append({"timeout": True})  # killed on leaving the `with`
                    break
                if line == _Lines.ENDED:
                    code, stderr = lines.finish()
                    if code == 0:
                        raise CasesgenError(f"vmrun answered for {done} of {len(rest)} programs", str(exe))
                    outcomes.append({"missing": _crash_reason(stderr, code)})
                    break
                outcomes.append(line)
    return outcomes


# --- pure -----------------------------------------------------------------------------------------

def one_line(text: str) -> str:
    return " ".join(text.split())


def compare(paths: list[str], programs: list[dict], outcomes: list[dict]) -> list[Outcome]:
    """CPython's answers beside the Go VM's, program by program (in command-line order)."""
    result = []
    for path, program, vm in zip(paths, programs, outcomes, strict=True):
        timed_out = tuple(side for side, out in ((CPYTHON, program), (GO, vm)) if out.get("timeout"))
        cpython = None if program.get("timeout") else program["result"]
        stats = {"specialized": vm.get("specialized"), "deopts": vm.get("deopts"), "produced": vm.get("produced"),
                 "traces": vm.get("traces")}
        if "result" in vm:
            result.append(Outcome(path, cpython, go=vm["result"], timed_out=timed_out, **stats))
        elif vm.get("timeout"):
            result.append(Outcome(path, cpython, timed_out=timed_out, **stats))
        else:
            result.append(Outcome(path, cpython, missing=one_line(vm.get("missing") or "no result"),
                                  timed_out=timed_out, **stats))
    return result


def exit_status(report: Report) -> int:
    """0 when every program agrees (and, with --quickened, no quickened word differs but the known
    ones), else 1."""
    unknown = any(m.known is None for o in report.outcomes for m in o.mismatches)
    return 0 if all(o.status == AGREE for o in report.outcomes) and not unknown else 1


def with_quickened(cfg: Config, outcomes: list[Outcome], programs: list[dict], vm: list[dict],
                   tier2: bool = False) -> list[Outcome]:
    """--quickened: each agreeing program's code objects compared word by word (quickened.py); with
    tier 2 on in the Go VM, as the vendored CPython (built without the JIT) would have left them."""
    from dataclasses import replace
    from . import quickened
    known = quickened.load_known(cfg.quickened_known)
    model = json.loads((cfg.cache / "analysis.json").read_text())
    names, sizes = quickened.instruction_table(model)
    heads = quickened.family_heads(model) if tier2 else None
    out = []
    for o, program, run in zip(outcomes, programs, vm, strict=True):
        if o.status != AGREE or not program.get("quickened") or not run.get("quickened"):
            out.append(o)  # a run that stopped early left its code half warmed: nothing to compare
            continue
        compared, mismatches = quickened.compare_program(o.path, program["quickened"], run["quickened"], names,
                                                         sizes, known, heads)
        out.append(replace(o, compared=compared, mismatches=tuple(mismatches)))
    return out


def summary(report: Report) -> str:
    n = len(report.outcomes)
    return (f"{n} program{'s' if n != 1 else ''}: {report.count(AGREE)} agree, {report.count(DIFFER)} DIFFER, "
            f"{report.count(UNSUPPORTED)} unsupported, {report.count(TIMEOUT)} timeout")


def unsupported(missing: str) -> str:
    """The one line saying why the Go VM has no answer, naming the op or runtime function."""
    return missing if missing.startswith("unsupported") else f"unsupported: {missing}"


def format_text(report: Report) -> str:
    """Per program: its verdict, CPython's result, the Go VM's result (or, on one line, why there is
    none), a side that ran too long as `timeout after S s`."""
    cpython = f"CPython {report.python}:"
    go = "Go VM:".ljust(len(cpython))
    too_long = f"timeout after {report.timeout:g} s"
    lines = []
    for o in report.outcomes:
        lines.append(f"{o.path}: {'DIFFER' if o.status == DIFFER else o.status}")
        lines.append(f"  {cpython} {too_long if CPYTHON in o.timed_out else o.cpython}")
        if GO in o.timed_out:
            lines.append(f"  {go} {too_long}")
        else:
            lines.append(f"  {go} {o.go}" if o.go is not None else f"  {go} {unsupported(o.missing)}")
        lines.extend(f"  quickened: {m.text()}" for m in o.mismatches if m.known is None)
    lines.append(summary(report))
    if any(o.compared is not None for o in report.outcomes):
        lines.append(quickened_summary(report))
    if any(o.traces is not None for o in report.outcomes):
        lines.append(tier2_summary(report))
    return "\n".join(lines) + "\n"


def tier2_summary(report: Report) -> str:
    """--tier2, one line: the hot loops that became traces, the ones that did not, the entries."""
    total = {k: sum((o.traces or {}).get(k, 0) for o in report.outcomes) for k in ("built", "refused", "entered")}
    return (f"tier 2: {total['built']} traces built, {total['refused']} hot loops left in tier 1, "
            f"{total['entered']} trace entries")


def quickened_summary(report: Report) -> str:
    """One line: words compared, mismatches, and the known ones by reason."""
    compared = sum(o.compared or 0 for o in report.outcomes)
    mismatches = [m for o in report.outcomes for m in o.mismatches]
    unknown = sum(m.known is None for m in mismatches)
    reasons = Counter(m.known for m in mismatches if m.known is not None)
    known = "; ".join(f"{n} {reason}" for reason, n in sorted(reasons.items()))
    return (f"quickened: {compared} instructions compared, {unknown} mismatch{'es' if unknown != 1 else ''}"
            + (f", {len(mismatches) - unknown} known ({known})" if reasons else ""))


def format_json(report: Report) -> str:
    data = {
        "python": report.python,
        "timeout_seconds": report.timeout,
        "programs": [{"path": o.path, "status": o.status, "cpython": o.cpython, "go": o.go, "missing": o.missing,
                      "timeout": list(o.timed_out), "specialized": o.specialized, "deopts": o.deopts,
                      "produced": o.produced, **({"traces": o.traces} if o.traces is not None else {}),
                      **({"quickened": {"compared": o.compared,
                                        "mismatches": [m.text() for m in o.mismatches if m.known is None],
                                        "known": [{"mismatch": m.text(), "reason": m.known} for m in o.mismatches
                                                  if m.known is not None]}}
                         if o.compared is not None else {})}
                     for o in report.outcomes],
        **{status: report.count(status) for status in STATUSES},
    }
    return json.dumps(data, indent=1) + "\n"


# --- the command --------------------------------------------------------------------------------

def vm_diff(cfg: Config, paths: list[str], timeout: float = DEFAULT_TIMEOUT, quickened: bool = False,
            tier2: bool = False, warmup: int | None = None) -> Report:
    """The programs under CPython and in the Go VM; `tier2` runs hot loops as traces, hot after
    `warmup` + 1 iterations when given (CPython's 4096 otherwise: a stress test of tier 2)."""
    check_programs(paths)
    python = vendored_python(cfg)
    check_go_tree(cfg)
    with tempfile.TemporaryDirectory(prefix="casesgen-vm-diff-") as tmp:
        work = Path(tmp)
        compiled = compile_programs(python, paths, work, timeout)
        exe = build_vmrun(cfg, work)
        traced = tier2 or bool(warmup)
        outcomes = run_vm(exe, compiled["programs"], work, timeout, traced, warmup)
    result = compare(paths, compiled["programs"], outcomes)
    if quickened:
        result = with_quickened(cfg, result, compiled["programs"], outcomes, traced)
    return Report(compiled["python"], result, timeout)
