# SPDX-License-Identifier: EUPL-1.2
"""The JSON endpoints: areas as a list or WGS84 GeoJSON, and the public manifest."""

from __future__ import annotations

import pytest
import shapely
from fastapi.testclient import TestClient

from tests.portal.conftest import BUURTEN, GEMEENTEN, HIDDEN_DATASET, PUBLIC_DATASET, WIJKEN

EXPECTED = {"gemeente": GEMEENTEN, "wijk": WIJKEN, "buurt": BUURTEN}


@pytest.mark.parametrize("level", ["gemeente", "wijk", "buurt"])
def test_areas_geojson_is_wgs84_with_only_code_name_parent(client: TestClient, level: str) -> None:
    response = client.get("/api/v1/areas", params={"level": level, "format": "geojson"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert sorted(f["properties"]["code"] for f in features) == sorted(EXPECTED[level])
    for feature in features:
        assert feature["type"] == "Feature"
        assert set(feature["properties"]) == {"code", "name", "parent_code"}
        geometry = shapely.geometry.shape(feature["geometry"])
        assert geometry.is_valid and not geometry.is_empty
        west, south, east, north = geometry.bounds
        assert 3 < west <= east < 8, "lengtegraad buiten Nederland: geen WGS84?"
        assert 50 < south <= north < 54, "breedtegraad buiten Nederland: geen WGS84?"
    if level == "buurt":
        parents = {f["properties"]["code"]: f["properties"]["parent_code"] for f in features}
        assert parents == BUURTEN


def test_buurt_geometry_round_trips_near_its_source(client: TestClient) -> None:
    """The squares were written in WGS84 and stored in RD: they come back within ~1 m."""
    collection = client.get("/api/v1/areas?level=buurt&format=geojson").json()
    first = next(f for f in collection["features"] if f["properties"]["code"] == "BU99010101")
    west, south, east, north = shapely.geometry.shape(first["geometry"]).bounds
    assert (west, south, east, north) == pytest.approx((4.55, 52.28, 4.56, 52.29), abs=1e-5)


def test_areas_json_list(client: TestClient) -> None:
    body = client.get("/api/v1/areas", params={"level": "wijk"}).json()
    assert body["level"] == "wijk"
    assert {item["code"]: item["parent_code"] for item in body["items"]} == WIJKEN
    regio = client.get("/api/v1/areas", params={"level": "regio"}).json()
    assert [item["code"] for item in regio["items"]] == ["RG99"]


def test_areas_rejects_unknown_level_and_format(client: TestClient) -> None:
    assert client.get("/api/v1/areas", params={"level": "provincie"}).status_code == 422
    assert client.get("/api/v1/areas", params={"format": "shp"}).status_code == 422


def test_manifest_is_public_and_relative(client: TestClient) -> None:
    manifest = client.get("/api/v1/manifest").json()
    assert manifest["status"] == "complete"
    assert [d["name"] for d in manifest["datasets"]] == [PUBLIC_DATASET]
    assert all(HIDDEN_DATASET not in m["name"] for m in manifest["models"])
    assert f"marts.{PUBLIC_DATASET}" in [m["name"] for m in manifest["models"]]
    for source in manifest["sources"]:
        assert "problems" not in source
        assert source["rows_in"] == source["rows_loaded"] + source["rows_rejected"]
        for file in source["files"]:
            assert not file["path"].startswith("/")
            assert len(file["sha256"]) == 64
    assert manifest["areas"]["buurten"] == len(BUURTEN)


def test_unknown_api_path_answers_json(client: TestClient) -> None:
    response = client.get("/api/v1/bestaat-niet")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
