# SPDX-License-Identifier: EUPL-1.2
"""protect(): the contract the indicators package codes against, end to end."""

from __future__ import annotations

import time

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings

from stuurdata.disclosure import (
    PUBLISHED_SCHEMA,
    STANDARD_POLICIES,
    DisclosureError,
    protect,
)
from stuurdata.errors import StuurdataError

from .areas import Tree, build_tree, trees

SEED = b"release-2024"


def cube(rows: list[dict[str, object]]) -> pa.Table:
    defaults: dict[str, object] = {
        "period": "2024",
        "area_level": "buurt",
        "numerator": None,
        "denominator": None,
        "population": None,
        "kind": "count",
    }
    full = [{**defaults, **r} for r in rows]
    return pa.table(
        {
            "indicator": [r["indicator"] for r in full],
            "period": [r["period"] for r in full],
            "area_code": [r["area_code"] for r in full],
            "area_level": [r["area_level"] for r in full],
            "value": pa.array([r["value"] for r in full], pa.float64()),
            "numerator": pa.array([r["numerator"] for r in full], pa.float64()),
            "denominator": pa.array([r["denominator"] for r in full], pa.float64()),
            "population": pa.array([r["population"] for r in full], pa.float64()),
            "kind": [r["kind"] for r in full],
        }
    )


HIERARCHY: dict[str, str | None] = {"BU01": "WK01", "BU02": "WK01", "WK01": "GM01", "GM01": None}


def run(
    table: pa.Table, policy: str | dict[str, str], seed: bytes = SEED
) -> list[dict[str, object]]:
    names = (
        dict.fromkeys(table["indicator"].to_pylist(), policy) if isinstance(policy, str) else policy
    )
    return protect(table, HIERARCHY, STANDARD_POLICIES, names, seed).to_pylist()


@pytest.mark.parametrize(
    ("policy", "kind", "population", "reason"),
    [
        ("cbs-percentage-10", "rate", 9, "te-weinig-waarnemingen"),
        ("cbs-percentage-10", "rate", 10, "ok"),
        ("cbs-aandeel-100", "share", 99, "te-weinig-waarnemingen"),
        ("cbs-aandeel-100", "share", 100, "ok"),
        ("cbs-woningen-20", "mean", 19, "te-weinig-waarnemingen"),
        ("cbs-woningen-20", "mean", 20, "ok"),
        ("cbs-inkomen-2500", "mean", 2499, "te-weinig-waarnemingen"),
        ("cbs-inkomen-2500", "mean", 2500, "ok"),
        ("cbs-inkomen-2500", "mean", None, "te-weinig-waarnemingen"),
        ("geen", "mean", None, "ok"),
    ],
)
def test_minimum_population_per_policy(
    policy: str, kind: str, population: float | None, reason: str
) -> None:
    [row] = run(
        cube(
            [
                {
                    "indicator": "i",
                    "area_code": "BU01",
                    "value": 12.5,
                    "kind": kind,
                    "population": population,
                }
            ]
        ),
        policy,
    )
    assert row["reason"] == reason
    assert row["value"] == (12.5 if reason == "ok" else None)
    assert row["rounded"] is False


def test_denominator_is_the_base_when_population_is_missing() -> None:
    rows = run(
        cube(
            [
                {
                    "indicator": "p",
                    "area_code": "BU01",
                    "value": 50.0,
                    "kind": "rate",
                    "denominator": 8,
                },
                {
                    "indicator": "p",
                    "area_code": "BU02",
                    "value": 50.0,
                    "kind": "rate",
                    "denominator": 12,
                },
            ]
        ),
        "cbs-percentage-10",
    )
    assert [r["reason"] for r in rows] == ["te-weinig-waarnemingen", "ok"]


