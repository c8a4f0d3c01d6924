"""CPython's own test suite for its generator (test_generated_cases.py), run on the vendored copy.

It runs under the vendored CPython 3.14 interpreter, because it needs 3.14's
``test.support``. ``test.test_tools`` looks for ``<prefix>/lib/Tools/<tool>``,
so the vendored generator is placed there inside the extracted Debian tree.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

from .config import Config
from .errors import CasesgenError
from .sources.debian import interpreter
from .vendor import GENERATOR_DIR, verify_inputs

TEST_FILE = "Lib/test/test_generated_cases.py"


@dataclass
class PeerResult:
    ran: int
    failures: int
    errors: int
    skipped: int
    output: str

    @property
    def ok(self) -> bool:
        return self.ran > 0 and self.failures == 0 and self.errors == 0

    @property
    def passed(self) -> int:
        return self.ran - self.failures - self.errors - self.skipped

    @property
    def summary(self) -> str:
        return (f"peer suite: {self.passed} passed, {self.failures + self.errors} failed, {self.skipped} skipped "
                f"(test_generated_cases.py, {self.ran} run)")


def run_peer_suite(cfg: Config, verbose: bool = False) -> PeerResult:
    verify_inputs(cfg)
    root = cfg.cache / "debian" / "root"
    argv, env = interpreter(root)
    tools = root / "usr/lib/Tools/cases_generator"
    shutil.rmtree(tools, ignore_errors=True)
    shutil.copytree(cfg.inputs / GENERATOR_DIR, tools)
    shutil.copy2(cfg.inputs / TEST_FILE, root / "usr/lib/python3.14/test/test_generated_cases.py")
    cmd = [*argv, "-m", "unittest", *(["-v"] if verbose else []), "test.test_generated_cases"]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=cfg.cache)
    out = r.stdout + r.stderr
    ran = re.search(r"^Ran (\d+) tests?", out, re.M)
    if ran is None:
        last = (out.strip().splitlines() or ["no output"])[-1]
        raise CasesgenError(f"the peer suite did not run: {last}", str(cfg.inputs / TEST_FILE))
    counts = {k: int(v) for k, v in re.findall(r"(failures|errors|skipped)=(\d+)", out)}
    return PeerResult(int(ran.group(1)), counts.get("failures", 0), counts.get("errors", 0),
                      counts.get("skipped", 0), out)
