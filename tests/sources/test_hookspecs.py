# SPDX-License-Identifier: EUPL-1.2
"""Every hook is documented, and built-in connectors are registered like any plugin."""

from __future__ import annotations

import inspect

from stuurdata.sources import hookspecs
from stuurdata.sources.connector import Connector
from stuurdata.sources.plugins import DEFAULT_PLUGINS, connectors, create_plugin_manager


def test_every_hook_has_a_docstring() -> None:
    hooks = [
        obj
        for name, obj in inspect.getmembers(hookspecs, inspect.isfunction)
        if name.startswith("stuurdata_")
    ]
    assert hooks, "no hooks found"
    for hook in hooks:
        doc = inspect.getdoc(hook) or ""
        assert len(doc) > 40, f"hook {hook.__name__} is not documented"


def test_built_ins_are_ordinary_plugins() -> None:
    pm = create_plugin_manager(load_entry_points=False)
    names = {pm.get_name(plugin) for plugin in pm.get_plugins()}
    assert set(DEFAULT_PLUGINS) <= names


def test_the_built_in_connectors() -> None:
    found = connectors()
    assert {"csv", "xlsx", "parquet", "geojson", "geopackage", "bag"} <= set(found)
    for name, cls in found.items():
        assert issubclass(cls, Connector)
        assert cls.name == name
        assert cls.description, f"connector {name} has no description"
