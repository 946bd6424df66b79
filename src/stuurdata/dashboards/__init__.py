# SPDX-License-Identifier: EUPL-1.2
"""Dashboards defined as files (``dashboards/*.yaml``): the model, its semantic rules and the data
of each panel, read from ``published.indicators`` only. The portal renders them
(:mod:`stuurdata.portal.dashboard_pages`)."""
