# SPDX-License-Identifier: EUPL-1.2
"""Indicator definitions -> SQL: one statement per family, one for regions and the cube.

The SQL is written in the DuckDB dialect but keeps to constructs SQLGlot transpiles to
PostgreSQL and Spark (GROUPING SETS, FILTER, VALUES lists, EXTRACT, LPAD; no DuckDB-only
functions). Aggregation up the hierarchy is exact: numerators and denominators of each buurt
are summed to wijk, gemeente and region; a rate is computed only at the very end, per cell.

Tables (schema ``cube``): ``gebieden`` (buurt -> wijk -> gemeente), ``basis_<family>`` (the
long rows of one family on buurt, wijk and gemeente level), ``regio_leden`` (regions and
comparison groups of gemeenten) and ``indicators`` (the cube).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from stuurdata.indicators.families import Family
from stuurdata.workspace.indicator import Indicator, IndicatorRef, Period

HIERARCHY_TABLE = "cube.gebieden"
REGIONS_TABLE = "cube.regio_leden"
CUBE_TABLE = "cube.indicators"
PUBLISHED_TABLE = "published.indicators"

HIERARCHY_SQL = """SELECT
    b.code AS buurt_code,
    b.parent_code AS wijk_code,
    w.parent_code AS gemeente_code
FROM areas.buurten AS b
JOIN areas.wijken AS w ON w.code = b.parent_code"""

_GRID = {
    "buurt": f"SELECT buurt_code, wijk_code, gemeente_code FROM {HIERARCHY_TABLE}",
    "wijk": (
        "SELECT DISTINCT CAST(NULL AS VARCHAR) AS buurt_code, wijk_code, gemeente_code "
        f"FROM {HIERARCHY_TABLE}"
    ),
    "gemeente": (
        "SELECT DISTINCT CAST(NULL AS VARCHAR) AS buurt_code, CAST(NULL AS VARCHAR) AS wijk_code,"
        f" gemeente_code FROM {HIERARCHY_TABLE}"
    ),
}
_GROUPING_SETS = {
    "buurt": "(period, gemeente_code, wijk_code, buurt_code), (period, gemeente_code, wijk_code), "
    "(period, gemeente_code)",
    "wijk": "(period, gemeente_code, wijk_code, buurt_code), (period, gemeente_code)",
    "gemeente": "(period, gemeente_code, wijk_code, buurt_code)",
}
"""Grouping sets per finest level; absent levels are NULL constants in the grid."""
_JOIN_COLUMN = {"buurt": "buurt_code", "wijk": "wijk_code", "gemeente": "gemeente_code"}

SIZE_CLASSES: tuple[tuple[int, int | None, str], ...] = (
    (0, 5_000, "minder dan 5 000 inwoners"),
    (5_000, 10_000, "5 000 tot 10 000 inwoners"),
    (10_000, 20_000, "10 000 tot 20 000 inwoners"),
    (20_000, 50_000, "20 000 tot 50 000 inwoners"),
    (50_000, 100_000, "50 000 tot 100 000 inwoners"),
    (100_000, 150_000, "100 000 tot 150 000 inwoners"),
    (150_000, 250_000, "150 000 tot 250 000 inwoners"),
    (250_000, None, "250 000 inwoners of meer"),
)
"""CBS gemeentegrootteklassen: 'similar municipalities' are those in the same class."""


def quote(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def period_expression(period: Period, boundary_year: int) -> str:
    """SQL giving the period text of a row: YYYY-MM-DD, YYYY or YYYY-MM."""
    if period.kind == "vast" or period.column is None:
        return quote(str(boundary_year))
    column = period.column
    year = f"CAST(EXTRACT(YEAR FROM {column}) AS VARCHAR)"
    if period.kind == "peildatum":
        return f"CAST(CAST({column} AS DATE) AS VARCHAR)"
    if period.kind == "jaar":
        return year
    month = f"LPAD(CAST(EXTRACT(MONTH FROM {column}) AS VARCHAR), 2, '0')"
    return f"{year} || '-' || {month}"


def family_sql(family: Family, boundary_year: int) -> str:
    """One SELECT computing every indicator of ``family`` on buurt, wijk and gemeente level.

    Result columns: indicator, period, area_code, area_level, numerator, denominator. Areas
    without rows get numerator 0 (and denominator 0), so a count is 0 rather than missing.
    """
    period = period_expression(family.period, boundary_year)
    measures: list[str] = []
    filled: list[str] = []
    summed: list[str] = []
    numerators: list[str] = []
    denominators: list[str] = []
    for i, ind in enumerate(family.indicators):
        assert isinstance(ind.numerator, str)
        denominator = ind.denominator if isinstance(ind.denominator, str) else None
        measures.append(f"{ind.numerator} AS n{i}")
        measures.append(
            f"{denominator} AS d{i}" if denominator else f"CAST(NULL AS DOUBLE) AS d{i}"
        )
        filled.append(f"COALESCE(b.n{i}, 0) AS n{i}")
        filled.append(f"COALESCE(b.d{i}, 0) AS d{i}" if denominator else f"b.d{i}")
        summed.append(f"SUM(n{i}) AS n{i}, SUM(d{i}) AS d{i}")
        numerators.append(f"WHEN {i} THEN n{i}")
        denominators.append(f"WHEN {i} THEN d{i}")
    where = f"\n    WHERE {family.filter}" if family.filter else ""
    ids = ", ".join(f"({i}, {quote(ind.id)})" for i, ind in enumerate(family.indicators))
    level = family.area_level
    return f"""WITH base AS (
    SELECT {period} AS period, {family.area_column} AS area_code,
        {", ".join(measures)}
    FROM {family.source}{where}
    GROUP BY {period}, {family.area_column}
),
periods AS (SELECT DISTINCT period FROM base),
grid AS (
    SELECT p.period, h.buurt_code, h.wijk_code, h.gemeente_code
    FROM periods AS p CROSS JOIN ({_GRID[level]}) AS h
),
filled AS (
    SELECT g.period, g.buurt_code, g.wijk_code, g.gemeente_code, {", ".join(filled)}
    FROM grid AS g
    LEFT JOIN base AS b ON b.period = g.period AND b.area_code = g.{_JOIN_COLUMN[level]}
),
rolled AS (
    SELECT period, gemeente_code, wijk_code, buurt_code, {", ".join(summed)}
    FROM filled
    GROUP BY GROUPING SETS ({_GROUPING_SETS[level]})
)
SELECT
    i.indicator,
    r.period,
    COALESCE(r.buurt_code, r.wijk_code, r.gemeente_code) AS area_code,
    CASE WHEN r.buurt_code IS NOT NULL THEN 'buurt'
         WHEN r.wijk_code IS NOT NULL THEN 'wijk' ELSE 'gemeente' END AS area_level,
    CAST(CASE i.k {" ".join(numerators)} END AS DOUBLE) AS numerator,
    CAST(CASE i.k {" ".join(denominators)} END AS DOUBLE) AS denominator
