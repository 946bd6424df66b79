# SPDX-License-Identifier: EUPL-1.2
"""Write a BAG 2.0 LVC extract like Kadaster delivers it (used by the synthetic demo generator).

The output is read back by the ``bag`` connector: one zip per object type
(``0999PND01012024.zip``) holding XML parts of ``part_size`` objects
(``0999PND01012024-000001.xml``), plus ``Leveringsdocument-BAG-Extract.xml``; with
``outer_zip=True`` all of it is wrapped in one ``BAGGEM0999L-01012024.zip`` like a gemeente
delivery. Objects are written as streamed text, so millions of verblijfsobjecten are fine.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any

from stuurdata.sources.bag import xmlns
from stuurdata.sources.bag.fragments import esc, object_xml
from stuurdata.sources.bag.objecttypes import OBJECT_TYPES, ObjectType

_NAMESPACES = (
    f'xmlns:DatatypenNEN3610="{xmlns.DATATYPEN}" xmlns:Objecten="{xmlns.OBJECTEN}" '
    f'xmlns:gml="{xmlns.GML}" xmlns:Historie="{xmlns.HISTORIE}" xmlns:Objecten-ref="{xmlns.OBJECTEN_REF}" '
    f'xmlns:nen5825="{xmlns.NEN5825}" xmlns:KenmerkInOnderzoek="{xmlns.IN_ONDERZOEK}" '
    f'xmlns:selecties-extract="{xmlns.SELECTIES}" xmlns:sl-bag-extract="{xmlns.BAG_EXTRACT}" '
    f'xmlns:sl="{xmlns.STANDLEVERING}" xmlns:xsi="{xmlns.XSI}" xmlns:xs="{xmlns.XS}" '
    f'xsi:schemaLocation="{xmlns.SCHEMA_LOCATION}"'
)


def _gemeente(gemeentecode: str) -> str:
    code = gemeentecode.upper().removeprefix("GM")
    if not (len(code) == 4 and code.isdigit()):
        raise ValueError(f"gemeentecode {gemeentecode!r}: verwacht 4 cijfers, bv. 0221 of GM0221")
    return code


def _header(spec: ObjectType, gemeente: str, stand: dt.date) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<sl-bag-extract:bagStand {_NAMESPACES}>\n"
        "<sl-bag-extract:bagInfo>\n<selecties-extract:Gebied-Registratief>\n<selecties-extract:Gebied-GEM>\n"
        "<selecties-extract:GemeenteCollectie>\n<selecties-extract:Gemeente>\n"
        f"<selecties-extract:GemeenteIdentificatie>{gemeente}</selecties-extract:GemeenteIdentificatie>\n"
        "</selecties-extract:Gemeente>\n</selecties-extract:GemeenteCollectie>\n</selecties-extract:Gebied-GEM>\n"
        "</selecties-extract:Gebied-Registratief>\n<selecties-extract:LVC-Extract>\n"
        f"<selecties-extract:StandTechnischeDatum>{stand.isoformat()}</selecties-extract:StandTechnischeDatum>\n"
        "</selecties-extract:LVC-Extract>\n</sl-bag-extract:bagInfo>\n"
        "<sl:standBestand>\n<sl:dataset>LVBAG</sl:dataset>\n<sl:inhoud>\n<sl:gebied>GEMEENTE</sl:gebied>\n"
        "<sl:leveringsId>0000000001</sl:leveringsId>\n"
        f"<sl:objectTypen>\n<sl:objectType>{spec.code}</sl:objectType>\n</sl:objectTypen>\n</sl:inhoud>\n"
        "<sl:stand>\n"
    )


_FOOTER = "</sl:stand>\n</sl:standBestand>\n</sl-bag-extract:bagStand>\n"


def leveringsdocument(gemeente: str, gemeentenaam: str, stand: dt.date) -> str:
    """The delivery document (``Leveringsdocument-BAG-Extract.xml``) of a gemeente LVC extract."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        "<xb:BAG-Extract-Levering "
        f'xsi:schemaLocation="{xmlns.LEVERING} http://www.kadaster.nl/schemas/bag-verstrekkingen/'
        'extract-levering/v20200601/BagvsExtractLeveringsdocument-2.1.0.xsd" '
        f'xmlns:xb="{xmlns.LEVERING}" xmlns:xsi="{xmlns.XSI}" xmlns:selecties-extract="{xmlns.SELECTIES}">\n'
        "<xb:SelectieGegevens>\n<selecties-extract:LVC-Extract>\n"
        f"<selecties-extract:StandTechnischeDatum>{stand.isoformat()}</selecties-extract:StandTechnischeDatum>\n"
        "</selecties-extract:LVC-Extract>\n<selecties-extract:Gebied-Registratief>\n<selecties-extract:Gebied-GEM>\n"
        "<selecties-extract:GemeenteCollectie>\n<selecties-extract:Gemeente>\n"
        f"<selecties-extract:GemeenteIdentificatie>{gemeente}</selecties-extract:GemeenteIdentificatie>\n"
        f"<selecties-extract:GemeenteNaam>{esc(gemeentenaam)}</selecties-extract:GemeenteNaam>\n"
        "</selecties-extract:Gemeente>\n</selecties-extract:GemeenteCollectie>\n</selecties-extract:Gebied-GEM>\n"
        "</selecties-extract:Gebied-Registratief>\n</xb:SelectieGegevens>\n<xb:SchemaInfo>\n"
        "<xb:naam>BagvsExtractDeelbestandExtractLvc-2.1.0.xsd</xb:naam>\n<xb:versie>20200601</xb:versie>\n"
        "</xb:SchemaInfo>\n</xb:BAG-Extract-Levering>\n"
    )


