"""CPython's own generator test suite, on the vendored generator, under the vendored 3.14 interpreter."""
from __future__ import annotations

from casesgen import config
from casesgen.peer import run_peer_suite


def test_peer_suite_passes(project, capsys):
    result = run_peer_suite(config.load(project))
    with capsys.disabled():
        print(f"\n{result.summary}")
    assert result.ran == 62, result.output[-3000:]
    assert result.ok and result.skipped == 0, result.output[-3000:]
