"""`casesgen fuzz --count N --seed S [--keep DIR]`: differential fuzzing of the Go VM against CPython.

Hypothesis generates well-formed programs over what the Go VM supports (arithmetic on ints,
floats and strings, lists, tuples, dicts, comparisons, loops, branches, functions with every
argument kind, closures, generators, exceptions); each runs under the vendored CPython 3.14 and in
the Go VM, in batches, as `vm-diff` runs them. A program whose answers differ is minimized with
pysource-minimize (the smallest program that still differs) and, with --keep, written to DIR with
both answers. The counts of agree, unsupported, timeout and DIFFER are printed; exit 1 on a DIFFER.
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from . import vmdiff
from .config import Config

VARS = ("a", "b", "c", "d")
BATCH = 250  # programs per CPython process and vmrun process


# --- the programs ----------------------------------------------------------------------------------

def _lit() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers(-300, 300).map(repr),
        st.sampled_from(["2 ** 40", "-(2 ** 70)", "10 ** 20"]),
        st.sampled_from(["0.5", "-1.25", "3.0", "1e10", "0.1"]),
        st.text(alphabet="abxy ", max_size=4).map(repr),
        st.sampled_from(["True", "False", "None"]),
    )


def _expr(depth: int = 2) -> st.SearchStrategy[str]:
    atom = st.one_of(_lit(), st.sampled_from(VARS))
    if depth == 0:
        return atom
    sub = st.deferred(lambda: _expr(depth - 1))
    return st.one_of(
        atom,
        st.tuples(sub, st.sampled_from(["+", "-", "*", "//", "%", "/", "<", "<=", "==", "!=", ">", "and", "or",
                                        "&", "|", "^", "<<", ">>", "is", "in", "not in"]), sub)
        .map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(st.sampled_from(["-", "not ", "~"]), sub).map(lambda t: f"({t[0]}{t[1]})"),
        st.tuples(sub, st.integers(0, 3)).map(lambda t: f"({t[0]} ** {t[1]})"),
        st.lists(sub, max_size=3).map(lambda xs: f"[{', '.join(xs)}]"),
        st.lists(sub, max_size=3).map(lambda xs: f"({', '.join(xs)}{',' if len(xs) == 1 else ''})"),
        st.lists(st.tuples(_lit(), sub), max_size=2).map(lambda kv: "{" + ", ".join(f"{k}: {v}" for k, v in kv) + "}"),
        st.tuples(sub, sub).map(lambda t: f"{t[0]}[{t[1]}]"),
        st.tuples(sub, sub, sub).map(lambda t: f"({t[0]} if {t[1]} else {t[2]})"),
        st.tuples(st.sampled_from(["len", "abs", "str", "repr", "bool", "int", "float", "min", "max", "sorted",
                                   "list", "tuple", "sum", "f", "g", "h"]), sub).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(sub, sub).map(lambda t: f"f({t[0]}, y={t[1]})"),
        st.tuples(sub, sub).map(lambda t: f"g({t[0]}, {t[1]}, {t[0]})"),
        st.tuples(sub).map(lambda t: f"[v * 2 for v in range(3) if v != {t[0]}]"),
        st.tuples(sub).map(lambda t: f"list(gen({t[0]}))"),
        st.tuples(sub).map(lambda t: f"sum(v for v in range(4) if v != {t[0]})"),
        st.tuples(sub).map(lambda t: f"adder({t[0]})(1)"),
        # classes: construction, operators, a method through super(), a property, attributes
        st.tuples(sub).map(lambda t: f"P({t[0]})"),
        st.tuples(sub, sub).map(lambda t: f"(P({t[0]}) + {t[1]})"),
        st.tuples(sub, sub).map(lambda t: f"(P({t[0]}) == P({t[1]}))"),
        st.tuples(sub, sub).map(lambda t: f"Q({t[0]}).scaled({t[1]})"),
        st.tuples(sub).map(lambda t: f"P({t[0]}).twice"),
        st.tuples(sub).map(lambda t: f"isinstance({t[0]}, P)"),
        st.just("o.v"),
    )


def _stmt(depth: int = 2, loop_max: int = 4) -> st.SearchStrategy[list[str]]:
    """Statements nested `depth` deep; a `for` loop runs up to `loop_max` times."""
    target, expr = st.sampled_from(VARS), _expr()
    simple = st.one_of(
        st.tuples(target, expr).map(lambda t: [f"{t[0]} = {t[1]}"]),
        st.tuples(target, st.sampled_from(["+=", "-=", "*="]), expr).map(lambda t: [f"{t[0]} {t[1]} {t[2]}"]),
        st.tuples(target, expr).map(lambda t: [f"{t[0]}, *rest = [{t[1]}, 1, 2]", f"{t[0]} = (rest, {t[0]})"]),
        st.tuples(st.sampled_from(["=", "+="]), expr).map(lambda t: [f"o.v {t[0]} {t[1]}"]),
    )
    if depth == 0:
        return simple
    body = st.lists(st.deferred(lambda: _stmt(depth - 1, loop_max)), min_size=1, max_size=3).map(lambda b: sum(b, []))
    indent = lambda lines: ["    " + line for line in lines]  # noqa: E731
    return st.one_of(
        simple,
        st.tuples(expr, body, body).map(lambda t: [f"if {t[0]}:", *indent(t[1]), "else:", *indent(t[2])]),
        st.tuples(st.integers(0, loop_max), body).map(lambda t: [f"for i in range({t[0]}):", *indent(t[1])]),
        st.tuples(body, target).map(lambda t: ["try:", *indent(t[0]), "except Exception as e:",
                                               f"    {t[1]} = type(e).__name__ + ': ' + str(e)"]),
        st.tuples(expr).map(lambda t: ["try:", f"    raise ValueError({t[0]})", "except ValueError as e:",
                                       "    a = e.args"]),
    )


# Functions every program may call: every argument kind, a closure, a generator.
PRELUDE = """\
a, b, c, d = 1, 2.5, 'x', [3]
def f(x, y=2, *args, z=3, **kw):
    return (x, y, args, z, sorted(kw))
