# SPDX-License-Identifier: EUPL-1.2
"""``indicators/<id>.yaml``: one indicator, computed per area and period into the cube.

An indicator is either *direct* (``numerator`` and ``denominator`` are aggregate SQL expressions
over one model, its ``source``) or *derived* (both refer to other, additive indicators, e.g.
inhabitants per km² from inhabitants and land area). Both aggregate exactly up the hierarchy:
numerators and denominators are summed from buurt to wijk, gemeente and region; rates are never
averaged. The compiler lives in :mod:`stuurdata.indicators`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from stuurdata.workspace.config import IDENTIFIER, Classification, Strict

AreaLevelName = Literal["buurt", "wijk", "gemeente", "regio"]
AREA_LEVELS: tuple[AreaLevelName, ...] = ("buurt", "wijk", "gemeente", "regio")


class IndicatorKind(StrEnum):
    """What the value is; counts and sums are additive, the others are ratios."""

    COUNT = "count"
    """A number of units (persons, dwellings...): value = numerator."""
    SUM = "sum"
    """A total of amounts (jobs, euros...): value = numerator."""
    RATE = "rate"
    """Numerator per denominator times ``scale`` (e.g. per 1 000 inhabitants)."""
    SHARE = "share"
    """Part of a whole in percent (``scale: 100``); the numerator is a subset of the denominator."""
    MEAN = "mean"
    """Sum of values divided by the number of units (times ``scale``)."""

    @property
    def additive(self) -> bool:
        return self in (IndicatorKind.COUNT, IndicatorKind.SUM)


class Text(Strict):
    """A text in Dutch and English."""

    nl: str = Field(min_length=1)
    """Dutch text."""
    en: str = Field(min_length=1)
    """English text."""


class Period(Strict):
    """Which column of the source gives the period, and how it is written in the cube."""

    kind: Literal["peildatum", "jaar", "maand", "vast"]
    """peildatum: a date (YYYY-MM-DD); jaar: the year of a date (YYYY); maand: YYYY-MM;
    vast: no period in the data (e.g. land area): the workspace's boundary year."""
    column: str | None = Field(default=None, pattern=IDENTIFIER)
    """Date column of the source (not for 'vast')."""

    @model_validator(mode="after")
    def _column_needed(self) -> Period:
        if (self.kind == "vast") != (self.column is None):
            raise ValueError("'column' is verplicht, behalve bij kind: vast (dan leeg)")
        return self


class IndicatorRef(Strict):
    """Another indicator whose (additive) value is used as numerator or denominator."""

    indicator: str = Field(pattern=IDENTIFIER)
    """Id of the referenced indicator (a count or sum)."""


class CbsDefinition(Strict):
    """The matching CBS definition, so figures can be compared with CBS StatLine."""

    table: str = "85984NED"
    """StatLine table, e.g. 85984NED (Kerncijfers wijken en buurten 2024)."""
    key: str
    """Key of the topic in the table, e.g. AantalInwoners_5."""
    title: str
    """Title of the topic at CBS."""
    difference: str = ""
    """How this indicator differs from the CBS definition, if it does."""


class Indicator(Strict):
    """``indicators/<id>.yaml``: one indicator of the monitor."""

    id: str = Field(pattern=IDENTIFIER)
    """Identifier, unique in the workspace, e.g. bevolking_inwoners."""
    title: Text
    """Short title in Dutch and English."""
    description: Text
    """What is counted, how, and what it does not include."""
    unit: str
    """Unit as shown, e.g. 'aantal', '%', 'per 1 000 inwoners', 'x 1 000 euro'."""
    theme: str
    """Theme, e.g. bevolking, wonen, economie, sociaal-domein, dienstverlening, leefomgeving."""
    owner: str
    """Who answers for the definition (team or role)."""
    kind: IndicatorKind
    """count, sum, rate, share or mean; counts and sums add up, the others are ratios."""
    source: str | None = None
    """Model (``marts.<name>``, ``staging.<name>``) or area table (``areas.buurten``) the
    expressions aggregate over; empty for derived indicators."""
    area_column: str = Field(default="buurtcode", pattern=IDENTIFIER)
    """Column of the source with the area code of each row (current boundaries)."""
    area_level: Literal["buurt", "wijk", "gemeente"] = "buurt"
    """Level of ``area_column``; the indicator exists from this level up."""
    period: Period | None = None
    """Period column of the source; empty for derived indicators (they take the numerator's)."""
    filter: str | None = None
    """Optional SQL condition on the source's rows, applied to numerator and denominator."""
    numerator: str | IndicatorRef
    """Aggregate SQL expression over the source (e.g. ``count(*) FILTER (WHERE geslacht = 'V')``)
    or a reference to another indicator."""
    denominator: str | IndicatorRef | None = None
    """Aggregate SQL expression or indicator reference; required for rate, share and mean."""
    scale: float = 1.0
    """value = numerator / denominator * scale (100 for a percentage, 1000 per 1 000)."""
    population: str | None = Field(default=None, pattern=IDENTIFIER)
    """Indicator whose value is the population base for minimum-population rules (e.g. the
    number of inhabitants); default: the denominator."""
    decimals: int = Field(default=0, ge=0, le=6)
    """Decimals shown."""
    area_levels: list[AreaLevelName] = Field(default_factory=lambda: list(AREA_LEVELS))
    """Levels the indicator is computed and published for."""
    source_datasets: list[str] = Field(default_factory=list)
    """Datasets (``datasets/``) the figures come from, for the catalog."""
    classification: Classification
    """openbaar: published (through disclosure control); otherwise only in the internal cube."""
    disclosure_policy: str
    """Named disclosure policy, e.g. cbs-aantallen, cbs-sociaal-domein, cbs-percentage-10."""
    cbs: CbsDefinition | None = None
    """The matching CBS definition where CBS defines this indicator."""

    @property
    def derived(self) -> bool:
        return isinstance(self.numerator, IndicatorRef)

    def references(self) -> list[str]:
        """Indicators this one reads (numerator, denominator, population)."""
        found = [
            x.indicator for x in (self.numerator, self.denominator) if isinstance(x, IndicatorRef)
        ]
        return found + ([self.population] if self.population else [])

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.kind.additive and self.denominator is not None:
            raise ValueError(f"een indicator van soort '{self.kind}' heeft geen noemer")
        if not self.kind.additive and self.denominator is None:
            raise ValueError(f"een indicator van soort '{self.kind}' heeft een noemer nodig")
        if self.derived:
            if self.denominator is not None and not isinstance(self.denominator, IndicatorRef):
                raise ValueError(
                    "een afgeleide indicator verwijst ook in de noemer naar een indicator"
                )
            if self.source is not None or self.period is not None or self.filter is not None:
                raise ValueError("een afgeleide indicator heeft geen source, period of filter")
        else:
            if isinstance(self.denominator, IndicatorRef):
                raise ValueError(
                    "teller en noemer zijn allebei SQL-expressies of allebei verwijzingen"
                )
            if self.source is None or self.period is None:
                raise ValueError(
                    "een indicator met SQL-expressies heeft 'source' en 'period' nodig"
                )
        order = [AREA_LEVELS.index(level) for level in self.area_levels]
        if not order or len(set(order)) != len(order):
            raise ValueError("area_levels: minstens één niveau, elk niveau één keer")
        return self
