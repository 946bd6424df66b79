# SPDX-License-Identifier: EUPL-1.2
"""Dataset metadata after DCAT-AP-DONL 1.1, resolved from a definition and the build manifest.

A dataset definition may leave most catalog fields out; :func:`describe` fills them from the
workspace (publisher: the region or the only tenant; spatial: every tenant; contact point: the
owner; access rights: from the classification) and from the manifest (modified: the build that
published the version). Every download format is one distribution at
``/datasets/{name}/download.{ext}``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stuurdata.catalog.freshness import Freshness, freshness
from stuurdata.catalog.vocabularies import (
    ACCESS_RIGHTS,
    FREQUENCIES,
    LANGUAGES,
    LICENSES,
    STATUSES,
    THEMES,
    TOOI_GEMEENTE,
    WOO_CATEGORIES,
    WOO_GROUNDS,
    Term,
)
from stuurdata.warehouse.manifest import DatasetRun, Manifest
from stuurdata.workspace.config import (
    Classification,
    ContactPoint,
    Dataset,
    Temporal,
    WorkspaceConfig,
)

SPATIAL_COLUMNS = frozenset(
    {"geometry", "geometry_wkb", "geom", "buurtcode", "wijkcode", "gemeentecode"}
)
"""Columns that make a dataset spatial: a geometry, or an area code the areas can be joined on."""


@dataclass(frozen=True)
class DownloadFormat:
    """One download format, the same for every dataset that offers it."""

    ext: str
    """File extension in ``/datasets/{name}/download.{ext}``."""
    format: str
    """CKAN ``format`` and DCAT file type label."""
    media_type: str
    filetype: str
    """Code in the EU file-type list (mdr:filetype)."""
    nl: str
    en: str
    spatial_only: bool = False


DOWNLOAD_FORMATS: tuple[DownloadFormat, ...] = (
    DownloadFormat("csv", "CSV", "text/csv", "CSV", "CSV (UTF-8, komma)", "CSV (UTF-8, comma)"),
    DownloadFormat(
        "excel.csv",
        "CSV",
        "text/csv",
        "CSV",
        "CSV voor Excel (puntkomma, decimale komma, BOM)",
        "CSV for Dutch Excel (semicolon, decimal comma, BOM)",
    ),
    DownloadFormat(
        "parquet", "Parquet", "application/vnd.apache.parquet", "PARQUET", "Parquet", "Parquet"
    ),
    DownloadFormat("json", "JSON", "application/json", "JSON", "JSON", "JSON"),
    DownloadFormat(
        "xlsx",
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "XLSX",
        "Excel-werkmap (XLSX)",
        "Excel workbook (XLSX)",
    ),
    DownloadFormat(
        "geojson",
        "GeoJSON",
        "application/geo+json",
        "GEOJSON",
        "GeoJSON (WGS84)",
        "GeoJSON (WGS84)",
        True,
    ),
    DownloadFormat(
        "gpkg",
        "GeoPackage",
        "application/geopackage+sqlite3",
        "GPKG",
        "GeoPackage (RD New)",
        "GeoPackage (RD New)",
        True,
    ),
)


def is_spatial(columns: list[str] | tuple[str, ...]) -> bool:
    """True when a dataset has a geometry or an area code column (so GeoJSON/GeoPackage exist)."""
    return any(c in SPATIAL_COLUMNS for c in columns)


@dataclass(frozen=True)
class Distribution:
    """One download of a dataset (DCAT distribution, CKAN resource)."""

    dataset: str
    kind: DownloadFormat

    @property
    def path(self) -> str:
        """Path on the portal, relative to its base URL."""
        return f"/datasets/{self.dataset}/download.{self.kind.ext}"

    @property
    def id(self) -> str:
        return f"{self.dataset}.{self.kind.ext}"


@dataclass(frozen=True)
class Organisation:
    """A publisher or a gemeente the data covers: a tenant gemeente or the region."""

    code: str
    name: str

    @property
    def slug(self) -> str:
        """CKAN name of the organisation, e.g. ``gm0534``."""
        return self.code.lower()

    @property
    def uri(self) -> str | None:
        """TOOI URI for a gemeente; None for a region (no official identifier)."""
        return TOOI_GEMEENTE + self.slug if self.code.startswith("GM") else None


@dataclass(frozen=True)
class WooExceptionTerm:
    ground: Term
    reason: str


@dataclass(frozen=True)
class DatasetMetadata:
    """Everything the catalog says about one dataset of the published version."""

    name: str
    title: str
    description: str
    keywords: tuple[str, ...]
    owner: str
    classification: Classification | None
    model: str
    rows: int
    columns: tuple[str, ...]
    theme: Term | None
    frequency: Term | None
    license: Term | None
    license_id: str
    access_rights: Term
    status: Term
    languages: tuple[Term, ...]
    publisher: Organisation
    contact_point: ContactPoint
    spatial: tuple[Organisation, ...]
    temporal: Temporal | None
    identifier: str | None
    """Explicit persistent URI; None: the portal page (see :meth:`uri`)."""
    landing_page: str | None
    issued: dt.date | None
    modified: dt.datetime
    """When the version holding this dataset was built (manifest ``finished_at``)."""
    version_id: str
    woo_category: Term | None
    woo_exception: WooExceptionTerm | None
    distributions: tuple[Distribution, ...]

    def page(self, base_url: str) -> str:
        return f"{base_url.rstrip('/')}/datasets/{self.name}"

    def uri(self, base_url: str) -> str:
        """The dataset's identifier: explicit, or its page on the portal."""
        return self.identifier or self.page(base_url)

    def freshness(self, now: dt.datetime | None = None) -> Freshness:
        code = self.frequency.code if self.frequency else None
        return freshness(code, self.modified, now or dt.datetime.now(dt.UTC))