FROM rolled AS r
CROSS JOIN (VALUES {ids}) AS i(k, indicator)"""


def regions_sql(
    regions: Sequence[tuple[str, str, Sequence[str]]],
    size_indicator: str | None,
    size_table: str | None,
) -> str:
    """``cube.regio_leden``: the configured region(s) and comparison groups of gemeenten.

    A comparison group (code ``VG<class>``) holds the gemeenten in the same CBS size class by
    inhabitants at the latest period of ``size_indicator``; only groups of two or more.
    Columns: regio_code, regio_naam, soort (regio | vergelijkingsgroep), gemeente_code, leden.
    """
    parts: list[str] = []
    rows = [
        f"({quote(code)}, {quote(name)}, 'regio', {quote(member)}, {len(members)})"
        for code, name, members in regions
        for member in members
    ]
    if rows:
        parts.append(
            "SELECT * FROM (VALUES " + ", ".join(rows) + ") "
            "AS r(regio_code, regio_naam, soort, gemeente_code, leden)"
        )
    if size_indicator and size_table:
        classes = " ".join(
            f"WHEN numerator >= {lo}" + (f" AND numerator < {hi}" if hi else "") + f" THEN {i + 1}"
            for i, (lo, hi, _) in enumerate(SIZE_CLASSES)
        )
        names = " ".join(
            f"WHEN {i + 1} THEN {quote('Gemeenten met ' + label)}"
            for i, (_, _, label) in enumerate(SIZE_CLASSES)
        )
        wanted = f"indicator = {quote(size_indicator)} AND area_level = 'gemeente'"
        parts.append(f"""SELECT
    'VG' || LPAD(CAST(k.klasse AS VARCHAR), 2, '0') AS regio_code,
    CASE k.klasse {names} END AS regio_naam,
    'vergelijkingsgroep' AS soort,
    k.gemeente_code,
    g.leden
