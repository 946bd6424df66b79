# SPDX-License-Identifier: EUPL-1.2
"""``stuurdata audit verify | list``: the hash-chained audit log of access to non-public data.

``verify`` exits 1 and names the first bad line when a line was edited or deleted, or lines
at the end were removed (the checkpoint no longer matches).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from stuurdata.cli.output import WorkspaceOption, console, err_console, reported_errors

if TYPE_CHECKING:
    from stuurdata.governance.audit import AuditLog

app = typer.Typer(name="audit", help="Auditlog van toegang tot niet-openbare gegevens.")


def _log(workspace: Path) -> AuditLog:
    from stuurdata.appdb import open_app_database
    from stuurdata.governance.audit import AuditLog

    return AuditLog(open_app_database(workspace.resolve()).engine)


@app.command("verify")
def verify(workspace: WorkspaceOption = Path()) -> None:
    """Controleer de hash-keten van het auditlog; exit 1 bij een gewijzigde of ontbrekende regel."""
    with reported_errors():
        result = _log(workspace).verify()
    if not result.ok:
        err_console.print(
            f"[bold red]Auditlog niet intact[/] (regel {result.bad_line}): {result.message}"
        )
        raise typer.Exit(1)
    console.print(f"[green]Auditlog intact:[/] {result.message}.")


@app.command("list")
def list_lines(
    workspace: WorkspaceOption = Path(),
    last: Annotated[int, typer.Option("--laatste", help="Toon de laatste N regels.")] = 50,
) -> None:
    """De laatste regels van het auditlog: wie, wat, wanneer, doel, uitkomst, herkomst."""
    with reported_errors():
        lines = list(_log(workspace).lines())[-last:]
    table = Table(title=f"laatste {len(lines)} regels", title_justify="left")
    for header in ("nr", "tijd", "wie", "actie", "gegevens", "doel", "uitkomst", "ip"):
        table.add_column(header, overflow="fold")
    for line in lines:
        table.add_row(
            *(
                str(line.get(k) or "")
                for k in (
                    "seq",
                    "at",
                    "actor_name",
                    "action",
                    "resource",
                    "purpose",
                    "result",
                    "ip",
                )
            )
        )
    console.print(table)
