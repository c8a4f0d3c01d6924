"""`casesgen` command line: what doit's task graph does not cover."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import config, vendor
from .errors import CasesgenError, UsageError, report
from .vmdiff import DEFAULT_TIMEOUT, positive_seconds


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is casesgen's one line (and exit 2), not a usage block."""

    def error(self, message):
        print(f"casesgen: error: {self.prog}: {message} (see `{self.prog} --help`)", file=sys.stderr)
        raise SystemExit(2)


def check_warmup(n: int | None) -> None:
    """--tier2-warmup's range, for vm-diff and fuzz: JUMP_BACKWARD's counter value has 12 bits."""
    if n is not None and not 1 <= n <= 4095:
        raise UsageError(f"--tier2-warmup must be 1..4095, not {n}")


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="casesgen", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("relock", help="re-vendor the inputs and re-pin casesgen.lock to their sha256 (on purpose)")
    sub.add_parser("config", help="validate [tool.casesgen] and print the effective settings")
    peer = sub.add_parser("peer-suite", help="run CPython's test_generated_cases.py on the vendored generator")
    peer.add_argument("-v", action="store_true", help="verbose unittest output")
    vmd = sub.add_parser("vm-diff", help="run programs under the vendored CPython 3.14 and in the Go VM; compare "
                                         "their results (exit 0: all agree, 1: any differs, is unsupported or "
                                         "times out)")
    vmd.add_argument("programs", nargs="*", metavar="PROG.py", help="module code whose answer is its global `result`")
    vmd.add_argument("--json", action="store_true", help="machine-readable output, with the specialized instructions "
                                                         "the Go VM executed and its guard failures per program")
    vmd.add_argument("--timeout", type=positive_seconds, default=DEFAULT_TIMEOUT, metavar="S",
                     help=f"stop a program that runs longer than S seconds on one side and report it `timeout` "
                          f"(default {DEFAULT_TIMEOUT:g})")
    vmd.add_argument("--quickened", action="store_true",
                     help="also compare, after the run, every code object's instructions as CPython's specializer "
                          "left them with the Go VM's (exit 1 on a difference tool.casesgen.quickened_known does "
                          "not list)")
    vmd.add_argument("--tier2", action="store_true",
                     help="run the Go VM as CPython runs with its tier-2 interpreter on: hot loops become "
                          "JUMP_BACKWARD_JIT, are projected, optimized and run as traces (--json: traces per program)")
    vmd.add_argument("--tier2-warmup", type=int, metavar="N",
                     help="with --tier2 (which it implies): a loop is hot after N+1 iterations instead of CPython's "
                          "4096, so that short loops run as traces too (a stress test of tier 2; 1..4095)")
    fz = sub.add_parser("fuzz", help="differential fuzzing: generated programs under the vendored CPython 3.14 and in "
                                     "the Go VM (exit 1 on a program whose answers differ)")
    fz.add_argument("--count", type=int, default=200, metavar="N", help="programs to generate (default 200)")
    fz.add_argument("--seed", type=int, default=0, metavar="S", help="the seed: the same seed, the same programs")
    fz.add_argument("--keep", metavar="DIR", help="write each differing program, minimized, with both answers, to DIR")
    fz.add_argument("--timeout", type=positive_seconds, default=10.0, metavar="S",
                    help="stop a program that runs longer than S seconds on one side (default 10)")
    fz.add_argument("--tier2-warmup", type=int, metavar="N",
                    help="the programs' statements in a function, and the Go VM with tier 2 on, a loop hot after "
                         "N+1 iterations (1..4095): every fuzzed loop that projects runs as an optimized trace")
    exp = sub.add_parser("explain", help="one opcode, uop or family: the model's facts and where its Go code is")
    exp.add_argument("name", metavar="NAME", help="an instruction, micro-op (_NAME), family head or pseudo instruction")
    exp.add_argument("--oparg", type=int, default=1, help="the oparg the stack effect is evaluated for (default 1)")
    exp.add_argument("--json", action="store_true", help="the same facts as JSON")
    dif = sub.add_parser("diff", help="upgrade report: what changes per opcode, uop and family from the CPython source "
                                      "OLD to NEW (exit 0: none, 1: some)")
    dif.add_argument("old", metavar="OLD", help="a CPython 3.14 checkout, Python-3.14.x.tar.xz, its https:// URL, or `locked`")
    dif.add_argument("new", metavar="NEW", help="the same kinds as OLD")
    dif.add_argument("--json", action="store_true", help="the report as JSON, for tools")
    args = parser.parse_args(argv)
    try:
        cfg = config.load(Path.cwd())
        if args.command == "relock":
            vendor.vendor(cfg, relock=True)
        elif args.command == "config":
            for key, value in sorted(vars(cfg).items()):
                print(f"{key} = {value}")
        elif args.command == "peer-suite":
            from .peer import run_peer_suite
            result = run_peer_suite(cfg, verbose=args.v)
            print(result.summary)
            return 0 if result.ok else 1
        elif args.command == "vm-diff":
            from .vmdiff import exit_status, format_json, format_text, vm_diff
            check_warmup(args.tier2_warmup)
            diff = vm_diff(cfg, args.programs, args.timeout, args.quickened, args.tier2, args.tier2_warmup)
            print(format_json(diff) if args.json else format_text(diff), end="")
            return exit_status(diff)
        elif args.command == "fuzz":
            from .fuzz import fuzz, summary
            if args.count < 1:
                raise UsageError("--count must be a positive number of programs")
            check_warmup(args.tier2_warmup)
            result = fuzz(cfg, args.count, args.seed, Path(args.keep) if args.keep else None, args.timeout,
                          log=lambda line: print(line, file=sys.stderr), warmup=args.tier2_warmup)
            for source, o in result.differ:
                print(f"DIFFER: CPython {o.cpython}; Go VM {o.go}\n{source}")
            print(summary(result))
            return 1 if result.differ else 0
        elif args.command == "explain":
            from .explain import format_json, format_text, run
            facts = run(cfg, args.name, args.oparg)
            print(format_json(facts) if args.json else format_text(facts), end="")
        elif args.command == "diff":
            from . import upgrade
            result = upgrade.run(cfg, args.old, args.new, log=lambda line: print(line, file=sys.stderr))
            print(upgrade.format_json(result) if args.json else upgrade.format_markdown(result), end="")
            return 1 if result["changes"] else 0
    except CasesgenError as e:
        print(report(e), file=sys.stderr)
        return 2 if isinstance(e, UsageError) or args.command == "diff" else 1  # diff: 1 means "they differ"
    return 0