def default_publisher(config: WorkspaceConfig) -> Organisation:
    """The region when the platform is shared, else the first tenant."""
    if config.region is not None:
        return Organisation(config.region.code, config.region.name)
    tenant = config.tenants[0]
    return Organisation(tenant.code, tenant.name)


def organisations(config: WorkspaceConfig) -> dict[str, Organisation]:
    """Every organisation that may publish: the tenants and the region, by code."""
    found = {t.code: Organisation(t.code, t.name) for t in config.tenants}
    if config.region is not None:
        found[config.region.code] = Organisation(config.region.code, config.region.name)
    return found


def access_rights_of(dataset: Dataset) -> Term:
    """Explicit openbaarheidsniveau, else from the classification (openbaar: publiek)."""
    if dataset.access_rights:
        return ACCESS_RIGHTS[dataset.access_rights]
    if dataset.classification == Classification.OPENBAAR:
        return ACCESS_RIGHTS["publiek"]
    if dataset.classification == Classification.INTERN:
        return ACCESS_RIGHTS["beperkt"]
    return ACCESS_RIGHTS["niet_publiek"]


def describe(
    dataset: Dataset, run: DatasetRun, config: WorkspaceConfig, manifest: Manifest
) -> DatasetMetadata:
    """The catalog metadata of ``dataset`` as built in ``manifest`` (run: its manifest entry)."""
    known = organisations(config)
    publisher = known.get(dataset.publisher or "", default_publisher(config))
    spatial_codes = dataset.spatial or [t.code for t in config.tenants]
    spatial = tuple(known.get(code, Organisation(code, code)) for code in spatial_codes)
    columns = tuple(run.columns)
    formats = [f for f in DOWNLOAD_FORMATS if is_spatial(columns) or not f.spatial_only]
    exception = None
    if dataset.woo_exception is not None:
        ground = WOO_GROUNDS[dataset.woo_exception.ground]
        exception = WooExceptionTerm(ground, dataset.woo_exception.reason)
    languages = tuple(t for t in (LANGUAGES.find(code) for code in dataset.language) if t)
    return DatasetMetadata(
        name=dataset.name,
        title=dataset.title,
        description=dataset.description.strip(),
        keywords=tuple(dataset.keywords),
        owner=dataset.owner,
        classification=dataset.classification,
        model=dataset.model,
        rows=run.rows,
        columns=columns,
        theme=THEMES.find(dataset.theme) if dataset.theme else None,
        frequency=FREQUENCIES.find(dataset.frequency) if dataset.frequency else None,
        license=LICENSES.find(dataset.license),
        license_id=dataset.license,
        access_rights=access_rights_of(dataset),
        status=STATUSES[dataset.status],
        languages=languages or (LANGUAGES["nl"],),
        publisher=publisher,
        contact_point=dataset.contact_point or ContactPoint(name=dataset.owner),
        spatial=spatial,
        temporal=dataset.temporal,
        identifier=dataset.identifier,
        landing_page=dataset.landing_page,
        issued=dataset.issued,
        modified=manifest.finished_at,
        version_id=manifest.version_id,
        woo_category=WOO_CATEGORIES.find(dataset.woo_category) if dataset.woo_category else None,
        woo_exception=exception,
        distributions=tuple(Distribution(dataset.name, f) for f in formats),
    )
