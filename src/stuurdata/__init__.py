# SPDX-License-Identifier: EUPL-1.2
"""Stuurdata: datagedreven sturing voor gemeenten."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("stuurdata")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
