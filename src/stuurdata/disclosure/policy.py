# SPDX-License-Identifier: EUPL-1.2
"""Named disclosure policies: the rules an indicator is published under.

Every indicator names one policy (``indicator_policy`` in :func:`stuurdata.disclosure.protect`).
The standard policies follow the practice of CBS for *Kerncijfers wijken en buurten* (KWB) as
recorded in the Stuurdata issue on disclosure control; check the CBS *toelichting* of the KWB
year you compare with before relying on a threshold for a new indicator.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class DisclosurePolicy(BaseModel):
    """How the cells of one indicator are protected before publication.

    Rules are applied per row in this order: a missing value stays missing (``ontbreekt``);
    ``min_population`` (``te-weinig-waarnemingen``); ``secret_range`` (``geheim``); then, for
    additive kinds (``count``, ``sum``), secondary suppression (``geheim-afgeleid``); finally
    rounding of the published ``count`` values.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="Identifier indicators refer to, lower case with hyphens (cbs-aantallen).",
    )
    description: str = Field(
        min_length=1,
        description="What the policy protects and which (CBS) practice it follows, in Dutch.",
    )
    rounding: Literal["none", "random5"] | int = Field(
        default="none",
        description=(
            "Rounding of published counts: 'none'; 'random5' (unbiased random rounding to "
            "multiples of 5 with a keyed, reproducible coin); or an integer base >= 2 for "
            "random rounding to multiples of that base. Only rows of kind 'count' are rounded."
        ),
    )
    secret_range: tuple[int, int] | None = Field(
        default=None,
        description=(
            "Inclusive range [lo, hi] of counts shown as 'geheim', checked on the unrounded "
            "value (kind count, sum) or on the numerator (kind rate, share); e.g. (0, 7) for "
            "Wmo and Jeugdwet. lo < hi, so the reason never gives the value away. Prefer lo = 0: "
            "with lo > 0 a group of secret cells can be pinned by the bounds alone (four "
            "buurten 'geheim' >= 1 in a wijk 'geheim' <= 4); protect() logs such cells."
        ),
    )
    min_population: float | None = Field(
        default=None,
        gt=0,
        description=(
            "Minimum population base (column 'population', else 'denominator'); rows below it, "
            "or without a base, are suppressed as 'te-weinig-waarnemingen'."
        ),
    )
    secondary: bool = Field(
        default=True,
        description=(
            "Protect primary-suppressed cells of additive indicators (count, sum) against "
            "differencing over buurt -> wijk -> gemeente -> regio by suppressing more cells."
        ),
    )

    @field_validator("rounding")
    @classmethod
    def _rounding_base(cls, value: str | int) -> str | int:
        if isinstance(value, int) and value < 2:
            raise ValueError("afrondingsbasis moet minstens 2 zijn")
        return value

    @model_validator(mode="after")
    def _secret_range_order(self) -> DisclosurePolicy:
        if self.secret_range is not None:
            lo, hi = self.secret_range
            if lo < 0 or hi <= lo:
                raise ValueError(
                    "secret_range moet [lo, hi] zijn met 0 <= lo < hi "
                    "(bij lo == hi verraadt 'geheim' de waarde)"
                )
        return self

    @property
    def rounding_base(self) -> int | None:
        """The rounding base (5 for 'random5'), or None when counts are not rounded."""
        if self.rounding == "none":
            return None
        if self.rounding == "random5":
            return 5
        return int(self.rounding)


def _standard() -> dict[str, DisclosurePolicy]:
    policies = [
        DisclosurePolicy(
            name="cbs-aantallen",
            description=(
                "Aantallen willekeurig afgerond op vijftallen (random rounding), zoals CBS "
                "doet in Kerncijfers wijken en buurten; reproduceerbaar binnen een release."
            ),
            rounding="random5",
        ),
        DisclosurePolicy(
            name="cbs-sociaal-domein",
            description=(
                "Aantallen Wmo- en Jeugdwetcliënten: 0 tot en met 7 geheim, de rest willekeurig "
                "afgerond op vijftallen; secundaire geheimhouding zodat geheime aantallen niet "
                "uit totalen van wijk of gemeente terug te rekenen zijn (CBS-praktijk KWB)."
            ),
            rounding="random5",
            secret_range=(0, 7),
        ),
        DisclosurePolicy(
            name="cbs-percentage-10",
            description=(
                "Percentages per inwoner: alleen bij minstens 10 inwoners (CBS-praktijk KWB)."
            ),
            min_population=10,
        ),
        DisclosurePolicy(
            name="cbs-aandeel-100",
            description=(
                "Aandelen (verdelingen) van de bevolking: alleen bij minstens 100 inwoners "
                "(CBS-praktijk KWB)."
            ),
            min_population=100,
        ),
        DisclosurePolicy(
            name="cbs-woningen-20",
            description=(
                "Woningkenmerken (zoals gemiddelde WOZ-waarde): alleen bij minstens 20 woningen "
                "(CBS-praktijk KWB)."
            ),
            min_population=20,
        ),
        DisclosurePolicy(
            name="cbs-inkomen-2500",
            description=(
                "Gemiddeld inkomen: alleen bij een populatiebasis van minstens 2.500 "
                "(CBS-praktijk KWB voor inkomensgegevens)."
            ),
            min_population=2500,
        ),
        DisclosurePolicy(
            name="geen",
            description=(
                "Geen geheimhouding: open gegevens zonder personen, zoals sensor-aggregaten "
                "en registratiegegevens van objecten."
            ),
            secondary=False,
        ),
    ]
    return {policy.name: policy for policy in policies}


STANDARD_POLICIES: dict[str, DisclosurePolicy] = _standard()
"""The built-in policies by name; a workspace may add its own next to them."""
