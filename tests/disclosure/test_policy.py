# SPDX-License-Identifier: EUPL-1.2
"""Named policies: validation and the standard CBS set."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from stuurdata.disclosure import STANDARD_POLICIES, DisclosurePolicy


def test_standard_policies_cover_the_cbs_practice() -> None:
    p = STANDARD_POLICIES
    assert p["cbs-aantallen"].rounding_base == 5 and p["cbs-aantallen"].secret_range is None
    assert p["cbs-sociaal-domein"].secret_range == (0, 7)
    assert p["cbs-sociaal-domein"].rounding_base == 5
    assert p["cbs-percentage-10"].min_population == 10
    assert p["cbs-aandeel-100"].min_population == 100
    assert p["cbs-woningen-20"].min_population == 20
    assert p["cbs-inkomen-2500"].min_population == 2500
    geen = p["geen"]
    assert (geen.rounding_base, geen.secret_range, geen.min_population) == (None, None, None)
    for name, policy in p.items():
        assert policy.name == name and policy.description


def test_every_field_is_documented() -> None:
    for name, info in DisclosurePolicy.model_fields.items():
        assert info.description, name


def test_policies_are_frozen_and_strict() -> None:
    policy = STANDARD_POLICIES["cbs-aantallen"]
    with pytest.raises(ValidationError):
        policy.rounding = "none"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="extra"):
        DisclosurePolicy(name="x", description="x", drempel=3)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"secret_range": (3, 3)}, "verraadt"),
        ({"secret_range": (7, 0)}, "lo < hi"),
        ({"secret_range": (-1, 4)}, "0 <= lo"),
        ({"rounding": 1}, "minstens 2"),
        ({"rounding": "random10"}, "rounding"),
        ({"min_population": 0}, "greater than 0"),
        ({"name": "Met Spatie"}, "pattern"),
    ],
)
def test_invalid_policies_are_rejected(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        DisclosurePolicy.model_validate({"name": "x", "description": "x", **fields})


def test_integer_rounding_base() -> None:
    policy = DisclosurePolicy(name="tien", description="op tientallen", rounding=10)
    assert policy.rounding_base == 10
    assert DisclosurePolicy(name="x", description="x").rounding_base is None
