# SPDX-License-Identifier: EUPL-1.2
"""The error the disclosure package raises on purpose."""

from __future__ import annotations

from stuurdata.errors import StuurdataError


class DisclosureError(StuurdataError):
    """The cube or its disclosure configuration cannot be protected as given.

    Raised for an indicator without a policy, an unknown policy name, a malformed cube (missing
    column, unknown ``kind`` or ``area_level``, duplicate cells) or a hierarchy that leaves a
    buurt or wijk without a parent. Nothing is published when it is raised.
    """
