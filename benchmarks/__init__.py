# SPDX-License-Identifier: EUPL-1.2
"""Benchmarks: Stuurdata's ingest + build against plain DuckDB SQL, measured in the same run.

Run ``python -m benchmarks.run --help`` (or ``make bench``); see ``benchmarks/README.md``.
"""
