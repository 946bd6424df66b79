# SPDX-License-Identifier: EUPL-1.2
"""Budget lines (begroting and realisatie) per Iv3 taakveld, as an XLSX export per gemeente.

The taakvelden are read at generation time from the Iv3 definition file of the Rijk
(``iv3_definities_Gemeente_<jaar>.json``); no copy of that list is kept in the package.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from stuurdata.demo.plan import GemeentePlan
from stuurdata.demo.xlsx import write_xlsx

YEARS = (2022, 2023, 2024, 2025)
REALISED_UNTIL = 2023
# lasten per inwoner per hoofdtaakveld (euro), roughly the Dutch average
_LASTEN_PER_INWONER = {
    "0": 330,
    "1": 75,
    "2": 120,
    "3": 40,
    "4": 110,
    "5": 120,
    "6": 1150,
    "7": 210,
    "8": 130,
}
_BATEN_RATIO = {
    "0": 0.10,
    "1": 0.05,
    "2": 0.10,
    "3": 0.15,
    "4": 0.10,
    "5": 0.15,
    "6": 0.12,
    "7": 0.75,
    "8": 0.45,
}
_BATEN_ONLY = {"0.61", "0.62", "0.63", "0.64", "0.7"}
_BATEN_ONLY_PER_INWONER = {"0.61": 190, "0.62": 110, "0.63": 15, "0.64": 25, "0.7": 1350}


class Iv3Error(FileNotFoundError):
    """The Iv3 definition file is missing or has no taakveld list."""


def read_taakvelden(path: Path) -> list[tuple[str, str]]:
    """The leaf taakvelden (code, omschrijving) of an Iv3 definition file, in file order."""
    if not path.is_file():
        raise Iv3Error(
            f"Iv3-definitiebestand niet gevonden: {path}. Geef het pad van "
            "iv3_definities_Gemeente_<jaar>.json op (bijvoorbeeld uit shared/data/iv3)."
        )
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    try:
        roots = data["codelijsten"]["taakveld"]["codelijst"]
    except (KeyError, TypeError) as exc:
        raise Iv3Error(f"{path} bevat geen codelijst 'taakveld'") from exc
    leaves: list[tuple[str, str]] = []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            if item.get("subcodes"):
                walk(item["subcodes"])
            else:
                leaves.append((str(item["code"]), str(item["omschrijving"])))

    walk(roots)
    if not leaves:
        raise Iv3Error(f"{path} bevat geen taakvelden")
    return leaves


def write_budget(
    folder: Path,
    gemeente: GemeentePlan,
    taakvelden: list[tuple[str, str]],
    rng: np.random.Generator,
) -> int:
    rows: list[tuple[object, ...]] = []
    share = rng.dirichlet(np.ones(len(taakvelden)) * 4)
    for index, (code, name) in enumerate(taakvelden):
        group = code.split(".")[0]
        if code in ("0.10", "0.11"):
            continue  # mutaties reserves and the resultaat are not budget lines here
        siblings = sum(1 for c, _ in taakvelden if c.split(".")[0] == group)
        if code in _BATEN_ONLY:
            lines = [("baten", _BATEN_ONLY_PER_INWONER[code] * gemeente.persons)]
        else:
            weight = share[index] * len(taakvelden) / siblings
            lasten = _LASTEN_PER_INWONER.get(group, 50) * gemeente.persons * weight
            lines = [("lasten", lasten), ("baten", lasten * _BATEN_RATIO.get(group, 0.1))]
        for year in YEARS:
            growth = 1.035 ** (year - YEARS[0])
            for categorie, amount in lines:
                begroting = round(amount * growth * rng.lognormal(0, 0.05) / 1000) * 1000
                realisatie = (
                    round(begroting * rng.normal(1.0, 0.06)) if year <= REALISED_UNTIL else None
                )
                rows.append(
                    (
                        year,
                        gemeente.code,
                        gemeente.name,
                        code,
                        name,
                        categorie,
                        begroting,
                        realisatie,
                    )
                )
    header = (
        "Jaar",
        "Gemeentecode",
        "Gemeente",
        "Taakveld",
        "Omschrijving taakveld",
        "Categorie",
        "Begroting",
        "Realisatie",
    )
    write_xlsx(
        folder / f"{gemeente.code}_begroting.xlsx",
        [("Begroting", header, rows)],
        title=f"Begroting en realisatie per taakveld, {gemeente.name} (synthetisch)",
    )
    return len(rows)
