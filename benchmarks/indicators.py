# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the indicator build: Stuurdata's compiled cube vs a hand-written DuckDB SQL job
vs pandas, over the same synthetic data, in one run.

    python -m benchmarks.indicators --persons 1000000,18000000

Per scale the synthetic region is generated once (``benchmarks/.work/``, reused) and its
delivered files are loaded once into a DuckDB file with the unit-level tables the standard
indicators read (persons per peildatum, households, Wmo/Jeugdwet provisions, moves, firms,
areas; bijstand is left out: it is an XLSX file). That load is not timed. Then three jobs run,
each in a fresh child process (wall time of the job itself, peak RSS of the child):

- ``stuurdata``: :func:`stuurdata.indicators.compute_cube` with the standard library (every
  family, exact roll-up to wijk, gemeente, region and comparison groups, derived indicators,
  population bases) -> ``cube.indicators``;
- ``duckdb``: one hand-written query per source (GROUP BY buurt with the same aggregate
  expressions, ROLLUP to wijk and gemeente, UNPIVOT) -> the same counts and values;
- ``pandas``: the same numerators and denominators as boolean columns, groupby per buurt,
  roll-up by merge and groupby, values per level.
Figures are printed as ratios to the DuckDB and pandas jobs (targets at 18M: <= 1.5x DuckDB,
>= 2.5x faster than pandas, peak < 6 GiB).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

WORK = Path(__file__).resolve().parent / ".work"
SEED = 42
SOURCES = {
    "marts.ind_personen",
    "marts.ind_huishoudens",
    "marts.ind_voorzieningen_personen",
    "marts.ind_voorzieningen_huishoudens",
    "marts.ind_verhuizingen",
    "marts.ind_vestigingen",
}

