# SPDX-License-Identifier: EUPL-1.2
"""The portal: server-rendered pages, maps and JSON over the published warehouse version."""

from stuurdata.portal.app import create_app

__all__ = ["create_app"]
