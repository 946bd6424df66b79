# SPDX-License-Identifier: EUPL-1.2
"""WOZ values and Handelsregister establishments of one gemeente.

WOZ: one object per verblijfsobject, ';'-separated with a decimal comma and Dutch dates, as a
taxation system exports it. HR: KvK vestigingen (12-digit vestigingsnummer, 8-digit KvK number,
SBI 2008 code), comma-separated UTF-8 with byte order mark, as spreadsheet tools save it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from stuurdata.demo.addresses import GEBRUIKSDOELEN, STREET_WORDS, AddressBook, bag_id
from stuurdata.demo.files import decimal_comma, take, write_csv, ymd
from stuurdata.demo.plan import GemeentePlan

WAARDEPEILDATUM_DAYS = 19723  # 2024-01-01
SBI = (
    # code, omschrijving, word used in fictional trade names
    ("0130", "Teelt van bloembollen en vermeerdering van planten", "Bollenkwekerij"),
    ("4120", "Algemene burgerlijke en utiliteitsbouw", "Bouw"),
    ("4322", "Loodgieters- en installatiebedrijven", "Installatietechniek"),
    ("4711", "Supermarkten", "Supermarkt"),
    ("4941", "Goederenvervoer over de weg", "Transport"),
    ("5610", "Restaurants en cafetaria's", "Eetcafé"),
    ("6201", "Ontwikkelen en produceren van software", "Software"),
    ("6920", "Accountancy en belastingadvies", "Administratie"),
    ("7022", "Organisatieadviesbureaus", "Advies"),
    ("8559", "Overig onderwijs", "Opleidingen"),
    ("8621", "Huisartsenpraktijken", "Huisartsen"),
    ("8690", "Paramedische praktijken", "Fysiotherapie"),
    ("8810", "Maatschappelijke dienstverlening zonder overnachting", "Zorg"),
    ("9001", "Beoefening van podiumkunst", "Producties"),
    ("9602", "Kappers en schoonheidsverzorging", "Kapsalon"),
)
_SBI_P = np.array([3, 6, 6, 3, 3, 6, 9, 6, 14, 8, 2, 6, 4, 8, 16], dtype=np.float64)
RECHTSVORMEN = ("Eenmanszaak", "Besloten Vennootschap", "Vennootschap onder firma", "Stichting")
_LEGAL_SUFFIX = ("", " B.V.", " V.O.F.", "")


def write_woz(
    folder: Path, gemeente: GemeentePlan, book: AddressBook, rng: np.random.Generator
) -> int:
    n = book.vbo_count
    buurten = len(gemeente.buurt_codes)
    price = rng.lognormal(np.log(3900), 0.25, buurten)[book.vbo_buurt]
    bouwjaar = book.pand_bouwjaar[book.vbo_pand]
    woning = book.vbo_use == 0
    factor = np.where(bouwjaar >= 2000, 1.1, 1.0) * rng.lognormal(0, 0.12, n)
    value = np.where(
        woning,
        book.vbo_area * price * factor,
        book.vbo_area * 1400 * rng.lognormal(0, 0.3, n),
    )
    value = np.maximum(np.round(value / 1000) * 1000, 25_000)
    seq = np.arange(n, dtype=np.int64) + 1
    table = pa.table(
        {
            "wozobjectnummer": pc.cast(pa.array(int(gemeente.digits) * 10**8 + seq), pa.string()),
            "verblijfsobject_id": pc.cast(
                pa.array(bag_id(gemeente.digits, 1, seq - 1)), pa.string()
            ),
            "soort_object": take(("niet-woning", "woning"), woning.astype(np.int64)),
            "waardepeildatum": ymd(np.full(n, WAARDEPEILDATUM_DAYS), "dutch"),
            "vastgestelde_waarde": decimal_comma(value, 2),
            "gebruiksoppervlakte": decimal_comma(book.vbo_area.astype(np.float64), 1),
            "eigendom": _eigendom(woning, rng),
        }
    )
    write_csv(table, folder / f"{gemeente.code}_woz.csv", delimiter=";", encoding="utf-8")
    return int(table.num_rows)


EIGENDOM = ("eigenaar-bewoner", "woningcorporatie", "overige verhuurder")
_EIGENDOM_P = np.array([0.57, 0.29, 0.14])


def _eigendom(woning: np.ndarray, rng: np.random.Generator) -> pa.Array:
    """Ownership of each dwelling (empty for a niet-woning), drawn after all other WOZ values."""
    kind = rng.choice(len(EIGENDOM), size=len(woning), p=_EIGENDOM_P)
    return pc.if_else(pa.array(woning), take(EIGENDOM, kind), pa.nulls(len(woning), pa.string()))


def write_hr(
    folder: Path,
    gemeente: GemeentePlan,
    book: AddressBook,
    kvk_start: int,
    rng: np.random.Generator,
) -> int:
    """Write the HR extract; vestigingen lie at business addresses or (zzp) at home."""
    count = hr_count(gemeente.persons)
    business = np.flatnonzero(book.vbo_use != 0)
    homes = np.flatnonzero(book.vbo_use == 0)
    at_home = rng.random(count) < 0.55
    if len(business) == 0:
        at_home[:] = True
    vbo = np.where(
        at_home,
        homes[rng.integers(0, len(homes), count)],
        business[rng.integers(0, max(len(business), 1), count)] if len(business) else 0,
    )
    sbi = rng.choice(len(SBI), size=count, p=_SBI_P / _SBI_P.sum())
    form = np.where(at_home, 0, rng.choice(4, size=count, p=[0.25, 0.55, 0.1, 0.1]))
    staff = np.where(at_home, 1, np.clip(np.round(rng.lognormal(1.3, 1.1, count)), 1, 2500))
    # one in ten is a branch (nevenvestiging) of the company before it
    branch = (rng.random(count) < 0.10) & ~at_home
    branch[0] = False
    company = np.cumsum(~branch) - 1
    kvk = kvk_start + company
    first_of_company = np.r_[True, company[1:] != company[:-1]]
    head = np.flatnonzero(first_of_company)[company]
    name_word = rng.integers(0, len(STREET_WORDS), count)[head]
    names = pc.binary_join_element_wise(
        take(STREET_WORDS, name_word),
        pc.binary_join_element_wise(
            take([word for _, _, word in SBI], sbi[head]),
            take(_LEGAL_SUFFIX, form[head]),
            "",
        ),
        " ",
    )
    founded = 19723 - np.floor(rng.exponential(9.0, count) * 365).astype(np.int64)
    table = pa.table(
        {
            "vestigingsnummer": pc.cast(
                pa.array(int(gemeente.digits) * 10**8 + np.arange(count, dtype=np.int64) + 1),
                pa.string(),
            ),
            "kvk_nummer": pc.cast(pa.array(kvk), pa.string()),
            "hoofdvestiging": take(("N", "J"), first_of_company.astype(np.int64)),
            "handelsnaam": names,
            "rechtsvorm": take(RECHTSVORMEN, form[head]),
            "sbi_code": take([code for code, _, _ in SBI], sbi),
            "sbi_omschrijving": take([label for _, label, _ in SBI], sbi),
            "werkzame_personen": pc.cast(pa.array(staff.astype(np.int64)), pa.string()),
            "datum_inschrijving": ymd(founded),
            "verblijfsobject_id": pc.cast(pa.array(bag_id(gemeente.digits, 1, vbo)), pa.string()),
            "postcode": pa.array(book.postcode[vbo], pa.string()),
            "huisnummer": pc.cast(pa.array(book.huisnummer[vbo]), pa.string()),
            "gebruiksdoel_pand": take(GEBRUIKSDOELEN, book.vbo_use[vbo]),
        }
    )
    write_csv(
        table, folder / f"{gemeente.code}_vestigingen.csv", delimiter=",", encoding="utf-8-sig"
    )
    return count


def hr_count(persons: int) -> int:
    """Number of vestigingen: about one per eight inhabitants, as in the Netherlands."""
    return max(1, persons // 8)
