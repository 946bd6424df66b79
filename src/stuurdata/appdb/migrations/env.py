# SPDX-License-Identifier: EUPL-1.2
"""Alembic environment: runs on the connection :func:`stuurdata.appdb.migrate` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):  # pragma: no cover - only through migrate()
    raise RuntimeError("run migrations through stuurdata.appdb.migrate(url)")
context.configure(connection=connection, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
