# SPDX-License-Identifier: EUPL-1.2
"""Dashboard pages: filters as plain GET forms, panels as tables with charts, CSV downloads equal
to the published values, suppressed values never plotted, assets local and a
Content-Security-Policy without 'unsafe-eval'."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from stuurdata.portal.app import STATIC
from stuurdata.workspace import Workspace
from tests.portal.conftest import published_rows
from tests.portal.test_pages import outline

DEMO_BOARDS = ("monitor_sociaal_domein", "wijk_en_buurtmonitor", "gemeenteraad")


class Controls(HTMLParser):
    """Form controls and the ids their labels point to; script sources."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[str] = []
        self.labelled: set[str] = set()
        self.scripts: list[str] = []
        self.forms: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in ("select", "input") and attributes.get("type") != "hidden":
            self.controls.append(str(attributes.get("id")))
        if tag == "label" and attributes.get("for"):
            self.labelled.add(str(attributes["for"]))
        if tag == "script":
            self.scripts.append(str(attributes.get("src")))
        if tag == "form":
            self.forms.append(attributes)


def controls(html: str) -> Controls:
    parser = Controls()
    parser.feed(html)
    return parser


# -- without dashboards (the tiny portal workspace) ------------------------------------------


def test_list_without_dashboards(client: TestClient) -> None:
    page = client.get("/dashboards")
    assert page.status_code == 200
    assert "Deze werkruimte heeft (nog) geen dashboards." in page.text
    assert 'href="/dashboards" aria-current="page"' in page.text
    assert client.get("/dashboards?lang=en").text.count("This workspace has no dashboards") == 1


@pytest.mark.parametrize(
    "path", ["/dashboards/onbekend", "/dashboards/Bad-Id", "/dashboards/x/panels/y.csv"]
)
def test_unknown_dashboard_is_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_charts_script_needs_no_eval_and_vendored_vega_is_served(client: TestClient) -> None:
    script = (STATIC / "charts.js").read_text(encoding="utf-8")
    assert "ast: true" in script and "defaultStyle: false" in script
    assert "eval(" not in script and "new Function" not in script
    for name in ("vega/vega.min.js", "vega-lite/vega-lite.min.js", "vega-embed/vega-embed.min.js"):
        response = client.get(f"/static/vendor/{name}")
        assert response.status_code == 200, name
        assert (STATIC / "vendor" / name).with_name("LICENSE").is_file()
    embed = (STATIC / "vendor" / "vega-embed" / "vega-embed.min.js").read_text(encoding="utf-8")
    assert "expressionInterpreter" in embed  # the CSP-safe interpreter is bundled
    versions = (STATIC / "vendor" / "VERSIONS.txt").read_text(encoding="utf-8")
    assert all(f"{p} " in versions for p in ("vega", "vega-lite", "vega-embed"))
    assert client.get("/static/charts.css").status_code == 200


# -- the demo ---------------------------------------------------------------------------------


def _specs(html: str) -> dict[str, dict[str, object]]:
    found = re.findall(r'data-chart-spec="([^"]+)" data-chart-name="([^"]+)"', html)
    return {name: json.loads(unescape(spec)) for spec, name in found}


@pytest.mark.slow
def test_demo_list_links_every_dashboard(demo: tuple[Workspace, TestClient]) -> None:
    ws, client = demo
    assert set(ws.dashboards) == set(DEMO_BOARDS)
    text = client.get("/dashboards").text
    for board_id in DEMO_BOARDS:
        assert f'href="/dashboards/{board_id}"' in text
        assert unescape(ws.dashboards[board_id].title.nl) in unescape(text)


@pytest.mark.slow
@pytest.mark.parametrize("board_id", DEMO_BOARDS)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_demo_dashboard_is_accessible_and_local(
    demo: tuple[Workspace, TestClient], board_id: str, lang: str
) -> None:
    ws, client = demo
    response = client.get(f"/dashboards/{board_id}?lang={lang}")
    assert response.status_code == 200, response.text
    csp = response.headers["content-security-policy"]
    assert "unsafe-eval" not in csp and "script-src 'self'" in csp
    page = outline(response.text)
    assert page.lang == lang and page.inline_scripts == 0
    assert page.headings.count(1) == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1
    assert page.tables == page.captions
    found = controls(response.text)
    assert found.controls and set(found.controls) <= found.labelled
    assert all(src.startswith("/static/") for src in found.scripts)
    assert found.forms[0]["method"] == "get"
    board = ws.dashboards[board_id]
    title = board.title.nl if lang == "nl" else board.title.en
    assert f'<h1 class="utrecht-heading-1">{title}</h1>' in unescape(response.text)
    for panel in board.panels:
        assert f'id="paneel-{panel.id}-titel"' in response.text
        assert f"/dashboards/{board_id}/panels/{panel.id}.csv" in response.text


