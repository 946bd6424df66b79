# SPDX-License-Identifier: EUPL-1.2
"""The application as a whole: before the first build, following new builds, static assets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from stuurdata.errors import WorkspaceError
from stuurdata.portal import create_app
from stuurdata.portal.app import STATIC
from stuurdata.portal.rendering import TEMPLATES
from stuurdata.warehouse import build
from stuurdata.workspace import Workspace
from tests.portal.conftest import write_tiny_workspace

VENDORED = [
    "vendor/maplibre-gl/maplibre-gl.js",
    "vendor/maplibre-gl/maplibre-gl.css",
    "vendor/maplibre-gl/LICENSE.txt",
    "vendor/utrecht-component-library-css/index.css",
    "vendor/utrecht-component-library-css/LICENSE.md",
    "vendor/voorbeeld-design-tokens/theme.css",
    "vendor/voorbeeld-design-tokens/LICENSE.md",
]


def test_no_build_yet_shows_friendly_dutch_page(tmp_path: Path) -> None:
    root = write_tiny_workspace(tmp_path / "ws")
    with TestClient(create_app(root)) as client:
        for path in ["/", "/kaart", "/datasets", "/gebieden/GM9901"]:
            response = client.get(path)
            assert response.status_code == 503
            assert "Nog geen build" in response.text
            assert "stuurdata build" in response.text
            assert 'lang="nl"' in response.text
        english = client.get("/?lang=en")
        assert "No build yet" in english.text
        api = client.get("/api/v1/manifest")
        assert api.status_code == 503
        assert "stuurdata build" in api.json()["detail"]
        assert client.get("/api/v1/areas?format=geojson").status_code == 503
        assert client.get("/bestaat-niet").status_code == 404


def test_follows_a_new_build_without_restart(tmp_path: Path) -> None:
    root = write_tiny_workspace(tmp_path / "ws")
    build(Workspace.load(root))
    with TestClient(create_app(root)) as client:
        first = client.get("/api/v1/manifest").json()["version_id"]
        assert "Woningen per buurt" in client.get("/datasets").text
        dataset = root / "datasets/woningen_per_buurt.yaml"
        dataset.write_text(
            dataset.read_text(encoding="utf-8").replace("Woningen per buurt", "Huizen per buurt"),
            encoding="utf-8",
        )
        build(Workspace.load(root))
        second = client.get("/api/v1/manifest").json()["version_id"]
        assert second != first
        text = client.get("/datasets").text
        assert "Huizen per buurt" in text and second in text


def test_broken_workspace_fails_at_start(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError):
        create_app(tmp_path)


@pytest.mark.parametrize("path", VENDORED)
def test_vendored_assets_are_served(client: TestClient, path: str) -> None:
    response = client.get(f"/static/{path}")
    assert response.status_code == 200
    assert len(response.content) > 1000


def test_vendored_files_are_small_and_licensed() -> None:
    vendor = STATIC / "vendor"
    for folder in [p for p in vendor.iterdir() if p.is_dir()]:
        assert list(folder.glob("LICENSE*")), f"{folder.name} zonder licentiebestand"
    for file in vendor.rglob("*"):
        if file.is_file():
            assert file.stat().st_size < 2 * 1024 * 1024, file


def test_templates_link_only_existing_static_files() -> None:
    for template in TEMPLATES.glob("*.html"):
        for ref in re.findall(r'(?:href|src)="/static/([^"]+)"', template.read_text("utf-8")):
            assert (STATIC / ref).is_file(), f"{template.name}: /static/{ref} bestaat niet"


def test_no_external_urls_in_pages_or_scripts(client: TestClient) -> None:
    texts = [client.get(p).text for p in ["/", "/kaart", "/datasets"]]
    texts.append((STATIC / "kaart.js").read_text("utf-8"))
    for text in texts:
        assert not re.search(r"""(?:src|href)=["']https?://""", text)
        assert "unpkg.com" not in text and "cdn" not in text.lower()
