# SPDX-License-Identifier: EUPL-1.2
"""A :class:`~stuurdata.indicators.cube.CubeWriter` over a plain DuckDB connection.

Used where no warehouse build runs: the tests' fixtures, the benchmark, and reading a
published version. The warehouse build passes its own version writer instead.
"""

from __future__ import annotations

import re

import duckdb
import pyarrow as pa

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$")


def _quoted(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"ongeldige tabelnaam '{name}': verwacht <schema>.<tabel>")
    schema, table = name.split(".")
    return f'"{schema}"."{table}"'


class ConnectionWriter:
    """Creates and reads tables on ``con`` (a writable DuckDB connection)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def create_schemas(self, names: list[str]) -> None:
        for name in names:
            self.con.execute(f'CREATE SCHEMA IF NOT EXISTS "{name}"')

    def create_table_as(self, name: str, sql: str) -> int:
        self.con.execute(f"CREATE OR REPLACE TABLE {_quoted(name)} AS {sql}")
        row = self.con.execute(f"SELECT count(*) FROM {_quoted(name)}").fetchone()
        return int(row[0]) if row else 0

    def load_arrow(self, schema: str, table_name: str, data: pa.Table) -> int:
        name = _quoted(f"{schema}.{table_name}")
        self.con.register("__stuurdata_indicator_load", data)
        try:
            self.con.execute(
                f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM __stuurdata_indicator_load"
            )
        finally:
            self.con.unregister("__stuurdata_indicator_load")
        return int(data.num_rows)

    def read_arrow(self, name: str) -> pa.Table:
        return self.con.sql(f"SELECT * FROM {_quoted(name)}").to_arrow_table()
