# SPDX-License-Identifier: EUPL-1.2
"""Earlier BRP peildata, reported in the buurt codes of their own boundary year.

``<code>_personen_historie.csv`` holds the inhabitants on 2023-01-01 and 2024-01-01 with their
address (postcode, huisnummer, verblijfsobject) and the buurtcode *as reported then*. In each
gemeente the indeling changed on 2024-01-01 in its first wijk with three or more buurten: its
first two buurten were one buurt before (split), its third buurt was two buurten (merged).
So the 2023 rows carry codes that no longer exist; the buurt on current boundaries follows
from the address (the CBS-style koppeltabel), which keeps time series continuous.
``data/gebieden/buurtwijzigingen_<code>.csv`` lists the changes (old code, new code, kind).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from stuurdata.demo.addresses import AddressBook, bag_id
from stuurdata.demo.brp import ENCODING
from stuurdata.demo.files import take, write_csv, ymd
from stuurdata.demo.plan import GemeentePlan
from stuurdata.demo.population import BURGERLIJKE_STAAT, Households, Persons

HISTORY_PEILDATA: tuple[dt.date, ...] = (dt.date(2023, 1, 1), dt.date(2024, 1, 1))
CHANGE_DATE = dt.date(2024, 1, 1)
"""The boundary change: peildata before it are reported in the old buurt codes."""
ARRIVED_PER_YEAR = 0.03
"""Share of today's inhabitants that arrived in each earlier year (absent before)."""
_EPOCH = dt.date(1970, 1, 1)


def boundary_changes(gemeente: GemeentePlan) -> dict[str, list[str]]:
    """Old code(s) per current buurt whose code changed on :data:`CHANGE_DATE`."""
    for wijk in gemeente.wijken:
        codes = list(wijk.buurt_codes)
        if len(codes) >= 3:
            split_old = codes[0][:-2] + "90"
            return {
                codes[0]: [split_old],
                codes[1]: [split_old],
                codes[2]: [codes[2][:-2] + "91", codes[2][:-2] + "92"],
            }
    return {}


def _old_codes(
    gemeente: GemeentePlan, buurt: npt.NDArray[np.int64], vbo: npt.NDArray[np.int64]
) -> pa.Array:
    codes = list(gemeente.buurt_codes)
    current = take(codes, buurt)
    changes = boundary_changes(gemeente)
    result = np.asarray(current.to_pylist(), dtype=object)
    for new, old in changes.items():
        hit = result == new
        if len(old) == 1:
            result[hit] = old[0]
        else:  # a merged buurt: the two old buurten split its addresses by verblijfsobject
            result[hit] = np.where(vbo[hit] % 2 == 0, old[0], old[1])
    return pa.array(result.tolist(), pa.string())


def write_history(
    brp_folder: Path,
    gebieden_folder: Path,
    gemeente: GemeentePlan,
    households: Households,
    persons: Persons,
    book: AddressBook,
    rng: np.random.Generator,
) -> int:
    """Write the earlier peildata of one gemeente; returns the rows written."""
    vbo = book.household_vbo[persons.household]
    buurt = book.vbo_buurt[vbo]
    arrival = rng.random(persons.count)  # who arrived when: below 0.03 -> in 2024, ...
    tables = []
    for years_back, peildatum in zip((2, 1), HISTORY_PEILDATA, strict=True):
        day = (peildatum - _EPOCH).days
        present = (persons.birth_day < day) & (arrival >= ARRIVED_PER_YEAR * years_back)
        idx = np.flatnonzero(present)
        reported = (
            _old_codes(gemeente, buurt[idx], vbo[idx])
            if peildatum < CHANGE_DATE
            else take(list(gemeente.buurt_codes), buurt[idx])
        )
        tables.append(
            pa.table(
                {
                    "peildatum": pa.array([peildatum.isoformat()] * len(idx), pa.string()),
                    "bsn": pc.cast(pa.array(persons.bsn[idx]), pa.string()),
                    "geslacht": take(("M", "V"), persons.female[idx].astype(np.int64)),
                    "geboortedatum": ymd(persons.birth_day[idx], "compact"),
                    "burgerlijke_staat": take(BURGERLIJKE_STAAT, persons.civil[idx]),
                    "huishoudnummer": pc.cast(
                        pa.array(households.number[persons.household[idx]]), pa.string()
                    ),
                    "postcode": pa.array(book.postcode[vbo[idx]], pa.string()),
                    "huisnummer": pc.cast(pa.array(book.huisnummer[vbo[idx]]), pa.string()),
                    "verblijfsobject_id": pc.cast(
                        pa.array(bag_id(gemeente.digits, 1, vbo[idx])), pa.string()
                    ),
                    "buurtcode": reported,
                }
            )
        )
    history = pa.concat_tables(tables)
    write_csv(
        history,
        brp_folder / f"{gemeente.code}_personen_historie.csv",
        encoding=ENCODING,
        eol="\r\n",
    )
    changes = boundary_changes(gemeente)
    rows = [
        (old, new, "splitsing" if sum(old in v for v in changes.values()) > 1 else "samenvoeging")
        for new, olds in changes.items()
        for old in olds
    ]
    write_csv(
        pa.table(
            {
                "oude_buurtcode": pa.array([r[0] for r in rows], pa.string()),
                "nieuwe_buurtcode": pa.array([r[1] for r in rows], pa.string()),
                "soort": pa.array([r[2] for r in rows], pa.string()),
                "datum": pa.array([CHANGE_DATE.isoformat()] * len(rows), pa.string()),
            }
        ),
        gebieden_folder / f"buurtwijzigingen_{gemeente.code}.csv",
    )
    return int(history.num_rows)