PREPARE_SQL = """
CREATE SCHEMA IF NOT EXISTS areas; CREATE SCHEMA IF NOT EXISTS marts;
CREATE OR REPLACE TABLE koppel AS SELECT PC6 AS pc6, Huisnummer AS huisnummer,
    'BU' || Buurt2025 AS buurt, 'WK' || Wijk2025 AS wijk, 'GM' || Gemeente2025 AS gemeente
    FROM read_csv('{data}/gebieden/pc6hnr_*.csv', delim=';', header=true, all_varchar=true);
CREATE OR REPLACE TABLE areas.buurten AS SELECT DISTINCT buurt AS code, wijk AS parent_code,
    FALSE AS water, 0.0 AS area_m2 FROM koppel;
CREATE OR REPLACE TABLE areas.wijken AS SELECT DISTINCT wijk AS code, gemeente AS parent_code
    FROM koppel;
CREATE OR REPLACE TABLE personen AS
    SELECT DATE '2025-01-01' AS peildatum, bsn, geslacht, strptime(geboortedatum, '%Y%m%d')::DATE
        AS geboortedatum, burgerlijke_staat, CAST(huishoudnummer AS BIGINT) AS huishoudnummer,
        buurtcode
    FROM read_csv('{data}/brp/*_personen.csv', delim=';', header=true, all_varchar=true,
        encoding='latin-1') {history};
CREATE OR REPLACE TABLE marts.ind_personen AS SELECT peildatum, buurtcode, geslacht,
    date_diff('year', geboortedatum, peildatum) - CASE WHEN strftime(geboortedatum, '%m%d') >
    strftime(peildatum, '%m%d') THEN 1 ELSE 0 END AS leeftijd, burgerlijke_staat FROM personen;
CREATE OR REPLACE TABLE marts.ind_huishoudens AS SELECT DATE '2025-01-01' AS peildatum, buurtcode,
    CAST(aantal_personen AS INTEGER) AS aantal_personen, huishoudtype
    FROM read_csv('{data}/brp/*_huishoudens.csv', delim=';', header=true, all_varchar=true,
        encoding='latin-1');
CREATE OR REPLACE TABLE marts.ind_voorzieningen_personen AS
    WITH v AS (
        SELECT bsn, 'wmo' AS wet, startdatum, einddatum FROM read_csv('{data}/sociaal/*_wmo.csv',
            delim=';', header=true, types={{'bsn': 'VARCHAR'}})
        UNION ALL
        SELECT bsn, 'jeugd', startdatum, einddatum FROM read_csv('{data}/sociaal/*_jeugd.csv',
            delim=';', header=true, types={{'bsn': 'VARCHAR'}})
    )
    SELECT p.peildatum, p.buurtcode, p.huishoudnummer,
        any_value(date_diff('year', p.geboortedatum, p.peildatum)) AS leeftijd,
        FALSE AS bijstand, bool_or(v.wet = 'wmo') AS wmo, bool_or(v.wet = 'jeugd') AS jeugd
    FROM personen AS p JOIN v ON v.bsn = p.bsn AND v.startdatum <= p.peildatum
        AND (v.einddatum IS NULL OR v.einddatum >= p.peildatum)
    GROUP BY p.peildatum, p.bsn, p.buurtcode, p.huishoudnummer;
CREATE OR REPLACE TABLE marts.ind_voorzieningen_huishoudens AS SELECT peildatum,
    min(buurtcode) AS buurtcode, bool_or(bijstand) AS bijstand, bool_or(wmo) AS wmo,
    bool_or(jeugd) AS jeugd FROM marts.ind_voorzieningen_personen GROUP BY peildatum, huishoudnummer;
CREATE OR REPLACE TABLE marts.ind_verhuizingen AS
    WITH m AS (SELECT strptime(datum, '%Y%m%d')::DATE AS datum, * EXCLUDE (datum)
        FROM read_csv('{data}/brp/*_verhuizingen.csv', delim=';', header=true, all_varchar=true,
            encoding='latin-1'))
    SELECT datum, naar_buurtcode AS buurtcode, 'in' AS richting, soort FROM m
        WHERE naar_buurtcode IS NOT NULL
    UNION ALL SELECT datum, van_buurtcode, 'uit', soort FROM m WHERE van_buurtcode IS NOT NULL;
CREATE OR REPLACE TABLE marts.ind_vestigingen AS
    SELECT DATE '2025-01-01' AS peildatum, k.buurt AS buurtcode,
        CAST(h.werkzame_personen AS INTEGER) AS werkzame_personen,
        h.gebruiksdoel_pand = 'woonfunctie' AS aan_huis,
        CASE WHEN s <= 3 THEN 'A' WHEN s <= 43 THEN 'B-F' WHEN s IN (45, 46, 47, 55, 56) THEN 'G+I'
             WHEN s BETWEEN 49 AND 53 OR s BETWEEN 58 AND 63 THEN 'H+J'
             WHEN s BETWEEN 64 AND 68 THEN 'K-L' WHEN s BETWEEN 69 AND 82 THEN 'M-N'
             WHEN s BETWEEN 84 AND 88 THEN 'O-Q' ELSE 'R-U' END AS sbi_sectie
    FROM (SELECT *, CAST(substr(sbi_code, 1, 2) AS INTEGER) AS s
          FROM read_csv('{data}/hr/*_vestigingen.csv', delim=',', header=true, all_varchar=true))
        AS h
    JOIN koppel AS k ON k.pc6 = h.postcode AND k.huisnummer = h.huisnummer;
DROP TABLE personen; DROP TABLE koppel;
"""
HISTORY_SQL = """UNION ALL
    SELECT CAST(h.peildatum AS DATE), h.bsn, h.geslacht, strptime(h.geboortedatum, '%Y%m%d')::DATE,
        h.burgerlijke_staat, CAST(h.huishoudnummer AS BIGINT), k.buurt
    FROM read_csv('{data}/brp/*_personen_historie.csv', delim=';', header=true, all_varchar=true,
        encoding='latin-1') AS h
    JOIN koppel AS k ON k.pc6 = h.postcode AND k.huisnummer = h.huisnummer"""


def standard_indicators() -> dict[str, Any]:
    """The standard library, restricted to the sources the benchmark database holds."""
    import yaml

    from stuurdata.workspace.indicator import Indicator

    folder = (
        Path(__file__).resolve().parents[1] / "src/stuurdata/demo/workspace_template/indicators"
    )
    found = {}
    for path in sorted(folder.glob("*.yaml")):
        ind = Indicator.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        found[ind.id] = ind
    direct = {k: v for k, v in found.items() if not v.derived and v.source in SOURCES}
    derived = {
        k: v for k, v in found.items() if v.derived and all(r in direct for r in v.references())
    }
    return {
        k: v.model_copy(update={"population": None}) if v.population not in direct else v
        for k, v in {**direct, **derived}.items()
    }


