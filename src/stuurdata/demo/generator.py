# SPDX-License-Identifier: EUPL-1.2
"""``generate_demo``: a complete synthetic workspace, deterministic from a seed, at any scale.

Every random draw comes from a numpy Generator seeded with ``(seed, component, gemeente)``, so
the same seed gives byte-identical files, and each gemeente is generated (and written) on its own
with flat memory, from three gemeenten up to the whole country.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from stuurdata.demo.addresses import generate_addresses
from stuurdata.demo.bag import write_bag
from stuurdata.demo.boundaries import BoundaryWriter, gemeente_shapes, subdivide
from stuurdata.demo.brp import movers_count, write_brp
from stuurdata.demo.bsn import index_width
from stuurdata.demo.budget import read_taakvelden, write_budget
from stuurdata.demo.contacts import write_contacts
from stuurdata.demo.files import write_csv
from stuurdata.demo.history import write_history
from stuurdata.demo.plan import RegionPlan, plan_region
from stuurdata.demo.population import PEILDATUM, generate_households, generate_persons
from stuurdata.demo.registers import hr_count, write_hr, write_woz
from stuurdata.demo.sensors import write_sensors
from stuurdata.demo.social import write_social
from stuurdata.demo.template import default_iv3_path, install_template, write_readme, write_secrets

Progress = Callable[[str, int, int], None]
"""Called as progress(step, done, total) after each gemeente (step 'gemeente') and at the end."""

BOUNDARY_YEAR = 2025

# one stream per component, so adding a file never changes the others
_PLAN, _HOUSEHOLDS, _PERSONS, _ADDRESSES, _BRP, _WOZ, _HR, _SOCIAL, _CONTACT, _SENSOR, _BUDGET = (
    range(10, 21)
)
_HISTORY = 21


@dataclass
class DemoSummary:
    """What was generated: where, how much, how long."""

    target: Path
    seed: int
    gemeenten: list[str]
    persons: int
    households: int
    wijken: int
    buurten: int
    verblijfsobjecten: int
    rows: dict[str, int] = field(default_factory=dict)
    """Rows written per file kind (personen, woz, wmo, ...)."""
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    template_installed: bool = False
    """True when the workspace definitions were copied into the target."""


def generate_demo(
    target: Path,
    seed: int = 42,
    persons: int | None = None,
    progress: Progress | None = None,
    *,
    bag: bool = True,
    iv3_path: Path | None = None,
    history: bool = True,
) -> DemoSummary:
    """Generate the synthetic region's data files into ``target/data``.

    ``persons=None`` gives the three-gemeente demo region (Bollenwaard, Duinhoven, Tulpendam,
    84,000 inhabitants); a number scales it (18,000,000 gives about 340 gemeenten and 14,000
    buurten). When ``target`` has no ``stuurdata.yaml`` the demo workspace definitions are
    copied in first. ``bag=False`` leaves out the BAG XML extract (the slowest part at national
    scale). ``iv3_path`` is the Iv3 definition file for the budget's taakvelden (default: the
    repository's shared data, or ``$STUURDATA_IV3``); it must exist. ``history=False`` leaves
    out the earlier BRP peildata (2023 and 2024, see :mod:`stuurdata.demo.history`).
    """
    started = time.perf_counter()
    target = Path(target)
    taakvelden = read_taakvelden(iv3_path or default_iv3_path())
    installed = install_template(target)
    data = target / "data"
    region = plan_region(seed, persons)
    shapes = gemeente_shapes(region, seed)
    boundaries = BoundaryWriter(BOUNDARY_YEAR)
    region_codes = [g.code for g in region.gemeenten]
    summary = DemoSummary(
        target=target,
        seed=seed,
        gemeenten=region_codes,
        persons=region.persons,
        households=0,
        wijken=sum(len(g.wijken) for g in region.gemeenten),
        buurten=region.buurt_count,
        verblijfsobjecten=0,
        template_installed=installed,
    )
    offsets = _Offsets()
    total = len(region.gemeenten)
    for gemeente, shape in zip(region.gemeenten, shapes, strict=True):

        def rng(component: int, index: int = gemeente.index) -> np.random.Generator:
            return np.random.default_rng([seed, component, index])

        parts = subdivide(gemeente, shape, seed)
        boundaries.add(gemeente, parts)
        households = generate_households(
            gemeente.persons, len(gemeente.buurt_codes), offsets.household, rng(_HOUSEHOLDS)
        )
        people = generate_persons(households, offsets.bsn, seed, rng(_PERSONS))
        offsets.bsn += index_width(gemeente.persons)
        book = generate_addresses(gemeente, parts, households.buurt, offsets.pc4, rng(_ADDRESSES))
        counts = write_brp(
            data / "brp",
            gemeente,
            households,
            people,
            book,
            region_codes,
            offsets.bsn,
            seed,
            rng(_BRP),
        )
        offsets.bsn += index_width(movers_count(gemeente.persons))
        if history:
            counts["personen_historie"] = write_history(
                data / "brp", data / "gebieden", gemeente, households, people, book, rng(_HISTORY)
            )
        counts["woz"] = write_woz(data / "woz", gemeente, book, rng(_WOZ))
        counts["vestigingen"] = write_hr(data / "hr", gemeente, book, offsets.kvk, rng(_HR))
        counts |= write_social(data / "sociaal", gemeente, households, people, rng(_SOCIAL))
        counts["klantcontact"] = write_contacts(data / "klantcontact", gemeente, rng(_CONTACT))
        counts["sensoren"] = write_sensors(data / "sensoren", gemeente, shape, rng(_SENSOR))
        counts["begroting"] = write_budget(data / "begroting", gemeente, taakvelden, rng(_BUDGET))
        if bag:
            write_bag(data / "bag" / gemeente.code, gemeente, book, parts)
        write_csv(book.address_key(gemeente), data / "gebieden" / f"pc6hnr_{gemeente.code}.csv")
        counts["verblijfsobjecten"] = book.vbo_count
        for key, value in counts.items():
            summary.rows[key] = summary.rows.get(key, 0) + value
        summary.households += len(households.size)
        summary.verblijfsobjecten += book.vbo_count
        offsets.advance(len(households.size), len(gemeente.wijken), gemeente.persons)
        if progress is not None:
            progress("gemeente", gemeente.index + 1, total)
    boundaries.write(data / "gebieden")
    write_readme(data, region, seed, BOUNDARY_YEAR, PEILDATUM)
    write_secrets(target)
    summary.files = sorted(p for p in data.rglob("*") if p.is_file())
    summary.seconds = time.perf_counter() - started
    if progress is not None:
        progress("klaar", total, total)
    return summary


@dataclass
class _Offsets:
    """Running numbers that keep identifiers unique across gemeenten."""

    bsn: int = 0
    household: int = 1
    pc4: int = 1000
    kvk: int = 90_000_000

    def advance(self, households: int, wijken: int, persons: int) -> None:
        self.household += households
        self.pc4 += wijken
        self.kvk += hr_count(persons)


def describe(region: RegionPlan) -> str:
    """One line about the region, for progress output."""
    return (
        f"{region.name}: {len(region.gemeenten)} gemeenten, {region.persons:,} inwoners, "
        f"{region.buurt_count:,} buurten (synthetisch)"
    )
