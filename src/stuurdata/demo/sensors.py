# SPDX-License-Identifier: EUPL-1.2
"""Hourly sensor time series of one gemeente: air quality, crowd counts and traffic speed.

Written as Parquet (long format: one row per sensor, hour and quantity), with about 1% of the
measurements missing, as open sensor platforms deliver them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from stuurdata.demo.boundaries import Geometry, random_points_in
from stuurdata.demo.files import write_parquet
from stuurdata.demo.plan import GemeentePlan

YEAR_START = 19723  # 2024-01-01
HOURS = 366 * 24
SENSOR_KINDS = (
    # kind, quantities with unit, sensors per gemeente
    ("LK", (("pm25", "ug/m3"), ("no2", "ug/m3")), 2),
    ("PT", (("passanten", "aantal/uur"),), 2),
    ("VK", (("snelheid", "km/u"),), 3),
)


def _series(quantity: str, rng: np.random.Generator) -> npt.NDArray[np.float64]:
    hours = np.arange(HOURS)
    hod = hours % 24
    dow = (hours // 24) % 7
    season = np.cos(2 * np.pi * hours / HOURS)  # higher in winter
    rush = np.exp(-((hod - 8) ** 2) / 3) + np.exp(-((hod - 17) ** 2) / 4)
    if quantity == "pm25":
        base = 9 + 4 * season + 2 * rush
        values = base * rng.lognormal(0, 0.35, HOURS)
    elif quantity == "no2":
        base = 16 + 5 * season + 12 * rush * (dow < 5)
        values = base * rng.lognormal(0, 0.3, HOURS)
    elif quantity == "passanten":
        day = np.exp(-((hod - 14) ** 2) / 12) * np.where(dow >= 5, 1.6, 1.0)
        values = rng.poisson(5 + 260 * day * rng.uniform(0.5, 1.5)).astype(np.float64)
    else:
        limit = rng.choice([30.0, 50.0, 80.0])
        values = limit * (1 - 0.35 * rush * (dow < 5)) + rng.normal(0, 3, HOURS)
    result: npt.NDArray[np.float64] = np.round(np.maximum(values, 0), 1)
    return result


def write_sensors(
    folder: Path, gemeente: GemeentePlan, shape: Geometry, rng: np.random.Generator
) -> int:
    ids, quantities, units, xs, ys, values = [], [], [], [], [], []
    for kind, kind_quantities, count in SENSOR_KINDS:
        points = random_points_in(shape, count, rng)
        for i in range(count):
            sensor = f"{gemeente.code}-{kind}-{i + 1:02d}"
            for quantity, unit in kind_quantities:
                ids.append(sensor)
                quantities.append(quantity)
                units.append(unit)
                xs.append(round(float(points[i, 0]), 1))
                ys.append(round(float(points[i, 1]), 1))
                values.append(_series(quantity, rng))
    series = len(ids)
    stamp = (YEAR_START * 86_400 + np.arange(HOURS, dtype=np.int64) * 3_600).astype("datetime64[s]")
    value = np.concatenate(values)
    missing = rng.random(len(value)) < 0.01

    def repeat(items: list[object], kind: pa.DataType) -> pa.Array:
        return pa.array(np.repeat(np.array(items, dtype=object), HOURS), kind)

    table = pa.table(
        {
            "sensor_id": repeat(list(ids), pa.string()),
            "tijdstip": pa.array(np.tile(stamp, series), pa.timestamp("s", tz="UTC")),
            "grootheid": repeat(list(quantities), pa.string()),
            "eenheid": repeat(list(units), pa.string()),
            "waarde": pa.array(value, mask=missing),
            "x": repeat(list(xs), pa.float64()),
            "y": repeat(list(ys), pa.float64()),
        }
    )
    write_parquet(table, folder / f"{gemeente.code}_sensoren.parquet")
    return int(table.num_rows)
