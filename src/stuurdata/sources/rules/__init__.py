# SPDX-License-Identifier: EUPL-1.2
"""Column types and rules as DuckDB SQL expressions, used by :mod:`stuurdata.sources.validate`.

Each declared column becomes three expressions over the raw input column: ``v`` (the value, NULL
when empty), ``x`` (typed, NULL when the cast fails) and ``s`` (text, for text rules); each rule
becomes a :class:`~stuurdata.sources.rules.checks.Check` whose SQL is true for a bad row.
"""
