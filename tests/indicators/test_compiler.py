# SPDX-License-Identifier: EUPL-1.2
"""The compiled SQL: one statement per family, transpilable to PostgreSQL and Spark."""

from __future__ import annotations

import pytest
import sqlglot

from stuurdata.indicators import cube_sql, families, family_sql, regions_sql
from tests.indicators.conftest import standard_indicators

STANDARD = standard_indicators()


def test_one_statement_per_family_and_every_direct_indicator_in_one_family() -> None:
    found = families(STANDARD.values())
    members = [ind.id for fam in found for ind in fam.indicators]
    assert sorted(members) == sorted(i for i, ind in STANDARD.items() if not ind.derived)
    assert len({fam.table for fam in found}) == len(found)
    persons = next(f for f in found if f.source == "marts.ind_personen")
    assert len(persons.indicators) > 10  # one scan for all population counts


@pytest.mark.parametrize("dialect", ["postgres", "spark"])
def test_the_sql_transpiles_to_other_engines(dialect: str) -> None:
    found = families(STANDARD.values())
    statements = [family_sql(f, 2025) for f in found]
    statements.append(
        regions_sql([("RG01", "Regio", ["GM0001", "GM0002"])], "bevolking_inwoners", "cube.basis_x")
    )
    statements.append(cube_sql(STANDARD, found, 2025))
    for sql in statements:
        out = sqlglot.transpile(sql, read="duckdb", write=dialect)
        assert len(out) == 1
        assert "GROUP BY" in out[0].upper() or "UNION ALL" in out[0].upper()


def test_rates_are_computed_from_summed_parts_not_averaged() -> None:
    sql = cube_sql(STANDARD, families(STANDARD.values()), 2025)
    assert "a.numerator / NULLIF(a.denominator, 0) * m.scale" in sql
    assert "AVG(" not in sql.upper()
