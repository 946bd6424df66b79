# SPDX-License-Identifier: EUPL-1.2
"""Governance: users and roles, classification and purpose binding, the audit log, tenants,
public registers and the data-request intake."""
