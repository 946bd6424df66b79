# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pyarrow as pa
import pytest

from stuurdata.disclosure import STANDARD_POLICIES, DisclosureError
from stuurdata.disclosure.datasets import ColumnRule, area_level, protect_table, reason_column

SEED = b"een-zaad-van-minstens-16-tekens"
HIERARCHY: dict[str, str | None] = {
    "BU00010001": "WK000100",
    "BU00010002": "WK000100",
    "BU00010003": "WK000100",
    "BU00010101": "WK000101",
    "BU00010102": "WK000101",
    "WK000100": "GM0001",
    "WK000101": "GM0001",
    "GM0001": None,
}
BUURTEN = [c for c in HIERARCHY if c.startswith("BU")]


def _table(wmo: list[int], inwoners: list[int] | None = None) -> pa.Table:
    return pa.table(
        {
            "buurtcode": BUURTEN,
            "buurtnaam": [f"Buurt {i}" for i in range(len(BUURTEN))],
            "inwoners": inwoners or [500, 600, 40, 800, 900],
            "wmo": wmo,
            "gemiddelde_leeftijd": [40.5, 41.0, 39.0, 38.5, 44.0],
        }
    )


def _protect(table: pa.Table, rules: list[ColumnRule], **kwargs: object) -> pa.Table:
    return protect_table(
        table,
        rules,
        hierarchy=HIERARCHY,
        policies=STANDARD_POLICIES,
        seed=SEED,
        area="buurtcode",
        prefix="test.",
        **kwargs,  # type: ignore[arg-type]
    )


def test_suppressed_cell_is_null_with_reason_never_zero() -> None:
    out = _protect(_table([3, 40, 55, 20, 30]), [ColumnRule("wmo", "cbs-sociaal-domein")])
    wmo = out.column("wmo").to_pylist()
    reasons = out.column(reason_column("wmo")).to_pylist()
    assert wmo[0] is None and reasons[0] == "geheim"
    for value, reason in zip(wmo, reasons, strict=True):
        assert (value is None) == (reason is not None)
        assert value != 0
        if value is not None:
            assert value >= 5 and value % 5 == 0


def test_secondary_suppression_protects_against_the_wijk_total() -> None:
    # BU..01 is geheim (3); the wijk total (3 + 40 + 55) is derivable, so a second buurt goes
    out = _protect(_table([3, 40, 55, 20, 30]), [ColumnRule("wmo", "cbs-sociaal-domein")])
    reasons = out.column(reason_column("wmo")).to_pylist()[:3]
    hidden = [r for r in reasons if r is not None]
    assert len(hidden) >= 2
    assert "geheim-afgeleid" in hidden


def test_columns_keep_order_and_others_pass_through() -> None:
    table = _table([30, 40, 55, 20, 30])
    out = _protect(
        table,
        [
            ColumnRule("wmo", "cbs-sociaal-domein"),
            ColumnRule("gemiddelde_leeftijd", "cbs-percentage-10", "mean", population="inwoners"),
            ColumnRule("inwoners", "geen"),
        ],
    )
    assert out.column_names == [
        "buurtcode",
        "buurtnaam",
        "inwoners",
        "wmo",
        "wmo_reden",
        "gemiddelde_leeftijd",
        "gemiddelde_leeftijd_reden",
    ]
    assert out.column("inwoners").equals(table.column("inwoners"))
    assert out.column("buurtnaam").equals(table.column("buurtnaam"))
    assert out.schema.field("wmo").type == pa.int64()


def test_minimum_population_for_a_mean() -> None:
    out = _protect(
        _table([30, 40, 55, 20, 30], inwoners=[5, 600, 40, 800, 900]),
        [ColumnRule("gemiddelde_leeftijd", "cbs-percentage-10", "mean", population="inwoners")],
    )
    assert out.column("gemiddelde_leeftijd").to_pylist()[0] is None
    assert out.column("gemiddelde_leeftijd_reden").to_pylist()[0] == "te-weinig-waarnemingen"
    assert out.column("gemiddelde_leeftijd").to_pylist()[1] == 41.0


def test_only_geen_returns_the_table_unchanged() -> None:
    table = _table([3, 40, 55, 20, 30])
    assert _protect(table, [ColumnRule("wmo", "geen")]) is table


def test_dimensions_and_period_make_rows_unique() -> None:
    table = pa.table(
        {
            "gemeentecode": ["GM0001", "GM0001", "GM0001", "GM0001"],
            "jaar": [2023, 2023, 2024, 2024],
            "taakveld": ["0.1", "0.2", "0.1", "0.2"],
            "lasten": [100.0, 200.0, 110.0, 210.0],
        }
    )
    rules = [ColumnRule("lasten", "cbs-aantallen", "sum")]
    kwargs = {"hierarchy": HIERARCHY, "policies": STANDARD_POLICIES, "seed": SEED}
    out = protect_table(
        table, rules, area="gemeentecode", period="jaar", dimensions=["taakveld"], **kwargs
    )
    assert out.column("lasten").to_pylist() == [100.0, 200.0, 110.0, 210.0]
    with pytest.raises(DisclosureError, match="meer dan eens"):
        protect_table(table, rules, area="gemeentecode", period="jaar", **kwargs)


def test_unknown_column_and_taken_reason_column_are_refused() -> None:
    table = _table([3, 40, 55, 20, 30])
    with pytest.raises(DisclosureError, match="bestaat niet"):
        _protect(table, [ColumnRule("onbekend", "cbs-aantallen")])
    taken = table.append_column("wmo_reden", pa.array(["x"] * table.num_rows))
    with pytest.raises(DisclosureError, match="bestaat al"):
        _protect(taken, [ColumnRule("wmo", "cbs-aantallen")])


def test_area_levels_from_codes() -> None:
    assert area_level("BU00010001") == "buurt"
    assert area_level("WK000100") == "wijk"
    assert area_level("GM0001") == "gemeente"
    assert area_level("RG99", {"RG99": ["GM0001"]}) == "regio"
