# SPDX-License-Identifier: EUPL-1.2
"""Models, indicators and the build's own SQL are written in DuckDB SQL; server engines get it
transpiled by SQLGlot, with each ``<layer>.<table>`` reference pointed at the version being
written (for example ``raw.personen`` -> ``"v20261123t120000z_raw"."personen"``).

Where SQLGlot writes valid SQL for the target that computes something else than DuckDB does,
a rule per dialect rewrites the tree first (see :data:`_RULES`), so a model gives the same
result on every engine.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from stuurdata.errors import BuildError

SchemaMap = Callable[[str], str | None]
"""Engine schema for a layer name (``raw``, ``marts``...); None leaves the reference alone."""
Rule = Callable[[exp.Expr], exp.Expr]
"""Rewrites one node of a DuckDB tree (called for every node, children first)."""


def transpile(sql: str, dialect: str, schema_of: SchemaMap | None = None) -> str:
    """``sql`` (DuckDB dialect, one statement) for ``dialect`` with layers renamed by
    ``schema_of``. Raises :class:`BuildError` when SQLGlot cannot read or write it."""
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except SqlglotError as exc:
        raise BuildError(f"SQL is niet te lezen voor {dialect}: {_describe(exc)}") from exc
    if schema_of is not None:
        for table in tree.find_all(exp.Table):
            layer = table.db
            if not layer or table.catalog:
                continue
            renamed = schema_of(layer.lower())
            if renamed is not None:
                table.set("db", exp.to_identifier(renamed, quoted=True))
    for rule in _RULES.get(dialect, ()):
        tree = _rewrite(tree, rule)
    try:
        return tree.sql(dialect=dialect, unsupported_level=sqlglot.ErrorLevel.RAISE)
    except SqlglotError as exc:
        raise BuildError(f"SQL is niet te vertalen naar {dialect}: {_describe(exc)}") from exc


def _describe(exc: SqlglotError) -> str:
    """SQLGlot's complaint on one line, with line and column but without the colour codes and
    the underlined excerpt of its own message."""
    errors = getattr(exc, "errors", None)
    if errors:
        first = errors[0]
        place = ""
        if first.get("line") is not None:
            place = f" (regel {first['line']}, kolom {first.get('col')})"
        if first.get("highlight"):
            place = f" bij '{first['highlight']}'{place}"
        return f"{first.get('description')}{place}"
    return " ".join(str(exc).split())


def split_shared_ctes(sql: str, prefix: str) -> tuple[list[tuple[str, str]], str]:
    """For engines that compute a common table expression again at every reference (Spark):
    when ``sql`` (DuckDB) reads one of its CTEs more than once, split all of them off into
    statements of their own, to be materialised in order as temporary views.

    Returns ``[(view name, query), ...]`` and the rest of ``sql`` reading the views; all DuckDB
    SQL. All CTEs go, not just the shared ones: a view that holds a CTE of its own would plan
    differently at every use and Spark would not recognise its cached copy. A statement without
    shared CTEs comes back unchanged, with no views.
    """
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except SqlglotError:
        return [], sql  # transpile() reports it
    with_ = tree.args.get("with_")
    if not isinstance(with_, exp.With) or with_.args.get("recursive"):
        return [], sql
    ctes: list[exp.CTE] = list(with_.expressions)
    renamed = {cte.alias.lower(): f"{prefix}_{cte.alias.lower()}" for cte in ctes}
    references = [t for t in tree.find_all(exp.Table) if not t.db and t.name.lower() in renamed]
    if len({t.name.lower() for t in references}) == len(references):
        return [], sql
    for table in references:
        if not table.alias:  # columns may be qualified with the CTE's name
            table.set("alias", exp.TableAlias(this=exp.to_identifier(table.name)))
        table.set("this", exp.to_identifier(renamed[table.name.lower()]))
    tree.set("with_", None)
    views = [(renamed[cte.alias.lower()], cte.this.sql(dialect="duckdb")) for cte in ctes]
    return views, tree.sql(dialect="duckdb")


def _rewrite(tree: exp.Expr, rule: Rule) -> exp.Expr:
    """Apply ``rule`` to every node of ``tree``, children before their parent, so a parent sees
    its rewritten children; the nodes a rule creates are not rewritten again."""
    for node in reversed(list(tree.dfs())):
        new = rule(node)
        if new is node:
            continue
        if node is tree:
            tree = new
        else:
            node.replace(new)
    return tree


# -- Spark ---------------------------------------------------------------------------------------
# Spark runs with ANSI mode on, like DuckDB: a bad cast or an overflow is an error, not NULL.


def _ieee_division(node: exp.Expr) -> exp.Expr:
    """DuckDB's ``/`` always divides as DOUBLE (also integers and decimals) and follows IEEE 754
    for a zero divisor (``1/0`` is Infinity, ``0/0`` NaN); Spark keeps decimals decimal and,
    with ANSI on, fails on zero. ``a / b`` becomes ``CASE WHEN b = 0 THEN CAST(a AS DOUBLE) *
    Infinity ELSE CAST(a AS DOUBLE) / b END`` (a signed zero divisor counts as +0)."""
    if not isinstance(node, exp.Div) or node.args.get("typed"):
        return node
    numerator = exp.cast(node.this, exp.DataType.Type.DOUBLE)
    divisor = node.expression
    divided = exp.Div(this=numerator, expression=divisor, typed=False, safe=False)
    if _nonzero_literal(divisor) or _nullif_zero(divisor):
        return exp.paren(divided, copy=False)  # keep the operator precedence of the original
    infinity = exp.cast(exp.Literal.string("Infinity"), exp.DataType.Type.DOUBLE)
    return exp.Case(
        ifs=[
            exp.If(
                this=exp.EQ(this=divisor.copy(), expression=exp.Literal.number(0)),
                true=exp.Mul(this=numerator.copy(), expression=infinity),
            )
        ],
        default=divided,
    )


def _nonzero_literal(node: exp.Expr) -> bool:
    if isinstance(node, exp.Paren):
        return _nonzero_literal(node.this)
    if isinstance(node, exp.Neg):
        return _nonzero_literal(node.this)
    return isinstance(node, exp.Literal) and not node.is_string and float(node.this) != 0


def _nullif_zero(node: exp.Expr) -> bool:
    """``NULLIF(x, 0)`` (the usual guard): the divisor is never zero."""
    if isinstance(node, exp.Paren):
        return _nullif_zero(node.this)
    return (
        isinstance(node, exp.Nullif)
        and isinstance(node.expression, exp.Literal)
        and not node.expression.is_string
        and float(node.expression.this) == 0
    )


def _double_rounding(node: exp.Expr) -> exp.Expr:
    """DuckDB rounds a DOUBLE to ``n`` decimals as ``round(x * 10^n) / 10^n`` in floating
    point; Spark rounds the decimal representation of ``x``, which differs when ``x`` is just
    below a half (11.174999999999999 -> 11.18 in DuckDB, 11.17 in Spark). Rewritten to DuckDB's
    formula where the argument is a DOUBLE in DuckDB by its form (an average, a division...);
    decimals keep Spark's exact ROUND, which is DuckDB's."""
    if not isinstance(node, exp.Round) or not _is_double(node.this):
        return node
    decimals = node.args.get("decimals")
    places = _integer(decimals) if decimals is not None else 0
    if not places:
        return node  # round(x): half away from zero in both
    scale = exp.Literal.number(f"1E{abs(places)}")
    if places > 0:
        scaled: exp.Expr = exp.Mul(this=exp.paren(node.this), expression=scale)
        return exp.paren(
            exp.Div(this=exp.Round(this=scaled), expression=scale.copy(), typed=False, safe=False)
        )
    shrunk = exp.Div(this=exp.paren(node.this), expression=scale, typed=False, safe=False)
    return exp.paren(exp.Mul(this=exp.Round(this=shrunk), expression=scale.copy()))


_DOUBLE_FUNCTIONS = (
    exp.Avg,
    exp.Div,
    exp.Stddev,
    exp.StddevPop,
    exp.StddevSamp,
    exp.Variance,
    exp.VariancePop,
    exp.Sqrt,
    exp.Ln,
    exp.Log,
    exp.Exp,
    exp.Pow,
)
"""Expressions that are DOUBLE in DuckDB whatever their (numeric) arguments."""


def _is_double(node: exp.Expr) -> bool:
    """Whether ``node`` is a DOUBLE in DuckDB, as far as its form shows without types."""
    if isinstance(node, (exp.Paren, exp.Filter, exp.Neg, exp.Round)):
        return _is_double(node.this)
    if isinstance(node, _DOUBLE_FUNCTIONS):
        return True
    if isinstance(node, (exp.Cast, exp.TryCast)):
        return bool(node.to.this == exp.DataType.Type.DOUBLE)
    if isinstance(node, exp.Literal):
        return not node.is_string and "e" in node.this.lower()
    if isinstance(node, (exp.Add, exp.Sub, exp.Mul)):
        return _is_double(node.this) or _is_double(node.expression)
    return False


def _date_part_boundaries(node: exp.Expr) -> exp.Expr:
    """DuckDB's ``date_diff(part, a, b)`` counts the part boundaries crossed (one year from
    2000-12-31 to 2001-01-01); Spark's ``datediff(part, a, b)`` counts whole parts (zero). Both
    ends are truncated to the part first, which makes the two the same."""
    if not isinstance(node, exp.DateDiff) or not node.args.get("date_part_boundary"):
        return node
    unit = node.args.get("unit")
    if unit is None:
        return node
    return exp.DateDiff(
        this=exp.TimestampTrunc(this=node.this, unit=exp.var(unit.name)),
        expression=exp.TimestampTrunc(this=node.expression, unit=exp.var(unit.name)),
        unit=exp.var(unit.name),
    )


def _date_sub(node: exp.Expr) -> exp.Expr:
    """DuckDB's ``date_sub(part, a, b)`` (whole parts from a to b) is Spark's
    ``datediff(part, a, b)``; SQLGlot would keep the name, a different function in Spark."""
    if (
        isinstance(node, exp.Anonymous)
        and node.name.lower() == "date_sub"
        and len(node.expressions) == 3
        and isinstance(node.expressions[0], exp.Literal)
        and node.expressions[0].is_string
    ):
        part, start, end = node.expressions
        return exp.DateDiff(this=end, expression=start, unit=exp.var(part.name.upper()))
    return node


def _timestamp_with_time_zone(node: exp.Expr) -> exp.Expr:
    """Spark runs with ``TIMESTAMP`` meaning TIMESTAMP_NTZ, like DuckDB's naive ``TIMESTAMP``;
    DuckDB's ``TIMESTAMPTZ`` is then Spark's ``TIMESTAMP_LTZ`` (SQLGlot writes ``TIMESTAMP``)."""
    if isinstance(node, exp.DataType) and node.this == exp.DataType.Type.TIMESTAMPTZ:
        return exp.DataType.build(exp.DataType.Type.TIMESTAMPLTZ)
    return node


# -- PostgreSQL ----------------------------------------------------------------------------------


def _any_value_as_min(node: exp.Expr) -> exp.Expr:
    """PostgreSQL 15 has no ``any_value``; ``min`` returns one of the group's non-NULL values
    too, so it is a valid (and deterministic) ``any_value``."""
    if isinstance(node, exp.AnyValue):
        return exp.Min(this=node.this)
    if isinstance(node, exp.IgnoreNulls) and isinstance(node.this, exp.Min):
        return node.this
    return node


def _group_by_positions(node: exp.Expr) -> exp.Expr:
    """``GROUP BY ALL`` (DuckDB) becomes the positions of the select list's non-aggregate items;
    a string constant in GROUP BY (refused by PostgreSQL) the position of the select item that
    is that constant, or nothing (a constant does not split groups)."""
    if not isinstance(node, exp.Select) or not isinstance(node.args.get("group"), exp.Group):
        return node
    group = node.args["group"]
    items = node.expressions
    if group.args.get("all"):
        keys: list[exp.Expr] = [
            exp.Literal.number(index)
            for index, item in enumerate(items, start=1)
            if item.find(exp.AggFunc) is None
        ]
    else:
        keys = []
        for key in group.expressions:
            if not (isinstance(key, exp.Literal) and key.is_string):
                keys.append(key)
                continue
            keys.extend(
                exp.Literal.number(index)
                for index, item in enumerate(items, start=1)
                if item.unalias() == key
            )
    node.set("group", exp.Group(expressions=keys) if keys else None)
    return node


def _round_half_away(node: exp.Expr) -> exp.Expr:
    """DuckDB's ``round(x, n)`` scales by 10^n and rounds half away from zero, doubles too;
    PostgreSQL rounds a double half to even and takes decimals only on ``numeric``. Written out
    as ``sign(v) * floor(abs(v) + 0.5) / 10^n`` with ``v = x * 10^n`` both give the same
    results and types (double stays double, numeric stays numeric)."""
    if not isinstance(node, exp.Round):
        return node
    decimals = node.args.get("decimals")
    digits = 0 if decimals is None else _integer(decimals)
    if digits is None or digits < 0:  # not a constant: round on numeric
        node.set("this", exp.cast(node.this, exp.DataType.build("DECIMAL")))
        return node
    scale = exp.Literal.number(10**digits)
    value = node.this if digits == 0 else exp.Mul(this=exp.paren(node.this), expression=scale)
    rounded = exp.Mul(
        this=exp.func("sign", value.copy()),
        expression=exp.func(
            "floor", exp.Add(this=exp.func("abs", value), expression=exp.Literal.number(0.5))
        ),
    )
    return exp.paren(rounded if digits == 0 else exp.Div(this=rounded, expression=scale))


def _integer(node: exp.Expr) -> int | None:
    if isinstance(node, exp.Literal) and node.is_int:
        return int(node.this)
    if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal) and node.this.is_int:
        return -int(node.this.this)
    return None


_RULES: dict[str, tuple[Rule, ...]] = {
    "spark": (
        _double_rounding,  # before _ieee_division: it recognises DuckDB's divisions
        _ieee_division,
        _date_part_boundaries,
        _date_sub,
        _timestamp_with_time_zone,
    ),
    "postgres": (_any_value_as_min, _group_by_positions, _round_half_away),
}
"""Rewrites per target dialect, applied in order to the whole tree."""
