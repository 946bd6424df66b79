# SPDX-License-Identifier: EUPL-1.2
"""``stuurdata scan``: no BSN and no pseudonym in any public output of the served version.

The scanning lives in :mod:`stuurdata.governance.scan`; this module only serves the portal app
in-process (no network port) so every public HTTP endpoint can be fetched, and prints.
Exit code 0 when clean, 1 when something was found.
"""

from __future__ import annotations

from pathlib import Path

import typer

from stuurdata.cli.output import WorkspaceOption, console, err_console, reported_errors
from stuurdata.errors import BuildError
from stuurdata.governance.scan import ScanReport


def scan_workspace(root: Path) -> ScanReport:
    """Scan the published tables and every public HTTP output of the workspace at ``root``."""
    from fastapi.testclient import TestClient

    from stuurdata.governance.scan_outputs import Fetched, scan_version
    from stuurdata.portal.app import create_app
    from stuurdata.warehouse import open_current
    from stuurdata.workspace import Workspace

    version = open_current(root, Workspace.load(root).config.engine.path)
    if version is None:
        raise BuildError(
            f"{root} heeft nog geen gepubliceerde versie; draai eerst 'stuurdata build'"
        )
    with TestClient(create_app(root), follow_redirects=False) as client:

        def get(url: str) -> Fetched:
            response = client.get(url)
            return Fetched(
                response.status_code, response.headers.get("content-type", ""), response.content
            )

        return scan_version(version, get)


def scan(workspace: WorkspaceOption = Path()) -> None:
    """Zoek BSN's en pseudoniemen in alles wat openbaar is (tabellen, downloads, API's, pagina's)."""
    with reported_errors():
        report = scan_workspace(workspace.resolve())
    console.print(
        f"{len(report.outputs)} openbare uitvoer gescand ({report.scanned_bytes:,} bytes via HTTP), "
        f"gezocht naar BSN's en {report.pseudonyms:,} pseudoniemen."
    )
    if report.clean:
        console.print("[green]Schoon:[/] geen BSN en geen pseudoniem gevonden.")
        return
    for finding in report.findings:
        err_console.print(f"  - {finding}", markup=False)
    err_console.print(f"[bold red]Gevonden:[/] {len(report.findings)} keer een BSN of pseudoniem.")
    raise typer.Exit(1)
