# SPDX-License-Identifier: EUPL-1.2
"""Key figures of an area for its page: the latest published value of every indicator.

Read from ``published.indicators`` only; a suppressed value is shown with its reason
("geheim", "te weinig waarnemingen"), never as a number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import duckdb

from stuurdata.disclosure import reason_label
from stuurdata.portal.i18n import Language
from stuurdata.workspace.indicator import Indicator

LATEST_PER_INDICATOR = """
SELECT indicator, period, value, reason
FROM published.indicators
WHERE area_code = $code
QUALIFY row_number() OVER (PARTITION BY indicator ORDER BY period DESC) = 1
ORDER BY indicator
"""


@dataclass(frozen=True)
class KeyFigure:
    indicator: str
    title: str
    period: str
    value: str | None
    """The formatted value; None when suppressed."""
    reason: str | None
    """The reason label when suppressed."""
    unit: str


def format_number(value: float, decimals: int, language: Language) -> str:
    text = f"{value:,.{decimals}f}"
    if language == "nl":  # 1.234,5
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def key_figures(
    con: duckdb.DuckDBPyConnection,
    code: str,
    definitions: Mapping[str, Indicator],
    language: Language,
) -> list[KeyFigure]:
    """The latest value per indicator for ``code``; empty when nothing is published."""
    # (no local variable may be called 'indicators': DuckDB would scan it for the table)
    if not definitions:
        return []
    try:
        rows = con.execute(LATEST_PER_INDICATOR, {"code": code}).fetchall()
    except duckdb.CatalogException:  # a version built without indicators
        return []
    figures = []
    for indicator_id, period, value, reason in rows:
        definition = definitions.get(indicator_id)
        if definition is None:  # published by an older definition set: not explained here
            continue
        shown = value is not None and reason == "ok"
        figures.append(
            KeyFigure(
                indicator=indicator_id,
                title=definition.title.nl if language == "nl" else definition.title.en,
                period=str(period),
                value=format_number(value, definition.decimals, language) if shown else None,
                reason=None if shown else reason_label(reason, language),
                unit=definition.unit,
            )
        )
    return figures
