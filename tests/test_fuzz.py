"""`casesgen fuzz`: generated programs under CPython 3.14 and in the Go VM, never a different answer."""
from __future__ import annotations

import re
import sys
import warnings

from casesgen import fuzz
from conftest import run


def test_a_few_hundred_generated_programs_never_get_a_different_answer(project):
    r = run([sys.executable, "-m", "casesgen", "fuzz", "--count", "300", "--seed", "2014"], project, timeout=900)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    m = re.search(r"^(\d+) programs: (\d+) agree, (\d+) unsupported, (\d+) timeout, (\d+) DIFFER$", r.stdout, re.M)
    assert m, r.stdout
    total, agree, _, _, differ = map(int, m.groups())
    assert total == 300 and differ == 0 and agree >= 250, r.stdout
    assert "fuzz: 300 of 300 programs run" in r.stderr  # progress on stderr


def test_with_tier2_the_programs_run_in_a_function_with_hot_loops_as_traces(project):
    """--tier2-warmup: the same statements as a function's, whose loops become optimized traces in the
    Go VM after a few iterations; the answers are CPython's all the same."""
    sources = fuzz.generate(20, 5, in_function=True)
    assert all("def run(a, b, c, d):" in s and s.rstrip().endswith("result = run(a, b, c, d)") for s in sources)
    r = run([sys.executable, "-m", "casesgen", "fuzz", "--count", "150", "--seed", "31", "--tier2-warmup", "2"],
            project, timeout=900)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    m = re.search(r"^150 programs: (\d+) agree, \d+ unsupported, \d+ timeout, 0 DIFFER$", r.stdout, re.M)
    assert m and int(m.group(1)) >= 125, r.stdout
    bad = run([sys.executable, "-m", "casesgen", "fuzz", "--count", "1", "--tier2-warmup", "0"], project)
    assert bad.returncode == 2 and bad.stderr.strip().count("\n") == 0 and "--tier2-warmup" in bad.stderr, bad.stderr


def test_the_same_seed_gives_the_same_programs_and_another_seed_others():
    first, again, other = fuzz.generate(20, 5), fuzz.generate(20, 5), fuzz.generate(20, 6)
    assert first == again and first != other and len(first) == 20
    for source in first:
        with warnings.catch_warnings():  # `1[2]` is well-formed, and a SyntaxWarning
            warnings.simplefilter("ignore", SyntaxWarning)
            compile(source, "<fuzz>", "exec")
        assert source.rstrip().endswith("result = (a, b, c, d, o)")


class FakeRunner:
    """Stands for the two interpreters: a program 'differs' when it still multiplies c."""

    def differs(self, source: str) -> bool:
        return "c *= " in source


def test_a_differing_program_is_minimized_to_what_still_differs():
    source = fuzz.PRELUDE + "a = 1\nif a:\n    b = 2\n    c *= 3\nelse:\n    d = 4\nresult = (a, b, c, d)\n"
    small = fuzz.minimize(FakeRunner(), source)
    assert "c *= " in small and len(small) < len(source) / 5, small
