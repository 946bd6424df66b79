# SPDX-License-Identifier: EUPL-1.2
"""Typed responses of the REST JSON API (:mod:`stuurdata.api.rest`), documented in OpenAPI."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from stuurdata.disclosure import ReasonCode, reason_label

Scalar = str | int | float | bool | None
"""One cell: text, number, boolean or null (dates and times as ISO 8601 text)."""


class Out(BaseModel):
    model_config = ConfigDict(frozen=True, use_attribute_docstrings=True)


class ReasonLabel(Out):
    """Why a value is missing, in Dutch and English (e.g. 'geheim' / 'confidential')."""

    code: str
    """Reason code: geheim, te-weinig-waarnemingen, geheim-afgeleid or ontbreekt."""
    nl: str
    en: str

    @classmethod
    def of(cls, code: str) -> ReasonLabel:
        return cls(code=code, nl=reason_label(code, "nl"), en=reason_label(code, "en"))


def reason_or_none(code: str | None) -> ReasonLabel | None:
    """The label of a suppression reason; None for a published value."""
    if code is None or code == ReasonCode.OK.value:
        return None
    return ReasonLabel.of(code)


class Page(Out):
    total: int = Field(ge=0)
    """Items matching the query, over all pages."""
    limit: int = Field(ge=1)
    offset: int = Field(ge=0)
    next: str | None
    """URL of the next page; null on the last page."""


class ColumnOut(Out):
    name: str
    type: str
    """Column type, e.g. BIGINT, DOUBLE, VARCHAR, DATE."""
    disclosure_policy: str | None
    """Disclosure policy the column is protected with (null: published as is)."""
    reason_column: str | None
    """Column that holds the reason when a value is suppressed (``<column>_reden``)."""


class DatasetLinks(Out):
    self: str
    rows: str
    downloads: dict[str, str]
    """Download URL per format: csv, excel.csv, parquet, json, xlsx (geojson, gpkg if spatial)."""


class DatasetOut(Out):
    name: str
    title: str
    description: str
    theme: str | None
    license: str
    keywords: list[str]
    rows: int = Field(ge=0)
    version_id: str
    """Warehouse version the data comes from."""
    spatial: bool
    columns: list[ColumnOut]
    links: DatasetLinks


class DatasetList(Page):
    items: list[DatasetOut]


class RowsPage(Page):
    dataset: str
    version_id: str
    columns: list[str]
    rows: list[dict[str, Scalar]]
    """One object per row; a suppressed cell is null and its ``<column>_reden`` says why."""
    reasons: list[ReasonLabel]
    """Labels of the reason codes that occur on this page."""


class AreaRef(Out):
    code: str
    name: str
    level: str


class AreaOut(Out):
    code: str
    name: str
    level: str
    """regio, gemeente, wijk or buurt."""
    parent_code: str | None
    year: int
    water: bool
    area_m2: float | None
    lon: float | None
    """Centroid longitude (WGS84)."""
    lat: float | None
    children: list[AreaRef]
    """Wijken of a gemeente, buurten of a wijk, gemeenten of a region."""


class TextOut(Out):
    nl: str
    en: str


class IndicatorOut(Out):
    id: str
    title: TextOut
    description: TextOut
    unit: str
    theme: str
    kind: str
    area_levels: list[str]
    disclosure_policy: str
    cbs_key: str | None
    """Matching CBS Kerncijfers key, if any."""
    values: str
    """URL of this indicator's published values."""


class IndicatorList(Page):
    items: list[IndicatorOut]


class ValueOut(Out):
    indicator: str
    period: str
    area_code: str
    area_level: str
    value: float | None
    """Published (possibly rounded) value; null when suppressed or missing."""
    reason: str
    """ok, or why the value is null."""
    reason_label: ReasonLabel | None
    rounded: bool


class ValuesPage(Page):
    version_id: str
    items: list[ValueOut]
