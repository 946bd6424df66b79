# SPDX-License-Identifier: EUPL-1.2
"""The baseline: one plain DuckDB SQL script doing the same loading as a Stuurdata build.

The script is generated from the same definitions (sources, boundary files, models) and is
what a careful engineer would write by hand: typed ``read_csv``/``read_parquet`` per source,
the area tables from the boundary GeoJSON (DuckDB reads a FeatureCollection natively:
properties plus the geometry as WGS84, without the RD projection, area and centroids Stuurdata
computes), the BSN columns replaced by the same keyed pseudonym (HMAC-SHA256 written in
DuckDB SQL, RFC 2104, with a fixed benchmark key), then every model as ``CREATE TABLE AS``. It does *not*
validate (elfproef, patterns, area codes, keys, ranges), hash input files, write a manifest or
publish atomically: that is the work the comparison puts a price on.

The script runs in a fresh process through :mod:`benchmarks.baseline_run` (DuckDB only).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from stuurdata.sources.pseudonymise import hmac_pads, hmac_sql
from stuurdata.workspace import Workspace
from stuurdata.workspace.config import Column, ColumnType, Source

DUCKDB_TYPES: dict[ColumnType, str] = {
    ColumnType.STRING: "VARCHAR",
    ColumnType.INTEGER: "BIGINT",
    ColumnType.DECIMAL: "DOUBLE",
    ColumnType.DATE: "DATE",
    ColumnType.TIMESTAMP: "TIMESTAMP",
    ColumnType.BOOLEAN: "VARCHAR",  # 'ja'/'nee', 'J'/'N': mapped with a CASE below
    ColumnType.GEOMETRY: "BLOB",
}
TRUE_WORDS = ("ja", "j", "true", "t", "1", "waar", "yes", "y")
FALSE_WORDS = ("nee", "n", "false", "f", "0", "onwaar", "no")
CP1252 = {"windows-1252", "cp1252", "latin-1", "latin1", "iso-8859-1"}
AREA_LEVELS: dict[str, tuple[str, str, str | None]] = {
    # table: (code property, name property, parent property)
    "gemeenten": ("gemeentecode", "gemeentenaam", None),
    "wijken": ("wijkcode", "wijknaam", "gemeentecode"),
    "buurten": ("buurtcode", "buurtnaam", "wijkcode"),
}


def text(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _benchmark_key(source: Source) -> bytes:
    """A fixed per-purpose key for the baseline (the pseudonyms are thrown away)."""
    return hashlib.sha256(f"benchmark:{source.purpose}".encode()).digest()


def _read_type(column: Column) -> str:
    return "VARCHAR" if column.format else DUCKDB_TYPES[column.type]


def _select(column: Column, source: Source, parquet: bool) -> str:
    raw = ident(column.source_name or column.name)
    if column.pseudonymise:
        inner, outer = hmac_pads(_benchmark_key(source))
        expr = hmac_sql(
            f"CAST({raw} AS VARCHAR)",
            f"unhex({text(inner.hex())})",
            f"unhex({text(outer.hex())})",
        )
    elif column.format and column.type in (ColumnType.DATE, ColumnType.TIMESTAMP):
        target = DUCKDB_TYPES[column.type]
        expr = f"CAST(strptime({raw}, {text(column.format)}) AS {target})"
    elif column.type is ColumnType.BOOLEAN:
        yes = ", ".join(text(w) for w in TRUE_WORDS)
        no = ", ".join(text(w) for w in FALSE_WORDS)
        expr = (
            f"CASE WHEN lower({raw}) IN ({yes}) THEN true "
            f"WHEN lower({raw}) IN ({no}) THEN false END"
        )
    elif parquet:
        expr = f"CAST({raw} AS {DUCKDB_TYPES[column.type]})"
    else:
        expr = raw
    return f"{expr} AS {ident(column.name)}"


def source_sql(source: Source, root: Path) -> str:
    """``CREATE TABLE raw.<name> AS SELECT ... FROM read_csv/read_parquet(...)``."""
    pattern = text(str(root / source.path))
    parquet = source.connector == "parquet"
    if parquet:
        reader = f"read_parquet({pattern})"
    else:
        options = source.options
        args = [pattern, "header = true"]
        if "delimiter" in options:
            args.append(f"delim = {text(str(options['delimiter']))}")
        if str(options.get("encoding", "")).lower() in CP1252:
            args.append("encoding = 'latin-1'")
        if options.get("decimal") == ",":
            args.append("decimal_separator = ','")
        types = ", ".join(
            f"{text(c.source_name or c.name)}: {text(_read_type(c))}" for c in source.columns
        )
        if types:
            args.append(f"types = {{{types}}}")
        reader = f"read_csv({', '.join(args)})"
    columns = ",\n    ".join(_select(c, source, parquet) for c in source.columns) or "*"
    return f"CREATE TABLE raw.{ident(source.name)} AS\nSELECT\n    {columns}\nFROM {reader};"


def areas_sql(ws: Workspace) -> list[str]:
    """The area tables from the same boundary GeoJSON files (properties and WGS84 geometry)."""
    statements: list[str] = []
    files = {
        "gemeenten": ws.config.areas.gemeenten,
        "wijken": ws.config.areas.wijken,
        "buurten": ws.config.areas.buurten,
    }
    for table, (code, name, parent) in AREA_LEVELS.items():
        path = text(str(ws.root / files[table]))
        parent_sql = ident(parent) if parent else "NULL"
        statements.append(
            f"CREATE TABLE areas.{table} AS\n"
            f"SELECT {ident(code)} AS code, {ident(name)} AS name, "
            f"{parent_sql} AS parent_code, jaarcode AS year, geometry\n"
            f"FROM read_json({path}, maximum_object_size = 1073741824);"
        )
    region = ws.config.region
    if region is not None:
        rows = ", ".join(
            f"({text(member)}, {text(region.code)}, {text(region.name)})"
            for member in region.members
        )
        statements.append(
            "CREATE TABLE areas.regios AS SELECT * FROM (VALUES "
            f"{rows}) AS r(member_code, code, name);"
        )
    return statements


def script(ws: Workspace) -> str:
    """The whole baseline script for workspace ``ws``."""
    parts = [
        "-- Baseline: plain DuckDB doing the same loading as `stuurdata build` (generated by\n"
        "-- benchmarks/baseline_duckdb.py from the workspace definitions). No validation,\n"
        "-- no manifest, no atomic publish; BSNs pseudonymised with HMAC-SHA256 in SQL.",
        "CREATE SCHEMA raw; CREATE SCHEMA areas; CREATE SCHEMA staging; CREATE SCHEMA marts;",
        *areas_sql(ws),
        *(source_sql(source, ws.root) for source in ws.sources.values()),
    ]
    for model in ws.model_order():
        parts.append(f"-- {model.path.name}\nCREATE TABLE {model.name} AS\n{model.sql};")
    return "\n\n".join(parts) + "\n"


def write_script(ws: Workspace, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(script(ws), encoding="utf-8")
    return target
