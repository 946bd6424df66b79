# SPDX-License-Identifier: EUPL-1.2
"""A tiny hand-computable warehouse: two gemeenten, four buurten, a few rows per mart.

Every expected value in test_standard_library.py is worked out by hand from these rows.
GM0001: WK000101 (BU00010101 100 ha, BU00010102 200 ha), WK000102 (BU00010201: 50 ha water).
GM0002: WK000201 (BU00020101 300 ha). Region RG01 = both gemeenten.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
import yaml

from stuurdata.workspace.indicator import Indicator

TEMPLATE = Path(__file__).resolve().parents[2] / "src/stuurdata/demo/workspace_template"
REGIONS = [("RG01", "Testregio", ["GM0001", "GM0002"])]
BOUNDARY_YEAR = 2024

FIXTURE_SQL = """
CREATE SCHEMA areas; CREATE SCHEMA marts;
CREATE TABLE areas.wijken AS SELECT * FROM (VALUES
    ('WK000101', 'GM0001'), ('WK000102', 'GM0001'), ('WK000201', 'GM0002')) AS t(code, parent_code);
CREATE TABLE areas.buurten AS SELECT * FROM (VALUES
    ('BU00010101', 'WK000101', FALSE, 1000000.0),
    ('BU00010102', 'WK000101', FALSE, 2000000.0),
    ('BU00010201', 'WK000102', TRUE, 500000.0),
    ('BU00020101', 'WK000201', FALSE, 3000000.0)) AS t(code, parent_code, water, area_m2);
CREATE TABLE marts.ind_personen AS SELECT CAST(p AS DATE) AS peildatum, buurtcode, geslacht,
    leeftijd, burgerlijke_staat FROM (VALUES
    ('2025-01-01', 'BU00010101', 'M', 10, 'ongehuwd'),
    ('2025-01-01', 'BU00010101', 'V', 20, 'ongehuwd'),
    ('2025-01-01', 'BU00010101', 'M', 40, 'gehuwd'),
    ('2025-01-01', 'BU00010101', 'V', 70, 'weduwe/weduwnaar'),
    ('2025-01-01', 'BU00010102', 'V', 50, 'gescheiden'),
    ('2025-01-01', 'BU00010102', 'M', 66, 'geregistreerd partner'),
    ('2025-01-01', 'BU00020101', 'V', 5, 'ongehuwd'),
    ('2025-01-01', 'BU00020101', 'M', 30, 'gehuwd'),
    ('2025-01-01', 'BU00020101', 'V', 80, 'gehuwd'),
    ('2024-01-01', 'BU00010101', 'M', 9, 'ongehuwd'),
    ('2024-01-01', 'BU00010101', 'V', 19, 'ongehuwd')
    ) AS t(p, buurtcode, geslacht, leeftijd, burgerlijke_staat);
CREATE TABLE marts.ind_huishoudens AS SELECT DATE '2025-01-01' AS peildatum, * FROM (VALUES
    ('BU00010101', 2, 'paar zonder kinderen'),
    ('BU00010101', 1, 'eenpersoonshuishouden'),
    ('BU00010101', 1, 'eenpersoonshuishouden'),
    ('BU00010102', 2, 'paar met kinderen'),
    ('BU00020101', 2, 'eenouderhuishouden'),
    ('BU00020101', 1, 'overig huishouden')) AS t(buurtcode, aantal_personen, huishoudtype);
CREATE TABLE marts.ind_woningen AS SELECT DATE '2025-01-01' AS peildatum, buurtcode, is_woning,
    bouwjaar, bouwjaar > 2015 AS bouwjaar_afgelopen_tien_jaar, oppervlakte, eigendom,
    CAST(woz_waarde AS DECIMAL(18, 2)) AS woz_waarde, DATE '2024-01-01' AS waardepeildatum
    FROM (VALUES
    ('BU00010101', TRUE, 1990, 100, 'eigenaar-bewoner', 300000),
    ('BU00010101', TRUE, 2020, 80, 'woningcorporatie', 200000),
    ('BU00010101', TRUE, 1960, 60, NULL, NULL),
    ('BU00010101', FALSE, 1980, 500, NULL, 1000000),
    ('BU00010102', TRUE, 2018, 120, 'overige verhuurder', 400000),
    ('BU00020101', TRUE, 1950, 90, 'eigenaar-bewoner', 250000)
    ) AS t(buurtcode, is_woning, bouwjaar, oppervlakte, eigendom, woz_waarde);
