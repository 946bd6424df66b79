# SPDX-License-Identifier: EUPL-1.2
"""Deterministic synthetic region generator: ``generate_demo(target, seed, persons)``.

Everything it writes is synthetic and says so: fictional gemeenten (codes GM9901.. and, at larger
scales, GM98xx, GM97xx, ...; never a real CBS code), generated boundaries and the source files
municipalities really receive. See :mod:`stuurdata.demo.generator`.
"""

from __future__ import annotations

from stuurdata.demo.generator import DemoSummary, Progress, generate_demo

__all__ = ["DemoSummary", "Progress", "generate_demo"]
