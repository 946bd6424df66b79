# SPDX-License-Identifier: EUPL-1.2
"""BAG 2.0 extract connector (Kadaster LV BAG): reader plugin ``bag`` and an extract writer.

Registered as a built-in plugin by :mod:`stuurdata.sources.plugins`.
"""

from __future__ import annotations

from stuurdata.sources.connector import Connector
from stuurdata.sources.hookspecs import hookimpl


@hookimpl
def stuurdata_connectors() -> list[type[Connector]]:
    """The ``bag`` connector."""
    from stuurdata.sources.bag.connector import BagConnector

    return [BagConnector]