def test_rate_with_secret_numerator_is_secret() -> None:
    rows = run(
        cube(
            [
                {
                    "indicator": "p",
                    "area_code": "BU01",
                    "value": 2.0,
                    "kind": "rate",
                    "numerator": 5,
                    "population": 250,
                },
                {
                    "indicator": "p",
                    "area_code": "BU02",
                    "value": 4.0,
                    "kind": "rate",
                    "numerator": 10,
                    "population": 250,
                },
            ]
        ),
        "cbs-sociaal-domein",
    )
    assert [(r["reason"], r["value"], r["rounded"]) for r in rows] == [
        ("geheim", None, False),
        ("ok", 4.0, False),
    ]


def test_missing_value_stays_missing_and_is_never_zero() -> None:
    [row] = run(cube([{"indicator": "c", "area_code": "BU01", "value": None}]), "cbs-aantallen")
    assert (row["value"], row["reason"], row["rounded"]) == (None, "ontbreekt", False)


def test_open_policy_changes_nothing() -> None:
    tree = build_tree([[[0, 3, 17], [1, 2]]])
    out = protect(tree.cube(), tree.hierarchy, STANDARD_POLICIES, {"wmo": "geen"}, SEED)
    assert out["value"].to_pylist() == tree.values
    assert set(out["reason"].to_pylist()) == {"ok"}
    assert not any(out["rounded"].to_pylist())


def test_output_contract_order_and_reproducibility() -> None:
    tree = build_tree([[[0, 3, 17, 22], [1, 2, 40]], [[12, 13], [6, 60]]], regions=[[0, 1]])
    table = pa.concat_tables([tree.cube("wmo", p) for p in ("2023", "2024")] + [tree.cube("inw")])
    policy = {"wmo": "cbs-sociaal-domein", "inw": "cbs-aantallen"}
    first = protect(table, tree.hierarchy, STANDARD_POLICIES, policy, SEED, tree.regions)
    assert first.schema == PUBLISHED_SCHEMA
    assert first.num_rows == table.num_rows
    for name in ("indicator", "period", "area_code", "area_level"):
        assert first[name].to_pylist() == table[name].to_pylist()
    again = protect(table, tree.hierarchy, STANDARD_POLICIES, policy, SEED, tree.regions)
    assert first.equals(again)
    other = protect(table, tree.hierarchy, STANDARD_POLICIES, policy, b"other", tree.regions)
    assert not first["value"].equals(other["value"])
    assert first["reason"].equals(other["reason"])  # suppression does not depend on the seed
    inw = first.filter(pa.compute.equal(first["indicator"], "inw")).to_pylist()
    assert all(r["reason"] == "ok" and r["rounded"] and r["value"] % 5 == 0 for r in inw)


@settings(max_examples=60, deadline=None)
@given(tree=trees())
def test_sociaal_domein_publishes_no_secret_count(tree: Tree) -> None:
    out = protect(
        tree.cube(),
        tree.hierarchy,
        STANDARD_POLICIES,
        {"wmo": "cbs-sociaal-domein"},
        SEED,
        tree.regions,
    )
    for row, true in zip(out.to_pylist(), tree.values, strict=True):
        if row["reason"] == "ok":
            assert not 0 <= true <= 7, row  # the check is on the unrounded value
            assert row["value"] % 5 == 0 and abs(row["value"] - true) < 5 and row["rounded"]
        else:
            assert row["value"] is None and row["reason"] in ("geheim", "geheim-afgeleid")
        if 0 <= true <= 7:
            assert row["reason"] == "geheim"


def test_errors_are_disclosure_errors() -> None:
    assert issubclass(DisclosureError, StuurdataError)
    table = cube([{"indicator": "c", "area_code": "BU01", "value": 3}])
    with pytest.raises(DisclosureError, match="geen geheimhoudingsbeleid voor indicator"):
        protect(table, HIERARCHY, STANDARD_POLICIES, {}, SEED)
    with pytest.raises(DisclosureError, match="onbekend geheimhoudingsbeleid cbs-fout"):
        protect(table, HIERARCHY, STANDARD_POLICIES, {"c": "cbs-fout"}, SEED)
    with pytest.raises(DisclosureError, match=r"zonder bovenliggend gebied.*BU01"):
        protect(table, {}, STANDARD_POLICIES, {"c": "geen"}, SEED)


