# SPDX-License-Identifier: EUPL-1.2
"""A real BAG 2.0 LVC extract per synthetic gemeente, written by the ``bag`` source's writer."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from stuurdata.demo.addresses import GEBRUIKSDOELEN, AddressBook, bag_id
from stuurdata.demo.boundaries import GemeenteShapes
from stuurdata.demo.plan import GemeentePlan
from stuurdata.demo.population import PEILDATUM

_OPENBARE_RUIMTE_TYPE = "Weg"
_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


def _panden(gemeente: GemeentePlan, book: AddressBook) -> Iterator[dict[str, Any]]:
    ids = bag_id(gemeente.digits, 10, np.arange(len(book.pand_x), dtype=np.int64))
    half = book.pand_size / 2
    boxes = shapely.box(
        book.pand_x - half, book.pand_y - half, book.pand_x + half, book.pand_y + half
    )
    wkb = shapely.to_wkb(boxes)
    for i in range(len(ids)):
        yield {
            "identificatie": str(ids[i]),
            "oorspronkelijk_bouwjaar": int(book.pand_bouwjaar[i]),
            "geometry": wkb[i],
        }


def _verblijfsobjecten(gemeente: GemeentePlan, book: AddressBook) -> Iterator[dict[str, Any]]:
    seq = np.arange(book.vbo_count, dtype=np.int64)
    ids = bag_id(gemeente.digits, 1, seq)
    num = bag_id(gemeente.digits, 20, seq)
    pand = bag_id(gemeente.digits, 10, book.vbo_pand)
    for i in range(book.vbo_count):
        yield {
            "identificatie": str(ids[i]),
            "gebruiksdoel": GEBRUIKSDOELEN[book.vbo_use[i]],
            "oppervlakte": int(book.vbo_area[i]),
            "hoofdadres": str(num[i]),
            "pand_ids": str(pand[i]),
            "x": float(book.vbo_x[i]),
            "y": float(book.vbo_y[i]),
        }


def _nummeraanduidingen(gemeente: GemeentePlan, book: AddressBook) -> Iterator[dict[str, Any]]:
    seq = np.arange(book.vbo_count, dtype=np.int64)
    num = bag_id(gemeente.digits, 20, seq)
    street = bag_id(gemeente.digits, 30, book.vbo_street)
    for i in range(book.vbo_count):
        yield {
            "identificatie": str(num[i]),
            "huisnummer": int(book.huisnummer[i]),
            "postcode": str(book.postcode[i]),
            "openbare_ruimte_id": str(street[i]),
        }


def _openbare_ruimten(gemeente: GemeentePlan, book: AddressBook) -> Iterator[dict[str, Any]]:
    ids = bag_id(gemeente.digits, 30, np.arange(len(book.street_names), dtype=np.int64))
    for i, name in enumerate(book.street_names):
        yield {
            "identificatie": str(ids[i]),
            "naam": name,
            "type": _OPENBARE_RUIMTE_TYPE,
            "woonplaats_id": book.woonplaats_codes[book.street_woonplaats[i]],
        }


def _woonplaatsen(
    gemeente: GemeentePlan, book: AddressBook, shapes: GemeenteShapes
) -> Iterator[dict[str, Any]]:
    parts: dict[int, list[Any]] = {}
    for w, wijk in enumerate(gemeente.wijken):
        parts.setdefault(w % len(book.woonplaats_codes), []).append(shapes.wijken[wijk.code])
    for j, code in enumerate(book.woonplaats_codes):
        yield {
            "identificatie": code,
            "naam": book.woonplaats_names[j],
            "geometry": shapely.union_all(parts[j]),
        }


def write_bag(
    folder: Path, gemeente: GemeentePlan, book: AddressBook, shapes: GemeenteShapes
) -> int:
    """Write the gemeente's BAG extract into ``folder``; returns the number of verblijfsobjecten."""
    from stuurdata.sources.bag.writer import write_bag_extract

    written = write_bag_extract(
        folder,
        gemeente.code,
        PEILDATUM,
        {
            "woonplaats": _woonplaatsen(gemeente, book, shapes),
            "openbareruimte": _openbare_ruimten(gemeente, book),
            "nummeraanduiding": _nummeraanduidingen(gemeente, book),
            "pand": _panden(gemeente, book),
            "verblijfsobject": _verblijfsobjecten(gemeente, book),
        },
        gemeentenaam=f"{gemeente.name} (synthetisch)",
        part_size=50_000,
    )
    for path in written:
        if path.suffix == ".zip":
            _fix_zip_times(path)
    return book.vbo_count


def _fix_zip_times(path: Path) -> None:
    """Rewrite a zip with fixed entry timestamps so that the same seed gives the same bytes."""
    fixed_path = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(fixed_path, "w") as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed._compresslevel = 1  # type: ignore[attr-defined]
            fixed.external_attr = 0o644 << 16
            with source.open(info) as src, target.open(fixed, "w", force_zip64=True) as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    fixed_path.replace(path)
