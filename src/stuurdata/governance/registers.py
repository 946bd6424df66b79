# SPDX-License-Identifier: EUPL-1.2
"""The public registers as published: algorithms in the Algoritmeregister publication
standard's JSON and CSV shape, and the public part of sensors and DPIA's.

The definitions are workspace files (:mod:`stuurdata.workspace.registers`); this module only
decides what of them is public and in which shape.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Final

from stuurdata.workspace.registers import Algorithm, Dpia, RegisterLinks

ALGORITHM_FIELDS: Final = (
    "name",
    "organization",
    "description_short",
    "type",
    "category",
    "website",
    "status",
    "goal",
    "impact",
    "proportionality",
    "decision_making_process",
    "documentation",
    "competent_authority",
    "lawful_basis",
    "lawful_basis_link",
    "iama",
    "iama_description",
    "dpia",
    "dpia_description",
    "objection_procedure",
    "standard_version",
    "begin_date",
    "end_date",
    "contact_email",
    "area",
    "lang",
    "publication_category",
    "source_data",
    "methods_and_models",
    "monitoring",
    "human_intervention",
    "risk_management",
    "provider",
    "process_index_url",
)
"""The fields of the Algoritmeregister publication standard, in the standard's order."""

DPIA_PUBLIC_FIELDS: Final = ("subject", "public_summary", "legal_basis", "outcome", "date")
"""What of a DPIA is public: risks, measures, the processing details and the FG's advice are not."""


def algorithm_record(algorithm: Algorithm) -> dict[str, object]:
    """One algorithm in the standard's shape (JSON types: lists, booleans, ISO dates)."""
    data = algorithm.model_dump(mode="json")
    return {name: data[name] for name in ALGORITHM_FIELDS}


def algorithms_json(algorithms: list[Algorithm]) -> str:
    records = [algorithm_record(a) for a in sorted(algorithms, key=lambda a: a.id)]
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def algorithms_csv(algorithms: list[Algorithm]) -> str:
    """CSV (UTF-8, comma) with the standard's field names as header, one row per algorithm."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ALGORITHM_FIELDS)
    for algorithm in sorted(algorithms, key=lambda a: a.id):
        record = algorithm_record(algorithm)
        writer.writerow([_cell(record[name]) for name in ALGORITHM_FIELDS])
    return out.getvalue()


def dpia_summary(dpia: Dpia) -> dict[str, object]:
    """The public part of a DPIA."""
    data = dpia.model_dump(mode="json")
    return {name: data[name] for name in DPIA_PUBLIC_FIELDS}


def links_of(links: RegisterLinks) -> list[tuple[str, str]]:
    """(kind, name) of every link, kinds in a fixed order."""
    return [(kind, name) for kind, _index, name in links.names()]
