"""CPython's own generators, run on inputs/, compared with CPython's shipped outputs.

This is the proof that inputs/ is the DSL that produced the headers Debian
ships: if CPython's generator, on our bytecodes.c, reproduces them, every
number we derive from the same analysis is CPython's number.
"""
from __future__ import annotations

import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import vendor
from .config import Config
from .errors import CasesgenError
from .fsutil import write_atomic

BYTECODES = "Python/bytecodes.c"
OPTIMIZER_BYTECODES = "Python/optimizer_bytecodes.c"
# generator script -> (output, DSL inputs), as CPython's Makefile (regen-cases) runs them.
GENERATORS = {
    "opcode_id_generator.py": ("Include/opcode_ids.h", [BYTECODES]),
    "target_generator.py": ("Python/opcode_targets.h", [BYTECODES]),
    "uop_id_generator.py": ("Include/internal/pycore_uop_ids.h", [BYTECODES]),
    "py_metadata_generator.py": ("Lib/_opcode_metadata.py", [BYTECODES]),
    "tier1_generator.py": ("Python/generated_cases.c.h", [BYTECODES]),
    "tier2_generator.py": ("Python/executor_cases.c.h", [BYTECODES]),
    "optimizer_generator.py": ("Python/optimizer_cases.c.h", [OPTIMIZER_BYTECODES, BYTECODES]),
    "opcode_metadata_generator.py": ("Include/internal/pycore_opcode_metadata.h", [BYTECODES]),
    "uop_metadata_generator.py": ("Include/internal/pycore_uop_metadata.h", [BYTECODES]),
}
OUTPUTS = [out for out, _ in GENERATORS.values()]
REFERENCE_DIRS = {"debian": "reference/debian", "checkout": "reference/checkout"}


def strip_generated_header(text: str) -> str:
    """Drop the generator's header comment (it names paths, not facts)."""
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines[:8]):
        if line.rstrip().endswith("Do not edit!"):
            return "".join(lines[i + 1:])
    return text


def generator_failure(script: str, stderr: str, inputs: Path, ins: list[str]) -> CasesgenError:
    """One line from a generator's traceback: a SyntaxError carries the DSL file and line."""
    lines = stderr.strip().splitlines() or ["no output"]
    last = lines[-1]
    file, line = str(inputs / ins[-1]), None
    if last.startswith("SyntaxError"):
        frames = re.findall(r'File "([^"]+)", line (\d+)', stderr)
        if frames:
            file, line = str(inputs / frames[-1][0]), int(frames[-1][1])
    else:
        line = line_naming(Path(file), last)
    return CasesgenError(f"CPython's {script} failed: {last}", file, line)


def line_naming(dsl: Path, message: str) -> int | None:
    """The first DSL line that names the identifier an error message quotes (KeyError: 'X')."""
    quoted = re.findall(r"'([A-Za-z_][A-Za-z0-9_]*)'", message)
    if not quoted:
        return None
    try:
        lines = dsl.read_text().splitlines()
    except OSError:
        return None
    word = re.compile(rf"\b{re.escape(quoted[0])}\b")
    return next((i + 1 for i, text in enumerate(lines) if word.search(text)), None)


def run_generators(cfg: Config, dest: Path, log=print, jobs: int = 2) -> dict[str, float]:
    """Run all nine generators with cwd=inputs/ (so paths read as in a checkout)."""
    import time
    staging = Path(tempfile.mkdtemp(prefix=".upstream.", dir=cfg.cache))
    timings: dict[str, float] = {}

    def one(script: str) -> None:
        out, ins = GENERATORS[script]
        tmp = staging / out
        tmp.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        r = subprocess.run([sys.executable, f"Tools/cases_generator/{script}", "-o", str(tmp), *ins],
                           cwd=cfg.inputs, capture_output=True, text=True,
                           env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONHASHSEED": "0"})
        timings[script] = time.perf_counter() - start
        if r.returncode != 0:
            raise generator_failure(script, r.stderr, cfg.inputs, ins)
        log(f"upstream_parity: {script} -> {out} ({timings[script]:.2f}s)")

    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for f in [pool.submit(one, s) for s in GENERATORS]:
                f.result()
        for out in OUTPUTS:
            write_atomic(dest / out, (staging / out).read_bytes())
    finally:
        import shutil
        shutil.rmtree(staging, ignore_errors=True)
    return timings


def compare(cfg: Config, generated: Path, kinds: list[str]) -> tuple[dict[str, int], list[str]]:
    """Differing lines per reference of the given kinds, and the unified diffs of those that differ."""
    report: dict[str, int] = {}
    diffs: list[str] = []
    for kind in kinds:
        refdir = REFERENCE_DIRS[kind]
        for out in OUTPUTS:
            ref = cfg.inputs / refdir / out
            if not ref.is_file():
                continue
            ours = strip_generated_header((generated / out).read_text()).splitlines(keepends=True)
            theirs = strip_generated_header(ref.read_text()).splitlines(keepends=True)
            diff = list(difflib.unified_diff(theirs, ours, f"inputs/{refdir}/{out}", f"cache/upstream/{out}"))
            changed = sum(1 for l in diff[2:] if l[:1] in "+-")
            report[f"{kind}:{out}"] = changed
            if changed:
                diffs.append("".join(diff))
    return report, diffs


NO_REFERENCE = "no reference for this source"


def report_path(cfg: Config) -> Path:
    return cfg.cache / "reports" / "upstream_parity.json"


def last_status(cfg: Config) -> str | None:
    """The status line of the last parity run (for `doit list --status`), None before the first."""
    try:
        return json.loads(report_path(cfg).read_text()).get("status")
    except (FileNotFoundError, json.JSONDecodeError, AttributeError):
        return None


def upstream_parity(cfg: Config, log=print) -> dict:
    """Run CPython's generators and compare with the references that belong to this source:
    Debian's shipped headers when the source is Debian's version, the source's own generated
    files when it ships them. With none, parity is reported as not checkable, not as failed."""
    source = vendor.read_source_manifest(cfg)
    generated = cfg.cache / "upstream"
    run_generators(cfg, generated, log)
    kinds = (["debian"] if source["debian_reference"]["applies"] else []) + ["checkout"]
    lines, diffs = compare(cfg, generated, kinds)
    skipped = {} if source["debian_reference"]["applies"] else {"debian": source["debian_reference"]["why"]}
    if not lines:
        status = f"{NO_REFERENCE} (CPython {source['version']}: {skipped.get('debian', '')}, and it ships no generated files)"
    else:
        status = f"{len(lines)} references, {sum(lines.values())} differing lines"
    report = {"status": status, "version": source["version"], "differing_lines": lines, "not_compared": skipped}
    write_atomic(report_path(cfg), json.dumps(report, indent=2, sort_keys=True) + "\n")
    for name, n in sorted(lines.items()):
        log(f"upstream_parity: {name}: {n} differing lines")
    for kind, why in skipped.items():
        log(f"upstream_parity: {kind} references not compared: {why}")
    log(f"upstream_parity: {status}")
    if diffs:
        for d in diffs:
            sys.stdout.write(d)
        bad = [k for k, v in sorted(lines.items()) if v]
        kind, out = bad[0].split(":", 1)
        ref = cfg.inputs / REFERENCE_DIRS[kind] / out
        hunk = re.search(r"^@@ -(\d+)", diffs[0], re.M)
        raise CasesgenError(f"CPython's generator on inputs/ does not reproduce this line (and {sum(lines.values())} "
                            f"differing lines in {', '.join(bad)}); see the diff above",
                            str(ref), int(hunk.group(1)) + 3 if hunk else None)
    return report
