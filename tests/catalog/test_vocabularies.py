# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

import pytest

from stuurdata.catalog.vocabularies import (
    ACCESS_RIGHTS,
    FREQUENCIES,
    FREQUENCY_DAYS,
    LICENSES,
    THEMES,
    WOO_CATEGORIES,
    WOO_GROUNDS,
)


@pytest.mark.parametrize(
    ("written", "uri"),
    [
        ("Financiën", "http://standaarden.overheid.nl/owms/terms/Financien"),
        ("financien", "http://standaarden.overheid.nl/owms/terms/Financien"),
        ("Huisvesting", "http://standaarden.overheid.nl/owms/terms/Huisvesting_(thema)"),
        ("Zorg en gezondheid", "http://standaarden.overheid.nl/owms/terms/Zorg_en_gezondheid"),
        ("http://standaarden.overheid.nl/owms/terms/Verkeer_(thema)", "http://standaarden.overheid.nl/owms/terms/Verkeer_(thema)"),
    ],
)  # fmt: skip
def test_themes_are_found_by_label_code_or_uri(written: str, uri: str) -> None:
    term = THEMES.find(written)
    assert term is not None and term.uri == uri


def test_unknown_theme_is_not_guessed() -> None:
    assert THEMES.find("bevolking") is None
    assert len(THEMES.terms) == 17


@pytest.mark.parametrize(
    ("written", "code"),
    [("jaarlijks", "annual"), ("kwartaal", "quarterly"), ("maandelijks", "monthly"),
     ("dagelijks", "daily"), ("monthly", "monthly"), ("http://purl.org/cld/freq/weekly", "weekly")],
)  # fmt: skip
def test_frequencies_accept_dutch_words(written: str, code: str) -> None:
    term = FREQUENCIES.find(written)
    assert term is not None and term.code == code
    assert term.uri == f"http://purl.org/cld/freq/{code}"
    assert FREQUENCY_DAYS[code] > 0


def test_woo_categories_are_the_seventeen_of_article_3_3() -> None:
    assert WOO_CATEGORIES.codes() == [f"infocat{i:03d}" for i in range(1, 18)]
    assert WOO_CATEGORIES["infocat012"].nl == "Jaarplannen en jaarverslagen"
    assert WOO_CATEGORIES["infocat014"].nl == "Woo-verzoeken en -besluiten"
    assert WOO_CATEGORIES["infocat017"].nl == "Klachtoordelen"


def test_woo_grounds_cover_articles_5_1_and_5_2() -> None:
    assert WOO_GROUNDS["5.1.1.d"].nl == "bijzondere persoonsgegevens"
    assert WOO_GROUNDS["5.1.2.e"].nl == "de eerbiediging van de persoonlijke levenssfeer"
    assert "5.2" in WOO_GROUNDS.codes()
    assert len(WOO_GROUNDS.codes()) == 16


def test_access_rights_and_licences_have_official_uris() -> None:
    assert ACCESS_RIGHTS["publiek"].uri.endswith("/access-right/PUBLIC")
    assert ACCESS_RIGHTS["niet_publiek"].uri.endswith("/access-right/NON_PUBLIC")
    cc0 = LICENSES.find("CC0-1.0")
    assert cc0 is not None and cc0.uri == "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"
