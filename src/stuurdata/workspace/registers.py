# SPDX-License-Identifier: EUPL-1.2
"""The public registers as workspace files: ``registers/algoritmes/*.yaml``,
``registers/sensoren/*.yaml`` and ``registers/dpias/*.yaml``.

Algorithms follow the fields of the national Algoritmeregister publication standard (the YAML
keys are the standard's field names, so the export is a plain copy); sensors and DPIA's are
Stuurdata's own shape. Every entry links to the datasets, models, sources, indicators and
dashboards involved; :mod:`stuurdata.workspace.register_rules` checks that those exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from pydantic import Field, model_validator

from stuurdata.errors import Problem
from stuurdata.workspace.config import BUURTCODE, IDENTIFIER, Strict
from stuurdata.workspace.yamlfile import load_folder

REGISTER_ID = r"^[a-z][a-z0-9_-]*$"
STANDARD_VERSION = "1.0"
"""Version of the Algoritmeregister publication standard the algorithm files follow."""


class RegisterLinks(Strict):
    """What a register entry is about, by name; unknown names are reported by the rules."""

    datasets: list[str] = Field(default_factory=list)
    """Datasets (``datasets/``) the entry uses or produces."""
    models: list[str] = Field(default_factory=list)
    """SQL models (``marts.<name>``, ``staging.<name>``)."""
    sources: list[str] = Field(default_factory=list)
    """Sources (``sources/``)."""
    indicators: list[str] = Field(default_factory=list)
    """Indicators (``indicators/``)."""
    dashboards: list[str] = Field(default_factory=list)
    """Dashboards (``dashboards/``)."""

    def names(self) -> list[tuple[str, int, str]]:
        """(kind, index, name) of every link, for the rules."""
        found: list[tuple[str, int, str]] = []
        for kind in ("datasets", "models", "sources", "indicators", "dashboards"):
            found += [(kind, i, name) for i, name in enumerate(getattr(self, kind))]
        return found


class AlgorithmStatus(StrEnum):
    """Status values of the Algoritmeregister standard."""

    IN_DEVELOPMENT = "in_development"
    IN_USE = "in_use"
    OUT_OF_USE = "out_of_use"


class Algorithm(Strict):
    """``registers/algoritmes/<id>.yaml``: one algorithm, in the Algoritmeregister standard."""

    id: str = Field(pattern=REGISTER_ID)
    """Identifier in this workspace (part of the page address)."""
    name: str = Field(min_length=1)
    """Naam: the name of the algorithm."""
    organization: str = Field(min_length=1)
    """Organisatie: the organisation that uses it."""
    description_short: str = Field(min_length=1)
    """Korte omschrijving, for a general audience."""
    type: str = "Rekenregels"
    """Type algoritme, e.g. Rekenregels, Zelflerend algoritme."""
    category: list[str] = Field(default_factory=list)
    """Beleidsterrein(en), e.g. Ruimte en infrastructuur."""
    website: str = ""
    """Website with more information."""
    status: AlgorithmStatus
    """in_development, in_use or out_of_use."""
    goal: str = Field(min_length=1)
    """Doel en impact: what it is for."""
    impact: str = Field(min_length=1)
    """Impact on residents and businesses."""
    proportionality: str = Field(min_length=1)
    """Proportionaliteit: why the means fit the goal."""
    decision_making_process: str = Field(min_length=1)
    """Besluitvorming: how results are used in decisions."""
    documentation: str = ""
    """Documentatie: where the technical documentation is."""
    competent_authority: str = Field(min_length=1)
    """Verantwoordelijke organisatie (bevoegd gezag)."""
    lawful_basis: str = Field(min_length=1)
    """Wettelijke grondslag."""
    lawful_basis_link: str = ""
    """Link to the lawful basis (wetten.overheid.nl)."""
    iama: bool = False
    """Is an IAMA (Impact Assessment Mensenrechten en Algoritmes) done?"""
    iama_description: str = ""
    """Result or reason (no) IAMA."""
    dpia: bool = False
    """Is a DPIA done?"""
    dpia_description: str = ""
    """Result or reason (no) DPIA."""
    objection_procedure: str = Field(min_length=1)
    """Bezwaarprocedure."""
    standard_version: str = STANDARD_VERSION
    """Version of the publication standard."""
    begin_date: dt.date | None = None
    """Start of use."""
    end_date: dt.date | None = None
    """End of use."""
    contact_email: str = Field(min_length=3)
    """Contact address for questions."""
    area: str = ""
    """Area of use (e.g. the region)."""
    lang: str = "nld"
    """Language of the description (ISO 639-3)."""
    publication_category: str = "overige_algoritmes"
    """impactvolle_algoritmes, hoog_risico_ai_systemen or overige_algoritmes."""
    source_data: str = Field(min_length=1)
    """Gegevensbronnen: the data it reads."""
    methods_and_models: str = Field(min_length=1)
    """Methoden en modellen."""
    monitoring: str = Field(min_length=1)
    """How its working is monitored."""
    human_intervention: str = Field(min_length=1)
    """Menselijke tussenkomst."""
    risk_management: str = Field(min_length=1)
    """Risicobeheer."""
    provider: str = Field(min_length=1)
    """Leverancier (or 'eigen ontwikkeling')."""
    process_index_url: str = ""
    """Link to the processing register (verwerkingsregister)."""
    dpias: list[str] = Field(default_factory=list)
    """Ids of DPIA's in ``registers/dpias/`` that cover it."""
    links: RegisterLinks = Field(default_factory=RegisterLinks)
    """Datasets, models, sources, indicators and dashboards involved."""

    @model_validator(mode="after")
    def _dates(self) -> Algorithm:
        if self.begin_date and self.end_date and self.end_date < self.begin_date:
            raise ValueError("end_date ligt voor begin_date")
        return self