@pytest.mark.slow
def test_filters_choose_area_and_year(demo: tuple[Workspace, TestClient]) -> None:
    ws, client = demo
    gemeente = ws.config.tenants[1]
    text = client.get(f"/dashboards/monitor_sociaal_domein?gebied={gemeente.code}&jaar=2024").text
    assert f'<option value="{gemeente.code}" selected>' in text
    assert '<option value="2024" selected>' in text
    specs = _specs(text)
    trend = specs["paneel-trend_stapeling"]
    periods = {v["period"] for v in trend["data"]["values"]}  # type: ignore[index]
    assert periods and max(periods) < "2025"
    assert f"gebied={gemeente.code}&amp;jaar=2024" in text  # downloads keep the filters
    assert client.get("/dashboards/monitor_sociaal_domein?gebied=GM0000").status_code == 404
    assert client.get("/dashboards/monitor_sociaal_domein?jaar=1900").status_code == 404
    assert client.get("/dashboards/monitor_sociaal_domein?jaar=abcd").status_code == 404
    buurt = published_rows(ws, "SELECT code FROM areas.buurten LIMIT 1", [])[0][0]
    # a buurt is not in this dashboard's area filter (regio, gemeente, wijk)
    assert client.get(f"/dashboards/monitor_sociaal_domein?gebied={buurt}").status_code == 404


@pytest.mark.slow
def test_bars_never_plot_a_suppressed_value(demo: tuple[Workspace, TestClient]) -> None:
    ws, client = demo
    gemeente = ws.config.tenants[0].code
    text = client.get(f"/dashboards/wijk_en_buurtmonitor?gebied={gemeente}").text
    spec = _specs(text)["paneel-inwoners_per_buurt"]
    plotted = {v["area"]: v["value"] for v in spec["data"]["values"]}  # type: ignore[index]
    rows = published_rows(
        ws,
        "SELECT b.name, i.value, i.reason FROM published.indicators AS i "
        "JOIN areas.buurten AS b ON b.code = i.area_code JOIN areas.wijken AS w "
        "ON w.code = b.parent_code WHERE i.indicator = 'bevolking_inwoners' "
        "AND w.parent_code = ? AND i.period = (SELECT max(period) FROM published.indicators "
        "WHERE indicator = 'bevolking_inwoners')",
        [gemeente],
    )
    assert rows
    for name, value, reason in rows:
        if reason == "ok":
            assert plotted[name] == pytest.approx(value)
        else:
            assert name not in plotted


@pytest.mark.slow
def test_panel_csv_equals_published_values(demo: tuple[Workspace, TestClient]) -> None:
    ws, client = demo
    region = ws.config.region
    assert region is not None
    response = client.get(
        f"/dashboards/monitor_sociaal_domein/panels/combinaties.csv?gebied={region.code}"
    )
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    board = ws.dashboards["monitor_sociaal_domein"]
    panel = board.panel("combinaties")
    assert panel is not None
    wijken = published_rows(ws, "SELECT count(*) FROM areas.wijken", [])[0][0]
    assert len(rows) == wijken * len(panel.indicators)
    published = {
        (str(a), str(i), str(p)): (v, str(r))
        for a, i, p, v, r in published_rows(
            ws, "SELECT area_code, indicator, period, value, reason FROM published.indicators", []
        )
    }
    suppressed = 0
    for row in rows:
        value, reason = published[(row["area_code"], row["indicator"], row["period"])]
        if reason == "ok":
            assert float(row["value"]) == pytest.approx(value) and row["reason"] == ""
        else:
            suppressed += 1
            assert row["value"] == "" and row["reason"] == reason and row["reason_label"]
    assert suppressed, "stapeling per wijk holds suppressed cells in the demo"
    page = client.get(f"/dashboards/monitor_sociaal_domein?gebied={region.code}").text
    table = page.split('id="paneel-combinaties-tabel"', 1)[1].split("</table>", 1)[0]
    assert 'data-reason="geheim"' in table and "geheim</abbr>" in table
    assert client.get("/dashboards/monitor_sociaal_domein/panels/onbekend.csv").status_code == 404


@pytest.mark.slow
def test_keyfigure_shows_region_and_comparison(demo: tuple[Workspace, TestClient]) -> None:
    ws, client = demo
    gemeente = ws.config.tenants[0]
    text = client.get(f"/dashboards/gemeenteraad?gebied={gemeente.code}").text
    panel = text.split('id="paneel-inwoners-titel"', 1)[1].split("</section>", 1)[0]
    assert "chart-panel__value" in panel
    assert ws.config.region is not None and ws.config.region.name in panel
    [(value,)] = published_rows(
        ws,
        "SELECT value FROM published.indicators WHERE indicator = 'bevolking_inwoners' "
        "AND area_code = ? ORDER BY period DESC LIMIT 1",
        [gemeente.code],
    )
    assert isinstance(value, float)
    assert f"{value:,.0f}".replace(",", ".") in panel
