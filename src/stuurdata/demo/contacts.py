# SPDX-License-Identifier: EUPL-1.2
"""Customer-contact records (klantcontacten) of one gemeente for one year, per channel."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from stuurdata.demo.files import take, timestamp_text, write_csv
from stuurdata.demo.plan import GemeentePlan

YEAR_START = 19723  # 2024-01-01, a Monday
YEAR_DAYS = 366
KANALEN = ("telefoon", "balie", "e-mail", "webformulier", "chat")
_KANAAL_P = np.array([0.38, 0.14, 0.18, 0.22, 0.08])
_NORM_P = np.array([0.86, 0.93, 0.78, 0.82, 0.90])
ONDERWERPEN = (
    "Paspoort en identiteitskaart",
    "Rijbewijs",
    "Verhuizing doorgeven",
    "Afval",
    "Melding openbare ruimte",
    "Parkeren",
    "Belastingen en WOZ",
    "Wmo en zorg",
    "Werk en inkomen",
    "Vergunningen",
    "Overig",
)
_ONDERWERP_P = np.array([14, 5, 8, 13, 15, 7, 9, 8, 7, 6, 8], dtype=np.float64)


def contact_count(persons: int) -> int:
    return max(1, int(persons * 0.6))


def write_contacts(folder: Path, gemeente: GemeentePlan, rng: np.random.Generator) -> int:
    n = contact_count(gemeente.persons)
    kanaal = rng.choice(len(KANALEN), size=n, p=_KANAAL_P)
    onderwerp = rng.choice(len(ONDERWERPEN), size=n, p=_ONDERWERP_P / _ONDERWERP_P.sum())
    day = rng.integers(0, YEAR_DAYS, n)
    office = kanaal <= 1  # telefoon and balie: working days, office hours
    weekday = day % 7
    day = np.where(office & (weekday >= 5), day - weekday + 7, day)
    day = np.where(day >= YEAR_DAYS, day - 7, day)
    hour = np.where(office, rng.integers(8, 17, n), rng.integers(0, 24, n))
    second = day * 86_400 + hour * 3_600 + rng.integers(0, 3_600, n)
    order = np.argsort(second, kind="stable")
    kanaal, onderwerp, second = kanaal[order], onderwerp[order], second[order]
    in_norm = rng.random(n) < _NORM_P[kanaal]
    table = pa.table(
        {
            "contactnummer": pc.binary_join_element_wise(
                pa.array([gemeente.code] * n, pa.string()),
                pc.utf8_lpad(pc.cast(pa.array(np.arange(1, n + 1)), pa.string()), 7, "0"),
                "-",
            ),
            "datum_tijd": timestamp_text(YEAR_START * 86_400 + second),
            "kanaal": take(KANALEN, kanaal),
            "onderwerp": take(ONDERWERPEN, onderwerp),
            "afgehandeld_binnen_norm": take(("nee", "ja"), in_norm.astype(np.int64)),
            "gemeentecode": pa.array([gemeente.code] * n, pa.string()),
        }
    )
    write_csv(table, folder / f"{gemeente.code}_klantcontact.csv", delimiter=",")
    return n
