# SPDX-License-Identifier: EUPL-1.2
"""Typed workspace definitions: ``stuurdata.yaml``, ``sources/*.yaml`` and ``datasets/*.yaml``.

These pydantic models are the single source of the workspace JSON Schema shipped in the package
(``stuurdata schema``). Semantic rules that span files live in :mod:`stuurdata.workspace.rules`.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

GEMEENTECODE = r"^GM\d{4}$"
WIJKCODE = r"^WK\d{4}[0-9A-Z]{2}$"
BUURTCODE = r"^BU\d{4}[0-9A-Z]{4}$"
IDENTIFIER = r"^[a-z][a-z0-9_]*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Classification(StrEnum):
    """How sensitive data is; access and publication follow from it and nowhere else."""

    OPENBAAR = "openbaar"
    INTERN = "intern"
    VERTROUWELIJK = "vertrouwelijk"
    PERSOONSGEGEVENS = "persoonsgegevens"
    BIJZONDERE_PERSOONSGEGEVENS = "bijzondere_persoonsgegevens"

    @property
    def is_personal(self) -> bool:
        return self in (Classification.PERSOONSGEGEVENS, Classification.BIJZONDERE_PERSOONSGEGEVENS)


class SecretRef(Strict):
    """A reference to a secret: an environment variable or a file. Never the secret itself."""

    env: str | None = Field(default=None, pattern=r"^[A-Z][A-Z0-9_]*$")
    """Name of the environment variable that holds the secret."""
    file: str | None = None
    """Path of a file that holds the secret (relative paths are resolved against the workspace)."""

    @model_validator(mode="after")
    def _exactly_one(self) -> SecretRef:
        if (self.env is None) == (self.file is None):
            raise ValueError("geef precies één van 'env' of 'file'")
        return self


class Tenant(Strict):
    """A gemeente on the platform."""

    code: str = Field(pattern=GEMEENTECODE)
    """CBS gemeentecode, e.g. GM0534."""
    name: str
    """Name of the gemeente."""


class Region(Strict):
    """Several gemeenten sharing one platform, with the key that splits its cost."""

    code: str = Field(pattern=r"^[A-Z]{2}[0-9A-Z]{2,8}$")
    """Region code, e.g. RG99 for the demo region."""
    name: str
    members: list[str] = Field(min_length=2)
    """Gemeentecodes of the member gemeenten."""
    cost_key: dict[str, float] = Field(default_factory=dict)
    """Share of the cost per gemeentecode, e.g. {GM0534: 1, GM0553: 1.17, GM1525: 1.94}."""

    @field_validator("cost_key")
    @classmethod
    def _positive(cls, value: dict[str, float]) -> dict[str, float]:
        for code, weight in value.items():
            if weight <= 0:
                raise ValueError(f"kostenverdeelsleutel voor {code} moet groter dan 0 zijn")
        return value


class Purpose(Strict):
    """A registered purpose (doelbinding) for processing personal data."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    """Purpose id, referenced by sources (e.g. monitor-sociaal-domein)."""
    title: str
    legal_basis: str
    """The legal basis (grondslag), e.g. 'Wet maatschappelijke ondersteuning 2015, art. 5.1.1'."""
    key: SecretRef
    """Where the HMAC key for this purpose's pseudonyms is kept (never in the workspace)."""


class AreaFiles(Strict):
    """Boundary files of the workspace's boundary year (CBS Wijk- en buurtkaart or generated)."""

    gemeenten: str
    """Gemeente boundaries (GeoJSON, TopoJSON or GeoPackage), relative to the workspace."""
    wijken: str
    """Wijk boundaries, relative to the workspace."""
    buurten: str
    """Buurt boundaries, relative to the workspace."""


