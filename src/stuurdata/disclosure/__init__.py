# SPDX-License-Identifier: EUPL-1.2
"""Statistical disclosure control: the only road from the cube to anything published.

Named policies (:data:`STANDARD_POLICIES`, CBS practice for Kerncijfers wijken en buurten) say
per indicator how it is protected; :func:`protect` applies them: minimum populations, secret
ranges, secondary suppression over buurt -> wijk -> gemeente -> regio and keyed random rounding.
"""

from stuurdata.disclosure.errors import DisclosureError
from stuurdata.disclosure.policy import STANDARD_POLICIES, DisclosurePolicy
from stuurdata.disclosure.protect import PUBLISHED_SCHEMA, protect
from stuurdata.disclosure.reasons import REASON_LABELS, ReasonCode, reason_label

__all__ = [
    "PUBLISHED_SCHEMA",
    "REASON_LABELS",
    "STANDARD_POLICIES",
    "DisclosureError",
    "DisclosurePolicy",
    "ReasonCode",
    "protect",
    "reason_label",
]
