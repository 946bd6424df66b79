# SPDX-License-Identifier: EUPL-1.2
"""Every standard indicator on the hand-computable fixture (see conftest.py for the rows).

The expected values are worked out by hand; region values (RG01) are sums of numerators and
denominators over both gemeenten, never averages of their rates.
"""

from __future__ import annotations

import duckdb
import pytest

from stuurdata.indicators import ConnectionWriter, compute_cube
from tests.indicators.conftest import BOUNDARY_YEAR, FIXTURE_SQL, REGIONS, standard_indicators

P = "2025-01-01"
B1, B2, B3, B4 = "BU00010101", "BU00010102", "BU00010201", "BU00020101"
W1, W2 = "WK000101", "WK000102"
G1, G2, R = "GM0001", "GM0002", "RG01"

EXPECTED: dict[str, dict[tuple[str, str], float | None]] = {
    "bevolking_inwoners": {
        (B1, P): 4,
        (B2, P): 2,
        (B3, P): 0,
        (W1, P): 6,
        (W2, P): 0,
        (G1, P): 6,
        (G2, P): 3,
        (R, P): 9,
        (B1, "2024-01-01"): 2,
        (G2, "2024-01-01"): 0,
        (R, "2024-01-01"): 2,
    },
    "bevolking_mannen": {(B1, P): 2, (G1, P): 3, (R, P): 4},
    "bevolking_vrouwen": {(B1, P): 2, (G1, P): 3, (R, P): 5},
    "bevolking_0_14": {(B1, P): 1, (G1, P): 1, (R, P): 2},
    "bevolking_15_24": {(B1, P): 1, (G1, P): 1, (R, P): 1},
    "bevolking_25_44": {(B1, P): 1, (G1, P): 1, (R, P): 2},
    "bevolking_45_64": {(B1, P): 0, (G1, P): 1, (R, P): 1},
    "bevolking_65_plus": {(B1, P): 1, (G1, P): 2, (R, P): 3},
    "bevolking_0_22": {(B1, P): 2, (G1, P): 2, (R, P): 3},
    "bevolking_ongehuwd": {(B1, P): 2, (G1, P): 2, (R, P): 3},
    "bevolking_gehuwd": {(B1, P): 1, (G1, P): 2, (R, P): 4},
    "bevolking_gescheiden": {(B1, P): 0, (G1, P): 1, (R, P): 1},
    "bevolking_verweduwd": {(B1, P): 1, (G1, P): 1, (R, P): 1},
    "aandeel_0_14": {(B1, P): 25.0, (G1, P): 100 / 6, (R, P): 200 / 9, (B3, P): None},
    "aandeel_65_plus": {(B1, P): 25.0, (G1, P): 100 / 3, (R, P): 100 / 3},
    "gemiddelde_leeftijd": {(B1, P): 35.0, (G1, P): 256 / 6, (R, P): 371 / 9},
    "grijze_druk": {(B1, P): 50.0, (G1, P): 200 / 3, (R, P): 75.0},
    "groene_druk": {(B1, P): 50.0, (G1, P): 100 / 3, (R, P): 50.0},
    "oppervlakte_land_ha": {
        (B1, "2024"): 100,
        (W2, "2024"): 0,
        (G1, "2024"): 300,
        (R, "2024"): 600,
    },
    "oppervlakte_totaal_ha": {(B1, "2024"): 100, (G1, "2024"): 350, (R, "2024"): 650},
    "bevolkingsdichtheid": {
        (B1, P): 4.0,
        (G1, P): 2.0,
        (R, P): 1.5,
        (B1, "2024-01-01"): 2.0,
        (B3, P): None,
    },
    "huishoudens_totaal": {(B1, P): 3, (G1, P): 4, (R, P): 6},
    "huishoudens_eenpersoons": {(B1, P): 2, (G1, P): 2, (R, P): 2},
    "huishoudens_zonder_kinderen": {(B1, P): 1, (G1, P): 1, (R, P): 2},
    "huishoudens_met_kinderen": {(B1, P): 0, (G1, P): 1, (R, P): 2},
    "huishoudens_eenouder": {(G1, P): 0, (R, P): 1},
    "gemiddelde_huishoudensgrootte": {(B1, P): 4 / 3, (G1, P): 1.5, (R, P): 1.5},
    "aandeel_eenpersoonshuishoudens": {(B1, P): 200 / 3, (G1, P): 50.0, (R, P): 100 / 3},
    "woningvoorraad": {(B1, P): 3, (G1, P): 4, (R, P): 5},
    "niet_woningvoorraad": {(B1, P): 1, (G1, P): 1, (R, P): 1},
    "koopwoningen": {(B1, P): 50.0, (G1, P): 100 / 3, (R, P): 50.0},
    "huurwoningen": {(B1, P): 50.0, (G1, P): 200 / 3, (R, P): 50.0},
    "corporatiewoningen": {(B1, P): 50.0, (G1, P): 100 / 3, (R, P): 25.0},
    "overige_verhuur": {(B1, P): 0.0, (G1, P): 100 / 3, (R, P): 25.0},
    "bouwjaar_afgelopen_tien_jaar": {(B1, P): 100 / 3, (G1, P): 50.0, (R, P): 40.0},
    "bouwjaar_meer_dan_tien_jaar_geleden": {(B1, P): 200 / 3, (G1, P): 50.0, (R, P): 60.0},
    "gemiddelde_oppervlakte_woning": {(B1, P): 80.0, (G1, P): 90.0, (R, P): 90.0},
    "gemiddelde_woz_waarde": {
        (B1, "2024-01-01"): 250.0,
        (G1, "2024-01-01"): 300.0,
        (R, "2024-01-01"): 287.5,
    },
    "bedrijfsvestigingen": {(B1, P): 3, (G1, P): 5, (R, P): 8},
    "vestigingen_a": {(B1, P): 1, (G1, P): 1, (R, P): 1},
    "vestigingen_bf": {(B1, P): 1, (G1, P): 1, (R, P): 1},
    "vestigingen_gi": {(B1, P): 1, (G1, P): 1, (R, P): 1},
    "vestigingen_hj": {(B1, P): 0, (G1, P): 1, (R, P): 1},
    "vestigingen_kl": {(B1, P): 0, (G1, P): 1, (R, P): 1},
    "vestigingen_mn": {(G1, P): 0, (R, P): 1},
    "vestigingen_oq": {(G1, P): 0, (R, P): 1},
    "vestigingen_ru": {(G1, P): 0, (R, P): 1},
    "werkzame_personen": {(B1, P): 14, (G1, P): 21, (R, P): 33},
    "aandeel_vestigingen_aan_huis": {(B1, P): 200 / 3, (G1, P): 40.0, (R, P): 37.5},
    "vestigingen_per_1000_inwoners": {(B1, P): 750.0, (G1, P): 5000 / 6, (R, P): 8000 / 9},
    "personen_bijstand": {(B1, P): 1, (G1, P): 2, (R, P): 3},
    "wmo_clienten": {(B1, P): 2, (G1, P): 2, (R, P): 4},
    "jongeren_jeugdzorg": {(B1, P): 1, (G1, P): 1, (R, P): 2},
    "personen_voorziening_sociaal_domein": {(B1, P): 3, (G1, P): 4, (R, P): 6},
    "stapeling_personen": {(B1, P): 1, (G1, P): 1, (R, P): 3},
    "stapeling_bijstand_wmo": {(B1, P): 1, (G1, P): 1, (R, P): 1},
    "stapeling_bijstand_jeugd": {(G1, P): 0, (R, P): 0},
    "stapeling_wmo_jeugd": {(G1, P): 0, (R, P): 1},
    "stapeling_alle_drie": {(G1, P): 0, (R, P): 1},
    "aandeel_stapeling": {(B1, P): 100 / 3, (G1, P): 25.0, (R, P): 50.0},
    "bijstand_per_1000_inwoners": {(B1, P): 250.0, (G1, P): 1000 / 3, (R, P): 1000 / 3},
    "wmo_clienten_per_1000_inwoners": {(B1, P): 500.0, (G1, P): 1000 / 3, (R, P): 4000 / 9},
    "percentage_jongeren_jeugdzorg": {(B1, P): 50.0, (G1, P): 50.0, (R, P): 200 / 3},
    "huishoudens_voorziening_sociaal_domein": {(B1, P): 2, (G1, P): 3, (R, P): 4},
    "stapeling_huishoudens": {(B1, P): 1, (G1, P): 1, (R, P): 2},
    "aandeel_huishoudens_stapeling": {(B1, P): 100 / 3, (G1, P): 25.0, (R, P): 100 / 3},
    "verhuizingen_instroom": {(B1, "2024"): 2, (G1, "2024"): 2, (R, "2024"): 3},
    "verhuizingen_uitstroom": {
        (B1, "2024"): 0,
        (B2, "2024"): 2,
        (G1, "2024"): 2,
        (R, "2024"): 2,
        (B1, "2023"): 1,
    },
    "vestigers_van_buiten_gemeente": {(B1, "2024"): 1, (G1, "2024"): 1, (R, "2024"): 2},
    "vertrekkers_naar_buiten_gemeente": {(B1, "2024"): 0, (G1, "2024"): 1, (R, "2024"): 1},
    "klantcontacten": {(G1, "2024"): 20, (R, "2024"): 30},
    "klantcontacten_telefoon": {(G1, "2024"): 10, (R, "2024"): 16},
    "klantcontacten_balie": {(G1, "2024"): 5, (R, "2024"): 5},
    "klantcontacten_digitaal": {(G1, "2024"): 5, (R, "2024"): 9},
    "klantcontacten_binnen_norm": {(G1, "2024"): 80.0, (R, "2024"): 70.0},
    "luchtkwaliteit_pm25": {(G1, "2024"): 7.5, (R, "2024"): 6.0},
    "luchtkwaliteit_no2": {(G1, "2024"): 20.0, (R, "2024"): 10.0},
    "passanten_per_uur": {(G1, "2024"): 100.0, (R, "2024"): 100.0, (G2, "2024"): None},
    "verkeer_snelheid": {(G1, "2024"): 30.0, (R, "2024"): 20.0},
}

