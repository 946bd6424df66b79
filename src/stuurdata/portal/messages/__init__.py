# SPDX-License-Identifier: EUPL-1.2
"""Message catalogs by topic, merged into the portal's messages.

Each module of this package (``dashboards.py``, ``governance.py``, ...) defines
``MESSAGES: dict[str, dict[Language, str]]`` with keys prefixed by its topic. A key defined twice
is an error found at first use (and by the tests), not a silent override.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stuurdata.portal.i18n import Language


@cache
def topic_messages() -> dict[str, dict[Language, str]]:
    """All topic messages of this package, merged; raises ``ValueError`` on a duplicate key."""
    merged: dict[str, dict[Language, str]] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        messages: dict[str, dict[Language, str]] = module.MESSAGES
        duplicates = merged.keys() & messages.keys()
        if duplicates:
            raise ValueError(f"message keys defined twice: {sorted(duplicates)}")
        merged.update(messages)
    return merged
