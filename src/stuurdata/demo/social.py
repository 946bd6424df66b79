# SPDX-License-Identifier: EUPL-1.2
"""Social-domain provisions of one gemeente: Participatiewet (bijstand), Wmo and Jeugdwet.

Bijstand comes as an XLSX export of the benefits system; Wmo and Jeugdwet provisions as CSV
exports with the national iWmo/iJw productcategorie codes (iStandaarden WMO/JZ code lists).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from stuurdata.demo.files import write_csv, ymd
from stuurdata.demo.plan import GemeentePlan
from stuurdata.demo.population import PEILDATUM, Households, Persons
from stuurdata.demo.xlsx import write_xlsx

EPOCH = dt.date(1970, 1, 1)
PEIL_DAYS = (PEILDATUM - EPOCH).days
REGELINGEN = ("Participatiewet", "IOAW", "IOAZ", "Bbz 2004")
_REGELING_P = np.array([0.90, 0.05, 0.01, 0.04])
WMO_CATEGORIES = (
    ("01", "Hulp bij het huishouden", 0.38),
    ("02", "Begeleiding", 0.17),
    ("03", "Persoonlijke verzorging", 0.04),
    ("04", "Kortdurend verblijf", 0.02),
    ("07", "Dagbesteding", 0.07),
    ("08", "Vervoerdiensten", 0.10),
    ("11", "Rolstoelen", 0.06),
    ("13", "Woonvoorzieningen", 0.08),
    ("14", "Overige hulpmiddelen", 0.05),
    ("15", "Beschermd wonen", 0.03),
)
JEUGD_CATEGORIES = (
    ("40", "Persoonlijke verzorging", 0.03),
    ("41", "Dagbehandeling", 0.06),
    ("43", "Jeugdhulp verblijf (incl. behandeling)", 0.04),
    ("44", "Jeugdhulp verblijf (excl. behandeling)", 0.03),
    ("45", "Jeugdhulp ambulant", 0.70),
    ("46", "Jeugdhulp crisis", 0.02),
    ("47", "Jeugdreclassering", 0.03),
    ("48", "Jeugdbescherming", 0.06),
    ("50", "Maatwerkarrangementen jeugd", 0.03),
)


def _dates(
    count: int, rng: np.random.Generator, years_back: float, ended: float
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """Start days, end days and whether each episode has ended (before the peildatum)."""
    start = PEIL_DAYS - 1 - np.floor(rng.random(count) * years_back * 365).astype(np.int64)
    length = np.ceil(rng.exponential(400, count)).astype(np.int64)
    end = start + length
    has_end = (rng.random(count) < ended) & (end < PEIL_DAYS)
    return start, end, has_end


def _date_column(
    days: npt.NDArray[np.int64], valid: npt.NDArray[np.bool_] | None = None
) -> pa.Array:
    return ymd(days, "iso", valid)


def _provisions(
    persons: Persons,
    chosen: npt.NDArray[np.int64],
    categories: tuple[tuple[str, str, float], ...],
    rng: np.random.Generator,
    years_back: float,
) -> pa.Table:
    """One or more provisions for each chosen person."""
    per = 1 + (rng.random(len(chosen)) < 0.30) + (rng.random(len(chosen)) < 0.08)
    who = np.repeat(chosen, per)
    n = len(who)
    p = np.array([c[2] for c in categories])
    cat = rng.choice(len(categories), size=n, p=p / p.sum())
    variant = rng.integers(1, 4, n)
    codes = [c[0] for c in categories]
    start, end, has_end = _dates(n, rng, years_back, ended=0.45)
    productcode = pc.binary_join_element_wise(
        pc.take(pa.array(codes), pa.array(cat)),
        pc.cast(pa.array(variant), pa.string()),
        "A0",
    )
    table = pa.table(
        {
            "bsn": pc.cast(pa.array(persons.bsn[who]), pa.string()),
            "productcategorie": pc.take(pa.array(codes), pa.array(cat)),
            "productcode": productcode,
            "startdatum": _date_column(start),
            "einddatum": _date_column(end, has_end),
        }
    )
    order = np.lexsort((cat, start, persons.bsn[who]))
    return table.take(pa.array(order))


def write_social(
    folder: Path,
    gemeente: GemeentePlan,
    households: Households,
    persons: Persons,
    rng: np.random.Generator,
) -> dict[str, int]:
    """Write bijstand (XLSX), Wmo and Jeugdwet (CSV); returns row counts."""
    age = persons.age
    kind = households.kind[persons.household]
    # bijstand: adults below AOW age, more often single parents and one-person households
    p_bijstand = np.where(
        (age >= 18) & (age < 67), np.select([kind == 3, kind == 0], [0.14, 0.06], 0.02), 0
    )
    bijstand = np.flatnonzero(rng.random(persons.count) < p_bijstand)
    start, end, has_end = _dates(len(bijstand), rng, years_back=8, ended=0.30)
    regeling = rng.choice(len(REGELINGEN), size=len(bijstand), p=_REGELING_P)
    order = np.lexsort((persons.bsn[bijstand], start))
    rows = (
        (
            str(persons.bsn[bijstand[i]]),
            REGELINGEN[regeling[i]],
            EPOCH + dt.timedelta(days=int(start[i])),
            EPOCH + dt.timedelta(days=int(end[i])) if has_end[i] else None,
        )
        for i in order
    )
    write_xlsx(
        folder / f"{gemeente.code}_bijstand.xlsx",
        [("Uitkeringen", ("BSN", "Regeling", "Startdatum", "Einddatum"), rows)],
        title=f"Uitkeringen Participatiewet {gemeente.name} (synthetisch)",
    )

    p_wmo = np.select([age >= 80, age >= 65, age >= 18], [0.38, 0.12, 0.025], 0.0)
    wmo = _provisions(
        persons, np.flatnonzero(rng.random(persons.count) < p_wmo), WMO_CATEGORIES, rng, 6
    )
    write_csv(wmo, folder / f"{gemeente.code}_wmo.csv", delimiter=";")

    p_jeugd = np.where(age < 18, 0.10, np.where(age < 23, 0.03, 0.0))
    jeugd = _provisions(
        persons, np.flatnonzero(rng.random(persons.count) < p_jeugd), JEUGD_CATEGORIES, rng, 4
    )
    write_csv(jeugd, folder / f"{gemeente.code}_jeugd.csv", delimiter=";")
    return {"bijstand": len(bijstand), "wmo": wmo.num_rows, "jeugd": jeugd.num_rows}
