# SPDX-License-Identifier: EUPL-1.2
"""Area profiles (/gebieden/{code}): location map, neighbours, comparisons, trends with charts
and CSV, suppressed values with their reason."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape

import pytest
import shapely
from fastapi.testclient import TestClient

from stuurdata.areas.model import AreaLevel
from stuurdata.portal.area_map import neighbours_by_code
from stuurdata.portal.snapshot import AreaRow
from stuurdata.workspace import Workspace
from tests.portal.conftest import published_rows


def _square(code: str, x: float, y: float, size: float = 100.0) -> AreaRow:
    box = shapely.box(x, y, x + size, y + size)
    return AreaRow(code, code, AreaLevel.BUURT, None, 2024, False, shapely.to_wkb(box))


def test_neighbours_share_a_boundary() -> None:
    rows = [
        _square("BU1", 0, 0),
        _square("BU2", 100, 0),
        _square("BU3", 0, 100),
        _square("BU4", 500, 500),
        AreaRow("BU5", "zonder grens", AreaLevel.BUURT, None, 2024, False, None),
    ]
    found = neighbours_by_code(rows)
    assert found["BU1"] == ["BU2", "BU3"]
    assert found["BU2"] == ["BU1", "BU3"]  # a shared corner counts
    assert found["BU4"] == []
    assert "BU5" not in found
    assert neighbours_by_code([]) == {}


def test_tiny_profile_has_map_and_neighbours(client: TestClient) -> None:
    page = client.get("/gebieden/BU99010101")
    assert page.status_code == 200
    text = page.text
    svg = text.split('<svg class="profile-map__svg"', 1)[1].split("</svg>", 1)[0]
    assert 'role="img"' in svg and "aria-labelledby=" in svg
    assert svg.count("profile-map__shape--highlighted") == 1
    assert svg.count("<path") == 2  # the buurten of the same gemeente
    neighbours = text.split('id="buurgebieden"', 1)[1].split("</section>", 1)[0]
    assert "/gebieden/BU99010102" in neighbours and "/gebieden/BU99020101" in neighbours
    assert "/gebieden/BU99010101" not in neighbours


def test_tiny_profile_without_indicators_says_so(client: TestClient) -> None:
    text = client.get("/gebieden/GM9901").text
    assert "Voor dit gebied zijn geen cijfers over meerdere perioden gepubliceerd." in text
    assert "vega-embed" not in text  # no chart, no chart scripts
    region = client.get("/gebieden/RG99").text
    assert region.count("profile-map__shape--highlighted") == 2  # both member gemeenten


def test_trend_csv_of_unknown_area_or_theme_is_404(client: TestClient) -> None:
    assert client.get("/gebieden/GM9999/trends/bevolking.csv").status_code == 404
    assert client.get("/gebieden/GM9901/trends/bevolking.csv").status_code == 404
    assert client.get("/gebieden/GM9901/trends/Bad_Theme.csv").status_code == 404


@pytest.mark.slow
def test_profile_compares_with_gemeente_region_and_similar_gemeenten(
    demo: tuple[Workspace, TestClient],
) -> None:
    ws, client = demo
    [(buurt, wijk)] = published_rows(
        ws, "SELECT code, parent_code FROM areas.buurten ORDER BY code LIMIT 1", []
    )
    groups = published_rows(
        ws,
        "SELECT DISTINCT regio_naam FROM cube.regio_leden WHERE gemeente_code = ? ORDER BY 1",
        [published_rows(ws, "SELECT parent_code FROM areas.wijken WHERE code = ?", [wijk])[0][0]],
    )
    text = client.get(f"/gebieden/{buurt}").text
    intro = unescape(text.split('id="kerncijfers"', 1)[1].split("</p>", 1)[0])
    gemeente = ws.config.tenants[0]
    assert gemeente.name in intro
    assert groups and all(str(name) in intro for (name,) in groups)
    header = text.split('id="kerncijfers-bevolking-tabel"', 1)[1].split("</thead>", 1)[0]
    # indicator, the buurt, its wijk, its gemeente, region and comparison group, period
    assert header.count('scope="col"') == 4 + len(groups) + 1
    assert f"/gebieden/{wijk}" in text


@pytest.mark.slow
def test_profile_values_are_the_published_ones(demo: tuple[Workspace, TestClient]) -> None:
    ws, client = demo
    code = ws.config.tenants[0].code
    [(value, period)] = published_rows(
        ws,
        "SELECT value, period FROM published.indicators WHERE indicator = 'bevolking_inwoners' "
        "AND area_code = ? ORDER BY period DESC LIMIT 1",
        [code],
    )
    assert isinstance(value, float)
    text = client.get(f"/gebieden/{code}").text
    title = ws.indicators["bevolking_inwoners"].title.nl
    row = text.split(f">{title}</th>", 1)[1].split("</tr>", 1)[0]
    assert f"{value:,.0f}".replace(",", ".") in row and str(period) in row


@pytest.mark.slow
def test_profile_trends_have_chart_table_and_csv(demo: tuple[Workspace, TestClient]) -> None:
    ws, client = demo
    code = ws.config.tenants[1].code
    text = client.get(f"/gebieden/{code}").text
    specs = re.findall(r'data-chart-spec="([^"]+)"', text)
    assert specs, "a gemeente of the demo has trends"
    spec = json.loads(unescape(specs[0]))
    assert spec["$schema"].endswith("vega-lite/v6.json")
    assert all(v["value"] is not None for v in spec["data"]["values"])
    assert '<script src="/static/charts.js" defer></script>' in text
    link = re.search(r'href="(/gebieden/[^"]+/trends/sociaal-domein\.csv)"', text)
    assert link is not None
    download = client.get(link.group(1))
    assert download.status_code == 200 and download.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(download.text)))
    assert rows and {r["area_code"] for r in rows} == {code}
    published = {
        (str(i), str(p)): (v, str(r))
        for i, p, v, r in published_rows(
            ws,
            "SELECT indicator, period, value, reason FROM published.indicators WHERE area_code = ?",
            [code],
        )
    }
    for row in rows:
        value, reason = published[(row["indicator"], row["period"])]
        if reason == "ok":
            assert row["value"] and float(row["value"]) == pytest.approx(value)
        else:
            assert row["value"] == "" and row["reason"] == reason


@pytest.mark.slow
def test_suppressed_values_show_their_reason_never_zero(
    demo: tuple[Workspace, TestClient],
) -> None:
    ws, client = demo
    found = published_rows(
        ws,
        "SELECT area_code, indicator, reason FROM published.indicators WHERE reason <> 'ok' "
        "AND area_level = 'wijk' ORDER BY period DESC, area_code, indicator LIMIT 1",
        [],
    )
    assert found, "the demo has suppressed wijk values"
    [(code, indicator, reason)] = found
    text = client.get(f"/gebieden/{code}?lang=en").text
    title = ws.indicators[str(indicator)].title.en
    cells = text.split(f">{title}", 1)[1].split("</tr>", 1)[0]
    assert f'data-reason="{reason}"' in cells
    first_cell = cells.split("<td", 2)[1]
    assert ">0<" not in first_cell
