# SPDX-License-Identifier: EUPL-1.2
"""The plugin hooks of Stuurdata. Every hook has a docstring; a test checks that it does.

Built-in connectors are plugins registered exactly like third-party ones (entry point group
``stuurdata``): see :mod:`stuurdata.sources.plugins`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from stuurdata.sources.connector import Connector

hookspec = pluggy.HookspecMarker("stuurdata")
hookimpl = pluggy.HookimplMarker("stuurdata")


@hookspec
def stuurdata_connectors() -> list[type[Connector]]:
    """Return the connector classes this plugin provides.

    Each class has a unique ``name`` (the ``connector:`` value in ``sources/*.yaml``) and reads
    a source into an Arrow table. Called once when the plugin manager is created.
    """
    raise NotImplementedError
