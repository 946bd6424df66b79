# SPDX-License-Identifier: EUPL-1.2
"""A small workspace with a dataset of every classification, for the access tests.

The portal's tiny workspace (two gemeenten GM9901 and GM9902, each one wijk with two buurten)
plus a personal-data source ``clienten`` under purpose ``zorgmonitor`` and datasets:

=========================  ===========================  ===============================
dataset                    classification               rows limited by
=========================  ===========================  ===============================
woningen_per_buurt         openbaar                     -
geheime_telling            intern                       buurtcode
vertrouwelijke_telling     vertrouwelijk                gemeentecode
clienten                   persoonsgegevens             gemeentecode (column ``indicatie``
                                                        is bijzondere_persoonsgegevens)
zorg_per_client            bijzondere_persoonsgegevens  gemeentecode
=========================  ===========================  ===============================
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.portal.conftest import write_tiny_workspace

PURPOSE = "zorgmonitor"
XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
"""Markup planted in the openbaar dataset's title and description (stored XSS probe)."""
DATASETS: dict[str, str] = {
    "woningen_per_buurt": "openbaar",
    "geheime_telling": "intern",
    "vertrouwelijke_telling": "vertrouwelijk",
    "clienten": "persoonsgegevens",
    "zorg_per_client": "bijzondere_persoonsgegevens",
}
ROWS_PER_GEMEENTE: dict[str, dict[str, int]] = {
    "geheime_telling": {"GM9901": 2, "GM9902": 1},
    "vertrouwelijke_telling": {"GM9901": 1, "GM9902": 1},
    "clienten": {"GM9901": 3, "GM9902": 2},
    "zorg_per_client": {"GM9901": 3, "GM9902": 2},
}
"""Rows each gemeente's reader gets (computed by hand from the data below)."""

_CLIENTEN = [
    ("111111110", "GM9901", "BU99010101", 34, "jeugdhulp"),
    ("222222220", "GM9901", "BU99010102", 71, "wmo"),
    ("333333330", "GM9901", "BU99010101", 45, "bijstand"),
    ("444444440", "GM9902", "BU99020101", 19, "jeugdhulp"),
    ("555555550", "GM9902", "BU99020102", 82, "wmo"),
]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_governance_workspace(root: Path) -> Path:
    write_tiny_workspace(root)
    config: dict[str, Any] = yaml.safe_load((root / "stuurdata.yaml").read_text("utf-8"))
    config["purposes"] = [
        {
            "id": PURPOSE,
            "title": "Zorgmonitor",
            "legal_basis": "Wmo 2015 art. 5.1.1: beleidsinformatie over de eigen inwoners.",
            "key": {"file": ".stuurdata/secrets/zorgmonitor.key"},
        }
    ]
    _write(root / "stuurdata.yaml", yaml.safe_dump(config, sort_keys=False))
    _write(root / ".stuurdata/secrets/zorgmonitor.key", "ab" * 32 + "\n")
    public = root / "datasets/woningen_per_buurt.yaml"
    body = yaml.safe_load(public.read_text("utf-8"))
    body["title"] = f"Woningen {XSS}"
    body["description"] = f"Aantal woningen {XSS}"
    body["keywords"] = [XSS]
    _write(public, yaml.safe_dump(body, sort_keys=False))
    lines = ["client_id,gemeentecode,buurtcode,leeftijd,indicatie"]
    lines += [",".join(str(v) for v in row) for row in _CLIENTEN]
    _write(root / "data/clienten.csv", "\n".join(lines) + "\n")
    source = {
        "name": "clienten",
        "title": "Cliënten zorg",
        "owner": "team zorg",
        "classification": "persoonsgegevens",
        "connector": "csv",
        "path": "data/clienten.csv",
        "purpose": PURPOSE,
        "columns": [
            {"name": "client_id", "pseudonymise": True},
            {"name": "gemeentecode", "rules": {"gemeentecode": True}},
            {"name": "buurtcode", "rules": {"buurtcode": True}},
            {"name": "leeftijd", "type": "integer"},
            {"name": "indicatie", "classification": "bijzondere_persoonsgegevens"},
        ],
    }
    _write(root / "sources/clienten.yaml", yaml.safe_dump(source, sort_keys=False))
    models = {
        "marts/vertrouwelijke_telling": "SELECT 'GM' || substr(buurtcode, 3, 4) AS gemeentecode,"
        " count(*) AS meldingen FROM raw.meldingen GROUP BY 1",
        "staging/stg_clienten": "SELECT client_id, gemeentecode, buurtcode, leeftijd, indicatie"
        " FROM raw.clienten",
        "staging/stg_zorg": "SELECT client_id, gemeentecode, indicatie FROM raw.clienten",
    }
    for name, sql in models.items():
        _write(root / f"models/{name}.sql", sql + "\n")
    extra = {
        "vertrouwelijke_telling": ("vertrouwelijk", "marts.vertrouwelijke_telling", {}),
        "clienten": (
            "persoonsgegevens",
            "staging.stg_clienten",
            {"indicatie": "bijzondere_persoonsgegevens"},
        ),
        "zorg_per_client": ("bijzondere_persoonsgegevens", "staging.stg_zorg", {}),
    }
    for name, (classification, model, columns) in extra.items():
        body = {
            "name": name,
            "title": name.replace("_", " ").capitalize(),
            "description": f"Testdataset {name} ({classification}).",
            "owner": "team data",
            "classification": classification,
            "model": model,
            "column_classifications": columns,
        }
        _write(root / f"datasets/{name}.yaml", yaml.safe_dump(body, sort_keys=False))
    return root