class EngineConfig(Strict):
    """Which warehouse engine builds and serves the workspace."""

    kind: Literal["duckdb", "postgres", "spark"] = "duckdb"
    """Engine: duckdb (embedded, default), postgres or spark."""
    path: str = ".stuurdata/warehouse"
    """Folder of the versioned warehouse (DuckDB)."""
    keep_versions: int = Field(default=3, ge=1)
    """How many complete versions to keep after a successful build."""
    dsn: SecretRef | None = None
    """Connection string for server engines (PostgreSQL), by reference."""
    threads: int | None = Field(default=None, ge=1)
    """Worker threads for the engine; default: all cores."""
    memory_limit: str | None = None
    """Engine memory limit, e.g. '6GB' (Spark: the driver memory, default half the machine's)."""
    master: str | None = None
    """Spark master URL; default local[<threads or *>]."""


class DisclosureConfig(Strict):
    """Disclosure control of everything published from the indicator cube."""

    seed: SecretRef
    """The release secret that keys random rounding (same seed: same rounding within a release)."""


RoleName = Literal[
    "publiek", "medewerker", "analist", "data-eigenaar", "beheerder", "privacy-officer"
]  # fmt: skip


class BasemapConfig(Strict):
    """A base map under the choropleths: a MapLibre style served from the portal's own origin
    (the Content-Security-Policy allows no other), e.g. a PDOK BRT style copied locally."""

    style_url: str = Field(pattern=r"^/[^/\\]")
    """Path of the style JSON on the portal's origin, e.g. '/static/basiskaart/style.json'."""


class PortalConfig(Strict):
    """Settings of the portal."""

    basemap: BasemapConfig | None = None
    """Without a base map the areas are drawn on a plain background (no tiles needed)."""


class AppDatabaseConfig(Strict):
    """Where the application database (accounts, sessions, tokens, audit log) lives."""

    url: SecretRef | None = None
    """SQLAlchemy URL by reference (it holds a password), e.g. a PostgreSQL URL in an
    environment variable; default: SQLite at .stuurdata/app/app.db."""


class ClaimMapping(Strict):
    """Roles, gemeenten and purposes a user gets when an ID-token claim holds a value."""

    claim: str = "roles"
    """Name of the claim (a string or a list of strings), e.g. 'roles' or 'groups'."""
    value: str
    """The value the claim must hold, e.g. 'stuurdata-analist-hillegom'."""
    roles: list[RoleName] = Field(default_factory=list)
    """Roles granted."""
    gemeenten: list[str] = Field(default_factory=list)
    """Gemeentecodes granted (scope of the user's access)."""
    purposes: list[str] = Field(default_factory=list)
    """Purpose ids (doelbinding) granted."""

    @field_validator("gemeenten")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not re.fullmatch(GEMEENTECODE, code):
                raise ValueError(f"'{code}' is geen gemeentecode (GM gevolgd door 4 cijfers)")
        return value


class OidcConfig(Strict):
    """Sign-in with OpenID Connect (Entra ID, Keycloak): authorization code flow with PKCE."""

    issuer: str = Field(pattern=r"^https?://")
    """Issuer URL; its /.well-known/openid-configuration is read (https, except on localhost)."""
    client_id: str
    """Client id registered at the provider."""
    client_secret: SecretRef | None = None
    """Client secret by reference, for confidential clients."""
    scopes: list[str] = Field(default_factory=lambda: ["openid", "profile", "email"])
    """Scopes requested."""
    username_claim: str = "preferred_username"
    """Claim used as user name (falls back to 'sub')."""
    mappings: list[ClaimMapping] = Field(default_factory=list)
    """Claim values that grant roles, gemeenten and purposes; a user without any gets none."""


