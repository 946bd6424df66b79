# SPDX-License-Identifier: EUPL-1.2
"""Run a baseline SQL script into a fresh DuckDB file; print the rows per table as JSON.

``python -m benchmarks.baseline_run SCRIPT DATABASE``. Imports nothing but DuckDB, so the
baseline process pays no Stuurdata import cost.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def run(script_path: Path, database: Path) -> dict[str, object]:
    """Execute the script into a fresh database; return the rows per table."""
    import duckdb

    database.unlink(missing_ok=True)
    con = duckdb.connect(str(database))
    try:
        con.execute(script_path.read_text(encoding="utf-8"))
        tables = con.execute(
            "SELECT schema_name || '.' || table_name, estimated_size FROM duckdb_tables() "
            "ORDER BY 1"
        ).fetchall()
        rows = {
            str(name): int(con.execute(f"SELECT count(*) FROM {name}").fetchone()[0])  # type: ignore[index]
            for name, _ in tables
        }
        con.execute("CHECKPOINT")
    finally:
        con.close()
    loaded = sum(n for name, n in rows.items() if name.startswith("raw."))
    return {"tables": rows, "rows_loaded": loaded}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m benchmarks.baseline_run SCRIPT DATABASE", file=sys.stderr)
        return 2
    result = run(Path(argv[0]), Path(argv[1]))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
