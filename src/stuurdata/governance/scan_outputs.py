# SPDX-License-Identifier: EUPL-1.2
"""The public outputs the scanner reads: the published tables, downloads in every format and the
responses of every public HTTP endpoint (portal pages, REST, CKAN, DCAT, OGC API, downloads).

No web framework is imported here: the caller hands in a ``get(path)`` function (the CLI and the
tests use the portal app through a test client), and the crawler follows the links in what it
gets back, starting from the public entry points and the URLs of every public dataset and area.
"""

from __future__ import annotations

import io
import re
import sqlite3
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from stuurdata.governance.scan import ScanReport, scan_tables, scan_text
from stuurdata.warehouse import PublishedVersion

DOWNLOAD_EXTENSIONS = ("csv", "excel.csv", "json", "geojson", "parquet", "xlsx", "gpkg")
ENTRY_POINTS = (
    "/",
    "/datasets",
    "/kaart",
    "/kaart/data.geojson",
    "/manifest",
    "/dashboards",
    "/registers",
    "/registers/algoritmes.json",
    "/registers/algoritmes.csv",
    "/dataverzoek",
    "/api/3",
    "/api/3/action/package_list",
    "/api/3/action/package_search?rows=1000",
    "/api/3/action/organization_list?all_fields=true",
    "/api/3/action/group_list?all_fields=true",
    "/api/3/action/status_show",
    "/catalog",
    "/catalog.jsonld",
    "/catalog.ttl",
    "/catalog.rdf",
    "/api/v1/openapi.json",
    "/api/v1/datasets",
    "/api/v1/indicators",
    "/api/v1/areas",
    "/api/v1/manifest",
    "/api/v1/sql/tables",
    "/ogc",
    "/ogc/collections",
    "/ogc/conformance",
)
MAX_PAGES = 2500
MAX_PER_PATH = 4
"""Query-string variants followed per path (pagination links would never end otherwise)."""
_LINK = re.compile(r"""(?:href|src|action)\s*=\s*["']([^"'#]+)""")
_SKIP = ("/static/", "/inloggen", "/uitloggen", "/beheer", "/api/v1/docs")


@dataclass(frozen=True)
class Fetched:
    """One HTTP response, as the scanner needs it."""

    status: int
    content_type: str
    body: bytes


Get = Callable[[str], Fetched]


def decode(body: bytes) -> Iterator[tuple[str, str]]:
    """(place, text) of a response or file body: Parquet, XLSX (zip), GeoPackage (SQLite) and
    text in UTF-8 or UTF-16 are read as what they are, so numbers stored in binary are seen."""
    if body.startswith(b"PAR1"):
        import pyarrow.parquet as pq

        table = pq.read_table(io.BytesIO(body))
        for name in table.column_names:
            yield f"kolom {name}", "\n".join(map(str, table.column(name).to_pylist()))
    elif body.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            for member in archive.namelist():
                yield member, archive.read(member).decode("utf-8", errors="replace")
    elif body.startswith(b"SQLite format 3\x00"):
        yield from _sqlite_text(body)
    elif body.startswith((b"\xff\xfe", b"\xfe\xff")):
        yield "", body.decode("utf-16", errors="replace")
    else:
        yield "", body.decode("utf-8", errors="replace")


def _sqlite_text(body: bytes) -> Iterator[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "scan.gpkg"
        path.write_bytes(body)
        con = sqlite3.connect(path)
        try:
            tables = [
                r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
            ]
            for table in tables:
                quoted = '"' + table.replace('"', '""') + '"'
                rows = con.execute(f"SELECT * FROM {quoted}").fetchall()
                text = "\n".join(
                    " ".join("" if isinstance(v, bytes) else str(v) for v in row) for row in rows
                )
                yield f"tabel {table}", text
        finally:
            con.close()


def _links(text: str, content_type: str) -> list[str]:
    found = _LINK.findall(text) if "html" in content_type else []
    if "json" in content_type:
        found += re.findall(r'"((?:https?://[^"/]+)?/[^"\s]*)"', text)
    links = []
    for link in found:
        parts = urlsplit(link.replace("&amp;", "&"))
        if parts.netloc and parts.netloc != "testserver":
            continue  # external: not ours to scan
        if not parts.path.startswith("/") or parts.path.startswith(_SKIP):
            continue
        links.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def dataset_urls(datasets: Iterable[str]) -> list[str]:
    """Every public URL of each openbaar dataset: page, APIs and downloads."""
    urls = []
    for name in datasets:
        urls += [
            f"/datasets/{name}",
            f"/api/v1/datasets/{name}",
            f"/api/v1/datasets/{name}/rows?limit=10000",
            f"/api/3/action/package_show?id={name}",
            f"/ogc/collections/{name}",
            f"/ogc/collections/{name}/items?limit=10000",
        ]
        urls += [f"/datasets/{name}/download.{ext}" for ext in DOWNLOAD_EXTENSIONS]
    return urls


def area_urls(codes: Iterable[str]) -> list[str]:
    return [u for code in codes for u in (f"/gebieden/{code}", f"/api/v1/areas/{code}")]


def crawl(
    get: Get,
    seeds: Iterable[str],
    report: ScanReport,
    pseudonyms: frozenset[str],
    max_pages: int = MAX_PAGES,
) -> None:
    """Fetch the seeds and every same-site link found in them (breadth first, bounded), and scan
    each successful response."""
    queue = list(dict.fromkeys(seeds))
    seen = set(queue)
    per_path: Counter[str] = Counter()
    done = 0
    while queue and done < max_pages:
        url = queue.pop(0)
        done += 1
        fetched = get(url)
        if fetched.status != 200:
            continue
        output = f"GET {url}"
        report.outputs.append(output)
        report.scanned_bytes += len(fetched.body)
        for place, text in decode(fetched.body):
            report.add(scan_text(output, text, pseudonyms, where=place))
            for link in _links(text, fetched.content_type):
                path = link.split("?", 1)[0]
                if link in seen or per_path[path] >= MAX_PER_PATH:
                    continue
                seen.add(link)
                per_path[path] += 1
                queue.append(link)


def scan_version(
    version: PublishedVersion, get: Get | None = None, only: Iterable[str] | None = None
) -> ScanReport:
    """Scan the public tables of ``version`` and, given ``get``, every public HTTP output
    (or, given ``only``, just those URLs, without following their links)."""
    from stuurdata.governance.scan import load_pseudonyms

    report = ScanReport()
    con = version.connect()
    try:
        pseudonyms = load_pseudonyms(con, version.manifest)
        report.pseudonyms = len(pseudonyms)
        scan_tables(con, pseudonyms, report)
        areas = [
            str(r[0])
            for r in con.execute(
                "SELECT code FROM areas.gemeenten UNION ALL SELECT code FROM areas.wijken "
                "UNION ALL SELECT code FROM areas.buurten"
            ).fetchall()
        ]
    finally:
        con.close()
    if get is not None:
        public = [d.name for d in version.manifest.datasets if d.classification == "openbaar"]
        if only is not None:
            seeds = list(only)
            crawl(get, seeds, report, pseudonyms, max_pages=len(seeds))
        else:
            seeds = [*ENTRY_POINTS, *dataset_urls(public), *area_urls(areas)]
            crawl(get, seeds, report, pseudonyms)
    return report