class WorkspaceConfig(Strict):
    """``stuurdata.yaml``: the root of a workspace."""

    name: str
    description: str = ""
    """Short description of the workspace, shown on the portal's home page."""
    synthetic: bool = False
    """True for generated demo data: every page then says the figures are fictional."""
    boundary_year: int = Field(ge=2000, le=2100)
    """The boundary year (CBS Wijk- en buurtkaart) that area codes in sources are checked against."""
    tenants: list[Tenant] = Field(min_length=1)
    """The gemeenten on this platform; data and users are scoped per gemeente."""
    region: Region | None = None
    """Optional region of several tenants sharing the platform."""
    areas: AreaFiles
    """Boundary files (gemeenten, wijken, buurten) of the boundary year."""
    purposes: list[Purpose] = Field(default_factory=list)
    """Registered purposes (doelbinding) for personal data, each with its pseudonymisation key."""
    engine: EngineConfig = Field(default_factory=EngineConfig)
    """Warehouse engine settings."""
    language: Literal["nl", "en"] = "nl"
    """Default language of the portal."""
    disclosure: DisclosureConfig | None = None
    """Disclosure control settings; without them no indicator is published."""
    app_database: AppDatabaseConfig | None = None
    """Application database (accounts, audit log); default: embedded SQLite."""
    oidc: OidcConfig | None = None
    """Sign-in with OpenID Connect; without it only local accounts sign in."""
    portal: PortalConfig = Field(default_factory=lambda: PortalConfig())
    """Portal settings (base map)."""


class ColumnType(StrEnum):
    STRING = "string"
    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"
    TIMESTAMP = "timestamp"
    BOOLEAN = "boolean"
    GEOMETRY = "geometry"


class RangeRule(Strict):
    min: float | None = None
    """Smallest allowed value."""
    max: float | None = None
    """Largest allowed value."""


class DateRangeRule(Strict):
    min: dt.date | None = None
    """Earliest allowed date."""
    max: dt.date | Literal["today"] | None = None
    """Latest allowed date, or 'today'."""


class ColumnRules(Strict):
    """Rules a column's values must meet; a file that breaks one is rejected whole."""

    elfproef: bool = False
    """Value is a BSN that passes the elfproef (11-test)."""
    postcode: bool = False
    """Value is a Dutch postcode: four digits (not starting with 0), two letters (not SA, SD, SS)."""
    buurtcode: bool = False
    """Value is a buurtcode known in the workspace's boundary year."""
    wijkcode: bool = False
    """Value is a wijkcode known in the workspace's boundary year."""
    gemeentecode: bool = False
    """Value is a gemeentecode known in the workspace's boundary year."""
    unique: bool = False
    """No two rows have the same value."""
    range: RangeRule | None = None
    """Numeric values lie within min and max (inclusive)."""
    date_range: DateRangeRule | None = None
    """Dates lie within min and max (inclusive); max may be 'today'."""
    one_of: list[str | int] | None = None
    """Value is one of these (a code list)."""
    pattern: str | None = None
    """A regular expression the whole value must match."""


class Column(Strict):
    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    """Column name in the warehouse (snake_case)."""
    source_name: str | None = None
    """Header in the file when it differs from ``name``."""
    type: ColumnType = ColumnType.STRING
    """Type in the warehouse; values that do not convert are errors."""
    required: bool = True
    """An empty value is an error."""
    description: str = ""
    """What the column means."""
    classification: Classification | None = None
    """Defaults to the source's classification."""
    pseudonymise: bool = False
    """Replace the value by a keyed pseudonym (HMAC-SHA256 with the source purpose's key)."""
    rules: ColumnRules = Field(default_factory=ColumnRules)
    """Rules every value must meet."""
    format: str | None = None
    """Date format in the file when not ISO, e.g. '%d-%m-%Y'."""


