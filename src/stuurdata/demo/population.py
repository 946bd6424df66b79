# SPDX-License-Identifier: EUPL-1.2
"""Synthetic households and persons of one gemeente, vectorised with numpy.

Household sizes and types follow the Dutch pattern (about 39% one-person households, mean size
about 2.1). Every person gets a BSN that passes the elfproef, a sex, a birth date, a civil status,
a nationality and a (fictional) name; households are spread over the gemeente's buurten.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from stuurdata.demo.bsn import bsn_numbers

PEILDATUM = dt.date(2025, 1, 1)
"""The date the synthetic registers describe (stand of the extracts)."""

HOUSEHOLD_TYPES = (
    "eenpersoonshuishouden",
    "paar zonder kinderen",
    "paar met kinderen",
    "eenouderhuishouden",
    "overig huishouden",
)
_ONE, _COUPLE, _FAMILY, _SINGLE_PARENT, _OTHER = range(5)

BURGERLIJKE_STAAT = (
    "ongehuwd",
    "gehuwd",
    "geregistreerd partner",
    "gescheiden",
    "weduwe/weduwnaar",
)
NATIONALITEITEN = (
    "Nederlandse",
    "Duitse",
    "Poolse",
    "Marokkaanse",
    "Turkse",
    "Belgische",
    "Syrische",
    "Britse",
    "Indiase",
    "Oekraïense",
)
_NATIONALITEIT_P = np.array([0.925, 0.008, 0.012, 0.008, 0.008, 0.005, 0.008, 0.005, 0.008, 0.013])

VOORNAMEN_M = (
    "Jan",
    "Pieter",
    "Daan",
    "Sem",
    "Noël",
    "André",
    "René",
    "Joël",
    "Mohamed",
    "Thijs",
    "Luuk",
    "Bram",
    "Finn",
    "Gijs",
    "Jesse",
    "Rafaël",
    "Mathéo",
    "Ömer",
    "Stijn",
    "Teun",
    "Kees",
    "Hüseyin",
)
VOORNAMEN_V = (
    "Anna",
    "Emma",
    "Zoë",
    "Chloë",
    "Noëlle",
    "Renée",
    "Hélène",
    "Daniëlle",
    "Fenna",
    "Julia",
    "Sophie",
    "Saar",
    "Tess",
    "Fleur",
    "Yasmina",
    "Lotte",
    "Anouk",
    "Inès",
    "Maaike",
    "Eline",
)
ACHTERNAMEN = (
    ("", "Jansen"),
    ("de", "Vries"),
    ("van den", "Berg"),
    ("", "Bakker"),
    ("", "Visser"),
    ("", "Smit"),
    ("", "Meijer"),
    ("de", "Boer"),
    ("", "Mulder"),
    ("de", "Groot"),
    ("", "Bos"),
    ("", "Vos"),
    ("", "Peters"),
    ("", "Hendriks"),
    ("van", "Leeuwen"),
    ("", "Dekker"),
    ("", "Brouwer"),
    ("de", "Wit"),
    ("", "Dijkstra"),
    ("", "Özdemir"),
    ("", "Çelik"),
    ("", "Müller"),
    ("el", "Amrani"),
    ("", "Kowalski"),
    ("van 't", "Hof"),
    ("", "Hoekstra"),
    ("", "Ramdin"),
    ("", "Brandsma"),
    ("ter", "Haar"),
    ("", "Lefèvre"),
)


@dataclass
class Households:
    size: npt.NDArray[np.int64]
    kind: npt.NDArray[np.int64]
    """Index into HOUSEHOLD_TYPES."""
    buurt: npt.NDArray[np.int64]
    """Index into the gemeente's buurt codes."""
    number: npt.NDArray[np.int64]
    """Huishoudnummer (unique in the region)."""


@dataclass
class Persons:
    bsn: npt.NDArray[np.int64]
    household: npt.NDArray[np.int64]
    """Index into Households."""
    age: npt.NDArray[np.int64]
    birth_day: npt.NDArray[np.int64]
    """Birth date as days since 1970-01-01."""
    female: npt.NDArray[np.bool_]
    civil: npt.NDArray[np.int64]
    nationality: npt.NDArray[np.int64]
    first_name: npt.NDArray[np.int64]
    """Index into VOORNAMEN_M or VOORNAMEN_V (by sex)."""
    surname: npt.NDArray[np.int64]

    @property
    def count(self) -> int:
        return len(self.bsn)


def _household_sizes(persons: int, rng: np.random.Generator) -> npt.NDArray[np.int64]:
    probs = np.array([0.39, 0.33, 0.12, 0.11, 0.04, 0.01])
    sizes = rng.choice(np.arange(1, 7), size=int(persons / 1.9) + 64, p=probs)
    total = np.cumsum(sizes)
    last = int(np.searchsorted(total, persons))
    sizes = sizes[: last + 1].copy()
    sizes[-1] -= int(total[last] - persons)
    return sizes[sizes > 0].astype(np.int64)


