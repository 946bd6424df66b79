# SPDX-License-Identifier: EUPL-1.2
"""decide(): every role × classification × gemeente × purpose against a literal table."""

from __future__ import annotations

import itertools

import pytest

from stuurdata.governance.access import MATRIX, Resource, decide
from stuurdata.governance.principal import ANONYMOUS, Principal, Role
from stuurdata.workspace.config import Classification

# role -> classification -> "ja" (always), "gm" (own gemeente), "gm+doel", "nee"
TABLE = """
role             openbaar intern vertrouwelijk persoonsgegevens bijzondere_persoonsgegevens
publiek          ja       nee    nee           nee              nee
medewerker       ja       gm     nee           nee              nee
analist          ja       gm     gm            gm+doel          gm+doel
data-eigenaar    ja       gm     gm            gm+doel          nee
beheerder        ja       gm     nee           nee              nee
privacy-officer  ja       gm     gm            nee              nee
"""
HEADER, *ROWS = [line.split() for line in TABLE.strip().splitlines()]
EXPECTED = {row[0]: dict(zip(HEADER[1:], row[1:], strict=True)) for row in ROWS}
RESOURCE_GEMEENTEN = frozenset({"GM9901", "GM9902"})


def expected(role: str, classification: str, gemeente: str | None, purpose: str | None) -> bool:
    rule = EXPECTED[role][classification]
    if rule == "ja":
        return True
    if rule == "nee" or gemeente not in RESOURCE_GEMEENTEN:
        return False
    return rule == "gm" or purpose == "zorg"


CASES = list(
    itertools.product(
        [r.value for r in Role],
        [c.value for c in Classification],
        ["GM9901", "GM0363", None],
        ["zorg", "ander-doel", None],
    )
)


@pytest.mark.parametrize(("role", "classification", "gemeente", "purpose"), CASES)
def test_decide_matches_the_literal_table(
    role: str, classification: str, gemeente: str | None, purpose: str | None
) -> None:
    principal = Principal(
        user_id=f"u-{role}",
        name=role,
        roles=frozenset({Role(role), Role.PUBLIEK}),
        gemeenten=frozenset({gemeente}) if gemeente else frozenset(),
        purposes=frozenset({purpose}) if purpose else frozenset(),
        via="password",
    )
    resource = Resource(
        "dataset", "x", Classification(classification), frozenset({"zorg"}), RESOURCE_GEMEENTEN
    )
    decision = decide(principal, resource)
    assert decision.allowed is expected(role, classification, gemeente, purpose), decision.reason
    if decision.allowed and classification != "openbaar":
        assert decision.gemeenten == frozenset({gemeente})
    if decision.allowed and Classification(classification).is_personal:
        assert decision.purpose == "zorg"


def test_anonymous_reads_only_openbaar() -> None:
    for classification in Classification:
        resource = Resource("dataset", "x", classification, frozenset({"zorg"}), frozenset())
        allowed = decide(ANONYMOUS, resource).allowed
        assert allowed is (classification is Classification.OPENBAAR)


def test_personal_data_without_declared_purpose_is_read_by_nobody() -> None:
    analist = Principal(
        "u", "a", frozenset({Role.ANALIST}), frozenset({"GM9901"}), frozenset({"zorg"}), "token"
    )
    resource = Resource(
        "dataset", "x", Classification.PERSOONSGEGEVENS, frozenset(), frozenset({"GM9901"})
    )
    decision = decide(analist, resource)
    assert not decision.allowed
    assert "doel" in decision.reason


def test_the_matrix_covers_every_classification() -> None:
    assert set(MATRIX) == set(Classification)