def g(p, q, /, r):
    return [p, q, r]
def h(*args):
    return len(args)
def adder(k):
    def add(v):
        nonlocal k
        k = k + v
        return k
    return add
def gen(n):
    for i in range(3):
        yield (i, n)
class P:
    k = 3
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return f"P({self.v!r})"
    def __add__(self, other):
        return P((self.v, other.v if isinstance(other, P) else other))
    def __eq__(self, other):
        return isinstance(other, P) and self.v == other.v
    def scaled(self, n):
        return P(self.v * n)
    @property
    def twice(self):
        return [self.v, self.v]
class Q(P):
    def scaled(self, n):
        return [super().scaled(n), Q.k]
o = P(1)
"""


@st.composite
def programs(draw, in_function: bool = False) -> str:
    """A program: the prelude, then statements at module level; `in_function`: such statements in a
    function over a, b, c and d as locals, with loops of up to 12 iterations, where a hot loop runs
    as an optimized trace (the optimizer works on a function's locals, LOAD_FAST and STORE_FAST)."""
    lines = draw(st.lists(_stmt(loop_max=12 if in_function else 4), min_size=1, max_size=6).map(lambda b: sum(b, [])))
    if in_function:
        body = "\n".join("    " + line for line in [*lines, "return (a, b, c, d, o)"])
        return PRELUDE + "def run(a, b, c, d):\n" + body + "\nresult = run(a, b, c, d)\n"
    return PRELUDE + "\n".join(lines) + "\nresult = (a, b, c, d, o)\n"


CHUNK = 250  # programs per Hypothesis run: its engine slows down as one run grows


def generate(count: int, seed_value: int, in_function: bool = False) -> list[str]:
    """`count` programs drawn by Hypothesis from `seed_value`: the same seed gives the same programs
    (chunk k of a run is drawn from the seed (seed_value, k)); `in_function`: programs(in_function)."""
    drawn: list[str] = []
    for k in range(0, count, CHUNK):
        chunk: list[str] = []

        @seed(f"{seed_value}:{k}")
        @settings(max_examples=min(CHUNK, count - k), database=None, phases=[Phase.generate], deadline=None,
                  suppress_health_check=list(HealthCheck))
        @given(programs(in_function))
        def draw(source: str) -> None:
            chunk.append(source)

        draw()
        drawn += chunk[:min(CHUNK, count - k)]
    return drawn


# --- running them ------------------------------------------------------------------------------------

@dataclass
class Result:
    counts: dict[str, int] = field(default_factory=lambda: {s: 0 for s in vmdiff.STATUSES})
    differ: list[tuple[str, vmdiff.Outcome]] = field(default_factory=list)  # minimized source, its outcome


class Runner:
    """Runs sources under CPython and in the Go VM (vmrun built once)."""

    def __init__(self, cfg: Config, work: Path, timeout: float, warmup: int | None = None):
        self.cfg, self.work, self.timeout, self.warmup = cfg, work, timeout, warmup
        vmdiff.check_go_tree(cfg)
        self.python = vmdiff.vendored_python(cfg)
        self.exe = vmdiff.build_vmrun(cfg, work)
        self.n = 0

    def run(self, sources: list[str]) -> list[vmdiff.Outcome]:
        paths = []
        for src in sources:
            self.n += 1
            p = self.work / f"p{self.n}.py"
            p.write_text(src)
            paths.append(str(p))
        compiled = vmdiff.compile_programs(self.python, paths, self.work, self.timeout)
        outcomes = vmdiff.run_vm(self.exe, compiled["programs"], self.work, self.timeout, bool(self.warmup), self.warmup)
        return vmdiff.compare(paths, compiled["programs"], outcomes)

    def differs(self, source: str) -> bool:
        try:
            (o,) = self.run([source])
        except Exception:  # a candidate that does not compile or breaks the run is not the bug
            return False
        return o.status == vmdiff.DIFFER


def minimize(runner: Runner, source: str) -> str:
    """The smallest program pysource-minimize finds that still differs."""
    from pysource_minimize import minimize as shrink
    try:
        return shrink(source, runner.differs)
    except Exception:
        return source


def fuzz(cfg: Config, count: int, seed_value: int, keep: Path | None = None, timeout: float = 10.0,
         log=print, warmup: int | None = None) -> Result:
    """`count` programs of the seed under CPython and in the Go VM; with `warmup`, the programs' statements
    are a function's and the Go VM runs with tier 2 on, a loop hot after warmup+1 iterations (its
    traces optimized, as vm-diff --tier2 runs)."""
    result = Result()
    from hypothesis.configuration import set_hypothesis_home_dir
    set_hypothesis_home_dir(str(cfg.cache / "hypothesis"))  # its caches go with ours, not into the cwd
    sources = generate(count, seed_value, in_function=bool(warmup))
    with tempfile.TemporaryDirectory(prefix="casesgen-fuzz-") as tmp:
        runner = Runner(cfg, Path(tmp), timeout, warmup)
        for start in range(0, len(sources), BATCH):
            batch = sources[start:start + BATCH]
            for src, o in zip(batch, runner.run(batch)):
                result.counts[o.status] += 1
                if o.status == vmdiff.DIFFER:
                    small = minimize(runner, src)
                    (m,) = runner.run([small]) if small != src else (o,)
                    result.differ.append((small, m if m.status == vmdiff.DIFFER else o))
            log(f"fuzz: {min(start + BATCH, len(sources))} of {len(sources)} programs run")
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        for i, (src, o) in enumerate(result.differ, 1):
            (keep / f"differ_{seed_value}_{i}.py").write_text(
                f"# casesgen fuzz --seed {seed_value}: CPython {o.cpython}\n# Go VM {o.go}\n{src}")
    return result


def summary(result: Result) -> str:
    c = result.counts
    return (f"{sum(c.values())} programs: {c[vmdiff.AGREE]} agree, {c[vmdiff.UNSUPPORTED]} unsupported, "
            f"{c[vmdiff.TIMEOUT]} timeout, {c[vmdiff.DIFFER]} DIFFER")
