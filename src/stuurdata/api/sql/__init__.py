# SPDX-License-Identifier: EUPL-1.2
"""The read-only SQL endpoint ``/api/v1/sql`` over the open tables of the published version.

``GET /api/v1/sql?q=...`` or ``POST /api/v1/sql`` (JSON ``{"q": ...}`` or a form field ``q``)
runs exactly one SELECT over ``published.indicators``, the ``published.<dataset>`` tables of
openbaar datasets and the attribute columns of ``areas.*``, within a time limit and a row cap
(:class:`~stuurdata.api.sql.sandbox.SqlLimits`). ``GET /api/v1/sql/tables`` lists those tables.
"""

from __future__ import annotations

from stuurdata.api.sql.guard import CheckedQuery, SqlRefusedError, check_query
from stuurdata.api.sql.routes import router
from stuurdata.api.sql.sandbox import Sandbox, SqlLimits, SqlResult

__all__ = [
    "CheckedQuery",
    "Sandbox",
    "SqlLimits",
    "SqlRefusedError",
    "SqlResult",
    "check_query",
    "router",
]
