# SPDX-License-Identifier: EUPL-1.2
"""The seven BAG 2.0 object types: their XML names, file codes and output columns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import pyarrow as pa


class Kind(StrEnum):
    """How the text of an ``Objecten:`` child element becomes a column value."""

    TEXT = "text"
    DEEPTEXT = "deeptext"  # text of a nested element, e.g. verkorteNaam
    MULTI = "multi"  # repeated element, ';'-joined (gebruiksdoel)
    INT = "int"
    BOOL = "bool"  # J/N
    DATE = "date"
    REF = "ref"  # one Objecten-ref child
    REFS = "refs"  # several Objecten-ref children, ';'-joined
    GEOMETRY = "geometry"
    VOORKOMEN = "voorkomen"


WKB_FIELD = pa.field("geometry", pa.binary(), metadata={b"encoding": b"WKB", b"crs": b"EPSG:28992"})

HISTORY_COLUMNS: dict[str, pa.DataType] = {
    "voorkomen_id": pa.int32(),
    "begin_geldigheid": pa.date32(),
    "eind_geldigheid": pa.date32(),
    "tijdstip_registratie": pa.timestamp("ms"),
    "eind_registratie": pa.timestamp("ms"),
    "tijdstip_registratie_lv": pa.timestamp("ms"),
    "tijdstip_eind_registratie_lv": pa.timestamp("ms"),
}
"""Columns from ``Historie:Voorkomen``, the same for every object type."""

HISTORY_ELEMENTS: dict[str, str] = {
    "voorkomenidentificatie": "voorkomen_id",
    "beginGeldigheid": "begin_geldigheid",
    "eindGeldigheid": "eind_geldigheid",
    "tijdstipRegistratie": "tijdstip_registratie",
    "eindRegistratie": "eind_registratie",
    "tijdstipRegistratieLV": "tijdstip_registratie_lv",
    "tijdstipEindRegistratieLV": "tijdstip_eind_registratie_lv",
}

_COMMON: dict[str, tuple[str, Kind]] = {
    "identificatie": ("identificatie", Kind.TEXT),
    "status": ("status", Kind.TEXT),
    "geconstateerd": ("geconstateerd", Kind.BOOL),
    "documentdatum": ("documentdatum", Kind.DATE),
    "documentnummer": ("documentnummer", Kind.TEXT),
    "voorkomen": ("", Kind.VOORKOMEN),
}

_TYPES: dict[Kind, pa.DataType] = {
    Kind.TEXT: pa.string(),
    Kind.DEEPTEXT: pa.string(),
    Kind.MULTI: pa.string(),
    Kind.INT: pa.int32(),
    Kind.BOOL: pa.bool_(),
    Kind.DATE: pa.date32(),
    Kind.REF: pa.string(),
    Kind.REFS: pa.string(),
}


@dataclass(frozen=True)
class ObjectType:
    """One BAG object type as it appears in an extract."""

    name: str
    """Option value ``object:`` in a source definition, e.g. ``pand``."""
    code: str
    """Three-letter code in the file names, e.g. PND in 0221PND15092020.zip."""
    element: str
    """Local name of the object element, e.g. Pand for ``Objecten:Pand``."""
    id_pattern: re.Pattern[str]
    id_expected: str
    elements: dict[str, tuple[str, Kind]]
    """Child element local name -> (column, kind)."""
    point: bool = False
    """Has x and y columns (the point, or the centroid of the polygon)."""

    @property
    def columns(self) -> list[str]:
        return [field.name for field in self.schema]

    @property
    def schema(self) -> pa.Schema:
        fields: list[pa.Field] = []
        for column, kind in self.elements.values():
            if kind is Kind.VOORKOMEN:
                fields.extend(pa.field(n, t) for n, t in HISTORY_COLUMNS.items())
            elif kind is Kind.GEOMETRY:
                fields.append(WKB_FIELD)
                if self.point:
                    fields += [pa.field("x", pa.float64()), pa.field("y", pa.float64())]
            else:
                fields.append(pa.field(column, _TYPES[kind]))
        return pa.schema(fields)


def _object_id(typecode: str) -> re.Pattern[str]:
    return re.compile(rf"^\d{{4}}{typecode}\d{{10}}$")


def _make(
    name: str,
    code: str,
    element: str,
    typecode: str | None,
    own: dict[str, tuple[str, Kind]],
    point: bool = False,
) -> ObjectType:
    elements = {"identificatie": _COMMON["identificatie"], **own}
    elements.update({k: v for k, v in _COMMON.items() if k != "identificatie"})
    if typecode is None:
        pattern, expected = re.compile(r"^\d{4}$"), "4 cijfers (woonplaatscode)"
    else:
        pattern = _object_id(typecode)
        expected = f"16 cijfers: gemeentecode, objecttypecode {typecode}, volgnummer"
    return ObjectType(name, code, element, pattern, expected, elements, point)


_ADDRESSES = {
    "heeftAlsHoofdadres": ("hoofdadres", Kind.REF),
    "heeftAlsNevenadres": ("nevenadressen", Kind.REFS),
}
_GEOMETRY = {"geometrie": ("geometry", Kind.GEOMETRY)}

OBJECT_TYPES: dict[str, ObjectType] = {
    t.name: t
    for t in (
        _make(
            "pand",
            "PND",
            "Pand",
            "10",
            {
                "oorspronkelijkBouwjaar": ("oorspronkelijk_bouwjaar", Kind.INT),
                "geometrie": ("geometry", Kind.GEOMETRY),
            },
        ),
        _make(
            "verblijfsobject",
            "VBO",
            "Verblijfsobject",
            "01",
            {
                "gebruiksdoel": ("gebruiksdoel", Kind.MULTI),
                "oppervlakte": ("oppervlakte", Kind.INT),
                **_ADDRESSES,
                "maaktDeelUitVan": ("pand_ids", Kind.REFS),
                **_GEOMETRY,
            },
            point=True,
        ),
        _make(
            "nummeraanduiding",
            "NUM",
            "Nummeraanduiding",
            "20",
            {
                "huisnummer": ("huisnummer", Kind.INT),
                "huisletter": ("huisletter", Kind.TEXT),
                "huisnummertoevoeging": ("huisnummertoevoeging", Kind.TEXT),
                "postcode": ("postcode", Kind.TEXT),
                "typeAdresseerbaarObject": ("type_adresseerbaar_object", Kind.TEXT),
                "ligtAan": ("openbare_ruimte_id", Kind.REF),
                "ligtIn": ("woonplaats_id", Kind.REF),
            },
        ),
        _make(
            "openbareruimte",
            "OPR",
            "OpenbareRuimte",
            "30",
            {
                "naam": ("naam", Kind.TEXT),
                "verkorteNaam": ("verkorte_naam", Kind.DEEPTEXT),
                "type": ("type", Kind.TEXT),
                "ligtIn": ("woonplaats_id", Kind.REF),
            },
        ),
        _make(
            "woonplaats",
            "WPL",
            "Woonplaats",
            None,
            {"naam": ("naam", Kind.TEXT), "geometrie": ("geometry", Kind.GEOMETRY)},
        ),
        _make("ligplaats", "LIG", "Ligplaats", "02", {**_ADDRESSES, **_GEOMETRY}, point=True),
        _make("standplaats", "STA", "Standplaats", "03", {**_ADDRESSES, **_GEOMETRY}, point=True),
    )
}
"""All object types by option name."""

BY_ELEMENT: dict[str, ObjectType] = {t.element: t for t in OBJECT_TYPES.values()}
BY_CODE: dict[str, ObjectType] = {t.code: t for t in OBJECT_TYPES.values()}

FILE_NAME = re.compile(
    r"(?:^|[\\/!])(?:\d{4})?(PND|VBO|NUM|OPR|WPL|LIG|STA)\d{8}(?:-\d+)?\.(xml|zip)$", re.I
)
"""Kadaster's part names, e.g. 0221PND15092020.zip and 0221PND15092020-000001.xml."""


def code_of(file_name: str) -> str | None:
    """The object type code in a Kadaster file name, or None for other files."""
    match = FILE_NAME.search(file_name)
    return match.group(1).upper() if match else None
