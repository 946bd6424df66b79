# SPDX-License-Identifier: EUPL-1.2
"""The SQL model runner: dependency checks, materialisation and errors that name the file."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from stuurdata.errors import BuildError
from stuurdata.warehouse.duckdb_engine import DuckDBEngine, DuckDBVersionWriter
from stuurdata.warehouse.models import check_dependencies, run_models
from stuurdata.workspace import SqlModel
from stuurdata.workspace.config import EngineConfig
from stuurdata.workspace.sqlmodel import parse_model


def _model(root: Path, layer: str, stem: str, sql: str) -> SqlModel:
    path = root / "models" / layer / f"{stem}.sql"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sql, encoding="utf-8")
    model, problems = parse_model(path, layer, f"models/{layer}/{stem}.sql")
    assert model is not None, problems
    return model


@pytest.fixture
def writer(tmp_path: Path) -> DuckDBVersionWriter:
    engine = DuckDBEngine(EngineConfig(), tmp_path)
    writer = engine.begin_version(engine.new_version_id())
    writer.create_schemas(["raw", "staging", "marts"])
    writer.load_arrow("raw", "personen", pa.table({"buurt": ["BU1", "BU1", "BU2"]}))
    return writer


def test_models_run_in_the_given_order(tmp_path: Path, writer: DuckDBVersionWriter) -> None:
    stg = _model(tmp_path, "staging", "stg", "SELECT buurt FROM raw.personen")
    mart = _model(
        tmp_path, "marts", "per_buurt", "SELECT buurt, count(*) AS n FROM staging.stg GROUP BY 1"
    )
    check_dependencies([stg, mart], ["raw.personen"], tmp_path)
    seen: list[str] = []
    runs = run_models(writer, [stg, mart], tmp_path, lambda m: seen.append(m.name))
    assert seen == ["staging.stg", "marts.per_buurt"]
    assert [(r.name, r.rows) for r in runs] == [("staging.stg", 3), ("marts.per_buurt", 2)]
    assert runs[1].depends_on == ["staging.stg"]
    assert runs[1].path == "models/marts/per_buurt.sql"
    writer.abort()


def test_missing_dependencies_are_all_named_with_their_file(tmp_path: Path) -> None:
    mart = _model(tmp_path, "marts", "m", "SELECT * FROM staging.later JOIN raw.nope USING (x)")
    later = _model(tmp_path, "staging", "later", "SELECT * FROM raw.personen")
    with pytest.raises(BuildError) as info:
        check_dependencies([mart, later], ["raw.personen", "areas.buurten"], tmp_path)
    message = str(info.value)
    assert "models/marts/m.sql: 'raw.nope' bestaat niet" in message
    # staging.later exists, but only after marts.m in this order: that is missing too
    assert "models/marts/m.sql: 'staging.later' bestaat niet" in message
    assert "areas.buurten" in message  # the available tables are listed as a hint


def test_unqualified_table_gets_a_hint(tmp_path: Path) -> None:
    model = _model(tmp_path, "staging", "s", "SELECT * FROM personen")
    with pytest.raises(BuildError, match="schrijf de tabel met schema"):
        check_dependencies([model], ["raw.personen"], tmp_path)


def test_failing_sql_names_the_model_file_and_duckdb_message(
    tmp_path: Path, writer: DuckDBVersionWriter
) -> None:
    bad = _model(tmp_path, "staging", "kapot", "SELECT geen_kolom FROM raw.personen")
    with pytest.raises(BuildError) as info:
        run_models(writer, [bad], tmp_path)
    message = str(info.value)
    assert "models/staging/kapot.sql" in message
    assert "geen_kolom" in message
    writer.abort()