class SensorLocation(Strict):
    """Where a sensor stands: a point in RD New (EPSG:28992) or WGS84, and its buurt."""

    rd: tuple[float, float] | None = None
    """[x, y] in RD New metres."""
    wgs84: tuple[float, float] | None = None
    """[lon, lat] in degrees."""
    buurt: str = Field(pattern=BUURTCODE)
    """Buurtcode the point lies in."""
    description: str = ""
    """Street or landmark, for people."""

    @model_validator(mode="after")
    def _a_point(self) -> SensorLocation:
        if self.rd is None and self.wgs84 is None:
            raise ValueError("geef 'rd' ([x, y]) of 'wgs84' ([lon, lat])")
        return self

    def lon_lat(self) -> tuple[float, float]:
        """The point in WGS84 (converted from RD New when only that is given)."""
        if self.wgs84 is not None:
            return self.wgs84
        assert self.rd is not None
        from pyproj import Transformer

        to_wgs84 = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True)
        lon, lat = to_wgs84.transform(*self.rd)
        return round(lon, 6), round(lat, 6)


class SensorKind(StrEnum):
    """What kind of sensor it is."""

    LUCHTKWALITEIT = "luchtkwaliteit"
    PASSANTENTELLER = "passantenteller"
    VERKEER = "verkeer"
    GELUID = "geluid"
    CAMERA = "camera"
    OVERIG = "overig"


class Sensor(Strict):
    """``registers/sensoren/<id>.yaml``: a sensor (or group of the same sensors) in public space."""

    id: str = Field(pattern=REGISTER_ID)
    """Identifier in this workspace."""
    name: str = Field(min_length=1)
    """Name, e.g. Luchtkwaliteitsmeters."""
    type: SensorKind
    """What kind of sensor."""
    description: str = Field(min_length=1)
    """What it measures and how."""
    location: SensorLocation
    """Where it stands (for a group: the first sensor)."""
    sensor_ids: list[str] = Field(default_factory=list)
    """Ids of the sensors in the linked source (``sensor_id`` column)."""
    purpose: str = Field(min_length=1)
    """Why it measures."""
    personal_data: bool
    """Does it collect personal data?"""
    legal_basis: str = Field(min_length=1)
    """Grondslag (for personal data: the AVG basis)."""
    retention: str = Field(min_length=1)
    """How long the measurements are kept."""
    owner: str = Field(min_length=1)
    """Who owns and answers for the sensor."""
    source: str | None = Field(default=None, pattern=IDENTIFIER)
    """The sensor source in ``sources/`` its measurements arrive in."""
    links: RegisterLinks = Field(default_factory=RegisterLinks)
    """Datasets, models, indicators and dashboards that use it."""


