"""Oracle 1: CPython's shipped headers, compiled with gcc, against the generated Go (0 mismatches)."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import REPO, reference_uop_names, run


@pytest.fixture(scope="session")
def c_tables(project, tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("oracle_c")
    inc = project / "inputs/reference/debian/Include"
    names = reference_uop_names(inc / "internal/pycore_uop_ids.h")
    (work / "uop_ids.inc").write_text("".join(f"UOP({n})\n" for n in names))
    exe = work / "dump_tables"
    cc = shutil.which("gcc") or shutil.which("cc")
    run([cc, "-std=c11", "-Wall", "-Werror", "-O0", f"-I{inc}", f"-I{inc / 'internal'}",
         f'-DUOP_ID_LIST="{work / "uop_ids.inc"}"', "-o", exe, REPO / "tests/oracle/dump_tables.c"], work, check=True)
    return json.loads(run([exe], work, check=True).stdout)


TABLES = ["have_argument", "min_specialized", "min_instrumented", "max_uop_id", "names", "metadata", "caches",
          "deopt", "popped", "pushed", "expansions", "pseudo_targets", "is_pseudo", "uop_flags", "uop_replication",
          "uop_names", "uop_popped", "uop_ids"]


def mismatches(c, go) -> tuple[int, int]:
    """(compared entries, mismatching entries) of one table."""
    if isinstance(c, dict):
        keys = set(c) | set(go)
        return len(keys), sum(1 for k in keys if c.get(k) != go.get(k))
    if isinstance(c, list):
        n = max(len(c), len(go))
        return n, sum(1 for i in range(n) if (c[i] if i < len(c) else None) != (go[i] if i < len(go) else None))
    return 1, int(c != go)


def test_every_table_matches_cpythons_headers(c_tables, go_tables, capsys):
    report, total = [], 0
    for table in TABLES:
        compared, bad = mismatches(c_tables[table], go_tables[table])
        report.append(f"{table}: {compared} compared, {bad} mismatches")
        total += bad
    with capsys.disabled():
        print("\noracle 1 (gcc + CPython 3.14.10 headers vs generated Go):\n  " + "\n  ".join(report))
    assert total == 0, "\n".join(report)


def test_oracle_is_not_vacuous(c_tables):
    # The C side really holds CPython's tables: sizes CPython documents.
    assert c_tables["names"]["128"] == "RESUME" and len(c_tables["names"]) == 238  # 227 instructions + 11 pseudo
    assert len(c_tables["popped"]) == 238 and len(c_tables["popped"]["128"]) == 256
    assert len(c_tables["uop_ids"]) > 300 and len(c_tables["expansions"]) > 150


def test_a_wrong_table_entry_would_be_caught(c_tables, go_tables):
    tampered = json.loads(json.dumps(go_tables))
    tampered["caches"][44] += 1  # BINARY_OP (44 in CPython 3.14)
    assert mismatches(c_tables["caches"], tampered["caches"])[1] == 1
