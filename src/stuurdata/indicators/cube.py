# SPDX-License-Identifier: EUPL-1.2
"""Compute the cube (``cube.indicators``) with the warehouse engine, then publish it.

The SQL comes from :mod:`stuurdata.indicators.compiler` and runs on anything with the
:class:`CubeWriter` methods: the warehouse build's version writer, or
:class:`~stuurdata.indicators.connection.ConnectionWriter` around a plain DuckDB connection.
Publication goes through :func:`stuurdata.disclosure.protect` only.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pyarrow as pa
import pyarrow.compute as pc

from stuurdata.errors import BuildError, SecretError
from stuurdata.indicators.compiler import (
    CUBE_TABLE,
    HIERARCHY_SQL,
    HIERARCHY_TABLE,
    PUBLISHED_TABLE,
    REGIONS_TABLE,
    cube_sql,
    family_sql,
    regions_sql,
)
from stuurdata.indicators.families import Family, families
from stuurdata.workspace.config import Classification, SecretRef
from stuurdata.workspace.indicator import Indicator

SIZE_INDICATOR = "bevolking_inwoners"
"""The indicator whose gemeente value defines comparison groups (CBS size classes)."""
MIN_SEED_BYTES = 16


class CubeWriter(Protocol):
    """What the indicator phase needs from a warehouse engine's version writer."""

    def create_schemas(self, names: list[str]) -> None: ...

    def create_table_as(self, name: str, sql: str) -> int: ...

    def load_arrow(self, schema: str, table_name: str, data: pa.Table) -> int: ...


TableReader = Callable[[str], pa.Table]
"""Reads a whole table (``schema.table``) of the version being written as Arrow."""


@dataclass(frozen=True)
class FamilyRun:
    name: str
    source: str
    indicators: list[str]
    rows: int
    seconds: float


@dataclass
class CubeRun:
    """What the indicator phase computed."""

    rows: int = 0
    families: list[FamilyRun] = field(default_factory=list)
    published_rows: int | None = None
    """Rows of ``published.indicators``; None when nothing was published (no seed configured)."""
    seconds: float = 0.0


def compute_cube(
    writer: CubeWriter,
    indicators: Mapping[str, Indicator],
    *,
    boundary_year: int,
    regions: Sequence[tuple[str, str, Sequence[str]]] = (),
    on_step: Callable[[str], None] | None = None,
) -> CubeRun:
    """Create ``cube.gebieden``, ``cube.basis_<family>``, ``cube.regio_leden`` and
    ``cube.indicators``. ``regions`` are (code, name, member gemeentecodes)."""
    started = time.perf_counter()
    run = CubeRun()
    writer.create_schemas(["cube"])
    writer.create_table_as(HIERARCHY_TABLE, HIERARCHY_SQL)
    found = families(indicators.values())
    size_table: str | None = None
    for family in found:
        step_started = time.perf_counter()
        sql = family_sql(family, boundary_year)
        try:
            rows = writer.create_table_as(family.table, sql)
        except Exception as exc:  # the engine's own error type; reported with the family
            raise BuildError(_family_error(family, exc)) from exc
        if any(ind.id == SIZE_INDICATOR for ind in family.indicators):
            size_table = family.table
        run.families.append(
            FamilyRun(
                name=family.name,
                source=family.source,
                indicators=[ind.id for ind in family.indicators],
                rows=rows,
                seconds=round(time.perf_counter() - step_started, 4),
            )
        )
        if on_step is not None:
            on_step(family.table)
    writer.create_table_as(
        REGIONS_TABLE, regions_sql(regions, SIZE_INDICATOR if size_table else None, size_table)
    )
    run.rows = writer.create_table_as(CUBE_TABLE, cube_sql(indicators, found, boundary_year))
    if on_step is not None:
        on_step(CUBE_TABLE)
    run.seconds = round(time.perf_counter() - started, 4)
    return run


def _family_error(family: Family, exc: Exception) -> str:
    ids = ", ".join(ind.id for ind in family.indicators)
    return (
        f"indicatoren over {family.source} ({ids}) konden niet worden berekend: {exc}. "
        "Controleer teller, noemer, filter en kolommen in indicators/."
    )


def hierarchy_of(gebieden: pa.Table) -> dict[str, str | None]:
    """Parent per area code (buurt -> wijk -> gemeente -> None) from ``cube.gebieden``."""
    parents: dict[str, str | None] = {}
    for buurt, wijk, gemeente in zip(
        gebieden.column("buurt_code").to_pylist(),
        gebieden.column("wijk_code").to_pylist(),
        gebieden.column("gemeente_code").to_pylist(),
        strict=True,
    ):
        parents[buurt] = wijk
        parents[wijk] = gemeente
        parents[gemeente] = None
    return parents


def region_members_of(leden: pa.Table) -> dict[str, list[str]]:
    """Member gemeenten per region or comparison group from ``cube.regio_leden``."""
    members: dict[str, list[str]] = {}
    for code, gemeente in zip(
        leden.column("regio_code").to_pylist(),
        leden.column("gemeente_code").to_pylist(),
        strict=True,
    ):
        members.setdefault(code, []).append(gemeente)
    return {code: sorted(codes) for code, codes in members.items()}


def publish_cube(
    writer: CubeWriter,
    read_table: TableReader,
    indicators: Mapping[str, Indicator],
    seed: bytes,
    policies: Mapping[str, object] | None = None,
) -> int:
    """Protect the open indicators of ``cube.indicators`` and write ``published.indicators``.

    Only indicators classified ``openbaar`` are published; the only road is
    :func:`stuurdata.disclosure.protect` with each indicator's named policy.
    """
    from stuurdata.disclosure import STANDARD_POLICIES, DisclosurePolicy, protect

    chosen: dict[str, DisclosurePolicy] = dict(STANDARD_POLICIES)
    for name, policy in (policies or {}).items():
        if isinstance(policy, DisclosurePolicy):
            chosen[name] = policy
    cube = read_table(CUBE_TABLE)
    open_ids = sorted(
        i.id for i in indicators.values() if i.classification is Classification.OPENBAAR
    )
    cube = cube.filter(pc.is_in(cube.column("indicator"), pa.array(open_ids, pa.string())))
    published = protect(
        cube,
        hierarchy_of(read_table(HIERARCHY_TABLE)),
        chosen,
        {i: indicators[i].disclosure_policy for i in open_ids},
        seed,
        region_members_of(read_table(REGIONS_TABLE)),
    )
    writer.create_schemas(["published"])
    schema, table = PUBLISHED_TABLE.split(".")
    return writer.load_arrow(schema, table, published)


def load_seed(ref: SecretRef, workspace_root: Path) -> bytes:
    """The release seed of disclosure control, from its environment variable or file."""
    if ref.env is not None:
        value = os.environ.get(ref.env, "").strip()
        where = f"omgevingsvariabele {ref.env}"
        if not value:
            raise SecretError(f"zaad voor geheimhouding ontbreekt: zet {where}")
        seed = value.encode("utf-8")
    else:
        assert ref.file is not None
        path = Path(ref.file)
        path = path if path.is_absolute() else workspace_root / path
        where = f"bestand {path}"
        try:
            seed = path.read_bytes().strip()
        except OSError:
            raise SecretError(
                f"zaad voor geheimhouding ontbreekt: {where} is niet leesbaar"
            ) from None
    if len(seed) < MIN_SEED_BYTES:
        raise SecretError(
            f"zaad voor geheimhouding in {where} is te kort: minimaal {MIN_SEED_BYTES} tekens"
        )
    return seed
