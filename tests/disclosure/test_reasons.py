# SPDX-License-Identifier: EUPL-1.2
"""Reason codes and their labels for the API and the pages."""

from __future__ import annotations

from stuurdata.disclosure import REASON_LABELS, ReasonCode, reason_label
from stuurdata.disclosure.protect import REASON_LABELS as FROM_PROTECT
from stuurdata.disclosure.protect import ReasonCode as CodeFromProtect


def test_codes_are_stable_strings() -> None:
    assert [c.value for c in ReasonCode] == [
        "ok",
        "geheim",
        "te-weinig-waarnemingen",
        "geheim-afgeleid",
        "ontbreekt",
    ]
    assert CodeFromProtect is ReasonCode and FROM_PROTECT is REASON_LABELS


def test_every_code_has_dutch_and_english_labels() -> None:
    assert set(REASON_LABELS) == set(ReasonCode)
    for code, labels in REASON_LABELS.items():
        assert set(labels) == {"nl", "en"}
        if code is not ReasonCode.OK:
            assert labels["nl"] and labels["en"]
    assert reason_label("geheim") == "geheim"
    assert reason_label(ReasonCode.GEHEIM, "en") == "confidential"
    assert reason_label(ReasonCode.TE_WEINIG) == "te weinig waarnemingen"
    assert reason_label("te-weinig-waarnemingen", "en") == "too few observations"
    assert reason_label(ReasonCode.AFGELEID, "fr") == "geheim (afgeleid)"
