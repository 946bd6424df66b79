# SPDX-License-Identifier: EUPL-1.2
"""HTTP routes of the SQL endpoint; one :class:`Sandbox` per published version."""

from __future__ import annotations

import json
import threading
from typing import Any, Final

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.responses import JSONResponse, Response

from stuurdata.api.sql.guard import SqlRefusedError, check_query
from stuurdata.api.sql.sandbox import Sandbox, SqlLimits
from stuurdata.warehouse import open_current

router = APIRouter(prefix="/api/v1/sql", tags=["SQL"])
NO_BUILD: Final = "Er is nog geen gepubliceerde versie; voer eerst 'stuurdata build' uit."
_LOCK = threading.Lock()


class SqlColumn(BaseModel):
    name: str
    type: str


class SqlAnswer(BaseModel):
    """The rows of one query, at most ``row_cap``; ``truncated`` when there were more."""

    version_id: str
    columns: list[SqlColumn]
    rows: list[list[Any]]
    row_count: int
    truncated: bool
    row_cap: int
    time_limit_seconds: float
    seconds: float
    note: str | None = None


class SqlProblem(BaseModel):
    detail: str = Field(description="Wat er mis is, in het Nederlands.")
    refused: str | None = Field(default=None, description="Het geweigerde onderdeel.")


class SqlTable(BaseModel):
    name: str
    columns: list[SqlColumn]


class SqlTables(BaseModel):
    version_id: str
    tables: list[SqlTable]
    row_cap: int
    time_limit_seconds: float


class SqlRequest(BaseModel):
    q: str = Field(description="Eén SELECT-query (DuckDB-dialect).", max_length=20_000)


_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": SqlProblem, "description": "Ongeldige of geweigerde query"},
    404: {"model": SqlProblem, "description": "Tabel bestaat niet of is niet openbaar"},
    422: {"model": SqlProblem, "description": "Tijds- of geheugenlimiet bereikt"},
    503: {"model": SqlProblem, "description": "Nog geen build, of te druk"},
}


def _problem(error: SqlRefusedError) -> JSONResponse:
    return JSONResponse(
        {"detail": error.message, "refused": error.construct}, status_code=error.status
    )


def sandbox_for(request: Request) -> tuple[str, Sandbox]:
    """The sandbox of the version published now (made once per version)."""
    store = request.app.state.store
    snapshot = store.current()
    if snapshot is None:
        raise SqlRefusedError(503, NO_BUILD)
    state = request.app.state
    cached: tuple[str, Sandbox] | None = getattr(state, "sql_sandbox", None)
    if cached is not None and cached[0] == snapshot.version_id:
        return cached[0], cached[1]
    with _LOCK:
        cached = getattr(state, "sql_sandbox", None)
        if cached is not None and cached[0] == snapshot.version_id:
            return cached[0], cached[1]
        published = open_current(store.root, store.workspace.config.engine.path)
        if published is None:
            raise SqlRefusedError(503, NO_BUILD)
        limits: SqlLimits = getattr(state, "sql_limits", None) or SqlLimits()
        tables = ["published.indicators", *(f"published.{d.name}" for d in snapshot.datasets)]
        sandbox = Sandbox(published.database, tables, limits)
        state.sql_sandbox = (published.version_id, sandbox)
        # the previous sandbox is closed by the garbage collector once running queries finish
        return published.version_id, sandbox


def _answer(request: Request, text: str) -> Response:
    try:
        version_id, sandbox = sandbox_for(request)
        checked = check_query(text, sandbox.tables, sandbox.limits.row_cap)
        result = sandbox.run(checked)
    except SqlRefusedError as error:
        return _problem(error)
    body = {
        "version_id": version_id,
        "columns": [
            {"name": n, "type": t} for n, t in zip(result.columns, result.types, strict=True)
        ],
        "rows": result.rows,
        "row_count": len(result.rows),
        "truncated": result.truncated,
        "row_cap": checked.row_cap,
        "time_limit_seconds": sandbox.limits.seconds,
        "seconds": round(result.seconds, 4),
        "note": (
            f"Het resultaat is afgekapt op {checked.row_cap} rijen; voeg een WHERE, "
            "GROUP BY of LIMIT toe of download de dataset."
            if result.truncated
            else None
        ),
    }
    return Response(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        media_type="application/json",
    )


@router.get("", response_model=SqlAnswer, responses=_ERRORS)
def sql_get(request: Request, q: str = "") -> Response:
    """Run one read-only SELECT over the open published tables (time limit, row cap)."""
    return _answer(request, q)


@router.post(
    "",
    response_model=SqlAnswer,
    responses=_ERRORS,
    openapi_extra={
        "requestBody": {
            "content": {
                "application/json": {"schema": SqlRequest.model_json_schema()},
                "application/x-www-form-urlencoded": {"schema": SqlRequest.model_json_schema()},
            }
        }
    },
)
async def sql_post(request: Request) -> Response:
    """The same as GET, with the query in a JSON body ``{"q": ...}`` or a form field ``q``."""
    text = request.query_params.get("q", "")
    content_type = request.headers.get("content-type", "")
    if "form" in content_type:
        form = await request.form()
        value = form.get("q")
        text = value if isinstance(value, str) else text
    else:
        raw = await request.body()
        if raw.strip():
            try:
                data = json.loads(raw)
            except ValueError:
                return _problem(SqlRefusedError(400, "De body is geen geldige JSON."))
            if not isinstance(data, dict) or not isinstance(data.get("q"), str):
                return _problem(SqlRefusedError(400, 'Verwacht een JSON-object {"q": "<query>"}.'))
            text = data["q"]
    return await run_in_threadpool(_answer, request, text)


@router.get("/tables", response_model=SqlTables, responses={503: _ERRORS[503]})
def sql_tables(request: Request) -> Response:
    """The tables the SQL endpoint can read, with their columns."""
    try:
        version_id, sandbox = sandbox_for(request)
    except SqlRefusedError as error:
        return _problem(error)
    tables = [
        {"name": t, "columns": [{"name": n, "type": ty} for n, ty in sandbox.columns(t)]}
        for t in sandbox.tables
    ]
    return JSONResponse(
        {
            "version_id": version_id,
            "tables": tables,
            "row_cap": sandbox.limits.row_cap,
            "time_limit_seconds": sandbox.limits.seconds,
        }
    )
