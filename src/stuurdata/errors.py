# SPDX-License-Identifier: EUPL-1.2
"""Errors that are part of Stuurdata's interface.

Every problem a data specialist must fix is a :class:`Problem`: where it is (file, row, column),
which rule it breaks, what was expected and what was found. Packages raise a subclass of
:class:`StuurdataError`; the CLI and API turn it into a message with the place and the fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, precise enough to find and fix it.

    ``row`` is the 1-based data row in a tabular file (the header is row 0) or the line in a
    text file; ``found`` must never hold a BSN or other direct identifier: callers mask it.
    """

    file: str
    rule: str
    message: str
    row: int | None = None
    column: str | None = None
    expected: str | None = None
    found: str | None = None

    def location(self) -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"rij {self.row}")
        if self.column is not None:
            parts.append(f"kolom {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: [{self.rule}] {self.message}"
        if self.expected is not None:
            text += f" (verwacht: {self.expected}"
            text += f"; gevonden: {self.found})" if self.found is not None else ")"
        return text


class StuurdataError(Exception):
    """Base of all errors Stuurdata raises on purpose."""


class ProblemsError(StuurdataError):
    """An input was rejected: carries every problem found, not just the first."""

    def __init__(self, summary: str, problems: Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = tuple(problems)
        super().__init__(summary)

    def __str__(self) -> str:
        head = super().__str__()
        lines = [head, *(f"  - {p}" for p in self.problems[:50])]
        if len(self.problems) > 50:
            lines.append(f"  ... en nog {len(self.problems) - 50} problemen")
        return "\n".join(lines)


class WorkspaceError(ProblemsError):
    """The workspace definitions are invalid (schema or semantic rules)."""


class SourceError(ProblemsError):
    """A source file breaks its declared format or rules; it is rejected whole."""


class AreaError(ProblemsError):
    """A boundary file is unreadable or its hierarchy is inconsistent."""


class BuildError(StuurdataError):
    """A warehouse build failed; the previously published version stays served."""


class SecretError(StuurdataError):
    """A secret (such as a pseudonymisation key) is missing or unreadable."""


class AppDatabaseError(StuurdataError):
    """The application database (users, audit log, requests) cannot be reached or migrated."""
