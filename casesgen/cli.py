"""`casesgen` command line: what doit's task graph does not cover."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import config, vendor
from .errors import CasesgenError, UsageError, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="casesgen", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("relock", help="re-vendor the inputs and re-pin casesgen.lock to their sha256 (on purpose)")
    sub.add_parser("config", help="validate [tool.casesgen] and print the effective settings")
    peer = sub.add_parser("peer-suite", help="run CPython's test_generated_cases.py on the vendored generator")
    peer.add_argument("-v", action="store_true", help="verbose unittest output")
    vmd = sub.add_parser("vm-diff", help="run programs under the vendored CPython 3.14 and in the Go VM; compare "
                                         "their results (exit 0: all agree, 1: any differs or is unsupported)")
    vmd.add_argument("programs", nargs="*", metavar="PROG.py", help="module code whose answer is its global `result`")
    vmd.add_argument("--json", action="store_true", help="machine-readable output")
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
            diff = vm_diff(cfg, args.programs)
            print(format_json(diff) if args.json else format_text(diff), end="")
            return exit_status(diff)
    except UsageError as e:
        print(report(e), file=sys.stderr)
        return 2
    except CasesgenError as e:
        print(report(e), file=sys.stderr)
        return 1
    return 0
