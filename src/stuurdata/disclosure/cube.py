# SPDX-License-Identifier: EUPL-1.2
"""The cube as the disclosure package reads it: checked once, then plain NumPy columns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from stuurdata.disclosure.errors import DisclosureError

STRING_COLUMNS: Final = ("indicator", "period", "area_code", "area_level", "kind")
NUMBER_COLUMNS: Final = ("value", "numerator", "denominator", "population")
KINDS: Final = ("count", "sum", "rate", "share", "mean")
"""Row kinds; ``count`` and ``sum`` are additive up the area hierarchy."""
ADDITIVE_KINDS: Final = frozenset({"count", "sum"})
LEVELS: Final = ("buurt", "wijk", "gemeente", "regio")


@dataclass(frozen=True)
class Cube:
    """A checked cube. String columns stay Arrow; codes index their dictionaries."""

    n: int
    strings: dict[str, pa.Array]
    numbers: dict[str, npt.NDArray[np.float64]]  # NaN where NULL
    indicators: list[str]  # dictionary of indicator_code
    indicator_code: npt.NDArray[np.int64]
    period_code: npt.NDArray[np.int64]
    n_periods: int
    areas: list[str]  # dictionary of area_code_index
    area_index: npt.NDArray[np.int64]
    kind_code: npt.NDArray[np.int64]  # index into KINDS
    level_code: npt.NDArray[np.int64]  # index into LEVELS

    @property
    def group(self) -> npt.NDArray[np.int64]:
        """One number per (indicator, period)."""
        grouped: npt.NDArray[np.int64] = self.indicator_code * self.n_periods + self.period_code
        return grouped


def _column(table: pa.Table, name: str, kind: pa.DataType) -> pa.Array:
    column = table.column(name)
    try:
        array = column.cast(kind).combine_chunks()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as exc:
        raise DisclosureError(
            f"kolom '{name}' van de kubus heeft type {column.type}, verwacht {kind}"
        ) from exc
    if isinstance(array, pa.ChunkedArray):  # pragma: no cover - older pyarrow
        array = pa.concat_arrays(array.chunks)
    return array


def _codes(array: pa.Array) -> tuple[list[str], npt.NDArray[np.int64]]:
    encoded = pc.dictionary_encode(array)
    dictionary = encoded.dictionary.to_pylist()
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    return dictionary, codes


def _enum_codes(name: str, array: pa.Array, allowed: tuple[str, ...]) -> npt.NDArray[np.int64]:
    values, codes = _codes(array)
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise DisclosureError(
            f"kolom '{name}' van de kubus bevat onbekende waarden {unknown}; "
            f"toegestaan: {', '.join(allowed)}"
        )
    lookup = np.array([allowed.index(v) for v in values], dtype=np.int64)
    mapped: npt.NDArray[np.int64] = lookup[codes] if len(codes) else codes
    return mapped


def read_cube(table: pa.Table) -> Cube:
    """Check ``table`` against the cube contract and return its columns.

    Raises :class:`DisclosureError` for a missing column, a NULL key, an unknown ``kind`` or
    ``area_level`` and for a cell (indicator, period, area_code) that occurs more than once.
    """
    missing = [c for c in (*STRING_COLUMNS, *NUMBER_COLUMNS) if c not in table.column_names]
    if missing:
        raise DisclosureError(f"de kubus mist kolom(men): {', '.join(missing)}")
    strings = {name: _column(table, name, pa.string()) for name in STRING_COLUMNS}
    for name, array in strings.items():
        if array.null_count:
            raise DisclosureError(f"kolom '{name}' van de kubus bevat lege waarden (NULL)")
    numbers = {
        name: _column(table, name, pa.float64()).to_numpy(zero_copy_only=False)
        for name in NUMBER_COLUMNS
    }
    indicators, indicator_code = _codes(strings["indicator"])
    periods, period_code = _codes(strings["period"])
    areas, area_index = _codes(strings["area_code"])
    cube = Cube(
        n=table.num_rows,
        strings=strings,
        numbers={k: np.asarray(v, dtype=np.float64) for k, v in numbers.items()},
        indicators=indicators,
        indicator_code=indicator_code,
        period_code=period_code,
        n_periods=max(len(periods), 1),
        areas=areas,
        area_index=area_index,
        kind_code=_enum_codes("kind", strings["kind"], KINDS),
        level_code=_enum_codes("area_level", strings["area_level"], LEVELS),
    )
    _check_unique(cube)
    return cube


def cell_keys(cube: Cube) -> npt.NDArray[np.int64]:
    """One number per cell (indicator, period, area_code), unique in a valid cube."""
    keys: npt.NDArray[np.int64] = cube.group * len(cube.areas) + cube.area_index
    return keys


def _check_unique(cube: Cube) -> None:
    keys = np.sort(cell_keys(cube))
    duplicate = np.flatnonzero(keys[1:] == keys[:-1])
    if len(duplicate):
        key = int(keys[duplicate[0]])
        group, area = divmod(key, len(cube.areas))
        indicator = cube.indicators[group // cube.n_periods]
        raise DisclosureError(
            f"de kubus bevat cel (indicator {indicator}, gebied {cube.areas[area]}) "
            f"meer dan eens; elke cel (indicator, periode, gebied) hoort één rij te hebben"
        )