def prepare(scale: str, persons: int) -> Path:
    """The benchmark database of one scale (loaded once from the generated files)."""
    import duckdb

    from benchmarks.scales import Scale, generated_data

    data = generated_data(Scale(scale, persons, bag=False), SEED) / "data"
    db = WORK / scale / "indicators.duckdb"
    marker = db.with_suffix(".ready")
    if marker.is_file():
        return db
    db.unlink(missing_ok=True)
    started = time.perf_counter()
    history = HISTORY_SQL.format(data=data) if list((data / "brp").glob("*_historie.csv")) else ""
    con = duckdb.connect(str(db))
    # the koppel table is needed by the history part of the persons table: create it first
    statements = PREPARE_SQL.format(data=data, history="{history}").split(";\n")
    for statement in statements:
        if statement.strip():
            con.execute(statement.replace("{history}", history))
    con.close()
    marker.write_text("ok")
    print(
        f"[{scale}] loaded benchmark database in {time.perf_counter() - started:.1f} s", flush=True
    )
    return db


# --- the three jobs (run in a child process each) --------------------------------------------


def job_stuurdata(db: Path) -> dict[str, Any]:
    import duckdb

    from stuurdata.indicators import ConnectionWriter, compute_cube

    indicators = standard_indicators()
    con = duckdb.connect(str(db))
    gemeenten = [
        r[0] for r in con.execute("SELECT DISTINCT parent_code FROM areas.wijken").fetchall()
    ]
    started = time.perf_counter()
    run = compute_cube(
        ConnectionWriter(con), indicators, boundary_year=2025, regions=[("NL01", "Alle", gemeenten)]
    )
    return {
        "seconds": time.perf_counter() - started,
        "rows": run.rows,
        "indicators": len(indicators),
    }


def job_duckdb(db: Path) -> dict[str, Any]:
    """Hand-written: per source one GROUP BY buurt, ROLLUP up the hierarchy, UNPIVOT."""
    import duckdb

    from stuurdata.indicators.families import families

    indicators = standard_indicators()
    con = duckdb.connect(str(db))
    con.execute("CREATE SCHEMA IF NOT EXISTS hand")
    started = time.perf_counter()
    rows = 0
    for i, fam in enumerate(families(indicators.values())):
        assert fam.period.column is not None
        period = (
            f"CAST({fam.period.column} AS VARCHAR)"
            if fam.period.kind == "peildatum"
            else (f"CAST(year({fam.period.column}) AS VARCHAR)")
        )
        cols = ", ".join(
            f'{ind.numerator} AS "n_{ind.id}"'
            + (f', {ind.denominator} AS "d_{ind.id}"' if isinstance(ind.denominator, str) else "")
            for ind in fam.indicators
        )
        names = [f"n_{ind.id}" for ind in fam.indicators] + [
            f"d_{ind.id}" for ind in fam.indicators if isinstance(ind.denominator, str)
        ]
        sums = ", ".join(f'sum("{n}") AS "{n}"' for n in names)
        con.execute(f"""CREATE OR REPLACE TABLE hand.f{i} AS
            WITH b AS (SELECT {period} AS period, buurtcode, {cols} FROM {fam.source} GROUP BY ALL),
            r AS (SELECT b.period, w.parent_code AS gemeente, a.parent_code AS wijk, b.buurtcode,
                    {sums}
                  FROM b JOIN areas.buurten AS a ON a.code = b.buurtcode
                  JOIN areas.wijken AS w ON w.code = a.parent_code
                  GROUP BY ROLLUP (b.period, w.parent_code, a.parent_code, b.buurtcode)
                  HAVING b.period IS NOT NULL)
            UNPIVOT r ON {", ".join(f'"{n}"' for n in names)} INTO NAME measure VALUE amount""")
        rows += con.execute(f"SELECT count(*) FROM hand.f{i}").fetchone()[0]  # type: ignore[index]
    return {"seconds": time.perf_counter() - started, "rows": rows}


PANDAS_MASKS: dict[str, Any] = {}


