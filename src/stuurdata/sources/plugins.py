# SPDX-License-Identifier: EUPL-1.2
"""The plugin manager: built-in and third-party plugins, registered the same way."""

from __future__ import annotations

from functools import cache

import pluggy

from stuurdata.errors import StuurdataError
from stuurdata.sources import hookspecs
from stuurdata.sources.connector import Connector

# Built-in plugins, registered like third-party ones (modules with @hookimpl functions).
DEFAULT_PLUGINS: tuple[str, ...] = (
    "stuurdata.sources.files",
    "stuurdata.sources.bag",
)


def create_plugin_manager(load_entry_points: bool = True) -> pluggy.PluginManager:
    import importlib

    pm = pluggy.PluginManager("stuurdata")
    pm.add_hookspecs(hookspecs)
    for module_name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(module_name), name=module_name)
    if load_entry_points:
        pm.load_setuptools_entrypoints("stuurdata")
    return pm


@cache
def connectors() -> dict[str, type[Connector]]:
    """All connectors by name; two plugins claiming one name is an error."""
    found: dict[str, type[Connector]] = {}
    for group in create_plugin_manager().hook.stuurdata_connectors():
        for cls in group:
            if cls.name in found and found[cls.name] is not cls:
                raise StuurdataError(f"twee plugins leveren connector '{cls.name}'")
            found[cls.name] = cls
    return found


def get_connector(name: str) -> Connector:
    try:
        return connectors()[name]()
    except KeyError:
        known = ", ".join(sorted(connectors()))
        raise StuurdataError(f"onbekende connector '{name}' (bekend: {known})") from None
