# SPDX-License-Identifier: EUPL-1.2
"""The one OpenAPI document of all HTTP APIs, committed as ``docs/openapi.json``.

Regenerate after changing an API: ``python -m stuurdata.api.openapi`` (from the repository
root). ``tests/api/test_openapi.py`` fails while the committed document differs from the app's.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

COMMITTED = Path("docs") / "openapi.json"
"""Path of the committed document, relative to the repository root."""


def generate() -> dict[str, Any]:
    """The OpenAPI document of the portal application (no workspace is read)."""
    import warnings

    from stuurdata.portal import create_app

    app = create_app(Path(), check_workspace=False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate operation ids are made unique below
        document: dict[str, Any] = app.openapi()
    return stable_operation_ids(document)


def stable_operation_ids(document: dict[str, Any]) -> dict[str, Any]:
    """Operation ids that end in the operation's own method.

    FastAPI names an operation of a route with several methods after one method picked from a
    set (so it differs per process, and GET and POST share one id); the committed document must
    not change from run to run.
    """
    for operations in document.get("paths", {}).values():
        for method, operation in operations.items():
            op_id = operation.get("operationId") if isinstance(operation, dict) else None
            if not op_id:
                continue
            stem, _, last = op_id.rpartition("_")
            if last in _METHODS and last != method:
                operation["operationId"] = f"{stem}_{method}"
    return document


_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def render(document: dict[str, Any] | None = None) -> str:
    """The document as committed: sorted keys, two-space indent, final newline."""
    return json.dumps(document or generate(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the document to ``docs/openapi.json`` (or the path given)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else COMMITTED
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(), encoding="utf-8")
    print(f"geschreven: {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