class DpiaOutcome(StrEnum):
    """The DPIA's conclusion."""

    AANVAARDBAAR = "aanvaardbaar"
    AANVAARDBAAR_MET_MAATREGELEN = "aanvaardbaar_met_maatregelen"
    NIET_AANVAARDBAAR = "niet_aanvaardbaar"
    VOORAFGAANDE_RAADPLEGING = "voorafgaande_raadpleging"
    """High residual risk: the Autoriteit Persoonsgegevens is consulted first (AVG art. 36)."""


class DpiaRisk(Strict):
    """A risk for the persons concerned, with its likelihood and impact."""

    description: str = Field(min_length=1)
    """What could go wrong."""
    likelihood: str = Field(pattern=r"^(laag|midden|hoog)$")
    """laag, midden or hoog."""
    impact: str = Field(pattern=r"^(laag|midden|hoog)$")
    """laag, midden or hoog."""


class Dpia(Strict):
    """``registers/dpias/<id>.yaml``: a data protection impact assessment (AVG art. 35).

    Only ``subject``, ``public_summary``, ``purposes``, ``legal_basis``, ``outcome``, ``date``
    and the links are shown publicly; risks, measures and the FG's advice stay internal.
    """

    id: str = Field(pattern=REGISTER_ID)
    """Identifier in this workspace."""
    subject: str = Field(min_length=1)
    """What the DPIA is about."""
    processing: str = Field(min_length=1)
    """The processing of personal data assessed."""
    purposes: list[str] = Field(min_length=1)
    """Ids of purposes in ``stuurdata.yaml`` (doelbinding)."""
    legal_basis: str = Field(min_length=1)
    """Grondslag."""
    risks: list[DpiaRisk] = Field(default_factory=list)
    """Risks for the persons concerned."""
    measures: list[str] = Field(default_factory=list)
    """Measures that lower the risks."""
    outcome: DpiaOutcome
    """Conclusion."""
    date: dt.date
    """Date of the conclusion."""
    fg_advice: str = Field(min_length=1)
    """Advice of the functionaris gegevensbescherming."""
    public_summary: str = Field(min_length=1)
    """Summary for the public register."""
    algorithms: list[str] = Field(default_factory=list)
    """Ids of algorithms in ``registers/algoritmes/``."""
    links: RegisterLinks = Field(default_factory=RegisterLinks)
    """Datasets, models, sources, indicators and dashboards of the processing."""


@dataclass
class Registers:
    """All register entries of a workspace, by id."""

    algorithms: dict[str, Algorithm] = field(default_factory=dict)
    sensors: dict[str, Sensor] = field(default_factory=dict)
    dpias: dict[str, Dpia] = field(default_factory=dict)


FOLDERS = {"algoritme": "algoritmes", "sensor": "sensoren", "dpia": "dpias"}
"""Key prefix in ``Workspace.files`` -> folder under ``registers/``."""


def load_registers(root: Path, files: dict[str, Path]) -> tuple[Registers, list[Problem]]:
    """Read ``registers/*/*.yaml`` under ``root``; record each file in ``files``
    (``algoritme:<id>``, ``sensor:<id>``, ``dpia:<id>``) and return the schema problems."""
    problems: list[Problem] = []
    registers = Registers(
        algorithms=_load_folder(root, files, "algoritme", Algorithm, problems),
        sensors=_load_folder(root, files, "sensor", Sensor, problems),
        dpias=_load_folder(root, files, "dpia", Dpia, problems),
    )
    return registers, problems


E = TypeVar("E", Algorithm, Sensor, Dpia)


def _load_folder(
    root: Path, files: dict[str, Path], prefix: str, model: type[E], problems: list[Problem]
) -> dict[str, E]:
    folder = root / "registers" / FOLDERS[prefix]
    return load_folder(folder, model, root, prefix, lambda e: e.id, files, problems)
