# SPDX-License-Identifier: EUPL-1.2
"""Stream the objects out of one XML part of a BAG 2.0 extract with ``lxml.etree.iterparse``.

Only ``sl-bag-extract:bagObject`` elements are handed to Python; each is turned into one record
(column -> value) and then cleared, together with the elements before it, so memory stays flat
for a national extract. Every value that breaks the format becomes a :class:`Problem` with the
part name, the XML line, the element and what was expected.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

from lxml import etree

from stuurdata.errors import Problem
from stuurdata.sources.bag.gml import GeometryError, to_wkb
from stuurdata.sources.bag.objecttypes import (
    BY_ELEMENT,
    HISTORY_ELEMENTS,
    Kind,
    ObjectType,
)
from stuurdata.sources.bag.xmlns import (
    BAG1_MARKERS,
    BAG_EXTRACT,
    BAG_OBJECT_TAG,
    HISTORIE,
    OBJECTEN,
    ROOT_TAG,
)

Record = dict[str, Any]
POSTCODE = re.compile(r"^[1-9]\d{3}[A-Z]{2}$")
BOUWJAAR_ONBEKEND = 9999
_BAG_EXTRACT_FAMILY = BAG_EXTRACT.rsplit("/", 1)[0]
_TIMESTAMPS = frozenset(
    {
        "tijdstip_registratie",
        "eind_registratie",
        "tijdstip_registratie_lv",
        "tijdstip_eind_registratie_lv",
    }
)


class TooManyProblemsError(Exception):
    """Raised by :class:`ProblemLog` once enough problems are known to reject the source."""


class ProblemLog:
    """Collects problems; stops the read after ``limit`` (the file is rejected anyway)."""

    def __init__(self, limit: int = 200) -> None:
        self.problems: list[Problem] = []
        self.limit = limit

    def add(self, problem: Problem) -> None:
        self.problems.append(problem)
        if len(self.problems) >= self.limit:
            raise TooManyProblemsError


def _line(node: etree._Element) -> int | None:
    line = node.sourceline
    return line if isinstance(line, int) else None


def _local(tag: str) -> str:
    return tag[tag.rfind("}") + 1 :]


class PartParser:
    """Parses the parts of one object type; ``keep`` decides which records are returned."""

    def __init__(
        self,
        spec: ObjectType,
        problems: ProblemLog,
        keep: Callable[[Record], bool],
        max_bouwjaar: int,
    ) -> None:
        self.spec = spec
        self.problems = problems
        self.keep = keep
        self.max_bouwjaar = max_bouwjaar
        self.records = 0
        self.kept = 0
        # Clark-notation tags, so the hot loop needs no string work per element
        self._fields = {f"{{{OBJECTEN}}}{k}": (k, *v) for k, v in spec.elements.items()}
        self._history = {f"{{{HISTORIE}}}{k}": (k, v) for k, v in HISTORY_ELEMENTS.items()}

    def parse(self, stream: IO[bytes], label: str) -> Iterator[tuple[Record, int]]:
        """Yield (record, XML line) for every kept object in the part."""
        context = etree.iterparse(
            stream,
            events=("start-ns", "end"),
            tag=BAG_OBJECT_TAG,
            huge_tree=True,
            remove_comments=True,
        )
        checked = False
        try:
            for event, item in context:
                if event == "start-ns":
                    self._check_namespace(item[1], label)
                    continue
                element: etree._Element = item
                if not checked:
                    checked = True
                    self._check_root(element.getroottree().getroot().tag, label)
                result = self._object(element, label)
                if result is not None:
                    yield result
                _release(element)
            if not checked and context.root is not None:
                self._check_root(context.root.tag, label)
        except etree.XMLSyntaxError as exc:
            self.problems.add(
                Problem(
                    file=label,
                    rule="xml",
                    message=f"geen geldige XML: {exc.msg}",
                    row=exc.lineno,
                    expected="goedgevormde XML (BAG 2.0 extract)",
                )
            )
        except _StopPartError:
            return

    # -- checks on the part as a whole ---------------------------------------------------------
    def _check_namespace(self, uri: str, label: str) -> None:
        if any(marker in uri for marker in BAG1_MARKERS):
            self._bag1(label, uri)
        if uri.startswith(_BAG_EXTRACT_FAMILY) and uri != BAG_EXTRACT:
            self.problems.add(
                Problem(
                    file=label,
                    rule="bag_versie",
                    message="onbekende versie van het BAG-extract",
                    expected=BAG_EXTRACT,
                    found=uri,
                )
            )
            raise _StopPartError

    def _check_root(self, tag: str, label: str) -> None:
        if tag == ROOT_TAG:
            return
        if any(marker in tag for marker in BAG1_MARKERS):
            self._bag1(label, tag)
        self.problems.add(
            Problem(
                file=label,
                rule="bag_versie",
                message="dit is geen deelbestand van een BAG 2.0-extract (LVC)",
                expected=f"sl-bag-extract:bagStand ({BAG_EXTRACT})",
                found=tag,
            )
        )
        raise _StopPartError

    def _bag1(self, label: str, found: str) -> None:
        self.problems.add(
            Problem(
                file=label,
                rule="bag_versie",
                message="dit is een BAG 1.0-extract; Stuurdata leest alleen het BAG 2.0-extract "
                "(Kadaster levert dit sinds 2020). Vraag het BAG 2.0-extract aan.",
                expected="BAG 2.0 (BAG-Extract-Deelbestand-LVC 2.1.0)",
                found=found,
            )
        )
        raise _StopPartError

    # -- one object ------------------------------------------------------------------------------
    def _object(self, wrapper: etree._Element, label: str) -> tuple[Record, int] | None:
        obj = next((c for c in wrapper if isinstance(c.tag, str)), None)
        if obj is None:
            return None
        line = _line(obj) or 0
        element = _local(obj.tag)
        if element != self.spec.element:
            other = BY_ELEMENT.get(element)
            self.problems.add(
                Problem(
                    file=label,
                    rule="objecttype",
                    message=f"dit deelbestand bevat {other.name if other else element}, "
                    f"gevraagd is {self.spec.name}",
                    row=line,
                    column=element,
                    expected=self.spec.element,
                    found=element,
                )
            )
            raise _StopPartError
        self.records += 1
        record: Record = {}
        before = len(self.problems.problems)
        fields = self._fields
        for child in obj:
            target = fields.get(child.tag)
            if target is not None:
                self._field(record, child, *target, label)
        self._check_record(record, line, label)
        if len(self.problems.problems) > before or not self.keep(record):
            return None
        self.kept += 1
        return record, line

    def _field(
        self, record: Record, child: etree._Element, name: str, column: str, kind: Kind, label: str
    ) -> None:
        if kind is Kind.VOORKOMEN:
            history = self._history
            for node in child.iter():
                found = history.get(node.tag)
                if found is not None:
                    record[found[1]] = self._scalar(node, found[0], found[1], label)
            return
        if kind is Kind.GEOMETRY:
            try:
                wkb, x, y = to_wkb(child, centroid=self.spec.point)
            except GeometryError as exc:
                self._bad(label, child, name, "geometrie", str(exc), "GML in EPSG:28992")
                return
            record["geometry"] = wkb
            if self.spec.point:
                record["x"], record["y"] = x, y
            return
        if kind in (Kind.REF, Kind.REFS):
            refs = [(c.text or "").strip() for c in child if isinstance(c.tag, str)]
            if not refs and child.text and child.text.strip():
                refs = [child.text.strip()]
            previous = record.get(column)
            value = ";".join([previous, *refs] if previous else refs)
            record[column] = value or None
            return
        if kind is Kind.DEEPTEXT:
            record[column] = "".join(str(t) for t in child.itertext()).strip() or None
            return
        text = (child.text or "").strip()
        if kind is Kind.MULTI:
            previous = record.get(column)
            record[column] = f"{previous};{text}" if previous else text
        elif kind is Kind.TEXT:
            record[column] = text or None
        elif kind is Kind.INT:
            try:
                record[column] = int(text)
            except ValueError:
                self._bad(
                    label,
                    child,
                    name,
                    "geheel_getal",
                    "geen geheel getal",
                    "een geheel getal",
                    text,
                )
        elif kind is Kind.BOOL:
            if text in ("J", "N"):
                record[column] = text == "J"
            else:
                self._bad(label, child, name, "ja_nee", "geen J of N", "J of N", text)
        elif kind is Kind.DATE:
            record[column] = self._date(child, name, text, label)

    def _scalar(self, node: etree._Element, name: str, column: str, label: str) -> object:
        text = (node.text or "").strip()
        if column == "voorkomen_id":
            if text.isdigit():
                return int(text)
            self._bad(
                label, node, name, "geheel_getal", "geen geheel getal", "een geheel getal", text
            )
            return None
        if column in _TIMESTAMPS:
            try:
                return dt.datetime.fromisoformat(text)
            except ValueError:
                self._bad(
                    label, node, name, "tijdstip", "geen tijdstip", "JJJJ-MM-DDTuu:mm:ss.sss", text
                )
                return None
        return self._date(node, name, text, label)

    def _date(self, node: etree._Element, name: str, text: str, label: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self._bad(label, node, name, "datum", "geen datum", "JJJJ-MM-DD", text)
            return None

    def _bad(
        self,
        label: str,
        node: etree._Element,
        column: str,
        rule: str,
        message: str,
        expected: str,
        found: str | None = None,
    ) -> None:
        self.problems.add(
            Problem(
                file=label,
                rule=rule,
                message=message,
                row=_line(node),
                column=column,
                expected=expected,
                found=found,
            )
        )

    def _check_record(self, record: Record, line: int, label: str) -> None:
        spec = self.spec
        identificatie = record.get("identificatie")
        if identificatie is None:
            self.problems.add(
                Problem(
                    label,
                    "verplicht",
                    f"{spec.element} zonder identificatie",
                    line,
                    "identificatie",
                )
            )
        elif not spec.id_pattern.match(identificatie):
            self.problems.add(
                Problem(
                    label,
                    "identificatie",
                    "ongeldige BAG-identificatie",
                    line,
                    "identificatie",
                    spec.id_expected,
                    identificatie,
                )
            )
        if "begin_geldigheid" not in record and "voorkomen" in spec.elements:
            self.problems.add(
                Problem(
                    label, "verplicht", "voorkomen zonder beginGeldigheid", line, "beginGeldigheid"
                )
            )
        bouwjaar = record.get("oorspronkelijk_bouwjaar")
        if (
            bouwjaar is not None
            and bouwjaar != BOUWJAAR_ONBEKEND
            and not 1000 <= bouwjaar <= self.max_bouwjaar
        ):
            self.problems.add(
                Problem(
                    label,
                    "bereik",
                    "oorspronkelijk bouwjaar buiten bereik",
                    line,
                    "oorspronkelijkBouwjaar",
                    f"1000 t/m {self.max_bouwjaar}, of 9999 (onbekend)",
                    str(bouwjaar),
                )
            )
        postcode = record.get("postcode")
        if postcode is not None and not POSTCODE.match(postcode):
            self.problems.add(
                Problem(
                    label, "postcode", "ongeldige postcode", line, "postcode", "1234AB", postcode
                )
            )


class _StopPartError(Exception):
    """Stop reading this part: it is not what was asked for (its problem is already logged)."""


def _release(element: etree._Element) -> None:
    """Free a parsed object and everything before it (iterparse keeps the tree otherwise)."""
    element.clear()
    node: etree._Element | None = element
    while node is not None:
        parent = node.getparent()
        if parent is None:
            break
        while node.getprevious() is not None:
            del parent[0]
        node = parent