CREATE TABLE marts.ind_vestigingen AS SELECT DATE '2025-01-01' AS peildatum, * FROM (VALUES
    ('BU00010101', 3, TRUE, 'A'), ('BU00010101', 10, FALSE, 'B-F'), ('BU00010101', 1, TRUE, 'G+I'),
    ('BU00010102', 5, FALSE, 'H+J'), ('BU00010102', 2, FALSE, 'K-L'),
    ('BU00020101', 4, FALSE, 'M-N'), ('BU00020101', 7, FALSE, 'O-Q'), ('BU00020101', 1, TRUE, 'R-U')
    ) AS t(buurtcode, werkzame_personen, aan_huis, sbi_sectie);
CREATE TABLE marts.ind_voorzieningen_personen AS SELECT DATE '2025-01-01' AS peildatum, * FROM (VALUES
    ('BU00010101', 1, 40, TRUE, TRUE, FALSE),
    ('BU00010101', 1, 10, FALSE, FALSE, TRUE),
    ('BU00010101', 2, 70, FALSE, TRUE, FALSE),
    ('BU00010102', 4, 50, TRUE, FALSE, FALSE),
    ('BU00020101', 5, 5, FALSE, TRUE, TRUE),
    ('BU00020101', 5, 30, TRUE, TRUE, TRUE)
    ) AS t(buurtcode, huishoudnummer, leeftijd, bijstand, wmo, jeugd);
CREATE TABLE marts.ind_voorzieningen_huishoudens AS SELECT DATE '2025-01-01' AS peildatum, * FROM (VALUES
    ('BU00010101', TRUE, TRUE, TRUE), ('BU00010101', FALSE, TRUE, FALSE),
    ('BU00010102', TRUE, FALSE, FALSE), ('BU00020101', TRUE, TRUE, TRUE)
    ) AS t(buurtcode, bijstand, wmo, jeugd);
CREATE TABLE marts.ind_verhuizingen AS SELECT CAST(d AS DATE) AS datum, buurtcode, richting, soort
    FROM (VALUES
    ('2024-03-01', 'BU00010101', 'in', 'verhuizing binnen gemeente'),
    ('2024-03-01', 'BU00010102', 'uit', 'verhuizing binnen gemeente'),
    ('2024-05-01', 'BU00010101', 'in', 'vestiging'),
    ('2024-06-01', 'BU00010102', 'uit', 'vertrek'),
    ('2024-07-01', 'BU00020101', 'in', 'vestiging'),
    ('2023-12-31', 'BU00010101', 'uit', 'vertrek')) AS t(d, buurtcode, richting, soort);
CREATE TABLE marts.klantcontact_per_kanaal AS SELECT gemeentecode, CAST(m AS DATE) AS maand, kanaal,
    contacten, binnen_norm FROM (VALUES
    ('GM0001', '2024-01-01', 'telefoon', 10, 8), ('GM0001', '2024-02-01', 'balie', 5, 5),
    ('GM0001', '2024-02-01', 'e-mail', 3, 1), ('GM0001', '2024-03-01', 'chat', 2, 2),
    ('GM0002', '2024-01-01', 'webformulier', 4, 2), ('GM0002', '2024-01-01', 'telefoon', 6, 3)
    ) AS t(gemeentecode, m, kanaal, contacten, binnen_norm);
CREATE TABLE marts.ind_sensormetingen AS SELECT gemeentecode, CAST(d AS DATE) AS datum, grootheid,
    CAST(som AS DOUBLE) AS som, metingen FROM (VALUES
    ('GM0001', '2024-01-01', 'pm25', 100, 10), ('GM0001', '2024-01-02', 'pm25', 50, 10),
    ('GM0002', '2024-01-01', 'pm25', 30, 10),
    ('GM0001', '2024-01-01', 'no2', 200, 10), ('GM0002', '2024-01-01', 'no2', 100, 20),
    ('GM0001', '2024-01-01', 'passanten', 1000, 10),
    ('GM0001', '2024-01-01', 'snelheid', 300, 10), ('GM0002', '2024-01-01', 'snelheid', 100, 10)
    ) AS t(gemeentecode, d, grootheid, som, metingen);
"""


def standard_indicators() -> dict[str, Indicator]:
    """The standard library as shipped in the demo template."""
    found: dict[str, Indicator] = {}
    for path in sorted((TEMPLATE / "indicators").glob("*.yaml")):
        ind = Indicator.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        found[ind.id] = ind
    return found


@pytest.fixture()
def fixture_con() -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    con.execute(FIXTURE_SQL)
    yield con
    con.close()
