# SPDX-License-Identifier: EUPL-1.2
"""The BRP extract of one gemeente as municipal systems deliver it: ';'-separated, Windows-1252.

Three files: ``<code>_personen.csv`` (one row per inhabitant with address and buurt),
``<code>_huishoudens.csv`` and ``<code>_verhuizingen.csv`` (moves in the year before the
peildatum: within the gemeente, into it (vestiging) and out of it (vertrek)).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from stuurdata.demo.addresses import AddressBook, bag_id
from stuurdata.demo.bsn import bsn_numbers
from stuurdata.demo.files import take, write_csv, ymd
from stuurdata.demo.plan import GemeentePlan
from stuurdata.demo.population import (
    ACHTERNAMEN,
    BURGERLIJKE_STAAT,
    HOUSEHOLD_TYPES,
    NATIONALITEITEN,
    PEILDATUM,
    VOORNAMEN_M,
    VOORNAMEN_V,
    Households,
    Persons,
)

ENCODING = "cp1252"
MOVE_KINDS = ("verhuizing binnen gemeente", "vestiging", "vertrek")


def _str(values: np.ndarray) -> pa.Array:
    return pc.cast(pa.array(values), pa.string())


def write_brp(
    folder: Path,
    gemeente: GemeentePlan,
    households: Households,
    persons: Persons,
    book: AddressBook,
    region_codes: list[str],
    movers_bsn_start: int,
    seed: int,
    rng: np.random.Generator,
) -> dict[str, int]:
    """Write the three BRP files; returns row counts per file kind."""
    buurt_codes = list(gemeente.buurt_codes)
    vbo = book.household_vbo[persons.household]
    buurt = book.vbo_buurt[vbo]
    voorvoegsels = [v for v, _ in ACHTERNAMEN]
    achternamen = [a for _, a in ACHTERNAMEN]
    first_names = np.where(
        persons.female,
        persons.first_name + len(VOORNAMEN_M),
        persons.first_name,
    )
    personen = pa.table(
        {
            "bsn": _str(persons.bsn),
            "voornamen": take(VOORNAMEN_M + VOORNAMEN_V, first_names),
            "voorvoegsel": take(voorvoegsels, persons.surname),
            "geslachtsnaam": take(achternamen, persons.surname),
            "geslacht": take(("M", "V"), persons.female.astype(np.int64)),
            "geboortedatum": ymd(persons.birth_day, "compact"),
            "nationaliteit": take(NATIONALITEITEN, persons.nationality),
            "burgerlijke_staat": take(BURGERLIJKE_STAAT, persons.civil),
            "huishoudnummer": _str(households.number[persons.household]),
            "postcode": pa.array(book.postcode[vbo], pa.string()),
            "huisnummer": _str(book.huisnummer[vbo]),
            "verblijfsobject_id": _str(bag_id(gemeente.digits, 1, vbo)),
            "buurtcode": take(buurt_codes, buurt),
            "gemeentecode": pa.array([gemeente.code] * persons.count, pa.string()),
        }
    )
    write_csv(personen, folder / f"{gemeente.code}_personen.csv", encoding=ENCODING, eol="\r\n")

    hh_vbo = book.household_vbo
    huishoudens = pa.table(
        {
            "huishoudnummer": _str(households.number),
            "huishoudtype": take(HOUSEHOLD_TYPES, households.kind),
            "aantal_personen": _str(households.size),
            "verblijfsobject_id": _str(bag_id(gemeente.digits, 1, hh_vbo)),
            "buurtcode": take(buurt_codes, book.vbo_buurt[hh_vbo]),
        }
    )
    write_csv(
        huishoudens, folder / f"{gemeente.code}_huishoudens.csv", encoding=ENCODING, eol="\r\n"
    )

    moves = _moves(gemeente, persons, buurt, region_codes, movers_bsn_start, seed, rng)
    write_csv(moves, folder / f"{gemeente.code}_verhuizingen.csv", encoding=ENCODING, eol="\r\n")
    return {
        "personen": personen.num_rows,
        "huishoudens": huishoudens.num_rows,
        "verhuizingen": moves.num_rows,
    }


def movers_count(persons: int) -> int:
    """How many people leave the gemeente in the synthetic year (new BSNs are needed for them)."""
    return max(1, int(persons * 0.045))


def _moves(
    gemeente: GemeentePlan,
    persons: Persons,
    buurt: np.ndarray,
    region_codes: list[str],
    movers_bsn_start: int,
    seed: int,
    rng: np.random.Generator,
) -> pa.Table:
    buurt_codes = list(gemeente.buurt_codes)
    n_buurten = len(buurt_codes)
    start = (dt.date(PEILDATUM.year - 1, 1, 1) - dt.date(1970, 1, 1)).days
    others: list[str | None] = [c for c in region_codes if c != gemeente.code]

    moved = np.flatnonzero(rng.random(persons.count) < 0.10)
    inward = rng.random(len(moved)) < 0.40
    van_buurt = (buurt[moved] + rng.integers(1, max(n_buurten, 2), len(moved))) % n_buurten
    leavers = movers_count(persons.count)
    leaver_buurt = rng.integers(0, n_buurten, leavers)

    kind = np.r_[np.where(inward, 1, 0), np.full(leavers, 2)]
    bsn = np.r_[persons.bsn[moved], bsn_numbers(movers_bsn_start, leavers, seed)]
    day = start + rng.integers(0, 366 if (PEILDATUM.year - 1) % 4 == 0 else 365, len(kind))
    external = rng.integers(0, len(others) + 1, len(kind))  # == len(others): outside the region
    ext_code = pc.take(pa.array([*others, None], pa.string()), pa.array(external))
    own = pa.array([gemeente.code] * len(kind), pa.string())
    empty = pa.nulls(len(kind), pa.string())
    van_b = take(buurt_codes, np.r_[van_buurt, leaver_buurt])
    naar_b = take(buurt_codes, np.r_[buurt[moved], leaver_buurt])
    is_in = pa.array(kind == 1)
    is_out = pa.array(kind == 2)
    table = pa.table(
        {
            "bsn": _str(bsn),
            "datum": ymd(day, "compact"),
            "soort": take(MOVE_KINDS, kind),
            "van_gemeentecode": pc.if_else(is_in, ext_code, own),
            "van_buurtcode": pc.if_else(is_in, empty, van_b),
            "naar_gemeentecode": pc.if_else(is_out, ext_code, own),
            "naar_buurtcode": pc.if_else(is_out, empty, naar_b),
        }
    )
    order = np.lexsort((np.asarray(bsn), day))
    return table.take(pa.array(order))
