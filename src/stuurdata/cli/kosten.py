# SPDX-License-Identifier: EUPL-1.2
"""``stuurdata kosten``: usage per gemeente and the cost split with the region's cost key.

The work is :func:`stuurdata.governance.costs.cost_report`; this module parses and prints.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from stuurdata.cli.output import WorkspaceOption, console, reported_errors


def kosten(
    workspace: WorkspaceOption = Path(),
    periode: Annotated[
        str | None,
        typer.Option(
            "--periode", help="Periode als JJJJ, JJJJ-Qn of JJJJ-MM (standaard: dit kwartaal)."
        ),
    ] = None,
    bedrag: Annotated[
        str | None,
        typer.Option("--bedrag", help="Te verdelen bedrag in euro's, bijv. 120000 of 120000,50."),
    ] = None,
) -> None:
    """Gebruik per gemeente en de verdeling van de kosten met de kostenverdeelsleutel."""
    from stuurdata.governance.costs import Period, cost_report, euros, parse_amount
    from stuurdata.workspace import Workspace

    with reported_errors():
        ws = Workspace.load(workspace)
        period = Period.parse(periode) if periode else Period.current_quarter()
        cents = parse_amount(bedrag) if bedrag is not None else None
        report = cost_report(ws, period, cents)
    title = f"Kosten en gebruik {report.period.label} ({report.builds} builds in de periode)"
    table = Table(title=title, title_justify="left")
    for header in (
        "gemeente",
        "sleutel",
        "aandeel",
        "bedrag",
        "rijen geladen",
        "verzoeken API/pagina",
        "dataverzoeken geleverd",
    ):
        table.add_column(header, overflow="fold")
    for tenant in report.tenants:
        share = f"{tenant.weight / report.key_total:.2%}" if tenant.weight else ""
        table.add_row(
            f"{tenant.code} {tenant.name}",
            "" if tenant.weight is None else f"{tenant.weight:g}",
            share,
            "" if tenant.share_cents is None else euros(tenant.share_cents),
            f"{tenant.rows_total:,}".replace(",", "."),
            str(tenant.requests),
            str(tenant.data_requests_handled),
        )
    console.print(table)
    if report.total_cents is not None:
        console.print(f"Totaal verdeeld: {euros(report.total_cents)} (tot op de cent).")
