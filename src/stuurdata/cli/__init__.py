# SPDX-License-Identifier: EUPL-1.2
"""The ``stuurdata`` command: a thin layer over the library that parses and prints."""