def _pandas_columns(df: Any, fam_source: str) -> dict[str, Any]:
    """Numerator/denominator columns per indicator, hand-written for pandas."""
    c: dict[str, Any] = {}
    if fam_source == "marts.ind_personen":
        a, g, s = df["leeftijd"], df["geslacht"], df["burgerlijke_staat"]
        one = a * 0 + 1
        c |= {
            "bevolking_inwoners": one,
            "bevolking_mannen": g == "M",
            "bevolking_vrouwen": g == "V",
            "bevolking_0_14": a < 15,
            "bevolking_15_24": (a >= 15) & (a < 25),
            "bevolking_25_44": (a >= 25) & (a < 45),
            "bevolking_45_64": (a >= 45) & (a < 65),
            "bevolking_65_plus": a >= 65,
            "bevolking_0_22": a < 23,
            "bevolking_ongehuwd": s == "ongehuwd",
            "bevolking_gehuwd": s.isin(["gehuwd", "geregistreerd partner"]),
            "bevolking_gescheiden": s == "gescheiden",
            "bevolking_verweduwd": s == "weduwe/weduwnaar",
            "aandeel_0_14": a < 15,
            "aandeel_0_14/d": one,
            "aandeel_65_plus": a >= 65,
            "aandeel_65_plus/d": one,
            "gemiddelde_leeftijd": a,
            "gemiddelde_leeftijd/d": one,
            "grijze_druk": a >= 65,
            "grijze_druk/d": (a >= 20) & (a < 65),
            "groene_druk": a < 20,
            "groene_druk/d": (a >= 20) & (a < 65),
        }
    elif fam_source == "marts.ind_huishoudens":
        t, one = df["huishoudtype"], df["aantal_personen"] * 0 + 1
        c |= {
            "huishoudens_totaal": one,
            "huishoudens_eenpersoons": t == "eenpersoonshuishouden",
            "huishoudens_zonder_kinderen": t.isin(["paar zonder kinderen", "overig huishouden"]),
            "huishoudens_met_kinderen": t.isin(["paar met kinderen", "eenouderhuishouden"]),
            "huishoudens_eenouder": t == "eenouderhuishouden",
            "gemiddelde_huishoudensgrootte": df["aantal_personen"],
            "gemiddelde_huishoudensgrootte/d": one,
            "aandeel_eenpersoonshuishoudens": t == "eenpersoonshuishouden",
            "aandeel_eenpersoonshuishoudens/d": one,
        }
    elif fam_source in ("marts.ind_voorzieningen_personen", "marts.ind_voorzieningen_huishoudens"):
        b, w, j = df["bijstand"], df["wmo"], df["jeugd"]
        n = b.astype(int) + w.astype(int) + j.astype(int)
        one = n * 0 + 1
        if fam_source.endswith("personen"):
            c |= {
                "personen_bijstand": b,
                "wmo_clienten": w,
                "jongeren_jeugdzorg": j & (df["leeftijd"] < 23),
                "personen_voorziening_sociaal_domein": b | w | j,
                "stapeling_personen": n >= 2,
                "stapeling_bijstand_wmo": b & w & ~j,
                "stapeling_bijstand_jeugd": b & j & ~w,
                "stapeling_wmo_jeugd": w & j & ~b,
                "stapeling_alle_drie": b & w & j,
                "aandeel_stapeling": n >= 2,
                "aandeel_stapeling/d": one,
            }
        else:
            c |= {"huishoudens_voorziening_sociaal_domein": one, "stapeling_huishoudens": n >= 2}
    elif fam_source == "marts.ind_verhuizingen":
        r, s = df["richting"], df["soort"]
        c |= {
            "verhuizingen_instroom": r == "in",
            "verhuizingen_uitstroom": r == "uit",
            "vestigers_van_buiten_gemeente": (r == "in") & (s == "vestiging"),
            "vertrekkers_naar_buiten_gemeente": (r == "uit") & (s == "vertrek"),
        }
    elif fam_source == "marts.ind_vestigingen":
        s, one = df["sbi_sectie"], df["werkzame_personen"] * 0 + 1
        c |= {
            "bedrijfsvestigingen": one,
            "werkzame_personen": df["werkzame_personen"],
            "aandeel_vestigingen_aan_huis": df["aan_huis"],
            "aandeel_vestigingen_aan_huis/d": one,
        }
        for sectie in ("A", "B-F", "G+I", "H+J", "K-L", "M-N", "O-Q", "R-U"):
            slug = sectie.lower().replace("+", "").replace("-", "")
            c[f"vestigingen_{slug}"] = s == sectie
    return c


