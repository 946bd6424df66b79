# SPDX-License-Identifier: EUPL-1.2
"""``stuurdata indicators list | show``: explain indicator definitions and their results.

A typer sub-app, added to the main CLI with ``app.add_typer(indicators_app, name="indicators")``.
Results are read from the published version only (``published.indicators``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from stuurdata.cli.output import WorkspaceOption, console, err_console, reported_errors

app = typer.Typer(
    name="indicators",
    help="Indicatoren: definities en gepubliceerde uitkomsten.",
    no_args_is_help=True,
)


@app.command("list")
def list_indicators(workspace: WorkspaceOption = Path()) -> None:
    """Alle indicatoren van de werkruimte: id, titel, soort, eenheid, niveaus en beleid."""
    from stuurdata.workspace import Workspace

    with reported_errors():
        ws = Workspace.load(workspace)
    table = Table(title=f"{len(ws.indicators)} indicatoren", title_justify="left")
    for header in ("id", "titel", "soort", "eenheid", "thema", "niveaus", "geheimhouding", "CBS"):
        table.add_column(header, overflow="fold")
    for ind in sorted(ws.indicators.values(), key=lambda i: (i.theme, i.id)):
        table.add_row(
            ind.id,
            ind.title.nl,
            ind.kind.value,
            ind.unit,
            ind.theme,
            ", ".join(ind.area_levels),
            ind.disclosure_policy,
            ind.cbs.key if ind.cbs else "",
        )
    console.print(table)


@app.command()
def show(
    indicator_id: Annotated[str, typer.Argument(help="Id van de indicator.")],
    workspace: WorkspaceOption = Path(),
    area: Annotated[
        str | None, typer.Option("--gebied", help="Gebiedscode om te vergelijken, bv. BU99010101.")
    ] = None,
    period: Annotated[
        str | None, typer.Option("--periode", help="Periode (standaard: laatste).")
    ] = None,
    sql: Annotated[bool, typer.Option("--sql", help="Toon de gegenereerde SQL.")] = False,
) -> None:
    """Definitie, herkomst en gepubliceerde uitkomsten van één indicator."""
    from stuurdata.indicators.explain import compare, compiled_sql, published_cells
    from stuurdata.warehouse import open_current
    from stuurdata.workspace import Workspace

    with reported_errors():
        ws = Workspace.load(workspace)
    ind = ws.indicators.get(indicator_id)
    if ind is None:
        err_console.print(f"Onbekende indicator '{indicator_id}'; zie 'stuurdata indicators list'.")
        raise typer.Exit(2)
    console.print(f"[bold]{ind.title.nl}[/] ({ind.id}) — {ind.title.en}")
    console.print(ind.description.nl)
    console.print(
        f"soort: {ind.kind.value}; eenheid: {ind.unit}; thema: {ind.theme}; eigenaar: {ind.owner}"
    )
    if ind.derived:
        console.print(f"afgeleid uit: {', '.join(ind.references())}; schaal {ind.scale:g}")
    else:
        console.print(f"bron: {ind.source} (per {ind.area_level}); teller: {ind.numerator}")
        if ind.denominator:
            console.print(f"noemer: {ind.denominator}; schaal {ind.scale:g}")
    console.print(
        f"niveaus: {', '.join(ind.area_levels)}; classificatie: {ind.classification.value}; "
        f"geheimhouding: {ind.disclosure_policy}"
    )
    if ind.cbs:
        note = f" — verschil: {ind.cbs.difference}" if ind.cbs.difference else ""
        console.print(f"CBS: {ind.cbs.table} {ind.cbs.key} ({ind.cbs.title}){note}")
    if sql:
        console.print(compiled_sql(ws.indicators, ind.id, ws.config.boundary_year), markup=False)
    version = open_current(ws.root, ws.config.engine.path)
    if version is None:
        console.print("Nog geen gepubliceerde versie: draai eerst 'stuurdata build'.")
        return
    con = version.connect()
    tables = {
        f"{s}.{t}"
        for s, t in con.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall()
    }
    if "published.indicators" not in tables:
        console.print("De gepubliceerde versie bevat nog geen indicatoren.")
        return
    cells = published_cells(con, ind.id)
    if not cells:
        console.print(
            "Geen gepubliceerde uitkomsten (alleen openbare indicatoren worden gepubliceerd)."
        )
        return
    chosen = period or cells[0].period
    table = Table(title=f"Uitkomsten {chosen} (gemeente en regio)", title_justify="left")
    for header in ("gebied", "niveau", "waarde", "reden"):
        table.add_column(header)
    for cell in cells:
        if cell.period == chosen and cell.area_level in ("gemeente", "regio"):
            table.add_row(
                cell.area_code, cell.area_level, _fmt(cell.value, ind.decimals), cell.reason
            )
    console.print(table)
    if area:
        found = compare(con, ind.id, area, chosen)
        if found is None:
            console.print(f"Geen uitkomst voor {area} in {chosen}.")
            return
        console.print(f"{area}: {_fmt(found.area.value, ind.decimals)} ({found.area.reason})")
        if found.gemeente is not None and found.gemeente.area_code != area:
            console.print(
                f"  gemeente {found.gemeente.area_code}: {_fmt(found.gemeente.value, ind.decimals)}"
            )
        for soort, naam, cell in found.regions:
            console.print(f"  {soort} {naam} ({cell.area_code}): {_fmt(cell.value, ind.decimals)}")


def _fmt(value: float | None, decimals: int) -> str:
    return "—" if value is None else f"{value:,.{decimals}f}".replace(",", " ")