STANDARD = standard_indicators()


@pytest.fixture(scope="module")
def cube() -> dict[tuple[str, str, str], float | None]:
    con = duckdb.connect()
    con.execute(FIXTURE_SQL)
    compute_cube(ConnectionWriter(con), STANDARD, boundary_year=BOUNDARY_YEAR, regions=REGIONS)
    rows = con.execute("SELECT indicator, area_code, period, value FROM cube.indicators").fetchall()
    con.close()
    return {(i, a, p): v for i, a, p, v in rows}


def test_the_standard_library_has_at_least_40_indicators_and_all_are_tested() -> None:
    assert len(STANDARD) >= 40
    assert set(EXPECTED) == set(STANDARD)


def test_stapeling_combinations_partition_the_persons_with_stapeling() -> None:
    combos = ["stapeling_bijstand_wmo", "stapeling_bijstand_jeugd", "stapeling_wmo_jeugd"]
    assert all(c in STANDARD for c in [*combos, "stapeling_alle_drie", "stapeling_huishoudens"])


@pytest.mark.parametrize("indicator", sorted(EXPECTED))
def test_standard_indicator_on_the_hand_computed_fixture(
    indicator: str, cube: dict[tuple[str, str, str], float | None]
) -> None:
    for (area, period), expected in EXPECTED[indicator].items():
        key = (indicator, area, period)
        assert key in cube, f"{key} ontbreekt in de kubus"
        if expected is None:
            assert cube[key] is None, key
        else:
            assert cube[key] == pytest.approx(expected, rel=1e-9), key
