# SPDX-License-Identifier: EUPL-1.2
"""One boundary file as areas of one level: codes, names, parents, year and RD shapes checked.

Feature-level problems are collected, not raised: codes that break their pattern, duplicates,
explicit parent fields that contradict the code, a year that differs from the expected one are
*errors*; empty, collapsed or repaired shapes, a missing name or water flag are *warnings*.
``row`` in a problem is the 1-based feature number in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from stuurdata.areas.codes import EXPECTED, gemeente_of, matches, normalise_code
from stuurdata.areas.codes import parent_of as derived_parent
from stuurdata.areas.fields import CODE_FIELDS, Fields, detect_level, parse_water, parse_year
from stuurdata.areas.geometry import to_rd_shapes
from stuurdata.areas.model import Area, AreaLevel
from stuurdata.areas.raw import RawLayer
from stuurdata.areas.readers import read_layer
from stuurdata.errors import AreaError, Problem


@dataclass
class BoundaryLayer:
    """The areas read from one file; ``rows[i]`` and ``columns[i]`` locate ``areas[i]``."""

    file: str
    level: AreaLevel
    year: int
    areas: list[Area] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    parent_names: dict[str, str] = field(default_factory=dict)
    """Names of parent areas given in this file (``gemeentenaam`` in a wijken file)."""
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def read_boundary_layer(
    path: Path, level: AreaLevel | None = None, year: int | None = None
) -> BoundaryLayer:
    """Read and check one boundary file. Raises :class:`AreaError` only when the file cannot be
    read at all (format, level or year unknown); everything else is collected in the result."""
    raw = read_layer(Path(path), level)
    file = raw.file
    detected = detect_level([f.properties for f in raw.features])
    if level is None and detected is None:
        raise AreaError(
            f"Niveau van {file} onbekend",
            [
                Problem(
                    file,
                    "areas.level",
                    "geen gemeente-, wijk- of buurtcodes gevonden",
                    expected="een codeveld zoals gemeentecode, wijkcode, buurtcode of statcode",
                    found=", ".join(sorted({k for f in raw.features[:1] for k in f.properties})),
                )
            ],
        )
    if level is not None and detected is not None and detected != level:
        raise AreaError(
            f"{file} bevat geen {level}en",
            [
                Problem(
                    file,
                    "areas.level",
                    "het bestand heeft codes van een ander niveau",
                    expected=str(level),
                    found=str(detected),
                )
            ],
        )
    chosen = level or detected
    assert chosen is not None
    layer = BoundaryLayer(file, chosen, year or 0, errors=list(raw.problems))
    layer.year = _year(raw, year, layer.errors)
    shapes = to_rd_shapes(raw)
    layer.errors += shapes.errors
    layer.warnings += shapes.warnings
    seen: dict[str, int] = {}
    for feature, geometry in zip(raw.features, shapes.geometries, strict=True):
        fields = Fields(feature.properties)
        area = _area(layer, feature.row, fields, geometry, seen)
        if area is not None:
            seen[area.code] = feature.row
    return layer


def _problem(
    layer: BoundaryLayer,
    rule: str,
    message: str,
    row: int,
    column: str | None,
    expected: str | None,
    found: Any,
) -> Problem:
    return Problem(
        layer.file,
        rule,
        message,
        row=row,
        column=column,
        expected=expected,
        found=None if found is None else str(found),
    )


def _area(
    layer: BoundaryLayer, row: int, fields: Fields, geometry: Any | None, seen: dict[str, int]
) -> Area | None:
    level = layer.level
    found = fields.code(level)
    if found is None:
        layer.errors.append(
            _problem(
                layer,
                "areas.missing_code",
                f"{level}code ontbreekt",
                row,
                CODE_FIELDS[level][0],
                EXPECTED[level],
                None,
            )
        )
        return None
    column, value = found
    code = normalise_code(value, level)
    if not matches(code, level):
        layer.errors.append(
            _problem(
                layer,
                "areas.code_pattern",
                f"ongeldige {level}code",
                row,
                column,
                EXPECTED[level],
                value,
            )
        )
        return None
    if code in seen:
        layer.errors.append(
            _problem(
                layer,
                "areas.duplicate_code",
                f"{level}code {code} staat ook in rij {seen[code]}",
                row,
                column,
                "unieke code",
                code,
            )
        )
        return None
    parent = derived_parent(code)
    _check_parents(layer, row, fields, code)
    name_found = fields.name(level)
    if name_found is None:
        layer.warnings.append(
            _problem(
                layer,
                "areas.missing_name",
                f"naam van {code} ontbreekt; de code is als naam gebruikt",
                row,
                None,
                f"{level}naam",
                None,
            )
        )
        name = code
    else:
        name = str(name_found[1]).strip()
    water = False
    water_found = fields.water()
    if water_found is not None:
        parsed = parse_water(water_found[1])
        if parsed is None:
            layer.warnings.append(
                _problem(
                    layer,
                    "areas.water_flag",
                    "waterkenmerk onbekend; niet-water aangenomen",
                    row,
                    water_found[0],
                    "JA of NEE",
                    water_found[1],
                )
            )
        water = bool(parsed)
    area = Area(code, name, level, parent, layer.year, geometry, water)
    layer.areas.append(area)
    layer.rows.append(row)
    layer.columns.append(column)
    return area


def _check_parents(layer: BoundaryLayer, row: int, fields: Fields, code: str) -> None:
    """Explicit parent fields must agree with the parents the code implies."""
    expected: dict[AreaLevel, str | None] = {}
    if layer.level == AreaLevel.BUURT:
        expected[AreaLevel.WIJK] = derived_parent(code)
    if layer.level in (AreaLevel.BUURT, AreaLevel.WIJK):
        expected[AreaLevel.GEMEENTE] = gemeente_of(code)
    for parent_level, derived in expected.items():
        found = fields.parent_code(parent_level)
        if found is None or derived is None:
            continue
        column, value = found
        if normalise_code(value, parent_level) != derived:
            layer.errors.append(
                _problem(
                    layer,
                    "areas.parent_mismatch",
                    f"{parent_level}code past niet bij {code}",
                    row,
                    column,
                    derived,
                    value,
                )
            )
            continue
        name = fields.parent_name(parent_level)
        if name is not None:
            layer.parent_names.setdefault(derived, str(name[1]).strip())


def _year(raw: RawLayer, year: int | None, errors: list[Problem]) -> int:
    """The boundary year: the argument, checked against what the file says; else the file's."""
    declared: dict[int, tuple[int | None, str | None]] = {}
    if raw.year is not None:
        declared[raw.year] = (None, "metadata.year")
    for feature in raw.features:
        found = Fields(feature.properties).year()
        if found is None:
            continue
        parsed = parse_year(found[1])
        if parsed is None:
            errors.append(
                Problem(
                    raw.file,
                    "areas.year",
                    "jaar onleesbaar",
                    row=feature.row,
                    column=found[0],
                    expected="een jaar zoals 2024",
                    found=str(found[1]),
                )
            )
        elif parsed not in declared:
            declared[parsed] = (feature.row, found[0])
    if year is not None:
        for other, (row, column) in declared.items():
            if other != year:
                errors.append(
                    Problem(
                        raw.file,
                        "areas.year",
                        "het bestand is van een ander jaar dan gevraagd",
                        row=row,
                        column=column,
                        expected=str(year),
                        found=str(other),
                    )
                )
        return year
    if len(declared) == 1:
        return next(iter(declared))
    problem = Problem(
        raw.file,
        "areas.year",
        "jaar onbekend: geef het jaar op"
        if not declared
        else "het bestand noemt meer dan één jaar",
        expected="één grenzenjaar",
        found=", ".join(str(y) for y in sorted(declared)) or None,
    )
    raise AreaError(f"Jaar van {raw.file} onbekend", [problem])
