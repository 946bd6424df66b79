# SPDX-License-Identifier: EUPL-1.2
"""Workspace definitions: typed, schema-checked, then checked by semantic rules."""

from stuurdata.workspace.sqlmodel import SqlModel
from stuurdata.workspace.workspace import Workspace

__all__ = ["SqlModel", "Workspace"]
