# SPDX-License-Identifier: EUPL-1.2
"""DuckDB's types for the Spark engine, so a version built on Spark has the column types the
DuckDB engine gives it: in the Spark tables where Spark has the type, in the serving copy always.

Arrow types Spark lacks are widened on the way in (:func:`spark_arrow`); each model is bound
by DuckDB on empty tables first (:class:`DuckDBTypes`), its result cast to the Spark type that
holds DuckDB's (:func:`with_types`), and the serving copy casts back to DuckDB's own type
where Spark stored another (:func:`restored_column`: HUGEINT kept as DECIMAL(38,0),
TIMESTAMP_MS as TIMESTAMP).
"""

from __future__ import annotations

import re

import duckdb
import pyarrow as pa

from stuurdata.errors import BuildError
from stuurdata.warehouse.duckdb_engine import quote_table


class DuckDBTypes:
    """An in-memory DuckDB catalog with every table of the version being built, without rows.

    Binding each model here, as the DuckDB engine would, gives DuckDB's own error for a wrong
    model and DuckDB's column types, which the Spark query and the serving copy then take on
    (``sum`` of integers is HUGEINT in DuckDB and BIGINT in Spark, for example).
    """

    def __init__(self) -> None:
        self.con: duckdb.DuckDBPyConnection | None = duckdb.connect()

    def _con(self) -> duckdb.DuckDBPyConnection:
        if self.con is None:
            raise BuildError("de DuckDB-typen van deze versie zijn al gesloten")
        return self.con

    def create_schema(self, name: str) -> None:
        self._con().execute(f'CREATE SCHEMA IF NOT EXISTS "{name}"')

    def add_arrow(self, name: str, schema: pa.Schema) -> None:
        con = self._con()
        con.register(_TYPES_VIEW, schema.empty_table())
        try:
            con.execute(f"CREATE TABLE {quote_table(name)} AS SELECT * FROM {_TYPES_VIEW}")
        finally:
            con.unregister(_TYPES_VIEW)

    def add_query(self, name: str, sql: str) -> list[tuple[str, str]]:
        """Bind ``sql`` (not run it) and keep its columns as table ``name``; raises duckdb.Error."""
        con = self._con()
        columns = [(str(row[0]), str(row[1])) for row in con.execute(f"DESCRIBE {sql}").fetchall()]
        defined = ", ".join(f"{duckdb_identifier(column)} {kind}" for column, kind in columns)
        con.execute(f"CREATE TABLE {quote_table(name)} ({defined})")
        return columns

    def columns(self, name: str) -> list[tuple[str, str]]:
        schema, table = name.split(".")
        rows = (
            self._con()
            .execute(
                "SELECT column_name, data_type FROM duckdb_columns() "
                "WHERE schema_name = ? AND table_name = ? ORDER BY column_index",
                [schema, table],
            )
            .fetchall()
        )
        return [(str(column), str(kind)) for column, kind in rows]

    def drop(self, name: str) -> None:
        self._con().execute(f"DROP TABLE IF EXISTS {quote_table(name)}")

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None


_TYPES_VIEW = "__stuurdata_arrow_types"
_SPARK_TYPES = {
    "BOOLEAN": "BOOLEAN",
    "TINYINT": "TINYINT",
    "SMALLINT": "SMALLINT",
    "INTEGER": "INT",
    "BIGINT": "BIGINT",
    "HUGEINT": "DECIMAL(38,0)",
    "UTINYINT": "SMALLINT",
    "USMALLINT": "INT",
    "UINTEGER": "BIGINT",
    "UBIGINT": "DECIMAL(20,0)",
    "FLOAT": "FLOAT",
    "DOUBLE": "DOUBLE",
    "VARCHAR": "STRING",
    "BLOB": "BINARY",
    "DATE": "DATE",
    "TIMESTAMP": "TIMESTAMP_NTZ",
    "TIMESTAMP_S": "TIMESTAMP_NTZ",
    "TIMESTAMP_MS": "TIMESTAMP_NTZ",
    "TIMESTAMP_NS": "TIMESTAMP_NTZ",
    "TIMESTAMP WITH TIME ZONE": "TIMESTAMP_LTZ",
}
"""DuckDB type -> the Spark type that holds its values; other types are left as Spark has them."""
_DECIMAL = re.compile(r"^DECIMAL\(\d+,\d+\)$")


def spark_type(duckdb_type: str) -> str | None:
    kind = duckdb_type.upper()
    return kind if _DECIMAL.match(kind) else _SPARK_TYPES.get(kind)


def with_types(query: str, columns: list[tuple[str, str]]) -> str:
    """Spark ``query`` with DuckDB's ``columns``: its names (by position: an expression without
    alias is named differently by Spark) and the Spark types that hold DuckDB's types."""
    names, selected = [], []
    for column, duckdb_type in columns:
        quoted = "`" + column.replace("`", "``") + "`"
        target = spark_type(duckdb_type)
        names.append(quoted)
        selected.append(f"CAST({quoted} AS {target}) AS {quoted}" if target else quoted)
    return f"SELECT {', '.join(selected)} FROM ({query}\n) AS __stuurdata_model({', '.join(names)})"


def restored_column(column: str, found: str, wanted: str | None) -> str:
    """A column of the serving copy: DuckDB's own type where Spark stored a wider or other one
    (HUGEINT kept as DECIMAL(38,0), TIMESTAMP_MS as TIMESTAMP)."""
    quoted = duckdb_identifier(column)
    if wanted is None or wanted == found or spark_type(wanted) is None:
        return quoted
    return f"CAST({quoted} AS {wanted}) AS {quoted}"


def duckdb_message(exc: duckdb.Error) -> str:
    """DuckDB's error on one line, without its echo of the (wrapped) statement."""
    return " ".join(str(exc).split("\nLINE ")[0].split())


def duckdb_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def spark_arrow(data: pa.Table) -> pa.Table:
    """``data`` with the Arrow types Spark cannot take replaced by the nearest it can:
    unsigned integers by a wider signed type, half floats by floats, the null type by text."""
    wider: dict[pa.DataType, pa.DataType] = {
        pa.uint8(): pa.int16(),
        pa.uint16(): pa.int32(),
        pa.uint32(): pa.int64(),
        pa.uint64(): pa.decimal128(20, 0),
        pa.float16(): pa.float32(),
        pa.null(): pa.string(),
    }
    fields = [
        field.with_type(wider[field.type]) if field.type in wider else field
        for field in data.schema
    ]
    schema = pa.schema(fields, metadata=data.schema.metadata)
    return data if schema.equals(data.schema) else data.cast(schema)
