# SPDX-License-Identifier: EUPL-1.2
"""The collections of one published version, their layers made on first use and kept."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Final

from stuurdata.api.ogc.layers import (
    AREA_COLUMNS,
    AREA_LAYERS,
    GEOMETRY_COLUMNS,
    INDICATOR_LEVELS,
    IndicatorValues,
    Layer,
    area_layer,
    dataset_layer,
    indicator_layer,
    published_tables,
    read_indicator_values,
)
from stuurdata.areas.model import AreaLevel
from stuurdata.portal.snapshot import Snapshot
from stuurdata.warehouse import PublishedVersion

_MAX_VARIANTS: Final = 64


@dataclass(frozen=True)
class CollectionInfo:
    id: str
    title: str
    description: str
    kind: str  # "areas" | "indicators" | "dataset"
    level: AreaLevel | None = None


class VersionCollections:
    """Everything OGC API Features serves of one published version."""

    def __init__(self, snapshot: Snapshot, published: PublishedVersion) -> None:
        self.version_id = snapshot.version_id
        self.snapshot = snapshot
        self.published = published
        self._lock = threading.Lock()
        self._layers: dict[tuple[str, str | None, tuple[str, ...] | None], Layer | None] = {}
        self._values: dict[AreaLevel, IndicatorValues] = {}
        self.collections = self._list()
        self._by_id = {c.id: c for c in self.collections}

    def _list(self) -> list[CollectionInfo]:
        found: list[CollectionInfo] = []
        for layer_id, level in AREA_LAYERS.items():
            rows = self.snapshot.areas.get(level, [])
            if any(r.geometry_wkb for r in rows):
                found.append(
                    CollectionInfo(
                        layer_id,
                        f"{layer_id.capitalize()} (gebiedsindeling)",
                        f"De grenzen van de {layer_id} met code, naam en bovenliggend gebied.",
                        "areas",
                        level,
                    )
                )
        tables = published_tables(self.published)
        if "indicators" in tables:
            for level in INDICATOR_LEVELS:
                if self.snapshot.areas.get(level):
                    found.append(
                        CollectionInfo(
                            f"indicatoren-{level}",
                            f"Indicatoren per {level}",
                            f"Gepubliceerde indicatoren per {level}, na geheimhouding; één "
                            "kolom per indicator (laatste periode, of ?period=).",
                            "indicators",
                            level,
                        )
                    )
        for dataset in self.snapshot.datasets:
            if dataset.name in tables and dataset.name not in self._ids(found):
                columns = {c.name for c in dataset.columns}
                if columns & {*AREA_COLUMNS, *GEOMETRY_COLUMNS}:
                    found.append(
                        CollectionInfo(dataset.name, dataset.title, dataset.description, "dataset")
                    )
        return found

    @staticmethod
    def _ids(found: list[CollectionInfo]) -> set[str]:
        return {c.id for c in found}

    def info(self, collection_id: str) -> CollectionInfo | None:
        return self._by_id.get(collection_id)

    def indicator_values(self, level: AreaLevel) -> IndicatorValues:
        with self._lock:
            found = self._values.get(level)
        if found is None:
            found = read_indicator_values(self.published, level)
            with self._lock:
                self._values[level] = found
        return found

    def layer(
        self,
        collection_id: str,
        period: str | None = None,
        indicators: tuple[str, ...] | None = None,
    ) -> Layer | None:
        """The layer of a collection (for indicator layers: of a period and indicator choice)."""
        info = self._by_id.get(collection_id)
        if info is None:
            return None
        key = (collection_id, period, indicators)
        with self._lock:
            if key in self._layers:
                return self._layers[key]
        layer: Layer | None
        if info.kind == "areas" and info.level is not None:
            layer = area_layer(info.id, info.level, self.snapshot.areas[info.level])
        elif info.kind == "indicators" and info.level is not None:
            data = self.indicator_values(info.level)
            layer = indicator_layer(
                info.level, self.snapshot.areas[info.level], data, period, indicators
            )
        else:
            layer = dataset_layer(
                self.snapshot, self.published, info.id, info.title, info.description
            )
        with self._lock:
            if len(self._layers) >= _MAX_VARIANTS:
                self._layers.clear()
            self._layers[key] = layer
        return layer
