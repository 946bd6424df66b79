# SPDX-License-Identifier: EUPL-1.2
"""One SQL check per (column, rule): true for a row that breaks the rule.

Checks refer to the aliases of the validation query: ``v<i>`` (value), ``s<i>`` (text),
``x<i>`` (typed) and ``r<i>`` (raw text, for the problem's 'found') of declared column ``i``.
Rule names are those of :class:`stuurdata.workspace.config.ColumnRules`, plus ``required`` and
``type``, so a data specialist finds the rule in the source definition.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stuurdata.sources.rules.sql import literal
from stuurdata.workspace.config import Column, ColumnType

POSTCODE = r"[1-9][0-9]{3} ?[A-Z]{2}"
CODE_PATTERNS = {"gemeente": r"GM[0-9]{4}", "wijk": r"WK[0-9]{6}", "buurt": r"BU[0-9]{8}"}
CODE_RULES = {"gemeentecode": "gemeente", "wijkcode": "wijk", "buurtcode": "buurt"}
NUMERIC = (ColumnType.INTEGER, ColumnType.DECIMAL)
TYPE_NOUNS = {
    ColumnType.STRING: "tekst",
    ColumnType.INTEGER: "geheel getal",
    ColumnType.DECIMAL: "getal",
    ColumnType.DATE: "datum",
    ColumnType.TIMESTAMP: "tijdstip",
    ColumnType.BOOLEAN: "ja/nee-waarde",
    ColumnType.GEOMETRY: "geometrie",
}


@dataclass(frozen=True)
class Check:
    column: str
    rule: str
    violation: str
    message: str
    expected: str
    found: str
    """SQL giving the text shown as 'found' (masked later for protected columns)."""
    protected: bool = False
    detail: str | None = None
    """SQL giving extra text for the message (e.g. the other rows of a duplicate)."""


def elfproef_sql(text: str | None, number: str) -> str:
    """True for a valid BSN: 9 digits, not all zero, 9*d1 + 8*d2 + ... + 2*d8 - d9 = 0 mod 11.

    ``number`` is the value as BIGINT (computed a query level further in: integer arithmetic
    is far cheaper than nine substrings); ``text`` the value as text, None for integer columns.
    """
    weighted = " + ".join(f"{9 - i} * ({number} // {10 ** (8 - i)} % 10)" for i in range(8))
    shape = (
        f"regexp_full_match({text}, '[0-9]{{9}}')"
        if text is not None
        else f"{number} BETWEEN 0 AND 999999999"
    )
    return f"({shape} AND {number} <> 0 AND ({weighted} - {number} % 10) % 11 = 0)"


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def column_checks(
    column: Column,
    index: int,
    expected_type: str,
    *,
    protected: bool,
    boundary_year: int,
    today: dt.date,
) -> list[Check]:
    """The row checks of one declared column, in the order they are reported."""
    v, s, x, r = f"v{index}", f"s{index}", f"x{index}", f"r{index}"
    name = column.name
    rules = column.rules
    checks: list[Check] = []

    def add(rule: str, bad: str, message: str, expected: str) -> None:
        # Rules apply to present, well-typed values only; 'required' and 'type' cover the rest.
        checks.append(
            Check(name, rule, f"({x} IS NOT NULL AND ({bad}))", message, expected, r, protected)
        )

    if column.required:
        checks.append(
            Check(
                name,
                "required",
                f"{v} IS NULL",
                "verplichte waarde ontbreekt",
                "een waarde",
                "''",
                protected,
            )
        )
    checks.append(
        Check(
            name,
            "type",
            f"({v} IS NOT NULL AND {x} IS NULL)",
            f"waarde is geen {TYPE_NOUNS[column.type]}",
            expected_type,
            r,
            protected,
        )
    )
    if rules.elfproef:
        text = None if column.type is ColumnType.INTEGER else s
        add(
            "elfproef",
            f"NOT {elfproef_sql(text, f'n{index}')}",
            "BSN voldoet niet aan de elfproef",
            "9 cijfers die de elfproef doorstaan",
        )
    if rules.postcode:
        upper = f"upper({s})"
        add(
            "postcode",
            f"NOT (regexp_full_match({upper}, '{POSTCODE}') AND right({upper}, 2) NOT IN "
            "('SA', 'SD', 'SS'))",
            "ongeldige postcode",
            "vier cijfers (niet beginnend met 0) en twee letters, zoals 1234AB (niet SA, SD of SS)",
        )
    for rule, level in CODE_RULES.items():
        if getattr(rules, rule):
            add(
                rule,
                f"{s} NOT IN (SELECT code FROM known_{level})",
                f"{rule} bestaat niet in grensjaar {boundary_year}",
                f"een {rule} uit de indeling van {boundary_year}",
            )
    if rules.range is not None:
        low, high = rules.range.min, rules.range.max
        number = x if column.type in NUMERIC else f"TRY_CAST({x} AS DOUBLE)"
        parts = []
        if low is not None:
            parts.append(f"{number} < {low!r}")
        if high is not None:
            parts.append(f"{number} > {high!r}")
        if column.type not in NUMERIC:
            parts.append(f"{number} IS NULL")
        if parts:
            bounds = [
                f"minimaal {_fmt(low)}" if low is not None else "",
                f"maximaal {_fmt(high)}" if high is not None else "",
            ]
            add(
                "range",
                " OR ".join(parts),
                "waarde buiten het toegestane bereik",
                " en ".join(b for b in bounds if b),
            )
    if rules.date_range is not None and column.type in (ColumnType.DATE, ColumnType.TIMESTAMP):
        day = f"CAST({x} AS DATE)"
        low_d = rules.date_range.min
        high_d = today if rules.date_range.max == "today" else rules.date_range.max
        parts, bounds = [], []
        if low_d is not None:
            parts.append(f"{day} < DATE '{low_d.isoformat()}'")
            bounds.append(f"vanaf {low_d.isoformat()}")
        if isinstance(high_d, dt.date):
            parts.append(f"{day} > DATE '{high_d.isoformat()}'")
            label = (
                f"vandaag ({high_d.isoformat()})"
                if rules.date_range.max == "today"
                else high_d.isoformat()
            )
            bounds.append(f"tot en met {label}")
        if parts:
            add(
                "date_range",
                " OR ".join(parts),
                "datum buiten het toegestane bereik",
                " ".join(bounds),
            )
    if rules.one_of is not None:
        allowed = ", ".join(literal(str(o)) for o in rules.one_of)
        subject = s if column.type is ColumnType.STRING else f"CAST({x} AS VARCHAR)"
        add(
            "one_of",
            f"{subject} NOT IN ({allowed})",
            "waarde is niet toegestaan",
            "een van: " + ", ".join(str(o) for o in rules.one_of),
        )
    if rules.pattern is not None:
        add(
            "pattern",
            f"NOT regexp_full_match({s}, {literal(rules.pattern)})",
            "waarde past niet in het voorgeschreven patroon",
            f"patroon {rules.pattern}",
        )
    return checks
