# SPDX-License-Identifier: EUPL-1.2
"""Quoting for the SQL the rules generate (identifiers and literals never come in raw)."""

from __future__ import annotations


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: object) -> str:
    return "'" + str(value).replace("'", "''") + "'"
