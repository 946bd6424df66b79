# SPDX-License-Identifier: EUPL-1.2
"""The application database: accounts, sessions, API tokens, the audit log (and, from other
packages, registers and requests).

SQLAlchemy 2 Core with one shared :data:`metadata`; the schema is changed only by the Alembic
migrations shipped in ``stuurdata/appdb/migrations`` (:func:`migrate` runs them up to head).
SQLite embedded by default at ``<workspace>/.stuurdata/app/app.db``; PostgreSQL by URL in
``app_database`` of ``stuurdata.yaml``.
"""

from __future__ import annotations

from stuurdata.appdb.engine import (
    DEFAULT_PATH,
    AppDatabase,
    database_url,
    make_engine,
    metadata,
    migrate,
    open_app_database,
)

__all__ = [
    "DEFAULT_PATH",
    "AppDatabase",
    "database_url",
    "make_engine",
    "metadata",
    "migrate",
    "open_app_database",
]
