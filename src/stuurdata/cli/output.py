# SPDX-License-Identifier: EUPL-1.2
"""What every CLI command shares: the consoles, the --workspace option, and how errors and
problems are shown (a table a data specialist can work through), with exit code 1."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from stuurdata.errors import Problem, ProblemsError, StuurdataError

MAX_ROWS = 200


def problem_table(problems: Sequence[Problem], title: str) -> Table:
    table = Table(title=title, show_lines=False, title_justify="left")
    for header in ("bestand", "rij", "kolom", "regel", "verwacht", "gevonden", "melding"):
        table.add_column(header, overflow="fold")
    for p in problems[:MAX_ROWS]:
        table.add_row(
            p.file,
            "" if p.row is None else str(p.row),
            p.column or "",
            p.rule,
            p.expected or "",
            p.found or "",
            p.message,
        )
    return table


def print_problems(console: Console, problems: Sequence[Problem], title: str) -> None:
    """A table on a terminal; one line per problem in logs and pipes (easy to grep)."""
    if console.is_terminal:
        console.print(problem_table(problems, title))
    else:
        console.print(title, markup=False)
        for problem in problems[:MAX_ROWS]:
            console.print(f"  - {problem}", markup=False, soft_wrap=True)
    if len(problems) > MAX_ROWS:
        console.print(f"... en nog {len(problems) - MAX_ROWS} problemen.")


console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)

WorkspaceOption = Annotated[
    Path,
    typer.Option(
        "--workspace", "-w", help="Map van de werkruimte (met stuurdata.yaml).", file_okay=False
    ),
]


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn Stuurdata's errors into a printed table and exit code 1."""
    try:
        yield
    except ProblemsError as exc:
        print_problems(err_console, exc.problems, str(exc.args[0]))
        err_console.print(
            f"[bold red]Afgewezen:[/] {exc.args[0]} ({len(exc.problems)} problemen). "
            "Er is niets geschreven."
        )
        raise typer.Exit(1) from None
    except StuurdataError as exc:
        err_console.print(f"[bold red]Fout:[/] {exc}")
        raise typer.Exit(1) from None
