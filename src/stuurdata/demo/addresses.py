# SPDX-License-Identifier: EUPL-1.2
"""Synthetic addresses of one gemeente: woonplaatsen, streets, panden, verblijfsobjecten.

Identifiers follow the BAG pattern: four gemeente digits, a two-digit object type (01
verblijfsobject, 10 pand, 20 nummeraanduiding, 30 openbare ruimte) and a ten-digit number. Every
verblijfsobject lies inside its buurt; each household lives in its own dwelling, and a few percent
of dwellings stand empty. About 8% of verblijfsobjecten have another use (shop, office, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from stuurdata.demo.boundaries import GemeenteShapes, random_points_in
from stuurdata.demo.plan import GemeentePlan

GEBRUIKSDOELEN = (
    "woonfunctie",
    "winkelfunctie",
    "kantoorfunctie",
    "industriefunctie",
    "bijeenkomstfunctie",
    "gezondheidszorgfunctie",
    "onderwijsfunctie",
    "sportfunctie",
    "logiesfunctie",
    "overige gebruiksfunctie",
)
_OTHER_USE_P = np.array([0.30, 0.22, 0.16, 0.07, 0.06, 0.04, 0.04, 0.03, 0.08])
STREET_WORDS = (
    "Tulpen",
    "Narcissen",
    "Hyacinten",
    "Krokus",
    "Lelie",
    "Iris",
    "Dahlia",
    "Rozen",
    "Seringen",
    "Linden",
    "Eiken",
    "Beuken",
    "Kastanje",
    "Wilgen",
    "Berken",
    "Esdoorn",
    "Populieren",
    "Merel",
    "Lijster",
    "Kievit",
    "Zwaluw",
    "Reiger",
    "Meeuwen",
    "Spreeuwen",
    "Mussen",
    "Molen",
    "Kerk",
    "Stations",
    "School",
    "Haven",
    "Dorps",
    "Brug",
    "Sluis",
    "Veld",
    "Duin",
    "Zand",
    "Polder",
    "Vaart",
    "Gracht",
    "Dijk",
    "Kade",
    "Akker",
    "Hoeve",
    "Tuin",
    "Bloemen",
)
STREET_KINDS = ("straat", "laan", "weg", "pad", "hof", "plein", "kade", "singel")
_PC_LETTERS = tuple(
    a + b
    for a in "ABCDEFGHJKLMNPRSTVWXZ"
    for b in "ABCDEFGHJKLMNPRSTVWXZ"
    if a + b not in ("SA", "SD", "SS")
)


def bag_id(
    gemeente_digits: str, object_code: int, seq: npt.NDArray[np.int64]
) -> npt.NDArray[np.int64]:
    """16-digit BAG identifiers as integers: gggg + tt + ten-digit sequence (from 1)."""
    return int(gemeente_digits) * 10**12 + object_code * 10**10 + seq + 1


@dataclass
class AddressBook:
    woonplaats_codes: list[str]
    woonplaats_names: list[str]
    street_names: list[str]
    street_woonplaats: npt.NDArray[np.int64]
    vbo_buurt: npt.NDArray[np.int64]
    vbo_x: npt.NDArray[np.float64]
    vbo_y: npt.NDArray[np.float64]
    vbo_use: npt.NDArray[np.int64]
    """Index into GEBRUIKSDOELEN (0 = woonfunctie)."""
    vbo_area: npt.NDArray[np.int64]
    vbo_pand: npt.NDArray[np.int64]
    vbo_street: npt.NDArray[np.int64]
    huisnummer: npt.NDArray[np.int64]
    postcode: npt.NDArray[np.object_]
    pand_bouwjaar: npt.NDArray[np.int64]
    pand_x: npt.NDArray[np.float64]
    pand_y: npt.NDArray[np.float64]
    pand_size: npt.NDArray[np.float64]
    """Side of the (square) pand footprint in metres."""
    household_vbo: npt.NDArray[np.int64]
    """For each household, the index of its dwelling."""

    @property
    def vbo_count(self) -> int:
        return len(self.vbo_x)

    def address_key(self, gemeente: GemeentePlan) -> pa.Table:
        """CBS-style 'buurt, wijk en gemeente voor postcode en huisnummer' table (codes as digits)."""
        buurt_digits = [code[2:] for code in gemeente.buurt_codes]
        return pa.table(
            {
                "PC6": pa.array(self.postcode, pa.string()),
                "Huisnummer": pa.array(self.huisnummer),
                "Buurt2025": pc.take(pa.array(buurt_digits), pa.array(self.vbo_buurt)),
                "Wijk2025": pc.utf8_slice_codeunits(
                    pc.take(pa.array(buurt_digits), pa.array(self.vbo_buurt)), 0, 6
                ),
                "Gemeente2025": pa.array([gemeente.digits] * self.vbo_count, pa.string()),
            }
        )


def _woonplaatsen(gemeente: GemeentePlan) -> tuple[list[str], list[str]]:
    count = min(len(gemeente.wijken), max(1, round(gemeente.persons / 20_000)), 3)
    prefixes = ("", "Nieuw-", "Oud-")
    names = [prefixes[j] + gemeente.name for j in range(count)]
    codes = [f"{5000 + gemeente.index * 3 + j:04d}" for j in range(count)]
    return codes, names


def generate_addresses(
    gemeente: GemeentePlan,
    shapes: GemeenteShapes,
    household_buurt: npt.NDArray[np.int64],
    pc4_start: int,
    rng: np.random.Generator,
) -> AddressBook:
    """Addresses for the gemeente's households (``household_buurt``: buurt index per household)."""
    buurt_codes = gemeente.buurt_codes
    wijk_of_buurt = np.array(
        [w for w, wijk in enumerate(gemeente.wijken) for _ in wijk.buurt_codes], dtype=np.int64
    )
    wp_codes, wp_names = _woonplaatsen(gemeente)
    households = np.bincount(household_buurt, minlength=len(buurt_codes))
    dwellings = np.ceil(households * rng.uniform(1.02, 1.06, len(buurt_codes))).astype(np.int64)
    others = np.ceil(dwellings * rng.uniform(0.04, 0.12, len(buurt_codes))).astype(np.int64)

    xs, ys, uses, buurt_idx, streets, numbers = [], [], [], [], [], []
    street_names: list[str] = []
    street_wp: list[int] = []
    for b, code in enumerate(buurt_codes):
        n = int(dwellings[b] + others[b])
        pts = random_points_in(shapes.buurten[code], n, rng)
        use = np.zeros(n, dtype=np.int64)
        use[dwellings[b] :] = 1 + rng.choice(len(_OTHER_USE_P), size=int(others[b]), p=_OTHER_USE_P)
        use = use[rng.permutation(n)]
        # streets: vertical strips of the buurt, numbered along y
        n_streets = max(2, n // 70)
        strip = np.minimum((np.argsort(np.argsort(pts[:, 0])) * n_streets) // n, n_streets - 1)
        order = np.lexsort((pts[:, 1], strip))
        pts, use, strip = pts[order], use[order], strip[order]
        first = np.r_[0, np.flatnonzero(np.diff(strip)) + 1]
        counts = np.diff(np.r_[first, n])
        number = np.arange(n) - np.repeat(first, counts) + 1
        wp = int(wijk_of_buurt[b]) % len(wp_codes)
        for _ in range(n_streets):
            k = len(street_names)
            word = STREET_WORDS[k % len(STREET_WORDS)]
            kind = STREET_KINDS[(k // len(STREET_WORDS) + k) % len(STREET_KINDS)]
            cycle = k // (len(STREET_WORDS) * len(STREET_KINDS))
            street_names.append(word + kind + (f" {cycle + 1}" if cycle else ""))
            street_wp.append(wp)
        xs.append(pts[:, 0])
        ys.append(pts[:, 1])
        uses.append(use)
        buurt_idx.append(np.full(n, b, dtype=np.int64))
        streets.append(strip + len(street_names) - n_streets)
        numbers.append(number)

    vbo_x, vbo_y = np.concatenate(xs), np.concatenate(ys)
    vbo_use, vbo_buurt = np.concatenate(uses), np.concatenate(buurt_idx)
    vbo_street, huisnummer = np.concatenate(streets), np.concatenate(numbers)
    n = len(vbo_x)

    # panden: dwellings in a row share a building (apartments); other uses stand alone
    resid = vbo_use == 0
    new_pand = np.ones(n, dtype=bool)
    stay = rng.random(n) < 0.55
    same_street = np.r_[False, vbo_street[1:] == vbo_street[:-1]]
    new_pand[1:] = ~(stay[1:] & resid[1:] & resid[:-1] & same_street[1:])
    vbo_pand = np.cumsum(new_pand) - 1
    pand_first = np.flatnonzero(new_pand)
    pand_count = np.diff(np.r_[pand_first, n])
    pand_x, pand_y = vbo_x[pand_first], vbo_y[pand_first]
    vbo_x, vbo_y = pand_x[vbo_pand], pand_y[vbo_pand]
    apartment = pand_count[vbo_pand] > 1
    area = np.where(
        resid,
        np.where(apartment, rng.lognormal(4.3, 0.25, n), rng.lognormal(4.75, 0.3, n)),
        rng.lognormal(5.5, 0.8, n),
    )
    vbo_area = np.clip(np.round(area), 15, 20_000).astype(np.int64)
    floors = np.maximum(1, pand_count // 4)
    pand_area = np.bincount(vbo_pand, weights=vbo_area)
    pand_size = np.clip(np.sqrt(pand_area / floors), 5, 80).round(1)
    era = rng.uniform(1900, 2022, len(buurt_codes))
    pand_bouwjaar = np.clip(
        np.round(era[vbo_buurt[pand_first]] + rng.normal(0, 12, len(pand_first))), 1650, 2024
    ).astype(np.int64)

    # postcodes: one PC4 per wijk; a PC6 is a run of numbers on one street (as in reality)
    wijk = wijk_of_buurt[vbo_buurt]
    postcode = np.empty(n, dtype=object)
    for w in range(len(gemeente.wijken)):
        idx = np.flatnonzero(wijk == w)
        per = 18
        while True:
            chunk = np.r_[
                0,
                np.cumsum(
                    (vbo_street[idx][1:] != vbo_street[idx][:-1])
                    | ((huisnummer[idx][1:] - 1) // per != (huisnummer[idx][:-1] - 1) // per)
                ),
            ]
            if len(idx) == 0 or chunk[-1] < len(_PC_LETTERS):
                break
            per += 6
        letters = np.array(_PC_LETTERS, dtype=object)[chunk]
        postcode[idx] = f"{pc4_start + w}" + letters

    # each household gets a random dwelling in its own buurt
    household_vbo = np.empty(len(household_buurt), dtype=np.int64)
    for b in range(len(buurt_codes)):
        homes = np.flatnonzero(resid & (vbo_buurt == b))
        members = np.flatnonzero(household_buurt == b)
        household_vbo[members] = rng.permutation(homes)[: len(members)]

    return AddressBook(
        woonplaats_codes=wp_codes,
        woonplaats_names=wp_names,
        street_names=street_names,
        street_woonplaats=np.array(street_wp, dtype=np.int64),
        vbo_buurt=vbo_buurt,
        vbo_x=np.round(vbo_x, 3),
        vbo_y=np.round(vbo_y, 3),
        vbo_use=vbo_use,
        vbo_area=vbo_area,
        vbo_pand=vbo_pand,
        vbo_street=vbo_street,
        huisnummer=huisnummer,
        postcode=postcode,
        pand_bouwjaar=pand_bouwjaar,
        pand_x=np.round(pand_x, 3),
        pand_y=np.round(pand_y, 3),
        pand_size=pand_size,
        household_vbo=household_vbo,
    )
