# SPDX-License-Identifier: EUPL-1.2
"""The governance workspace (every classification, planted markup) for the security tests."""

from __future__ import annotations

from tests.governance.conftest import gov_client, governance_workspace, user_tokens

__all__ = ["gov_client", "governance_workspace", "user_tokens"]
