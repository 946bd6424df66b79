# SPDX-License-Identifier: EUPL-1.2
"""The build's ``indicators`` phase: the cube after the models, then the published table.

Called by :func:`stuurdata.warehouse.build` with the version writer of the version being built,
so the cube and ``published.indicators`` appear atomically with everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from stuurdata.errors import BuildError
from stuurdata.indicators.cube import CubeRun, CubeWriter, compute_cube, load_seed, publish_cube

if TYPE_CHECKING:
    from stuurdata.workspace import Workspace


def read_table(writer: Any, name: str) -> pa.Table:
    """Read ``name`` from a version writer as Arrow (``read_arrow`` when the engine has it)."""
    reader = getattr(writer, "read_arrow", None)
    if callable(reader):
        table = reader(name)
        assert isinstance(table, pa.Table)
        return table
    con_of = getattr(writer, "_con", None)  # DuckDB version writer: its open connection
    if callable(con_of):
        schema, table_name = name.split(".")
        cursor = con_of().cursor()  # its own result set, next to the writer's
        result = cursor.sql(f'SELECT * FROM "{schema}"."{table_name}"').to_arrow_table()
        cursor.close()
        assert isinstance(result, pa.Table)
        return result
    raise BuildError(f"de engine kan tabel {name} niet teruglezen voor de geheimhouding")


def run_indicators(
    ws: Workspace, writer: CubeWriter, on_step: Callable[[str], None] | None = None
) -> CubeRun:
    """Compute ``cube.indicators`` for every indicator of ``ws``; publish the open ones through
    disclosure control when ``stuurdata.yaml`` configures a disclosure seed."""
    if not ws.indicators:
        return CubeRun()
    region = ws.config.region
    regions = [(region.code, region.name, list(region.members))] if region else []
    run = compute_cube(
        writer,
        ws.indicators,
        boundary_year=ws.config.boundary_year,
        regions=regions,
        on_step=on_step,
    )
    if ws.config.disclosure is not None:
        seed = load_seed(ws.config.disclosure.seed, ws.root)
        run.published_rows = publish_cube(
            writer, lambda name: read_table(writer, name), ws.indicators, seed
        )
        if on_step is not None:
            on_step("published.indicators")
    return run