class Source(Strict):
    """``sources/<name>.yaml``: one delivered file (or set of files) and its contract."""

    name: str = Field(pattern=IDENTIFIER)
    title: str
    description: str = ""
    """What the source holds and where it comes from."""
    owner: str
    """Who answers for this source (team or role)."""
    classification: Classification
    """Classification of the source as a whole; columns may say otherwise."""
    connector: str
    """Name of the connector plugin: csv, xlsx, parquet, geojson, geopackage, bag, ..."""
    path: str
    """File, folder or glob relative to the workspace."""
    options: dict[str, Any] = Field(default_factory=dict)
    """Connector options, e.g. delimiter, encoding, sheet, layer."""
    purpose: str | None = None
    """Purpose id (doelbinding) required when the source holds personal data."""
    key: list[str] = Field(default_factory=list)
    """Columns that together identify a row; duplicates are an error."""
    columns: list[Column] = Field(default_factory=list)
    """Declared columns with types and rules; required for personal data."""
    on_error: Literal["reject_file", "reject_rows"] = "reject_file"
    """reject_file: any problem rejects the whole file. reject_rows: bad rows are counted and left out."""


WOO_CATEGORY = r"^infocat0(0[1-9]|1[0-7])$"
WooGround = Literal[
    "5.1.1.a", "5.1.1.b", "5.1.1.c", "5.1.1.d", "5.1.1.e",
    "5.1.2.a", "5.1.2.b", "5.1.2.c", "5.1.2.d", "5.1.2.e", "5.1.2.f", "5.1.2.g", "5.1.2.h",
    "5.1.2.i", "5.1.5", "5.2",
]  # fmt: skip


class WooException(Strict):
    """Why a dataset is not public: the Woo exception ground and a written reason."""

    ground: WooGround
    """Woo article of the exception ground, e.g. '5.1.1.d' (bijzondere persoonsgegevens) or
    '5.1.2.e' (eerbiediging van de persoonlijke levenssfeer)."""
    reason: str = Field(min_length=20)
    """The written reason (motivering) why this ground applies to this dataset."""


class ContactPoint(Strict):
    """Who answers questions about a dataset (DCAT contact point, vcard:Kind)."""

    name: str
    """Name of the team or role, e.g. 'team onderzoek en statistiek'."""
    email: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$")
    """E-mail address."""
    phone: str | None = None
    """Telephone number."""
    url: str | None = None
    """Web page of the contact point."""


class Temporal(Strict):
    """The period the data covers (dct:temporal)."""

    start: dt.date | None = None
    """First day covered."""
    end: dt.date | None = None
    """Last day covered."""
    label: str | None = None
    """Readable description, e.g. 'peildatum 1 januari 2024'."""

    @model_validator(mode="after")
    def _ordered(self) -> Temporal:
        if self.start and self.end and self.start > self.end:
            raise ValueError("'start' ligt na 'end'")
        return self


DisclosureKind = Literal["count", "sum", "rate", "share", "mean"]


class ColumnDisclosure(Strict):
    """How one numeric column of an openbaar dataset is protected before publication."""

    policy: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    """Named disclosure policy, e.g. 'cbs-aantallen', 'cbs-sociaal-domein' or 'geen'."""
    kind: DisclosureKind = "count"
    """What the value is: count and sum add up buurt -> wijk -> gemeente (secondary
    suppression applies); rate, share and mean do not."""
    population: str | None = Field(default=None, pattern=IDENTIFIER)
    """Column with the population base checked against the policy's minimum population."""
    numerator: str | None = Field(default=None, pattern=IDENTIFIER)
    """Column with the count behind a rate or share, checked against the secret range."""


