# SPDX-License-Identifier: EUPL-1.2
"""Why a published cell has (or lacks) a value, with labels for the API and the pages."""

from __future__ import annotations

from enum import StrEnum


class ReasonCode(StrEnum):
    """The reason published with every cell; a suppressed value is NULL, never 0."""

    OK = "ok"
    """Published (possibly rounded, see the ``rounded`` column)."""
    GEHEIM = "geheim"
    """Primary suppression: the count lies in the policy's secret range (e.g. Wmo 0-7)."""
    TE_WEINIG = "te-weinig-waarnemingen"
    """Primary suppression: the population base is below the policy's minimum."""
    AFGELEID = "geheim-afgeleid"
    """Secondary suppression: hidden so that a primary-suppressed cell cannot be derived."""
    ONTBREEKT = "ontbreekt"
    """The cube holds no value for this cell (NULL in, NULL out); nothing was suppressed."""


REASON_LABELS: dict[ReasonCode, dict[str, str]] = {
    ReasonCode.OK: {"nl": "", "en": ""},
    ReasonCode.GEHEIM: {"nl": "geheim", "en": "confidential"},
    ReasonCode.TE_WEINIG: {"nl": "te weinig waarnemingen", "en": "too few observations"},
    ReasonCode.AFGELEID: {
        "nl": "geheim (afgeleid)",
        "en": "confidential (secondary)",
    },
    ReasonCode.ONTBREEKT: {"nl": "geen gegevens", "en": "no data"},
}
"""Short labels per reason and language (``nl``, ``en``), shown in place of a value."""


def reason_label(reason: ReasonCode | str, language: str = "nl") -> str:
    """The label of ``reason`` in ``language`` (``nl`` or ``en``; unknown languages get ``nl``)."""
    labels = REASON_LABELS[ReasonCode(reason)]
    return labels.get(language, labels["nl"])
