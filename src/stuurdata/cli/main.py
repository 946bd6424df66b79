# SPDX-License-Identifier: EUPL-1.2
"""``stuurdata init | validate | schema | ingest | build | serve | demo``.

Every command parses its arguments, calls the library and prints; the work lives in the library.
Exit codes: 0 done, 1 the input was rejected (the problems are printed), 2 wrong usage.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from stuurdata.cli.output import WorkspaceOption, console, err_console, reported_errors
from stuurdata.errors import WorkspaceError

app = typer.Typer(
    name="stuurdata",
    help="Stuurdata: datagedreven sturing voor gemeenten.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="Nieuwe map voor de werkruimte.")],
    name: Annotated[str, typer.Option("--naam", help="Naam van de werkruimte.")] = "Mijn gemeente",
    gemeente: Annotated[
        list[str] | None,
        typer.Option(
            "--gemeente", help="Gemeente als CODE=NAAM, bijv. GM0534=Hillegom (herhaalbaar)."
        ),
    ] = None,
    year: Annotated[
        int, typer.Option("--grenzenjaar", help="Jaar van de wijk- en buurtindeling.")
    ] = 2024,
) -> None:
    """Maak een nieuwe, lege werkruimte."""
    from stuurdata.workspace.init import create_workspace

    with reported_errors():
        tenants = [_parse_tenant(item) for item in (gemeente or ["GM0000=Voorbeeldgemeente"])]
        created = create_workspace(path, name, tenants, year)
    console.print(f"Werkruimte gemaakt in [bold]{path}[/]: {', '.join(str(p) for p in created)}")


def _parse_tenant(item: str) -> tuple[str, str]:
    code, sep, naam = item.partition("=")
    if not sep or not naam:
        raise typer.BadParameter(f"verwacht CODE=NAAM, gevonden '{item}'")
    return code.strip(), naam.strip()


@app.command()
def validate(workspace: WorkspaceOption = Path()) -> None:
    """Controleer de werkruimte: eerst het schema, dan de samenhang tussen bestanden."""
    from stuurdata.catalog import check_metadata
    from stuurdata.workspace import Workspace
    from stuurdata.workspace.rules import RULES

    with reported_errors():
        ws = Workspace.load(workspace)
        problems = ws.check() + check_metadata(ws)
        if problems:
            raise WorkspaceError("de werkruimte bevat fouten", problems)
    console.print(
        f"[green]In orde:[/] {len(ws.sources)} bronnen, {len(ws.models)} modellen, "
        f"{len(ws.datasets)} datasets; schema en {len(RULES)} samenhangregels gecontroleerd."
    )


@app.command()
def schema(
    name: Annotated[str, typer.Argument(help="stuurdata, source of dataset.")] = "stuurdata",
) -> None:
    """Druk het JSON-schema van een werkruimtebestand af."""
    from stuurdata.workspace.schema import SCHEMAS, shipped

    if name not in SCHEMAS:
        err_console.print(f"Onbekend schema '{name}'; kies uit: {', '.join(SCHEMAS)}.")
        raise typer.Exit(2)
    sys.stdout.write(shipped(name))


@app.command()
def ingest(
    workspace: WorkspaceOption = Path(),
    source: Annotated[
        list[str] | None,
        typer.Option("--source", "-s", help="Alleen deze bron(nen) (herhaalbaar)."),
    ] = None,
) -> None:
    """Controleer aangeleverde bestanden tegen hun bronbeschrijving. Schrijft niets."""
    from rich.table import Table

    from stuurdata.warehouse import check_sources
    from stuurdata.workspace import Workspace

    with reported_errors():
        ws = Workspace.load(workspace)
        results = check_sources(ws, only=source)
    table = Table(title="Bronnen gecontroleerd (niets geschreven)", title_justify="left")
    for header in ("bron", "rijen in", "geladen", "afgewezen", "seconden"):
        table.add_column(header, justify="right" if header != "bron" else "left")
    for r in results:
        table.add_row(
            r.name,
            f"{r.rows_in:,}",
            f"{r.rows_loaded:,}",
            f"{r.rows_rejected:,}",
            f"{r.seconds:.1f}",
        )
    console.print(table)


@app.command()
def build(workspace: WorkspaceOption = Path()) -> None:
    """Laad de bronnen, draai de modellen en publiceer een nieuwe versie (atomair)."""
    from stuurdata.catalog import check_metadata
    from stuurdata.cli.progress import RichBuildProgress
    from stuurdata.warehouse import build as run_build
    from stuurdata.workspace import Workspace

    with reported_errors():
        ws = Workspace.load(workspace)
        problems = ws.check() + check_metadata(ws)
        if problems:
            raise WorkspaceError("de werkruimte bevat fouten", problems)
        with RichBuildProgress(console) as progress:
            manifest = run_build(ws, progress=progress)
    rows = sum(s.rows_loaded for s in manifest.sources)
    console.print(
        f"[green]Versie {manifest.version_id} gepubliceerd[/] in {manifest.seconds:.1f} s: "
        f"{len(manifest.sources)} bronnen ({rows:,} rijen), {len(manifest.models)} modellen, "
        f"{len(manifest.datasets)} datasets."
    )


@app.command()
def serve(
    workspace: WorkspaceOption = Path(),
    host: Annotated[str, typer.Option(help="Adres om op te luisteren.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Poort.")] = 8000,
) -> None:
    """Start het portaal (open data, kaart, datasets)."""
    import uvicorn

    from stuurdata.portal.app import create_app

    with reported_errors():
        application = create_app(workspace.resolve())
    console.print(f"Portaal op [bold]http://{host}:{port}[/] (Ctrl+C stopt)")
    uvicorn.run(application, host=host, port=port, log_level="info")


@app.command()
def demo(
    path: Annotated[Path, typer.Argument(help="Map voor de demowerkruimte.")] = Path(
        "examples/demo-regio"
    ),
    seed: Annotated[
        int, typer.Option(help="Zaadgetal: dezelfde waarde geeft dezelfde bestanden.")
    ] = 42,
    persons: Annotated[
        int | None,
        typer.Option("--personen", help="Aantal inwoners (standaard: drie gemeenten, ca. 84.000)."),
    ] = None,
) -> None:
    """Genereer de synthetische demoregio (fictieve gemeenten) met alle bronbestanden."""
    from rich.progress import Progress

    from stuurdata.demo import generate_demo

    with reported_errors(), Progress(console=console) as bar:
        task = bar.add_task("gemeenten genereren", total=None)

        def advance(step: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        summary = generate_demo(path, seed=seed, persons=persons, progress=advance)
    console.print(
        f"[green]Synthetische demoregio gemaakt in {path}[/] in {summary.seconds:.0f} s: "
        f"{len(summary.gemeenten)} fictieve gemeenten, {summary.wijken} wijken, "
        f"{summary.buurten} buurten, {summary.persons:,} personen, "
        f"{summary.verblijfsobjecten:,} verblijfsobjecten, {len(summary.files)} bestanden."
    )
    console.print(f"Volgende stap: [bold]stuurdata build --workspace {path}[/]")


def _add_subcommands() -> None:
    from stuurdata.cli.audit import app as audit_app
    from stuurdata.cli.indicators import app as indicators_app
    from stuurdata.cli.users import app as users_app

    app.add_typer(indicators_app, name="indicators")
    app.command("kosten")(importlib.import_module("stuurdata.cli.kosten").kosten)
    app.command("scan")(importlib.import_module("stuurdata.cli.scan").scan)
    app.add_typer(users_app, name="users")
    app.add_typer(audit_app, name="audit")


_add_subcommands()


def main(argv: list[str] | None = None) -> None:
    command: Callable[..., object] = typer.main.get_command(app)
    command(args=argv, prog_name="stuurdata")


if __name__ == "__main__":  # pragma: no cover
    main()