class DatasetDisclosure(Strict):
    """Disclosure control of an openbaar dataset: a policy per numeric column.

    Mandatory for an openbaar dataset whose model reads personal data (transitively); the build
    writes ``published.<dataset>`` through :func:`stuurdata.disclosure.protect` with it.
    """

    area: str | None = Field(default=None, pattern=IDENTIFIER)
    """Column with the CBS area code (BU/WK/GM) of each row, e.g. 'buurtcode'; enables secondary
    suppression over buurt -> wijk -> gemeente."""
    period: str | None = Field(default=None, pattern=IDENTIFIER)
    """Column with the period (peildatum, year, month) of each row, if any."""
    dimensions: list[str] = Field(default_factory=list)
    """Other key columns that, with area and period, identify a row (e.g. 'taakveld')."""
    columns: dict[str, str | ColumnDisclosure] = Field(default_factory=dict)
    """Policy per numeric column: a policy name, or policy with kind, population, numerator."""

    def column(self, name: str) -> ColumnDisclosure | None:
        """The protection of column ``name`` (a bare policy name means a count)."""
        spec = self.columns.get(name)
        return ColumnDisclosure(policy=spec) if isinstance(spec, str) else spec


class Dataset(Strict):
    """``datasets/<name>.yaml``: a table the platform publishes or offers internally.

    The catalog fields follow DCAT-AP-DONL 1.1; omitted ones are derived (see
    :mod:`stuurdata.catalog.metadata`) and checked by ``stuurdata.catalog.check_metadata``.
    """

    name: str = Field(pattern=IDENTIFIER)
    title: str
    description: str
    """What the dataset shows, for the catalog."""
    owner: str
    """Who answers for this dataset (team or role)."""
    classification: Classification | None = None
    """Mandatory: a dataset without classification is refused by ``validate``."""
    model: str
    """The model (``layer.name``) whose table this dataset exposes, e.g. marts.bevolking_per_buurt."""
    theme: str | None = None
    """Theme (DCAT-AP-DONL theme list), e.g. 'Bestuur', 'Zorg en gezondheid'."""
    frequency: str | None = None
    """Update frequency, e.g. 'monthly', 'annual'."""
    license: str = "CC0-1.0"
    """Licence of the published data (SPDX id)."""
    keywords: list[str] = Field(default_factory=list)
    """Search keywords."""
    column_classifications: dict[str, Classification] = Field(default_factory=dict)
    """Classification per column where it differs from the dataset's."""
    woo_category: str | None = Field(default=None, pattern=WOO_CATEGORY)
    """Woo information category (art. 3.3 Woo), infocat001-infocat017, e.g. infocat012."""
    woo_exception: WooException | None = None
    """Mandatory when the dataset is not openbaar: Woo exception ground and written reason."""
    access_rights: Literal["publiek", "beperkt", "niet_publiek"] | None = None
    """Openbaarheidsniveau; derived from the classification when omitted."""
    status: Literal[
        "beschikbaar", "gearchiveerd", "gepland", "in_onderzoek", "niet_beschikbaar"
    ] = "beschikbaar"
    """Dataset status (overheid:dataset_status)."""
    language: list[str] = Field(default_factory=lambda: ["nl"], min_length=1)
    """Languages of the data (ISO 639-1: nl, en, de, fr, fy)."""
    publisher: str | None = None
    """Gemeentecode of a tenant or the region code that publishes it; default: the region,
    or the only tenant."""
    contact_point: ContactPoint | None = None
    """Contact point; default: the owner, without e-mail."""
    spatial: list[str] = Field(default_factory=list)
    """Gemeentecodes (GM....) the data covers; default: every tenant."""
    temporal: Temporal | None = None
    """Period the data covers."""
    identifier: str | None = None
    """Persistent URI of the dataset; default: the portal's dataset page."""
    landing_page: str | None = None
    """Web page about the dataset; default: the portal's dataset page."""
    issued: dt.date | None = None
    """Date of first publication."""
    disclosure: DatasetDisclosure | None = None
    """Disclosure control per numeric column; required when an openbaar dataset reads
    personal data. Without it, columns are published as they are (policy 'geen')."""

    @field_validator("spatial")
    @classmethod
    def _gemeentecodes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not re.fullmatch(GEMEENTECODE, code):
                raise ValueError(f"'{code}' is geen gemeentecode (GM gevolgd door 4 cijfers)")
        return value


SourceList = Annotated[list[Source], Field(default_factory=list)]
