"""Oracle 1: CPython's shipped headers, compiled with gcc, against the generated Go (0 mismatches)."""
from __future__ import annotations

import json

import pytest

from conftest import TABLES, c_tables_of, mismatches


@pytest.fixture(scope="session")
def c_tables(project, tmp_path_factory) -> dict:
    return c_tables_of(project / "inputs/reference/debian/Include", tmp_path_factory.mktemp("oracle_c"))


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
