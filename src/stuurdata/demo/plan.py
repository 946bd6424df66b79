# SPDX-License-Identifier: EUPL-1.2
"""The plan of a synthetic region: which fictional gemeenten, how many inhabitants, wijken, buurten.

Codes are fictional on purpose. Gemeentecodes run GM9901..GM9999, then GM9801..GM9899, GM9701..,
down to GM9001..GM9099 (at most 990 gemeenten). Real CBS gemeentecodes stay below GM2000, so a
synthetic code can never be mistaken for a real one. Wijkcodes are ``WK`` + gemeente digits + a
two-digit wijk number, buurtcodes ``BU`` + wijk digits + a two-digit buurt number, as CBS does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

BASE_GEMEENTEN: tuple[tuple[str, int], ...] = (
    ("Bollenwaard", 22_800),
    ("Duinhoven", 23_200),
    ("Tulpendam", 38_000),
)
"""The demo region: three fictional gemeenten the size of Hillegom, Lisse and Teylingen."""

BASE_PERSONS = sum(size for _, size in BASE_GEMEENTEN)
PERSONS_PER_BUURT = 1_300
BUURTEN_PER_WIJK = 10
MAX_GEMEENTEN = 990
MIN_GEMEENTE_PERSONS = 1_000

# Two-part fictional names for the gemeenten added when the region is scaled up. The parts are
# chosen so that no combination is the name of a real Dutch gemeente (a test checks this).
_NAME_HEADS = (
    "Bollen",
    "Duin",
    "Tulpen",
    "Krokus",
    "Hyacint",
    "Narcis",
    "Lelie",
    "Iris",
    "Anemoon",
    "Klaproos",
    "Korenbloem",
    "Vlas",
    "Rogge",
    "Haver",
    "Spelt",
    "Boekweit",
    "Wilgen",
    "Elzen",
    "Berken",
    "Lijsterbes",
    "Meidoorn",
    "Vlier",
    "Hulst",
    "Kievit",
    "Grutto",
    "Tureluur",
    "Scholekster",
    "Reiger",
    "Lepelaar",
    "Zwanen",
    "Eenden",
    "Kikker",
    "Otter",
    "Bever",
    "Das",
    "Egel",
    "Hazel",
    "Mos",
    "Varen",
    "Riet",
    "Biezen",
    "Kroos",
    "Zegge",
    "Turf",
    "Klei",
    "Leem",
    "Keien",
    "Schelpen",
    "Wolken",
    "Regen",
    "Mist",
    "Dauw",
    "IJzel",
    "Zomer",
    "Winter",
    "Lente",
)
_NAME_TAILS = (
    "waard",
    "hoven",
    "dam",
    "veld",
    "rode",
    "horst",
    "broek",
    "dijk",
    "polder",
    "kamp",
    "akker",
    "weide",
    "wold",
    "meer",
    "plas",
    "kreek",
    "gors",
    "schor",
    "donk",
    "hoek",
)


@dataclass(frozen=True)
class WijkPlan:
    code: str
    name: str
    buurt_codes: tuple[str, ...]
    buurt_names: tuple[str, ...]


@dataclass(frozen=True)
class GemeentePlan:
    index: int
    """Position in the region (0-based); also the seed stream of everything generated for it."""
    code: str
    name: str
    persons: int
    wijken: tuple[WijkPlan, ...]

    @property
    def digits(self) -> str:
        return self.code[2:]

    @property
    def buurt_codes(self) -> tuple[str, ...]:
        return tuple(code for wijk in self.wijken for code in wijk.buurt_codes)


@dataclass(frozen=True)
class RegionPlan:
    code: str
    name: str
    gemeenten: tuple[GemeentePlan, ...]

    @property
    def persons(self) -> int:
        return sum(g.persons for g in self.gemeenten)

    @property
    def buurt_count(self) -> int:
        return sum(len(g.buurt_codes) for g in self.gemeenten)


def gemeentecode(index: int) -> str:
    """The fictional gemeentecode of the index-th gemeente: GM9901.., GM9801.., never a real one."""
    if not 0 <= index < MAX_GEMEENTEN:
        raise ValueError(f"een synthetische regio heeft hoogstens {MAX_GEMEENTEN} gemeenten")
    block, number = divmod(index, 99)
    return f"GM{99 - block:02d}{number + 1:02d}"


def gemeentenaam(index: int) -> str:
    """A fictional gemeente name: the base names first, then head+tail combinations."""
    if index < len(BASE_GEMEENTEN):
        return BASE_GEMEENTEN[index][0]
    n = index - len(BASE_GEMEENTEN)
    heads, tails = len(_NAME_HEADS), len(_NAME_TAILS)
    # walk the head x tail grid diagonally so neighbouring gemeenten get different heads and tails
    head = n % heads
    tail = (n // heads + n + 1) % tails
    cycle = n // (heads * tails)
    name = _NAME_HEADS[head] + _NAME_TAILS[tail]
    base_names = {b for b, _ in BASE_GEMEENTEN}
    if name in base_names or cycle:
        name = f"{name} {'I' * (cycle + 2)}" if cycle else f"{name}-Noord"
    return name


_WIJK_NAMES = ("Centrum", "Noord", "Zuid", "Oost", "West", "Buitengebied", "Haven", "Park")
_BUURT_HEADS = (
    "Bloemen",
    "Vogel",
    "Schilders",
    "Bomen",
    "Vaarten",
    "Molen",
    "Kerk",
    "Stations",
    "Sport",
    "Water",
    "Polder",
    "Dorps",
    "Hof",
    "Akker",
    "Linden",
    "Eiken",
    "Beuken",
    "Wilgen",
)
_BUURT_TAILS = ("buurt", "kwartier", "hof", "park", "wijk", "dorp", "erf", "veld")


def _wijk_name(gemeente: str, number: int) -> str:
    label = _WIJK_NAMES[(number - 1) % len(_WIJK_NAMES)]
    cycle = (number - 1) // len(_WIJK_NAMES)
    return f"{gemeente} {label}" + (f" {cycle + 1}" if cycle else "")


def _buurt_name(gemeente_index: int, wijk_number: int, number: int) -> str:
    k = gemeente_index * 7 + wijk_number * 3 + number
    return _BUURT_HEADS[k % len(_BUURT_HEADS)] + _BUURT_TAILS[(k // 3 + number) % len(_BUURT_TAILS)]


def _gemeente_plan(index: int, persons: int) -> GemeentePlan:
    code = gemeentecode(index)
    name = gemeentenaam(index)
    buurten = max(1, round(persons / PERSONS_PER_BUURT))
    n_wijken = min(99, math.ceil(buurten / BUURTEN_PER_WIJK))
    sizes = [buurten // n_wijken + (1 if w < buurten % n_wijken else 0) for w in range(n_wijken)]
    wijken = []
    for w, size in enumerate(sizes, start=1):
        if size > 99:
            raise ValueError(f"gemeente {code} is te groot voor de buurtcodering")
        wijkcode = f"WK{code[2:]}{w:02d}"
        codes = tuple(f"BU{code[2:]}{w:02d}{b:02d}" for b in range(1, size + 1))
        names = tuple(_buurt_name(index, w, b) for b in range(1, size + 1))
        wijken.append(WijkPlan(wijkcode, _wijk_name(name, w), codes, names))
    return GemeentePlan(index=index, code=code, name=name, persons=persons, wijken=tuple(wijken))


def plan_region(seed: int, persons: int | None = None) -> RegionPlan:
    """Plan the region: the three base gemeenten, scaled down or grown with more gemeenten.

    ``persons=None`` gives the three-gemeente demo region (84,000 inhabitants). A smaller number
    scales the three down proportionally; a larger one adds fictional gemeenten with a realistic
    (log-normal, mean about 53,000) size distribution until the total is reached exactly.
    """
    if persons is None:
        sizes = [size for _, size in BASE_GEMEENTEN]
    elif persons <= 0:
        raise ValueError("het aantal personen moet groter dan 0 zijn")
    elif persons <= BASE_PERSONS:
        sizes = [max(1, persons * size // BASE_PERSONS) for _, size in BASE_GEMEENTEN]
        sizes[-1] += persons - sum(sizes)
    else:
        sizes = [size for _, size in BASE_GEMEENTEN]
        rng = np.random.default_rng([seed, 1])
        remaining = persons - BASE_PERSONS
        while remaining > 0:
            size = int(np.clip(rng.lognormal(mean=10.6, sigma=0.75), 2_000, 900_000))
            size = min(size, remaining)
            if remaining - size < MIN_GEMEENTE_PERSONS:
                size = remaining
            sizes.append(size)
            remaining -= size
    if len(sizes) > MAX_GEMEENTEN:
        raise ValueError(f"een synthetische regio heeft hoogstens {MAX_GEMEENTEN} gemeenten")
    gemeenten = tuple(_gemeente_plan(i, size) for i, size in enumerate(sizes))
    name = "Regio Bollenstreek-Synthetisch" if len(gemeenten) == 3 else "Synthetisch Nederland"
    return RegionPlan(code="RG99", name=name, gemeenten=gemeenten)
