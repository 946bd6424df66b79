# SPDX-License-Identifier: EUPL-1.2
"""XML namespaces of the BAG 2.0 extract (BAG-Extract-Deelbestand-LVC 2.1.0, schema v20200601).

Shared by the reader and the writer so both speak exactly the delivery format of Kadaster.
"""

from __future__ import annotations

BAG_EXTRACT = "http://www.kadaster.nl/schemas/lvbag/extract-deelbestand-lvc/v20200601"
STANDLEVERING = "http://www.kadaster.nl/schemas/standlevering-generiek/1.0"
SELECTIES = "http://www.kadaster.nl/schemas/lvbag/extract-selecties/v20200601"
LEVERING = "http://www.kadaster.nl/schemas/lvbag/extract-levering/v20200601"
OBJECTEN = "www.kadaster.nl/schemas/lvbag/imbag/objecten/v20200601"
OBJECTEN_REF = "www.kadaster.nl/schemas/lvbag/imbag/objecten-ref/v20200601"
HISTORIE = "www.kadaster.nl/schemas/lvbag/imbag/historie/v20200601"
NEN5825 = "www.kadaster.nl/schemas/lvbag/imbag/nen5825/v20200601"
DATATYPEN = "www.kadaster.nl/schemas/lvbag/imbag/datatypennen3610/v20200601"
IN_ONDERZOEK = "www.kadaster.nl/schemas/lvbag/imbag/kenmerkinonderzoek/v20200601"
GML = "http://www.opengis.net/gml/3.2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XS = "http://www.w3.org/2001/XMLSchema"

BAG_OBJECT_TAG = f"{{{BAG_EXTRACT}}}bagObject"
"""The wrapper of every object in a deelbestand: ``sl-bag-extract:bagObject``."""
ROOT_TAG = f"{{{BAG_EXTRACT}}}bagStand"

BAG1_MARKERS = ("v20090901", "imbag/lvc", "BAG-Extract-Deelbestand-LVC")
"""Fragments of root tags/namespaces of the old BAG 1.0 extract (schema v20090901)."""

SCHEMA_LOCATION = (
    f"{BAG_EXTRACT} http://www.kadaster.nl/schemas/bag-verstrekkingen/extract-deelbestand-lvc/"
    "v20200601/BagvsExtractDeelbestandExtractLvc-2.1.0.xsd"
)