def _national_like(n_rows: int) -> tuple[pa.Table, dict[str, str | None], dict[str, str]]:
    """About ``n_rows`` rows: 20 indicators x 5 periods x (gemeente -> 8 wijken -> 6 buurten)."""
    rng = np.random.default_rng(3)
    n_gm = max(1, n_rows // (100 * 57))
    n_wk, n_bu = n_gm * 8, n_gm * 48
    buurten = [f"BU{i // 48:04d}{i // 6 % 8:02d}{i % 6:02d}" for i in range(n_bu)]
    wijken = [f"WK{j // 8:04d}{j % 8:02d}" for j in range(n_wk)]
    gemeenten = [f"GM{g:04d}" for g in range(n_gm)]
    hierarchy: dict[str, str | None] = {b: wijken[i // 6] for i, b in enumerate(buurten)}
    hierarchy.update({w: gemeenten[j // 8] for j, w in enumerate(wijken)})
    hierarchy.update(dict.fromkeys(gemeenten))
    codes = buurten + wijken + gemeenten
    levels = ["buurt"] * n_bu + ["wijk"] * n_wk + ["gemeente"] * n_gm
    kinds = {
        "cbs-sociaal-domein": "count",
        "cbs-aantallen": "count",
        "cbs-percentage-10": "rate",
        "geen": "count",
    }
    columns: dict[str, list[object]] = {k: [] for k in ("indicator", "period", "kind")}
    values, populations = [], []
    policy: dict[str, str] = {}
    for i in range(20):
        name = f"ind{i:02d}"
        policy[name] = list(kinds)[i % 4]
        for period in ("2020", "2021", "2022", "2023", "2024"):
            bu = rng.integers(0, 40 if i % 4 == 0 else 400, n_bu).astype(np.float64)
            wk = bu.reshape(-1, 6).sum(axis=1)
            values.append(np.concatenate([bu, wk, wk.reshape(-1, 8).sum(axis=1)]))
            pop = rng.integers(0, 3000, n_bu).astype(np.float64)
            wk_pop = pop.reshape(-1, 6).sum(axis=1)
            populations.append(np.concatenate([pop, wk_pop, wk_pop.reshape(-1, 8).sum(axis=1)]))
            columns["indicator"].append(name)
            columns["period"].append(period)
            columns["kind"].append(kinds[policy[name]])
    n_areas, n_groups = len(codes), len(columns["indicator"])
    table = pa.table(
        {
            "indicator": np.repeat(columns["indicator"], n_areas).tolist(),
            "period": np.repeat(columns["period"], n_areas).tolist(),
            "area_code": codes * n_groups,
            "area_level": levels * n_groups,
            "value": np.concatenate(values),
            "numerator": pa.nulls(n_areas * n_groups, pa.float64()),
            "denominator": pa.nulls(n_areas * n_groups, pa.float64()),
            "population": np.concatenate(populations),
            "kind": np.repeat(columns["kind"], n_areas).tolist(),
        }
    )
    return table, hierarchy, policy


@pytest.mark.slow
def test_a_million_rows_in_reasonable_time() -> None:
    table, hierarchy, policy = _national_like(1_000_000)
    assert table.num_rows > 950_000
    started = time.perf_counter()
    out = protect(table, hierarchy, STANDARD_POLICIES, policy, SEED)
    elapsed = time.perf_counter() - started
    assert out.num_rows == table.num_rows
    reasons = out["reason"].value_counts().to_pylist()
    counts = {r["values"]: r["counts"] for r in reasons}
    assert counts["geheim"] > 10_000 and counts["geheim-afgeleid"] > 1_000
    assert elapsed < 120, f"protect took {elapsed:.1f} s for {table.num_rows} rows"