FROM (
    SELECT area_code AS gemeente_code, CASE {classes} END AS klasse
    FROM {size_table}
    WHERE {wanted} AND period = (SELECT MAX(period) FROM {size_table} WHERE {wanted})
) AS k
JOIN (
    SELECT klasse, COUNT(*) AS leden FROM (
        SELECT CASE {classes} END AS klasse
        FROM {size_table}
        WHERE {wanted} AND period = (SELECT MAX(period) FROM {size_table} WHERE {wanted})
    ) AS c GROUP BY klasse HAVING COUNT(*) >= 2
) AS g ON g.klasse = k.klasse""")
    if not parts:
        return (
            "SELECT CAST(NULL AS VARCHAR) AS regio_code, CAST(NULL AS VARCHAR) AS regio_naam, "
            "CAST(NULL AS VARCHAR) AS soort, CAST(NULL AS VARCHAR) AS gemeente_code, "
            "CAST(0 AS BIGINT) AS leden WHERE 1 = 0"
        )
    return "\nUNION ALL\n".join(parts)


def cube_sql(
    indicators: Mapping[str, Indicator], families: Sequence[Family], boundary_year: int
) -> str:
    """The cube: every indicator on its levels and periods, with value, base and kind.

    Region rows sum the gemeente rows of all members (only when every member has the cell);
    derived indicators divide the cube rows of the indicators they refer to; the population
    base is the value of the ``population`` indicator in the same area and period.
    """
    static = {
        ind.id
        for ind in indicators.values()
        if ind.period is not None and ind.period.kind == "vast"
    }
    basis = "\n    UNION ALL\n    ".join(
        f"SELECT indicator, period, area_code, area_level, numerator, denominator FROM {f.table}"
        for f in families
    )
    derived: list[str] = []
    for ind in sorted(indicators.values(), key=lambda i: i.id):
        if not ind.derived:
            continue
        assert isinstance(ind.numerator, IndicatorRef)
        den = ind.denominator
        assert isinstance(den, IndicatorRef)
        same_period = "" if den.indicator in static else " AND b.period = a.period"
        derived.append(
            f"SELECT {quote(ind.id)} AS indicator, a.period, a.area_code, a.area_level, "
            "a.numerator, b.numerator AS denominator\n"
            "    FROM direct AS a JOIN direct AS b\n"
            f"      ON b.indicator = {quote(den.indicator)} AND b.area_code = a.area_code"
            f"{same_period}\n"
            f"    WHERE a.indicator = {quote(ind.numerator.indicator)}"
        )
    meta = ", ".join(
        f"({quote(ind.id)}, {quote(level)}, {quote(ind.kind.value)}, "
        f"CAST({float(ind.scale)!r} AS DOUBLE), "
        f"{quote(ind.population) if ind.population else 'CAST(NULL AS VARCHAR)'}, "
        f"{quote(str(boundary_year)) if ind.population in static else 'CAST(NULL AS VARCHAR)'})"
        for ind in sorted(indicators.values(), key=lambda i: i.id)
        for level in ind.area_levels
    )
    derived_sql = (
        "\n    UNION ALL\n    ".join(derived) if derived else ("SELECT * FROM direct WHERE 1 = 0")
    )
    return f"""WITH basis AS (
    {basis}
),
regio AS (
    SELECT b.indicator, b.period, m.regio_code AS area_code, 'regio' AS area_level,
        SUM(b.numerator) AS numerator, SUM(b.denominator) AS denominator
    FROM basis AS b
    JOIN {REGIONS_TABLE} AS m ON m.gemeente_code = b.area_code
    WHERE b.area_level = 'gemeente'
    GROUP BY b.indicator, b.period, m.regio_code
    HAVING COUNT(*) = MAX(m.leden)
),
direct AS (
    SELECT * FROM basis UNION ALL SELECT * FROM regio
),
derived AS (
    {derived_sql}
),
alle AS (
    SELECT * FROM direct UNION ALL SELECT * FROM derived
),
meta AS (
    SELECT * FROM (VALUES {meta})
        AS m(indicator, area_level, kind, scale, population, population_period)
)
SELECT
    a.indicator,
    a.period,
    a.area_code,
    a.area_level,
    CASE WHEN m.kind IN ('count', 'sum') THEN a.numerator
         ELSE a.numerator / NULLIF(a.denominator, 0) * m.scale END AS value,
    a.numerator,
    a.denominator,
    p.numerator AS population,
    m.kind
FROM alle AS a
JOIN meta AS m ON m.indicator = a.indicator AND m.area_level = a.area_level
LEFT JOIN alle AS p
  ON p.indicator = m.population AND p.area_code = a.area_code
 AND p.period = COALESCE(m.population_period, a.period)"""
