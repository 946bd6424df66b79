# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import datetime as dt

from stuurdata.catalog import build_catalog
from stuurdata.catalog.metadata import DOWNLOAD_FORMATS, is_spatial
from stuurdata.warehouse import PublishedVersion
from stuurdata.workspace import Workspace
from tests.catalog.workspace import PUBLIC


def test_explicit_metadata_is_resolved_to_donl_terms(
    workspace: Workspace, published: PublishedVersion
) -> None:
    catalog = build_catalog(workspace, published.manifest, PUBLIC)
    record = catalog.get("woningen_per_buurt")
    assert record is not None
    assert record.theme is not None and record.theme.code == "huisvesting"
    assert record.frequency is not None and record.frequency.code == "monthly"
    assert record.license is not None and record.license.code == "CC-BY-4.0"
    assert record.access_rights.code == "publiek"
    assert record.publisher.code == "GM9901"
    assert record.publisher.uri == "https://identifier.overheid.nl/tooi/id/gemeente/gm9901"
    assert [o.code for o in record.spatial] == ["GM9901"]
    assert record.woo_category is not None and record.woo_category.code == "infocat015"
    assert record.contact_point.email == "data@bollenwaard.example"
    assert record.temporal is not None and record.temporal.start == dt.date(2024, 1, 1)
    assert record.issued == dt.date(2024, 2, 1)
    assert record.modified == published.manifest.finished_at
    assert record.rows == 4


def test_omitted_metadata_is_derived_from_the_workspace(
    workspace: Workspace, published: PublishedVersion
) -> None:
    record = build_catalog(workspace, published.manifest, PUBLIC).get("bouwjaren")
    assert record is not None
    assert record.publisher.code == "RG99"  # the region shares the platform
    assert record.publisher.uri is None
    assert [o.code for o in record.spatial] == ["GM9901", "GM9902"]
    assert record.contact_point.name == "team data"
    assert [t.code for t in record.languages] == ["nl"]
    assert record.status.code == "beschikbaar"
    assert record.uri("https://data.example") == "https://data.example/datasets/bouwjaren"


def test_spatial_datasets_get_geo_distributions(
    workspace: Workspace, published: PublishedVersion
) -> None:
    catalog = build_catalog(workspace, published.manifest, PUBLIC)
    spatial = catalog.get("woningen_per_buurt")
    flat = catalog.get("bouwjaren")
    assert spatial is not None and flat is not None
    assert [d.kind.ext for d in spatial.distributions] == [f.ext for f in DOWNLOAD_FORMATS]
    assert {d.kind.ext for d in flat.distributions} == {
        "csv",
        "excel.csv",
        "parquet",
        "json",
        "xlsx",
    }
    assert spatial.distributions[0].path == "/datasets/woningen_per_buurt/download.csv"
    assert is_spatial(["buurtcode", "x"]) and not is_spatial(["oudste"])
