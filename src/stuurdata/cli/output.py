# SPDX-License-Identifier: EUPL-1.2
"""How the CLI shows problems: a table a data specialist can work through."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from stuurdata.errors import Problem

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
