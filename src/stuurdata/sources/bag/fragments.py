# SPDX-License-Identifier: EUPL-1.2
"""XML text of single BAG objects in the element order of Kadaster's LVC 2.1.0 extract.

Plain string building (no element trees) so :mod:`stuurdata.sources.bag.writer` can write
millions of objects quickly. Values come from dicts keyed like the connector's columns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import shapely

from stuurdata.sources.bag.objecttypes import ObjectType

DEFAULT_STATUS = {
    "pand": "Pand in gebruik",
    "verblijfsobject": "Verblijfsobject in gebruik",
    "nummeraanduiding": "Naamgeving uitgegeven",
    "openbareruimte": "Naamgeving uitgegeven",
    "woonplaats": "Woonplaats aangewezen",
    "ligplaats": "Plaats aangewezen",
    "standplaats": "Plaats aangewezen",
}
_DOMEIN = {
    "Nummeraanduiding": "NL.IMBAG.Nummeraanduiding",
    "OpenbareRuimte": "NL.IMBAG.Openbareruimte",
    "Woonplaats": "NL.IMBAG.Woonplaats",
    "Pand": "NL.IMBAG.Pand",
    "Verblijfsobject": "NL.IMBAG.Verblijfsobject",
    "Ligplaats": "NL.IMBAG.Ligplaats",
    "Standplaats": "NL.IMBAG.Standplaats",
}
_SRS = 'srsName="urn:ogc:def:crs:EPSG::28992"'


def esc(value: object) -> str:
    text = str(value)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _iso(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="milliseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _el(name: str, value: object) -> str:
    if value is None or value == "":
        return ""
    text = esc(value) if isinstance(value, str) else value
    return f"<Objecten:{name}>{text}</Objecten:{name}>\n"


def _refs(name: str, ref: str, value: object) -> str:
    if value is None or value == "":
        return ""
    ids = value.split(";") if isinstance(value, str) else list(value)  # type: ignore[call-overload]
    domein = _DOMEIN[ref]
    inner = "".join(
        f'<Objecten-ref:{ref}Ref domein="{domein}">{esc(i)}</Objecten-ref:{ref}Ref>\n' for i in ids
    )
    return f"<Objecten:{name}>\n{inner}</Objecten:{name}>\n"


def _voorkomen(rec: Mapping[str, Any], stand: dt.date) -> str:
    begin = rec.get("begin_geldigheid") or rec.get("documentdatum") or stand
    registratie = rec.get("tijdstip_registratie") or dt.datetime.combine(begin, dt.time(9))
    eind_registratie = rec.get("eind_registratie")
    lv = rec.get("tijdstip_registratie_lv") or registratie
    eind_lv = rec.get("tijdstip_eind_registratie_lv") or eind_registratie
    parts = [
        "<Objecten:voorkomen>\n<Historie:Voorkomen>\n",
        f"<Historie:voorkomenidentificatie>{rec.get('voorkomen_id') or 1}</Historie:voorkomenidentificatie>\n",
        f"<Historie:beginGeldigheid>{_iso(begin)}</Historie:beginGeldigheid>\n",
    ]
    if rec.get("eind_geldigheid") is not None:
        parts.append(
            f"<Historie:eindGeldigheid>{_iso(rec['eind_geldigheid'])}</Historie:eindGeldigheid>\n"
        )
    parts.append(
        f"<Historie:tijdstipRegistratie>{_iso(registratie)}</Historie:tijdstipRegistratie>\n"
    )
    if eind_registratie is not None:
        parts.append(
            f"<Historie:eindRegistratie>{_iso(eind_registratie)}</Historie:eindRegistratie>\n"
        )
    parts.append(
        f"<Historie:BeschikbaarLV>\n<Historie:tijdstipRegistratieLV>{_iso(lv)}</Historie:tijdstipRegistratieLV>\n"
    )
    if eind_lv is not None:
        parts.append(
            f"<Historie:tijdstipEindRegistratieLV>{_iso(eind_lv)}</Historie:tijdstipEindRegistratieLV>\n"
        )
    parts.append("</Historie:BeschikbaarLV>\n</Historie:Voorkomen>\n</Objecten:voorkomen>\n")
    return "".join(parts)


def _admin(spec: ObjectType, rec: Mapping[str, Any], stand: dt.date) -> str:
    """status, geconstateerd, documentdatum, documentnummer."""
    docdatum = rec.get("documentdatum") or rec.get("begin_geldigheid") or stand
    return (
        _el("status", rec.get("status") or DEFAULT_STATUS[spec.name])
        + _el("geconstateerd", "J" if rec.get("geconstateerd") else "N")
        + _el("documentdatum", _iso(docdatum))
        + _el("documentnummer", rec.get("documentnummer") or "STUURDATA-DEMO")
    )


def _ring(coords: Any, dim3: bool) -> str:
    if dim3:
        text = " ".join(f"{x:.3f} {y:.3f} 0.0" for x, y in coords)
    else:
        text = " ".join(f"{x:.3f} {y:.3f}" for x, y in coords)
    return f'<gml:LinearRing>\n<gml:posList count="{len(coords)}">{text}</gml:posList>\n</gml:LinearRing>\n'


def _polygon(polygon: Any, gml_id: str, dim3: bool) -> str:
    dim = 3 if dim3 else 2
    rings = [f"<gml:exterior>\n{_ring(polygon.exterior.coords, dim3)}</gml:exterior>\n"]
    rings += [
        f"<gml:interior>\n{_ring(r.coords, dim3)}</gml:interior>\n" for r in polygon.interiors
    ]
    return f'<gml:Polygon {_SRS} srsDimension="{dim}" gml:id="{gml_id}">\n{"".join(rings)}</gml:Polygon>\n'


def _shape(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return shapely.from_wkb(bytes(value))
    return value


def geometry(spec: ObjectType, rec: Mapping[str, Any], gml_id: str) -> str:
    """``Objecten:geometrie`` of one object; verblijfsobject as point (x, y) unless polygon."""
    value = rec.get("geometry")
    if spec.name == "verblijfsobject" and (value is None or _shape(value).geom_type == "Point"):
        if value is not None:
            point = _shape(value)
            x, y = point.x, point.y
        else:
            x, y = rec["x"], rec["y"]
        return (
            f'<Objecten:geometrie>\n<Objecten:punt>\n<gml:Point {_SRS} srsDimension="3" gml:id="{gml_id}">\n'
            f"<gml:pos>{x:.3f} {y:.3f} 0.0</gml:pos>\n</gml:Point>\n</Objecten:punt>\n</Objecten:geometrie>\n"
        )
    if value is None:
        raise ValueError(f"{spec.name} {rec.get('identificatie')}: geometry ontbreekt")
    shape = _shape(value)
    dim3 = spec.name in ("pand", "verblijfsobject")
    if shape.geom_type == "Polygon":
        body = _polygon(shape, gml_id, dim3)
        wrap = "vlak" if spec.name in ("woonplaats", "verblijfsobject") else None
    elif shape.geom_type == "MultiPolygon":
        members = "".join(
            f"<gml:surfaceMember>\n{_polygon(p, f'{gml_id}_{i}', dim3)}</gml:surfaceMember>\n"
            for i, p in enumerate(shape.geoms, 1)
        )
        body = f'<gml:MultiSurface {_SRS} srsDimension="{3 if dim3 else 2}" gml:id="{gml_id}">\n{members}</gml:MultiSurface>\n'
        wrap = "multivlak"
    else:
        raise ValueError(f"{spec.name} {rec.get('identificatie')}: geometrietype {shape.geom_type}")
    if wrap:
        body = f"<Objecten:{wrap}>\n{body}</Objecten:{wrap}>\n"
    return f"<Objecten:geometrie>\n{body}</Objecten:geometrie>\n"


def object_xml(spec: ObjectType, rec: Mapping[str, Any], stand: dt.date, serial: int) -> str:
    """The ``Objecten:<Type>`` element of one record, in Kadaster's element order."""
    ident = rec.get("identificatie")
    if not ident:
        raise ValueError(f"{spec.name}: record {serial} zonder identificatie")
    gml_id = f"{spec.code}_{ident}_{rec.get('voorkomen_id') or 1}_{serial}"
    ident_el = f'<Objecten:identificatie domein="{_DOMEIN[spec.element]}">{esc(ident)}</Objecten:identificatie>\n'
    voorkomen = _voorkomen(rec, stand)
    admin = _admin(spec, rec, stand)
    name = spec.name
    if name == "pand":
        body = (
            ident_el
            + geometry(spec, rec, gml_id)
            + _el("oorspronkelijkBouwjaar", rec.get("oorspronkelijk_bouwjaar"))
            + admin
            + voorkomen
        )
    elif name == "verblijfsobject":
        doelen = rec.get("gebruiksdoel") or "woonfunctie"
        doelen_list = doelen.split(";") if isinstance(doelen, str) else list(doelen)
        body = (
            _refs("heeftAlsHoofdadres", "Nummeraanduiding", rec.get("hoofdadres"))
            + voorkomen
            + _refs("heeftAlsNevenadres", "Nummeraanduiding", rec.get("nevenadressen"))
            + ident_el
            + geometry(spec, rec, gml_id)
            + "".join(_el("gebruiksdoel", d) for d in doelen_list)
            + _el("oppervlakte", rec.get("oppervlakte"))
            + admin
            + _refs("maaktDeelUitVan", "Pand", rec.get("pand_ids"))
        )
    elif name == "nummeraanduiding":
        body = (
            ident_el
            + _el("huisnummer", rec.get("huisnummer"))
            + _el("huisletter", rec.get("huisletter"))
            + _el("huisnummertoevoeging", rec.get("huisnummertoevoeging"))
            + _el("postcode", rec.get("postcode"))
            + _el(
                "typeAdresseerbaarObject", rec.get("type_adresseerbaar_object") or "Verblijfsobject"
            )
            + admin
            + _refs("ligtIn", "Woonplaats", rec.get("woonplaats_id"))
            + voorkomen
            + _refs("ligtAan", "OpenbareRuimte", rec.get("openbare_ruimte_id"))
        )
    elif name == "openbareruimte":
        verkort = rec.get("verkorte_naam")
        verkort_el = (
            f"<Objecten:verkorteNaam>\n<nen5825:VerkorteNaamOpenbareRuimte>\n<nen5825:verkorteNaam>{esc(verkort)}"
            "</nen5825:verkorteNaam>\n</nen5825:VerkorteNaamOpenbareRuimte>\n</Objecten:verkorteNaam>\n"
            if verkort
            else ""
        )
        body = (
            ident_el
            + _el("naam", rec.get("naam"))
            + _el("type", rec.get("type") or "Weg")
            + admin
            + _refs("ligtIn", "Woonplaats", rec.get("woonplaats_id"))
            + voorkomen
            + verkort_el
        )
    elif name == "woonplaats":
        body = (
            ident_el
            + _el("naam", rec.get("naam"))
            + geometry(spec, rec, gml_id)
            + admin
            + voorkomen
        )
    else:  # ligplaats, standplaats
        status = _el("status", rec.get("status") or DEFAULT_STATUS[name])
        rest = _admin(spec, rec, stand).split("\n", 1)[1]  # without status: it precedes geometrie
        body = (
            _refs("heeftAlsHoofdadres", "Nummeraanduiding", rec.get("hoofdadres"))
            + voorkomen
            + _refs("heeftAlsNevenadres", "Nummeraanduiding", rec.get("nevenadressen"))
            + ident_el
            + status
            + geometry(spec, rec, gml_id)
            + rest
        )
    return f"<Objecten:{spec.element}>\n{body}</Objecten:{spec.element}>\n"
