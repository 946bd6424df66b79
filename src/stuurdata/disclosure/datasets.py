# SPDX-License-Identifier: EUPL-1.2
"""Disclosure control for dataset tables: unpivot into a cube, :func:`protect`, pivot back.

A dataset is a table with one row per area (and period, and other key columns) and numeric
columns that each have a named policy. :func:`protect_table` turns every protected column into
cube rows (indicator ``<prefix><column>[|<key>]``), adds the totals an attacker can form by
adding buurten up to wijk, gemeente and regio for additive columns, runs the one disclosure
algorithm (:func:`~stuurdata.disclosure.protect`) and writes the protected values back in place:
a suppressed cell is NULL and ``<column>_reden`` holds its reason code, never a 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

import pyarrow as pa
import pyarrow.compute as pc

from stuurdata.disclosure.cube import ADDITIVE_KINDS, KINDS
from stuurdata.disclosure.errors import DisclosureError
from stuurdata.disclosure.policy import DisclosurePolicy
from stuurdata.disclosure.protect import protect
from stuurdata.disclosure.reasons import ReasonCode

REASON_SUFFIX = "_reden"
"""Suffix of the reason column next to every protected column."""
NO_POLICY = "geen"
"""The policy that protects nothing: the column is published as it is, without reason column."""
_NONE = "-"
_PREFIX_LEVEL = (("BU", "buurt"), ("WK", "wijk"), ("GM", "gemeente"))
_EMPTY: Mapping[str, Sequence[str]] = MappingProxyType({})


@dataclass(frozen=True)
class ColumnRule:
    """The protection of one numeric column."""

    column: str
    policy: str
    kind: str = "count"
    """One of :data:`~stuurdata.disclosure.cube.KINDS`."""
    population: str | None = None
    """Column holding the population base (minimum population checks)."""
    numerator: str | None = None
    """Column holding the numerator of a rate or share (secret-range checks)."""


def reason_column(column: str) -> str:
    """Name of the reason column published next to protected ``column``."""
    return column + REASON_SUFFIX


def is_numeric(kind: pa.DataType) -> bool:
    """True for the Arrow types that need a policy in a dataset with personal data."""
    return bool(
        pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind)
    )


def area_level(code: str, region_members: Mapping[str, Sequence[str]] = _EMPTY) -> str:
    """Area level of a CBS code (BU/WK/GM prefix) or region code; else 'gemeente' (no parent)."""
    if code in region_members:
        return "regio"
    for prefix, level in _PREFIX_LEVEL:
        if code.startswith(prefix):
            return level
    return "gemeente"


def _strings(table: pa.Table, column: str | None) -> pa.Array:
    if column is None:
        return pa.array([_NONE] * table.num_rows, pa.string())
    if column not in table.column_names:
        raise DisclosureError(f"kolom '{column}' bestaat niet in de tabel")
    values = table.column(column).cast(pa.string()).combine_chunks()
    return pc.fill_null(values, _NONE)


def _row_keys(table: pa.Table, dimensions: Sequence[str]) -> pa.Array | None:
    if not dimensions:
        return None
    parts = [pc.fill_null(_strings(table, d), "\u2205") for d in dimensions]
    return pc.binary_join_element_wise(*parts, "|")


def _numbers(table: pa.Table, column: str | None) -> pa.Array:
    if column is None:
        return pa.nulls(table.num_rows, pa.float64())
    if column not in table.column_names:
        raise DisclosureError(f"kolom '{column}' bestaat niet in de tabel")
    kind = table.schema.field(column).type
    if not is_numeric(kind):
        raise DisclosureError(f"kolom '{column}' is niet numeriek ({kind})")
    return table.column(column).cast(pa.float64()).combine_chunks()


def _base_cube(
    table: pa.Table,
    rules: Sequence[ColumnRule],
    area: str | None,
    period: str | None,
    dimensions: Sequence[str],
    prefix: str,
    region_members: Mapping[str, Sequence[str]],
) -> pa.Table:
    codes = _strings(table, area)
    levels = pa.array([area_level(c, region_members) for c in codes.to_pylist()], pa.string())
    periods = _strings(table, period)
    keys = _row_keys(table, dimensions)
    parts = []
    for rule in rules:
        if rule.kind not in KINDS:
            raise DisclosureError(f"soort '{rule.kind}' van kolom '{rule.column}' is onbekend")
        name = pa.array([prefix + rule.column] * table.num_rows, pa.string())
        if keys is not None:
            name = pc.binary_join_element_wise(name, keys, "|")
        parts.append(
            pa.table(
                {
                    "indicator": name,
                    "period": periods,
                    "area_code": codes,
                    "area_level": levels,
                    "kind": pa.array([rule.kind] * table.num_rows, pa.string()),
                    "value": _numbers(table, rule.column),
                    "numerator": _numbers(table, rule.numerator),
                    "denominator": pa.nulls(table.num_rows, pa.float64()),
                    "population": _numbers(table, rule.population),
                }
            )
        )
    return pa.concat_tables(parts)


def _ancestors(
    codes: Sequence[str],
    hierarchy: Mapping[str, str | None],
    region_members: Mapping[str, Sequence[str]],
) -> pa.Table:
    regions_of: dict[str, list[str]] = {}
    for region, members in region_members.items():
        for member in members:
            regions_of.setdefault(member, []).append(region)
    pairs: list[tuple[str, str]] = []
    for code in codes:
        seen = {code}
        parent = hierarchy.get(code)
        chain = [code]
        while parent is not None and parent not in seen:
            seen.add(parent)
            chain.append(parent)
            parent = hierarchy.get(parent)
        ancestors = chain[1:] + [r for c in chain for r in regions_of.get(c, []) if r != code]
        pairs.extend((code, a) for a in dict.fromkeys(ancestors))
    return pa.table(
        {
            "area_code": pa.array([p[0] for p in pairs], pa.string()),
            "ancestor": pa.array([p[1] for p in pairs], pa.string()),
        }
    )


def _totals(
    base: pa.Table,
    hierarchy: Mapping[str, str | None],
    region_members: Mapping[str, Sequence[str]],
) -> pa.Table:
    """Sums of additive rows over every ancestor area that the table itself does not hold."""
    additive = base.filter(pc.is_in(base.column("kind"), pa.array(sorted(ADDITIVE_KINDS))))
    if additive.num_rows == 0:
        return base.slice(0, 0)
    codes = pc.unique(additive.column("area_code")).to_pylist()
    links = _ancestors(codes, hierarchy, region_members)
    if links.num_rows == 0:
        return base.slice(0, 0)
    expanded = additive.select(
        ["indicator", "period", "area_code", "kind", "value", "numerator", "population"]
    ).join(links, keys="area_code", join_type="inner")
    summed = expanded.group_by(["indicator", "period", "ancestor", "kind"]).aggregate(
        [("value", "sum"), ("numerator", "sum"), ("population", "sum")]
    )
    summed = summed.rename_columns(
        {
            "ancestor": "area_code",
            "value_sum": "value",
            "numerator_sum": "numerator",
            "population_sum": "population",
        }
    )
    present = base.select(["indicator", "period", "area_code"])
    summed = summed.join(present, keys=["indicator", "period", "area_code"], join_type="left anti")
    levels = [area_level(c, region_members) for c in summed.column("area_code").to_pylist()]
    return pa.table(
        {
            "indicator": summed.column("indicator"),
            "period": summed.column("period"),
            "area_code": summed.column("area_code"),
            "area_level": pa.array(levels, pa.string()),
            "kind": summed.column("kind"),
            "value": summed.column("value").cast(pa.float64()),
            "numerator": summed.column("numerator").cast(pa.float64()),
            "denominator": pa.nulls(summed.num_rows, pa.float64()),
            "population": summed.column("population").cast(pa.float64()),
        },
        schema=base.schema,
    )


def _restore(values: pa.Array, original: pa.DataType) -> pa.Array:
    if pa.types.is_integer(original):
        return values.cast(pa.int64())
    return values


def protect_table(
    table: pa.Table,
    rules: Sequence[ColumnRule],
    *,
    hierarchy: Mapping[str, str | None],
    policies: Mapping[str, DisclosurePolicy],
    seed: bytes,
    area: str | None = None,
    period: str | None = None,
    dimensions: Sequence[str] = (),
    region_members: Mapping[str, Sequence[str]] = _EMPTY,
    prefix: str = "",
) -> pa.Table:
    """``table`` with every column in ``rules`` protected, and a ``<column>_reden`` after it.

    ``area`` names the column with area codes (BU/WK/GM or a region code of
    ``region_members``), ``period`` and ``dimensions`` the other key columns: together they must
    identify a row. Additive columns (kind count, sum) are protected against differencing with
    the buurt -> wijk -> gemeente -> regio totals (``hierarchy``: parent per code). Rules with
    policy ``geen`` leave their column as it is. Raises :class:`DisclosureError` for an unknown
    column or policy, duplicate keys or an area without parent.
    """
    active = [r for r in rules if r.policy != NO_POLICY]
    for rule in active:
        if rule.column not in table.column_names:
            raise DisclosureError(f"kolom '{rule.column}' bestaat niet in de tabel")
        if reason_column(rule.column) in table.column_names:
            raise DisclosureError(
                f"kolom '{reason_column(rule.column)}' bestaat al; hernoem hem in het model"
            )
    if not active:
        return table
    base = _base_cube(table, active, area, period, dimensions, prefix, region_members)
    cube = pa.concat_tables([base, _totals(base, hierarchy, region_members)])
    published = protect(
        cube,
        hierarchy,
        policies,
        dict(_indicator_policies(cube, active, prefix)),
        seed,
        region_members,
    )
    n = table.num_rows
    by_column = {rule.column: i for i, rule in enumerate(active)}
    arrays: list[pa.Array | pa.ChunkedArray] = []
    names: list[str] = []
    for name in table.column_names:
        if name not in by_column:
            arrays.append(table.column(name))
            names.append(name)
            continue
        part = published.slice(by_column[name] * n, n)
        arrays.append(_restore(part.column("value"), table.schema.field(name).type))
        reason = part.column("reason")
        ok = pc.equal(reason, ReasonCode.OK.value)
        arrays.append(pc.if_else(ok, pa.scalar(None, pa.string()), reason))
        names.extend([name, reason_column(name)])
    return pa.table(arrays, names=names)


def _indicator_policies(
    cube: pa.Table, rules: Sequence[ColumnRule], prefix: str
) -> list[tuple[str, str]]:
    """(indicator, policy) for every indicator name in ``cube`` (one per column and key)."""
    policy_of = {prefix + rule.column: rule.policy for rule in rules}
    found: list[tuple[str, str]] = []
    for indicator in pc.unique(cube.column("indicator")).to_pylist():
        column = indicator.split("|", 1)[0]
        found.append((indicator, policy_of[column]))
    return found
