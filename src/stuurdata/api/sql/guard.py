# SPDX-License-Identifier: EUPL-1.2
"""The allow-list of the read-only SQL endpoint: exactly one SELECT over published tables.

A query is parsed with SQLGlot (DuckDB dialect) and walked node by node: every node must be of an
allowed kind (SELECT, joins, expressions, ...), every function one of a fixed list of pure
functions, and every table an allow-listed published table (or a CTE of the query itself). What
runs is SQLGlot's rendering of the checked tree, wrapped in a ``LIMIT`` of the row cap, so the
text DuckDB sees is the text that was checked. Anything else is refused with a Dutch message
naming the construct; unknown and non-public tables get one and the same message.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

MAX_LENGTH: Final = 20_000
MAX_DEPTH: Final = 100

# Structural nodes a SELECT may consist of (no statements other than queries, no DDL/DML).
_NODES: Final[frozenset[type[exp.Expr]]] = frozenset(
    {
        exp.Select, exp.Union, exp.Intersect, exp.Except, exp.With, exp.CTE, exp.TableAlias,
        exp.Subquery, exp.From, exp.Join, exp.Where, exp.Group, exp.Having, exp.Qualify,
        exp.Order, exp.Ordered, exp.Limit, exp.Offset, exp.Column, exp.Identifier, exp.Star,
        exp.Literal, exp.Boolean, exp.Null, exp.Alias, exp.Aliases, exp.Table, exp.Paren,
        exp.Tuple, exp.Bracket, exp.Slice, exp.Distinct, exp.Window, exp.WindowSpec,
        exp.DataType, exp.DataTypeParam, exp.Var, exp.Interval, exp.IntervalSpan, exp.Between,
        exp.In, exp.Is, exp.Exists, exp.Like, exp.ILike, exp.Escape, exp.Not, exp.Neg, exp.And,
        exp.Or, exp.EQ, exp.NEQ, exp.NullSafeEQ, exp.NullSafeNEQ, exp.GT, exp.GTE, exp.LT,
        exp.LTE, exp.Add, exp.Sub, exp.Mul, exp.Div, exp.IntDiv, exp.Mod, exp.DPipe,
        exp.Filter, exp.Any, exp.All, exp.Values, exp.PropertyEQ,
    }
)  # fmt: skip

# Functions SQLGlot knows by name (its class names): pure, no files, no settings, no catalog.
_FUNCTIONS: Final[frozenset[str]] = frozenset(
    {
        "Sum",
        "Count",
        "Avg",
        "Min",
        "Max",
        "Round",
        "Coalesce",
        "Abs",
        "Lower",
        "Upper",
        "Length",
        "Substring",
        "Concat",
        "ConcatWs",
        "Trim",
        "Case",
        "If",
        "Cast",
        "TryCast",
        "Nullif",
        "Greatest",
        "Least",
        "Floor",
        "Ceil",
        "Sqrt",
        "Pow",
        "Ln",
        "Log",
        "Exp",
        "StrPosition",
        "Left",
        "Right",
        "Stddev",
        "StddevPop",
        "StddevSamp",
        "Variance",
        "VariancePop",
        "Median",
        "Quantile",
        "PercentileCont",
        "PercentileDisc",
        "ApproxDistinct",
        "CountIf",
        "ArrayAgg",
        "GroupConcat",
        "RowNumber",
        "Rank",
        "DenseRank",
        "PercentRank",
        "CumeDist",
        "Ntile",
        "Lag",
        "Lead",
        "FirstValue",
        "LastValue",
        "NthValue",
        "First",
        "Last",
        "AnyValue",
        "RegexpLike",
        "RegexpExtract",
        "RegexpReplace",
        "DateTrunc",
        "Extract",
        "CurrentDate",
        "TimeToStr",
        "StrToDate",
        "StrToTime",
        "Year",
        "Month",
        "Day",
        "DateDiff",
        "DateAdd",
        "DateSub",
        "Split",
        "ArraySize",
        "Sign",
        "Corr",
        "CovarPop",
        "CovarSamp",
        "StartsWith",
        "EndsWith",
        "Contains",
        "Repeat",
        "Reverse",
        "Pad",
        "Initcap",
        "ArgMax",
        "ArgMin",
        "LogicalAnd",
        "LogicalOr",
        "Mode",
        "Date",
        "Ascii",
        "Chr",
        "Struct",
        "Array",
        "ToChar",
        "Trunc",
        "Pi",
        "Cbrt",
        "Degrees",
        "Radians",
        "Sin",
        "Cos",
        "Tan",
        "Atan",
        "Atan2",
        "IsNan",
        "IsInf",
        "Levenshtein",
        "TsOrDsToDate",
        "ArrayContains",
        "ArraySort",
        "ArrayDistinct",
        "Hex",
    }
)  # fmt: skip

# DuckDB functions SQLGlot does not know (parsed as anonymous calls), by lower-case name.
_ANONYMOUS: Final[frozenset[str]] = frozenset(
    {
        "round",
        "string_agg",
        "list_value",
        "list_sort",
        "list_distinct",
        "regexp_matches",
        "strip_accents",
        "lpad",
        "rpad",
        "printf",
        "format",
        "ifnull",
        "quantile_cont",
        "quantile_disc",
        "arg_max",
        "arg_min",
        "bool_and",
        "bool_or",
        "fsum",
        "product",
        "histogram",
        "list",
        "nullif",
        "left_grapheme",
        "right_grapheme",
        "lcase",
        "ucase",
        "concat_ws",
        "date_part",
        "datepart",
        "date_diff",
        "date_add",
        "make_date",
        "year",
        "month",
        "day",
        "isodow",
        "dayofweek",
        "week",
        "quarter",
        "epoch",
        "to_json",
        "row_to_json",
        "greatest",
        "least",
        "trunc",
        "even",
        "gcd",
        "lcm",
        "bit_length",
        "bar",
    }
)  # fmt: skip

_TABLE_MESSAGE: Final = (
    "Tabel '{name}' bestaat niet of is niet openbaar. Gebruik de volledige naam van een "
    "gepubliceerde tabel, bijvoorbeeld published.indicators."
)


class SqlRefusedError(Exception):
    """A query the endpoint will not run: ``status`` (400/404) and a Dutch ``message``."""

    def __init__(self, status: int, message: str, construct: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.construct = construct


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the allow-list, as DuckDB SQL wrapped in the row cap."""

    sql: str
    tables: frozenset[str]
    row_cap: int


