# SPDX-License-Identifier: EUPL-1.2
"""The demo workspace's definitions (package data), its data README and its demo-only keys.

The definitions live once, in ``stuurdata/demo/workspace_template/``, so an installed package
can generate the demo anywhere; ``examples/demo-regio`` is a link to that folder. What
``stuurdata demo`` and ``stuurdata build`` generate there (``data/``, ``.stuurdata/``) is not
part of the template.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

import yaml

from stuurdata.demo.plan import RegionPlan

TEMPLATE = "workspace_template"
GENERATED = frozenset({"data", ".stuurdata", "__pycache__"})
"""Top-level folders of a generated demo: never copied as definitions."""
SECRETS_DIR = ".stuurdata/secrets/"
IV3_ENV = "STUURDATA_IV3"
IV3_FILE = "iv3_definities_Gemeente_2024.json"


def template_root() -> Traversable:
    """The packaged demo workspace definitions."""
    return resources.files("stuurdata.demo").joinpath(TEMPLATE)


def template_files() -> dict[str, bytes]:
    """Relative path -> content of every file of the packaged demo workspace."""
    found: dict[str, bytes] = {}

    def walk(node: Traversable, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            name = f"{prefix}{child.name}"
            if child.is_dir():
                if not (prefix == "" and child.name in GENERATED) and child.name != "__pycache__":
                    walk(child, name + "/")
            elif not child.name.endswith(".pyc"):
                found[name] = child.read_bytes()

    walk(template_root(), "")
    return found


def install_template(target: Path) -> bool:
    """Copy the demo definitions into ``target`` unless it already has a ``stuurdata.yaml``."""
    if (target / "stuurdata.yaml").exists():
        return False
    for name, content in template_files().items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return True


def default_iv3_path() -> Path:
    """``$STUURDATA_IV3``, else the Iv3 file in the shared data next to the repository."""
    if os.environ.get(IV3_ENV):
        return Path(os.environ[IV3_ENV])
    return Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "iv3" / IV3_FILE


def write_secrets(target: Path) -> list[Path]:
    """For the demo only: a random pseudonymisation key per purpose (and the disclosure seed)
    whose key is a file under ``.stuurdata/secrets/``. Existing keys are kept, so pseudonyms stay stable between builds.
    """
    config = yaml.safe_load((target / "stuurdata.yaml").read_text(encoding="utf-8")) or {}
    written = []
    refs = [purpose.get("key") or {} for purpose in config.get("purposes") or []]
    refs.append((config.get("disclosure") or {}).get("seed") or {})
    for key in refs:
        file = key.get("file")
        if not file or not str(file).startswith(SECRETS_DIR):
            continue
        path = target / file
        if path.exists():
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32) + "\n", encoding="ascii")
        path.chmod(0o600)
        written.append(path)
    return written


def write_readme(
    data: Path, region: RegionPlan, seed: int, boundary_year: int, peildatum: dt.date
) -> Path:
    """``data/README.md``: says plainly that every file here is synthetic."""
    lines = [
        "# Synthetische gegevens — fictieve regio",
        "",
        "Alle bestanden in deze map zijn **synthetisch**: gegenereerd door `stuurdata demo`",
        f"(seed {seed}). Gemeenten, wijken, buurten, adressen, personen, BSN's, bedrijven en",
        "bedragen zijn verzonnen. Ze lijken op wat gemeenten echt ontvangen, maar beschrijven",
        "niemand en nergens iets echts.",
        "",
        f"- Regio: {region.name} ({len(region.gemeenten)} gemeenten, {region.persons:,} inwoners,"
        f" {region.buurt_count:,} buurten)",
        f"- Peildatum van de registers: {peildatum.isoformat()}; gebiedsindeling {boundary_year}",
        "- Gemeentecodes zijn fictief: GM9901..GM9999, daarna GM9801.., GM9701.. (echte",
        "  CBS-codes liggen onder GM2000). Wijkcodes WKggggww, buurtcodes BUggggwwbb.",
        "- BSN's voldoen aan de elfproef maar zijn willekeurig; ze horen bij niemand.",
        "",
        "| map | inhoud | formaat |",
        "|---|---|---|",
        "| gebieden/ | gemeenten, wijken, buurten (gegenereerde grenzen) | GeoJSON, WGS84 |",
        "| bag/ | BAG 2.0 LVC-extract per gemeente | XML in zip (Kadaster-formaat) |",
        "| brp/ | personen, huishoudens, verhuizingen, eerdere peildata | CSV ';', Windows-1252 |",
        "| woz/ | WOZ-objecten en waarden | CSV ';', decimale komma |",
        "| hr/ | KvK-vestigingen | CSV ',', UTF-8 met BOM |",
        "| sociaal/ | bijstand (XLSX), Wmo en Jeugdwet (CSV) | XLSX, CSV ';' |",
        "| klantcontact/ | contacten per kanaal | CSV ',' |",
        "| sensoren/ | luchtkwaliteit, passanten, snelheid per uur | Parquet |",
        "| begroting/ | begroting en realisatie per Iv3-taakveld | XLSX |",
        "",
    ]
    path = data / "README.md"
    data.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
