# SPDX-License-Identifier: EUPL-1.2
"""``dashboards/<id>.yaml``: a dashboard of panels over published indicators.

A dashboard has filters (the area and the year, plain GET parameters) and panels; each panel is
a key figure, a chart or a table of indicators. Semantic rules (indicators exist and are
openbaar, levels and periods fit the indicators) live in :mod:`stuurdata.dashboards.rules`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from stuurdata.workspace.config import IDENTIFIER, Strict
from stuurdata.workspace.indicator import AREA_LEVELS, AreaLevelName, Text

PERIOD = r"^\d{4}(-\d{2}(-\d{2})?)?$"
"""A period as written in the cube: YYYY, YYYY-MM or YYYY-MM-DD."""


DEFAULT_FILTER_LEVELS: tuple[AreaLevelName, ...] = ("regio", "gemeente")


class PanelKind(StrEnum):
    """What a panel shows."""

    KEYFIGURE = "keyfigure"
    """One indicator: the value of the chosen area, next to its gemeente and region."""
    TREND = "trend"
    """A line chart over all periods of the chosen area (one line per indicator)."""
    BARS = "bars"
    """A bar chart of one indicator per area of ``level`` within the chosen area."""
    TABLE = "table"
    """A table: areas of ``level`` within the chosen area (rows) by indicators (columns)."""


class Panel(Strict):
    """One panel of a dashboard: a key figure, a chart or a table."""

    id: str = Field(pattern=IDENTIFIER)
    """Identifier, unique in the dashboard (used in the CSV download address)."""
    kind: PanelKind
    """keyfigure, trend (line chart), bars (bar chart) or table."""
    title: Text
    """Title in Dutch and English."""
    description: Text | None = None
    """Optional explanation shown under the title."""
    indicators: list[str] = Field(min_length=1, max_length=12)
    """Indicator ids (``indicators/``); keyfigure and bars take exactly one."""
    level: AreaLevelName | None = None
    """For bars and table: the areas shown (e.g. wijk: every wijk of the chosen gemeente);
    empty: the chosen area itself."""
    period: str | None = Field(default=None, pattern=PERIOD)
    """A fixed period (e.g. 2024 or 2025-01-01) instead of the year filter; not for trend."""

    @model_validator(mode="after")
    def _consistent(self) -> Panel:
        single = (PanelKind.KEYFIGURE, PanelKind.BARS)
        if self.kind in single and len(self.indicators) != 1:
            raise ValueError(f"een paneel van soort '{self.kind}' toont precies één indicator")
        if len(set(self.indicators)) != len(self.indicators):
            raise ValueError("elke indicator staat maar één keer in een paneel")
        if self.kind is PanelKind.TREND and self.period is not None:
            raise ValueError("een trend toont alle perioden: laat 'period' leeg")
        if self.kind is PanelKind.BARS and self.level is None:
            raise ValueError("een staafdiagram heeft een 'level' nodig (bv. wijk of buurt)")
        return self


class Filters(Strict):
    """The filters of a dashboard: which areas can be chosen, which one first."""

    area_levels: list[AreaLevelName] = Field(default_factory=lambda: list(DEFAULT_FILTER_LEVELS))
    """Levels that can be chosen in the area filter (e.g. regio, gemeente, wijk)."""
    default_area: str | None = Field(default=None, pattern=r"^[A-Z]{2}[0-9A-Z]{2,8}$")
    """Area shown first; default: the region, else the first gemeente."""

    @model_validator(mode="after")
    def _levels(self) -> Filters:
        order = [AREA_LEVELS.index(level) for level in self.area_levels]
        if not order or len(set(order)) != len(order):
            raise ValueError("area_levels: minstens één niveau, elk niveau één keer")
        return self


class Dashboard(Strict):
    """``dashboards/<id>.yaml``: one dashboard of the portal (/dashboards/<id>)."""

    id: str = Field(pattern=IDENTIFIER)
    """Identifier, unique in the workspace, e.g. monitor_sociaal_domein."""
    title: Text
    """Title in Dutch and English."""
    description: Text
    """What the dashboard is for and for whom."""
    owner: str
    """Who answers for the dashboard (team or role)."""
    audience: Literal["iedereen", "bestuur", "raad", "organisatie"] = "iedereen"
    """Intended audience; every dashboard shows only openbaar, protected figures."""
    filters: Filters = Field(default_factory=Filters)
    """The area filter; the year filter lists the years with published values."""
    panels: list[Panel] = Field(min_length=1, max_length=40)
    """The panels, in order."""

    @model_validator(mode="after")
    def _unique_panels(self) -> Dashboard:
        ids = [panel.id for panel in self.panels]
        doubles = sorted({i for i in ids if ids.count(i) > 1})
        if doubles:
            raise ValueError(f"paneel-id's komen dubbel voor: {', '.join(doubles)}")
        return self

    def panel(self, panel_id: str) -> Panel | None:
        return next((p for p in self.panels if p.id == panel_id), None)

    def indicator_ids(self) -> list[str]:
        """Every indicator of the dashboard, in first-use order."""
        seen: dict[str, None] = {}
        for panel in self.panels:
            for indicator_id in panel.indicators:
                seen.setdefault(indicator_id, None)
        return list(seen)