def _refuse(construct: str, message: str | None = None) -> SqlRefusedError:
    text = message or f"'{construct}' is niet toegestaan in een query op dit eindpunt."
    return SqlRefusedError(400, text, construct)


def _function_name(node: exp.Func) -> str:
    if isinstance(node, exp.Anonymous):
        return str(node.name)
    return node.sql_name().lower()


def _check_node(node: exp.Expr) -> None:
    if type(node) in _NODES:
        return
    if isinstance(node, exp.Anonymous):
        if node.name.lower() not in _ANONYMOUS:
            raise _refuse(node.name, f"De functie '{node.name}' is niet toegestaan.")
        return
    if isinstance(node, exp.Func):
        if type(node).__name__ not in _FUNCTIONS:
            name = _function_name(node)
            raise _refuse(name, f"De functie '{name}' is niet toegestaan.")
        return
    name = node.key.upper()
    raise _refuse(name, f"'{name}' is niet toegestaan: alleen één SELECT-query kan hier.")


def _depth(tree: exp.Expr) -> int:
    deepest = 0
    stack: list[tuple[exp.Expr, int]] = [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in node.iter_expressions())
    return deepest


def _table_name(table: exp.Table) -> str:
    if not isinstance(table.this, exp.Identifier):
        name = table.this.sql(dialect="duckdb") if table.this else "?"
        raise _refuse(name, f"Tabelfuncties zijn niet toegestaan ({name}).")
    if table.args.get("version") is not None or table.args.get("catalog") is not None:
        parts = ".".join(p.name for p in table.parts)
        raise SqlRefusedError(404, _TABLE_MESSAGE.format(name=parts), parts)
    if table.db:
        return f"{table.db}.{table.name}"
    return str(table.name)


def _check_tables(tree: exp.Expr, allowed: Collection[str]) -> frozenset[str]:
    ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    allowed_lower = {name.lower() for name in allowed}
    used: set[str] = set()
    for table in tree.find_all(exp.Table):
        name = _table_name(table)
        key = name.lower()
        if not table.db and key in ctes:
            continue
        if key not in allowed_lower:
            raise SqlRefusedError(404, _TABLE_MESSAGE.format(name=name), name)
        used.add(key)
    return frozenset(used)


def parse_one_select(text: str) -> exp.Query:
    """The single query of ``text``; raises :class:`SqlRefusedError` (400) otherwise."""
    if not text.strip():
        raise SqlRefusedError(400, "Geef een query op in parameter 'q'.")
    if len(text) > MAX_LENGTH:
        raise SqlRefusedError(400, f"De query is te lang (meer dan {MAX_LENGTH} tekens).")
    try:
        statements = [s for s in sqlglot.parse(text, read="duckdb") if s is not None]
    except RecursionError:
        raise SqlRefusedError(400, "De query is te diep genest.") from None
    except (SqlglotError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else "onbekende fout"
        raise SqlRefusedError(400, f"De query is geen geldige SQL: {first}") from None
    if len(statements) != 1:
        raise _refuse(
            ";", "Precies één query is toegestaan; meerdere statements (;) worden geweigerd."
        )
    tree = statements[0]
    if not isinstance(tree, exp.Query):
        name = str(tree.this).split()[0] if isinstance(tree, exp.Command) else tree.key
        name = name.upper()
        raise _refuse(name, f"'{name}' is niet toegestaan: alleen één SELECT-query kan hier.")
    return tree


def check_query(text: str, allowed: Collection[str], row_cap: int) -> CheckedQuery:
    """Check ``text`` against the allow-list and wrap it in the row cap (``row_cap + 1`` rows are
    asked for, so the caller can tell that the cap was reached). Checks are memoised."""
    return _check_cached(text, frozenset(a.lower() for a in allowed), row_cap)


@lru_cache(maxsize=1024)
def _check_cached(text: str, allowed: frozenset[str], row_cap: int) -> CheckedQuery:
    tree = parse_one_select(text)
    if _depth(tree) > MAX_DEPTH:
        raise SqlRefusedError(400, "De query is te diep genest.")
    for node in tree.walk():
        _check_node(node)
    tables = _check_tables(tree, allowed)
    try:
        inner = tree.sql(dialect="duckdb")
    except (SqlglotError, RecursionError, ValueError, TypeError, KeyError, AttributeError):
        raise SqlRefusedError(400, "De query kon niet worden verwerkt.") from None
    wrapped = f"SELECT * FROM ({inner}) AS stuurdata_query LIMIT {int(row_cap) + 1}"
    return CheckedQuery(sql=wrapped, tables=tables, row_cap=row_cap)
