# SPDX-License-Identifier: EUPL-1.2
"""Data requests (intake): the request, its assessment, status and what was delivered."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_intake"
down_revision = "0001_accounts_audit"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "data_requests",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("requester", sa.String(200), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("gemeente", sa.String(6), nullable=True),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
        sa.Column("urgency", sa.Integer, nullable=False),
        sa.Column("effort", sa.Integer, nullable=False),
        sa.Column("personal_data", sa.Boolean, nullable=False),
        sa.Column("special_categories", sa.Boolean, nullable=False),
        sa.Column("new_purpose", sa.Boolean, nullable=False),
        sa.Column("large_scale", sa.Boolean, nullable=False),
        sa.Column("legal_basis", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reply", sa.Text, nullable=False),
        sa.Column("delivered", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_data_requests_status", "data_requests", ["status"])


def downgrade() -> None:
    op.drop_index("ix_data_requests_status", table_name="data_requests")
    op.drop_table("data_requests")