def job_pandas(db: Path) -> dict[str, Any]:
    import duckdb
    import pandas as pd

    con = duckdb.connect(str(db), read_only=True)
    started = time.perf_counter()
    areas = con.sql(
        "SELECT b.code AS buurtcode, b.parent_code AS wijk, w.parent_code AS gemeente "
        "FROM areas.buurten b JOIN areas.wijken w ON w.code = b.parent_code"
    ).df()
    results = []
    periods = {"marts.ind_verhuizingen": "datum"}
    for source in sorted(SOURCES):
        column = periods.get(source, "peildatum")
        parts = []
        # one period at a time: all periods of 18M persons at once do not fit in memory
        chunk = f"year({column})" if column == "datum" else column
        for (value,) in con.sql(f"SELECT DISTINCT {chunk} FROM {source}").fetchall():
            df = con.execute(f"SELECT * FROM {source} WHERE {chunk} = ?", [value]).df()
            period = df[column].dt.year.astype(str) if column == "datum" else df[column].astype(str)
            wide = pd.DataFrame(
                {k: v.astype("float64") for k, v in _pandas_columns(df, source).items()}
            )
            wide["period"], wide["buurtcode"] = period.values, df["buurtcode"].values
            del df
            parts.append(wide.groupby(["period", "buurtcode"], sort=False).sum().reset_index())
            del wide
        base = pd.concat(parts, ignore_index=True).groupby(["period", "buurtcode"]).sum()
        base = base.reset_index().merge(areas, on="buurtcode")
        measures = [c for c in base.columns if c not in ("period", "buurtcode", "wijk", "gemeente")]
        for level, keys in (
            ("buurt", ["buurtcode"]),
            ("wijk", ["wijk"]),
            ("gemeente", ["gemeente"]),
            ("regio", []),
        ):
            part = base.groupby(["period", *keys], sort=False)[measures].sum().reset_index()
            long = part.melt(id_vars=["period", *keys], var_name="measure", value_name="amount")
            long["area_level"] = level
            results.append(long)
    cube = pd.concat(results, ignore_index=True)
    return {"seconds": time.perf_counter() - started, "rows": len(cube)}


JOBS = {"stuurdata": job_stuurdata, "duckdb": job_duckdb, "pandas": job_pandas}


def run_scale(persons: int, repeat: int = 3) -> dict[str, Any]:
    from benchmarks.measure import child_environment, measure

    scale = f"p{persons}"
    db = prepare(scale, persons)
    figures: dict[str, Any] = {}
    # the two DuckDB jobs alternate ``repeat`` times (best of, against noise on a shared
    # machine); pandas runs once
    order = [job for _ in range(repeat) for job in ("stuurdata", "duckdb")] + ["pandas"]
    for job in order:
        m = measure(
            [sys.executable, "-m", "benchmarks.indicators", "--job", job, "--db", str(db)],
            WORK / scale / f"indicators-{job}.log",
            cwd=Path(__file__).resolve().parents[1],
            env=child_environment(WORK / "pycache"),
        )
        if m.error:
            raise SystemExit(f"{job} failed: {m.error}")
        print(
            f"[{scale}] {job:9s} {m.result['seconds']:8.2f} s  peak {m.peak_mib:8.0f} MiB",
            flush=True,
        )
        best = figures.get(job)
        if best is None or m.result["seconds"] < best["seconds"]:
            figures[job] = {"seconds": m.result["seconds"], "peak_mib": m.peak_mib}
    ours = figures["stuurdata"]["seconds"]
    figures["ratio_to_duckdb"] = ours / figures["duckdb"]["seconds"]
    figures["speedup_vs_pandas"] = figures["pandas"]["seconds"] / ours
    print(
        f"[{scale}] stuurdata / hand-written DuckDB = {figures['ratio_to_duckdb']:.2f}x (target <= 1.5); "
        f"pandas / stuurdata = {figures['speedup_vs_pandas']:.2f}x (target >= 2.5); "
        f"peak {figures['stuurdata']['peak_mib'] / 1024:.2f} GiB (target < 6)",
        flush=True,
    )
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", default="1000000,18000000")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the DuckDB jobs (best)")
    parser.add_argument("--job", choices=sorted(JOBS))
    parser.add_argument("--db", type=Path)
    args = parser.parse_args(argv)
    if args.job:
        print(json.dumps(JOBS[args.job](args.db)))
        return
    report = {p: run_scale(int(p), args.repeat) for p in args.persons.split(",")}
    (WORK / "indicators.json").write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
