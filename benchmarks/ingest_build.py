# SPDX-License-Identifier: EUPL-1.2
"""The Stuurdata side: a full ``build`` of a workspace in this (fresh) process.

``python -m benchmarks.ingest_build WORKSPACE`` does exactly what ``stuurdata build`` does
(load and check the definitions, ingest every source with validation and pseudonymisation,
load, run the models, write the manifest, publish atomically) and prints a JSON summary with
the manifest's phase times and row counts.
"""

from __future__ import annotations

import importlib.abc
import json
import sys
from pathlib import Path


class _WithoutPandas(importlib.abc.MetaPathFinder):
    """An import finder for which pandas is not installed."""

    def find_spec(self, name: str, path: object, target: object = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m benchmarks.ingest_build WORKSPACE", file=sys.stderr)
        return 2
    # Run as installed in production: pandas is not a dependency of Stuurdata (the dev extra
    # has it only for the pandas comparison of benchmarks.indicators), but when it is present
    # pyarrow imports it on the first pa.array() call: 1.1 s of start-up that a municipality's
    # installation does not pay. Hiding it makes pyarrow see it as not installed.
    sys.meta_path.insert(0, _WithoutPandas())
    from stuurdata.warehouse import build
    from stuurdata.workspace import Workspace

    manifest = build(Workspace.load(Path(argv[0])))
    summary = {
        "version_id": manifest.version_id,
        "seconds": manifest.seconds,
        "phases": dict(manifest.phases),
        "rows_loaded": sum(s.rows_loaded for s in manifest.sources),
        "rows_rejected": sum(s.rows_rejected for s in manifest.sources),
        "sources": {
            s.name: {"rows": s.rows_loaded, "seconds": s.seconds} for s in manifest.sources
        },
        "models": {m.name: {"rows": m.rows, "seconds": m.seconds} for m in manifest.models},
    }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
