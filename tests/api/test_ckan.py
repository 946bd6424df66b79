# SPDX-License-Identifier: EUPL-1.2
"""The CKAN Action API driven by the real ``ckanapi`` client over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import ckanapi
import pytest

from stuurdata.catalog import SearchLog
from tests.catalog.workspace import PUBLIC


@pytest.fixture(params=[False, True], ids=["post", "get"])
def ckan(request: pytest.FixtureRequest, server: str) -> Iterator[ckanapi.RemoteCKAN]:
    with ckanapi.RemoteCKAN(server, get_only=request.param) as remote:
        yield remote


def test_package_list_holds_only_openbaar_datasets(ckan: ckanapi.RemoteCKAN) -> None:
    assert ckan.action.package_list() == list(PUBLIC)
    assert ckan.action.package_list(limit=1, offset=1) == [PUBLIC[1]]


def test_package_show_by_name_and_id(ckan: ckanapi.RemoteCKAN, server: str) -> None:
    package = ckan.action.package_show(id="woningen_per_buurt")
    assert package["name"] == "woningen_per_buurt"
    assert package["title"] == "Woningen per buurt"
    assert package["organization"]["name"] == "gm9901"
    assert [g["name"] for g in package["groups"]] == ["huisvesting"]
    assert [t["name"] for t in package["tags"]] == ["woningvoorraad", "buurt"]
    assert package["license_id"] == "CC-BY-4.0" and package["isopen"] is True
    assert package["woo_category"] == "infocat015"
    assert package["access_rights"].endswith("/PUBLIC")
    assert package["identifier"] == f"{server}/datasets/woningen_per_buurt"
    urls = [r["url"] for r in package["resources"]]
    assert f"{server}/datasets/woningen_per_buurt/download.csv" in urls
    assert {r["format"] for r in package["resources"]} >= {"CSV", "Parquet", "GeoJSON", "XLSX"}
    assert ckan.action.package_show(id=package["id"])["name"] == "woningen_per_buurt"


def test_hidden_and_unknown_datasets_are_not_found(ckan: ckanapi.RemoteCKAN) -> None:
    for name in ("geheime_telling", "bestaat_niet"):
        with pytest.raises(ckanapi.NotFound):
            ckan.action.package_show(id=name)


def test_missing_parameter_is_a_validation_error(ckan: ckanapi.RemoteCKAN) -> None:
    with pytest.raises(ckanapi.ValidationError) as caught:
        ckan.action.package_show()
    assert caught.value.error_dict["id"] == ["Missing value"]


def test_resource_show(ckan: ckanapi.RemoteCKAN) -> None:
    package = ckan.action.package_show(id="bouwjaren")
    first = package["resources"][0]
    resource = ckan.action.resource_show(id=first["id"])
    assert resource == first
    assert resource["package_id"] == package["id"]
    with pytest.raises(ckanapi.NotFound):
        ckan.action.resource_show(id="geheime_telling.csv")


def test_package_search_with_q_rows_start_and_facets(ckan: ckanapi.RemoteCKAN) -> None:
    result = ckan.action.package_search(
        q="woningen", rows=1, start=0, **{"facet.field": '["groups", "res_format", "woo_category"]'}
    )
    assert result["count"] == 2
    assert [p["name"] for p in result["results"]] == ["woningen_per_buurt"]
    assert result["facets"]["groups"] == {"bestuur": 1, "huisvesting": 1}
    assert result["facets"]["woo_category"] == {"infocat012": 1, "infocat015": 1}
    assert result["facets"]["res_format"]["GeoJSON"] == 1
    items = result["search_facets"]["groups"]["items"]
    assert {"name": "huisvesting", "display_name": "Huisvesting", "count": 1} in items
    second = ckan.action.package_search(q="woningen", rows=1, start=1)
    assert [p["name"] for p in second["results"]] == ["bouwjaren"]


def test_package_search_with_fq(ckan: ckanapi.RemoteCKAN) -> None:
    by_org = ckan.action.package_search(fq="organization:gm9901")
    assert [p["name"] for p in by_org["results"]] == ["woningen_per_buurt"]
    both = ckan.action.package_search(fq='groups:bestuur res_format:"CSV"')
    assert [p["name"] for p in both["results"]] == ["bouwjaren"]
    assert ckan.action.package_search(fq="tags:buurt groups:bestuur")["count"] == 0
    everything = ckan.action.package_search(q="*:*", sort="title_string asc")
    assert [p["name"] for p in everything["results"]] == ["bouwjaren", "woningen_per_buurt"]


def test_bad_search_query_is_a_search_query_error(ckan: ckanapi.RemoteCKAN) -> None:
    with pytest.raises(ckanapi.SearchQueryError):
        ckan.action.package_search(fq="wachtwoord:geheim")
    with pytest.raises(ckanapi.ValidationError):
        ckan.action.package_search(rows=-1)


def test_search_without_results_is_recorded(ckan: ckanapi.RemoteCKAN, api_workspace: Path) -> None:
    log = SearchLog.for_workspace(api_workspace)
    before = len(log.entries())
    assert ckan.action.package_search(q="geheime telling")["count"] == 0
    entries = log.entries()
    assert len(entries) == before + 1
    assert (entries[-1].text, entries[-1].channel) == ("geheime telling", "ckan")


def test_organization_and_group_lists(ckan: ckanapi.RemoteCKAN) -> None:
    assert ckan.action.organization_list() == ["gm9901", "rg99"]
    orgs = ckan.action.organization_list(all_fields=True)
    assert [(o["name"], o["title"], o["package_count"]) for o in orgs] == [
        ("gm9901", "Bollenwaard", 1),
        ("rg99", "Bollenstreek", 1),
    ]
    assert ckan.action.group_list() == ["bestuur", "huisvesting"]
    groups = ckan.action.group_list(all_fields=True)
    assert groups[1]["title"] == "Huisvesting"
    assert "openbare_orde_en_veiligheid" not in ckan.action.group_list()  # hidden dataset's theme


def test_status_show(ckan: ckanapi.RemoteCKAN, server: str) -> None:
    status = ckan.action.status_show()
    assert status["site_url"] == server
    assert status["ckan_version"].startswith("2.")


def test_unknown_action_is_refused(ckan: ckanapi.RemoteCKAN) -> None:
    with pytest.raises(ckanapi.CKANAPIError, match="Action name not known"):
        ckan.call_action("package_create", {"name": "x"})
