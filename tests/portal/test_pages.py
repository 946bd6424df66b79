# SPDX-License-Identifier: EUPL-1.2
"""The HTML pages over a workspace built by the real warehouse: Dutch by default, English on
request, semantic structure, and nothing of a non-openbaar dataset."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from tests.portal.conftest import BUURTEN, GEMEENTEN, HIDDEN_DATASET, PUBLIC_DATASET, WIJKEN

PAGES = [
    "/",
    "/kaart",
    "/gebieden/GM9901",
    "/gebieden/WK990101",
    "/gebieden/BU99010101",
    "/gebieden/RG99",
    "/datasets",
    f"/datasets/{PUBLIC_DATASET}",
]


class Outline(HTMLParser):
    """Collects what the accessibility checks need: lang, landmarks, headings, captions."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.tags: list[str] = []
        self.headings: list[int] = []
        self.tables = 0
        self.captions = 0
        self.inline_scripts = 0
        self.ids: list[str] = []
        self.skip_target: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = attributes.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables += 1
        if tag == "caption":
            self.captions += 1
        if tag == "script" and "src" not in attributes:
            self.inline_scripts += 1
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if "utrecht-skip-link" in (attributes.get("class") or "") and self.skip_target is None:
            self.skip_target = attributes.get("href")


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("path", PAGES)
def test_page_renders_in_dutch_with_accessible_structure(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-language"] == "nl"
    page = outline(response.text)
    assert page.lang == "nl"
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in page.tags, f"{path} mist <{landmark}>"
    assert page.skip_target == "#inhoud" and "inhoud" in page.ids
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, f"{path}: kop h{after} na h{before}"
    assert page.tables == page.captions, f"{path}: elke tabel heeft een bijschrift"
    assert page.inline_scripts == 0
    assert len(page.ids) == len(set(page.ids)), f"{path}: dubbele id's"
    assert "Synthetische gegevens — fictieve gemeenten" in response.text
    assert "Naar de inhoud" in response.text


@pytest.mark.parametrize("path", PAGES)
def test_page_in_english_on_request(client: TestClient, path: str) -> None:
    response = client.get(path, params={"lang": "en"})
    assert response.status_code == 200
    assert outline(response.text).lang == "en"
    assert "Synthetic data — fictional municipalities" in response.text
    assert "Skip to content" in response.text
    assert "Naar de inhoud" not in response.text
    # links keep the chosen language
    assert 'href="/kaart?lang=en"' in response.text


def test_accept_language_picks_english_and_query_wins(client: TestClient) -> None:
    english = client.get("/", headers={"Accept-Language": "en-GB,en;q=0.9,nl;q=0.5"})
    assert outline(english.text).lang == "en"
    assert "Municipalities" in english.text
    assert english.headers["vary"] == "Accept-Language"
    dutch = client.get("/?lang=nl", headers={"Accept-Language": "en"})
    assert outline(dutch.text).lang == "nl"
    unsupported = client.get("/", headers={"Accept-Language": "de-DE,fr;q=0.8"})
    assert outline(unsupported.text).lang == "nl"


def test_home_lists_gemeenten_with_counts_region_and_build(client: TestClient) -> None:
    text = client.get("/").text
    for code, name in GEMEENTEN.items():
        assert name in text and f'href="/gebieden/{code}"' in text
    assert "Regio Bollenstreek" in text
    assert "Kostenverdeelsleutel" in text
    assert "25,0%" in text and "75,0%" in text  # cost key 1 : 3
    assert 'href="/kaart"' in text and 'href="/datasets"' in text
    version = client.get("/api/v1/manifest").json()["version_id"]
    assert version in text


def test_map_page_has_map_scripts_and_table_fallback(client: TestClient) -> None:
    text = client.get("/kaart").text
    assert '<script src="/static/vendor/maplibre-gl/maplibre-gl.js"></script>' in text
    assert '<script src="/static/kaart.js"></script>' in text
    assert "<noscript>" in text
    assert "level=buurt&amp;format=geojson" in text
    bounds = re.search(r'data-bounds="([^"]+)"', text)
    assert bounds is not None
    west, south, east, north = (float(v) for v in bounds.group(1).split(","))
    assert 3 < west < east < 8 and 50 < south < north < 54
    for code in [*GEMEENTEN, *WIJKEN, *BUURTEN]:
        assert f'href="/gebieden/{code}"' in text


def test_area_page_shows_parent_and_children(client: TestClient) -> None:
    wijk = client.get("/gebieden/WK990101").text
    assert 'href="/gebieden/GM9901"' in wijk  # parent
    assert "BU99010101" in wijk and "BU99010102" in wijk
    assert "BU99020101" not in wijk
    gemeente = client.get("/gebieden/GM9902").text
    assert "WK990201" in gemeente and 'href="/gebieden/RG99"' in gemeente
    buurt = client.get("/gebieden/BU99010101").text
    assert "Dit gebied heeft geen onderdelen." in buurt
    region = client.get("/gebieden/RG99").text
    assert "GM9901" in region and "GM9902" in region


def test_datasets_and_manifest_page(client: TestClient) -> None:
    text = client.get("/datasets").text
    assert "Woningen per buurt" in text
    assert f'href="/datasets/{PUBLIC_DATASET}"' in text
    assert "data/woningen.csv" in text
    manifest = client.get("/api/v1/manifest").json()
    for source in manifest["sources"]:
        assert source["files"][0]["sha256"] in text
    detail = client.get(f"/datasets/{PUBLIC_DATASET}").text
    assert "Aantal woningen per buurt uit de woningbron." in detail
    assert "openbaar" in detail and "marts.woningen_per_buurt" in detail
    assert "buurtcode" in detail and "woningen" in detail


@pytest.mark.parametrize("path", [*PAGES, "/api/v1/manifest", "/api/v1/areas?level=buurt"])
def test_non_public_dataset_absent_everywhere(client: TestClient, path: str) -> None:
    for lang in ("nl", "en"):
        text = client.get(path, params={"lang": lang}).text
        assert HIDDEN_DATASET not in text
        assert "Geheime telling" not in text
        assert "Interne telling" not in text


def test_non_public_dataset_page_is_not_found(client: TestClient) -> None:
    response = client.get(f"/datasets/{HIDDEN_DATASET}")
    assert response.status_code == 404
    assert "Geheime telling" not in response.text


@pytest.mark.parametrize(
    "path", ["/bestaat-niet", "/gebieden/GM0000", "/gebieden/x<y", "/datasets/Nope"]
)
def test_not_found_page_in_dutch(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Pagina niet gevonden" in response.text
    assert "<y" not in response.text
    english = client.get(path, params={"lang": "en"})
    assert "Page not found" in english.text


def test_security_headers_on_pages_api_and_static(client: TestClient) -> None:
    for path in ["/", "/api/v1/manifest", "/static/kaart.js", "/bestaat-niet"]:
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self'"
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert directives["frame-ancestors"] == "'none'"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_no_interactive_docs_that_would_load_a_cdn(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_head_requests_answer_like_get(client: TestClient) -> None:
    response = client.head("/kaart")
    assert response.status_code == 200
    assert response.content == b""
    assert "content-security-policy" in response.headers


def test_pages_stay_out_of_the_openapi_document(client: TestClient) -> None:
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    assert {"/api/v1/areas", "/api/v1/manifest"} <= paths
    pages = {"/", "/kaart", "/datasets", "/datasets/{name}", "/gebieden/{code}"}
    assert not paths & pages, "HTML pages belong outside the OpenAPI document"