def _chunks(records: Iterable[Mapping[str, Any]], size: int) -> Iterator[list[Mapping[str, Any]]]:
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _write_type(
    target: Path,
    spec: ObjectType,
    gemeente: str,
    stand: dt.date,
    records: Iterable[Mapping[str, Any]],
    part_size: int,
    compresslevel: int,
) -> None:
    stem = f"{gemeente}{spec.code}{stand:%d%m%Y}"
    serial = 0
    written = False
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for number, chunk in enumerate(_chunks(records, part_size), 1):
            written = True
            with archive.open(f"{stem}-{number:06d}.xml", "w", force_zip64=True) as raw:
                out = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
                out.write(_header(spec, gemeente, stand))
                buffer: list[str] = []
                for record in chunk:
                    serial += 1
                    buffer.append("<sl-bag-extract:bagObject>\n")
                    buffer.append(object_xml(spec, record, stand, serial))
                    buffer.append("</sl-bag-extract:bagObject>\n</sl:stand>\n<sl:stand>\n")
                    if len(buffer) >= 3000:
                        out.write("".join(buffer))
                        buffer.clear()
                if buffer:
                    # the last object closes its own sl:stand: drop the trailing open one
                    buffer[-1] = "</sl-bag-extract:bagObject>\n"
                out.write("".join(buffer))
                out.write(_FOOTER)
                out.flush()
                out.detach()
        if not written:  # an empty object type is still delivered, as one empty part
            archive.writestr(
                f"{stem}-000001.xml",
                _header(spec, gemeente, stand).removesuffix("<sl:stand>\n")
                + _FOOTER.removeprefix("</sl:stand>\n"),
            )


def write_bag_extract(
    folder: Path,
    gemeentecode: str,
    stand: dt.date,
    objects: Mapping[str, Iterable[Mapping[str, Any]]],
    *,
    gemeentenaam: str | None = None,
    part_size: int = 10_000,
    outer_zip: bool = False,
    compresslevel: int = 1,
) -> list[Path]:
    """Write a BAG 2.0 LVC extract of one gemeente into ``folder``; return the files written.

    ``objects`` maps an object type (``pand``, ``verblijfsobject``, ``nummeraanduiding``,
    ``openbareruimte``, ``woonplaats``, ``ligplaats``, ``standplaats``) to its records (any
    iterable, consumed once, so a generator keeps memory flat). Record keys are the column names
    the ``bag`` connector returns; missing optional keys are left out of the XML.

    Every type: ``identificatie`` (required; 16 digits, woonplaats 4), ``status`` (default per
    type, e.g. 'Pand in gebruik'), ``geconstateerd`` (bool, default False), ``documentdatum``
    (default begin_geldigheid), ``documentnummer`` (default 'STUURDATA-DEMO'), ``voorkomen_id``
    (default 1), ``begin_geldigheid`` (date, default documentdatum or ``stand``),
    ``eind_geldigheid`` (date), ``tijdstip_registratie`` (datetime, default begin 09:00),
    ``eind_registratie`` (datetime), ``tijdstip_registratie_lv`` and
    ``tijdstip_eind_registratie_lv`` (default the registratie times).

    - pand: ``oorspronkelijk_bouwjaar`` (int), ``geometry`` (Polygon, WKB bytes or shapely, RD).
    - verblijfsobject: ``gebruiksdoel`` (';'-joined str or list, default 'woonfunctie'),
      ``oppervlakte`` (int), ``hoofdadres`` (nummeraanduiding id), ``nevenadressen`` and
      ``pand_ids`` (';'-joined str or list), ``x``/``y`` (RD point) or ``geometry`` (Point/Polygon).
    - nummeraanduiding: ``huisnummer`` (int), ``huisletter``, ``huisnummertoevoeging``,
      ``postcode``, ``type_adresseerbaar_object`` (default 'Verblijfsobject'),
      ``openbare_ruimte_id``, ``woonplaats_id`` (optional).
    - openbareruimte: ``naam``, ``verkorte_naam``, ``type`` (default 'Weg'), ``woonplaats_id``.
    - woonplaats: ``naam``, ``geometry`` (Polygon or MultiPolygon).
    - ligplaats, standplaats: ``hoofdadres``, ``nevenadressen``, ``geometry`` (Polygon).
    """
    gemeente = _gemeente(gemeentecode)
    unknown = set(objects) - set(OBJECT_TYPES)
    if unknown:
        raise ValueError(
            f"onbekende BAG-objecttypen: {sorted(unknown)}; bekend: {list(OBJECT_TYPES)}"
        )
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, records in objects.items():
        spec = OBJECT_TYPES[name]
        target = folder / f"{gemeente}{spec.code}{stand:%d%m%Y}.zip"
        _write_type(target, spec, gemeente, stand, records, part_size, compresslevel)
        written.append(target)
    document = folder / "Leveringsdocument-BAG-Extract.xml"
    document.write_text(
        leveringsdocument(gemeente, gemeentenaam or f"Gemeente {gemeente}", stand), "utf-8"
    )
    written.append(document)
    if not outer_zip:
        return written
    outer = folder / f"BAGGEM{gemeente}L-{stand:%d%m%Y}.zip"
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_STORED) as archive:
        for path in written:
            archive.write(path, path.name)
    for path in written:
        path.unlink()
    return [outer]