def _household_kinds(
    sizes: npt.NDArray[np.int64], rng: np.random.Generator
) -> npt.NDArray[np.int64]:
    draw = rng.random(len(sizes))
    kinds = np.full(len(sizes), _OTHER, dtype=np.int64)
    kinds[sizes == 1] = _ONE
    two = sizes == 2
    kinds[two & (draw < 0.80)] = _COUPLE
    kinds[two & (draw >= 0.80) & (draw < 0.95)] = _SINGLE_PARENT
    more = sizes >= 3
    kinds[more & (draw < 0.78)] = _FAMILY
    kinds[more & (draw >= 0.78) & (draw < 0.95)] = _SINGLE_PARENT
    return kinds


def generate_households(
    persons: int, buurt_count: int, number_start: int, rng: np.random.Generator
) -> Households:
    """Households holding exactly ``persons`` persons, spread over ``buurt_count`` buurten."""
    sizes = _household_sizes(persons, rng)
    kinds = _household_kinds(sizes, rng)
    weights = rng.lognormal(0.0, 0.35, buurt_count)
    buurt = rng.choice(buurt_count, size=len(sizes), p=weights / weights.sum())
    number = number_start + np.arange(len(sizes), dtype=np.int64)
    return Households(size=sizes, kind=kinds, buurt=buurt.astype(np.int64), number=number)


def _head_ages(kinds: npt.NDArray[np.int64], rng: np.random.Generator) -> npt.NDArray[np.int64]:
    n = len(kinds)
    ages = np.empty(n, dtype=np.int64)
    low = np.select(
        [kinds == _ONE, kinds == _COUPLE, kinds == _FAMILY, kinds == _SINGLE_PARENT],
        [19, 21, 26, 24],
        18,
    )
    # one-person and couple households lean old; families and others young
    older = (kinds == _ONE) | (kinds == _COUPLE)
    ages[older] = np.clip(rng.triangular(low[older], 70, 99, older.sum()), 18, 99).astype(np.int64)
    family = (kinds == _FAMILY) | (kinds == _SINGLE_PARENT)
    ages[family] = np.clip(rng.normal(42, 8, family.sum()), low[family], 70).astype(np.int64)
    other = kinds == _OTHER
    ages[other] = np.clip(rng.normal(30, 10, other.sum()), 18, 90).astype(np.int64)
    return ages


def generate_persons(
    households: Households, bsn_start: int, seed: int, rng: np.random.Generator
) -> Persons:
    """The persons of ``households``: member 0 heads it, member 1 is the partner in couples."""
    sizes = households.size
    n = int(sizes.sum())
    household = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
    starts = np.repeat(np.cumsum(sizes) - sizes, sizes)
    member = np.arange(n, dtype=np.int64) - starts
    kind = households.kind[household]
    couple = np.isin(kind, (_COUPLE, _FAMILY))
    head = member == 0
    partner = (member == 1) & couple
    child = ~head & ~partner & np.isin(kind, (_FAMILY, _SINGLE_PARENT))
    housemate = ~head & ~partner & ~child

    head_age = _head_ages(households.kind, rng)[household]
    age = head_age.copy()
    age[partner] = np.clip(head_age[partner] + np.round(rng.normal(-1, 4, partner.sum())), 18, 99)
    max_child = np.clip(head_age[child] - 20, 0, 24)
    age[child] = np.floor(rng.random(child.sum()) * (max_child + 1)).astype(np.int64)
    age[housemate] = np.clip(np.round(rng.normal(28, 9, housemate.sum())), 18, 90)

    female = rng.random(n) < 0.5
    female[partner] = ~female[np.flatnonzero(partner) - 1] ^ (rng.random(partner.sum()) < 0.03)

    peil = (PEILDATUM - dt.date(1970, 1, 1)).days
    birth_day = peil - age * 365 - (age // 4) - rng.integers(1, 365, n)

    civil = np.zeros(n, dtype=np.int64)
    draw = rng.random(n)
    in_couple = (head | partner) & couple
    civil[in_couple] = np.select([draw[in_couple] < 0.65, draw[in_couple] < 0.73], [1, 2], 0)
    single_adult = (head & ~couple) | housemate
    old = single_adult & (age >= 35)
    civil[old] = np.select([draw[old] < 0.45, (draw[old] < 0.75) | (age[old] < 60)], [0, 3], 4)
    # partners share the head's status
    civil[partner] = civil[np.flatnonzero(partner) - 1]

    nationality = rng.choice(len(NATIONALITEITEN), size=n, p=_NATIONALITEIT_P)
    names = np.where(female, len(VOORNAMEN_V), len(VOORNAMEN_M))
    first_name = np.floor(rng.random(n) * names).astype(np.int64)
    family_name = rng.integers(0, len(ACHTERNAMEN), len(sizes))[household]
    own_name = rng.integers(0, len(ACHTERNAMEN), n)
    surname = np.where(head | child, family_name, own_name)

    bsn = bsn_numbers(bsn_start, n, seed)
    # shuffle so that BSN order says nothing about households
    bsn = bsn[rng.permutation(n)]
    return Persons(
        bsn=bsn,
        household=household,
        age=age.astype(np.int64),
        birth_day=birth_day.astype(np.int64),
        female=female,
        civil=civil,
        nationality=nationality.astype(np.int64),
        first_name=first_name,
        surname=surname.astype(np.int64),
    )
