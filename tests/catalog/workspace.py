# SPDX-License-Identifier: EUPL-1.2
"""A small catalog workspace: the portal's tiny workspace plus full DCAT-AP-DONL metadata.

Datasets: ``woningen_per_buurt`` (openbaar, Huisvesting, infocat015, spatial),
``bouwjaren`` (openbaar, Bestuur, annual, not spatial), ``geheime_telling`` (intern, with a Woo
exception). A dataset without classification is refused by the build itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.portal.conftest import write_tiny_workspace

PUBLIC = ("bouwjaren", "woningen_per_buurt")
HIDDEN = ("geheime_telling",)

DATASETS: dict[str, dict[str, Any]] = {
    "woningen_per_buurt": {
        "title": "Woningen per buurt",
        "description": "Aantal woningen per buurt uit de woningbron van de gemeenten.",
        "classification": "openbaar",
        "model": "marts.woningen_per_buurt",
        "theme": "Huisvesting",
        "frequency": "maandelijks",
        "license": "CC-BY-4.0",
        "keywords": ["woningvoorraad", "buurt"],
        "woo_category": "infocat015",
        "publisher": "GM9901",
        "spatial": ["GM9901"],
        "contact_point": {"name": "team data", "email": "data@bollenwaard.example"},
        "temporal": {"start": "2024-01-01", "end": "2024-12-31", "label": "2024"},
        "issued": "2024-02-01",
    },
    "bouwjaren": {
        "title": "Bouwjaren van woningen",
        "description": "Het oudste en nieuwste bouwjaar van de woningen in de regio.",
        "classification": "openbaar",
        "model": "marts.bouwjaren",
        "theme": "Bestuur",
        "frequency": "jaarlijks",
        "keywords": ["bouwjaar", "ouderdom"],
        "woo_category": "infocat012",
    },
    "geheime_telling": {
        "title": "Geheime telling",
        "description": "Interne telling van meldingen die niet in het portaal mag staan.",
        "classification": "intern",
        "model": "marts.geheime_telling",
        "theme": "Openbare orde en veiligheid",
        "woo_exception": {
            "ground": "5.1.2.d",
            "reason": "Meldingen per buurt tonen waar toezicht wordt gehouden.",
        },
    },
}


def write_catalog_workspace(root: Path) -> Path:
    """Write the workspace (definitions and data) into ``root``; no build."""
    write_tiny_workspace(root)
    for name, body in DATASETS.items():
        text = yaml.safe_dump({"name": name, "owner": "team data"} | body, sort_keys=False)
        (root / f"datasets/{name}.yaml").write_text(text, encoding="utf-8")
    (root / "models/marts/bouwjaren.sql").write_text(
        "SELECT min(bouwjaar) AS oudste, max(bouwjaar) AS nieuwste FROM raw.woningen\n",
        encoding="utf-8",
    )
    return root
