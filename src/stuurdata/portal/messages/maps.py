# SPDX-License-Identifier: EUPL-1.2
"""Messages of the choropleth map page (/kaart)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stuurdata.portal.i18n import Language

MESSAGES: dict[str, dict[Language, str]] = {
    "maps.intro": {
        "nl": "Kies een indicator, een gebiedsniveau en een periode. De kaart kleurt elk gebied naar "
        "zijn waarde; de tabel onder de kaart geeft dezelfde cijfers. Klik op een gebied voor het "
        "gebiedsprofiel.",
        "en": "Choose an indicator, an area level and a period. The map colours every area by its "
        "value; the table below the map gives the same figures. Click an area for its profile.",
    },
    "maps.form": {"nl": "Wat staat er op de kaart", "en": "What the map shows"},
    "maps.indicator": {"nl": "Indicator", "en": "Indicator"},
    "maps.level": {"nl": "Gebiedsniveau", "en": "Area level"},
    "maps.period": {"nl": "Periode", "en": "Period"},
    "maps.breaks": {"nl": "Klassenindeling", "en": "Classification"},
    "maps.breaks.kwantielen": {
        "nl": "Kwantielen (evenveel gebieden per klasse)",
        "en": "Quantiles (equal number of areas per class)",
    },
    "maps.breaks.jenks": {
        "nl": "Natuurlijke grenzen (Jenks)",
        "en": "Natural breaks (Jenks)",
    },
    "maps.show": {"nl": "Toon op de kaart", "en": "Show on the map"},
    "maps.heading": {
        "nl": "{title} per {level}, {period}",
        "en": "{title} per {level}, {period}",
    },
    "maps.legend": {"nl": "Legenda", "en": "Legend"},
    "maps.legend_unit": {"nl": "Eenheid: {unit}", "en": "Unit: {unit}"},
    "maps.class_range": {
        "nl": "{lower} tot en met {upper}",
        "en": "{lower} up to and including {upper}",
    },
    "maps.areas_count": {"nl": "{count} gebieden", "en": "{count} areas"},
    "maps.suppressed_note": {
        "nl": "Gearceerd: niet getoond om herleiding tot personen te voorkomen.",
        "en": "Hatched: not shown to prevent disclosure of individuals.",
    },
    "maps.no_data": {"nl": "Geen gegevens", "en": "No data"},
    "maps.map_label": {
        "nl": "Kaart: {title}. Dezelfde cijfers staan in de tabel onder de kaart.",
        "en": "Map: {title}. The same figures are in the table below the map.",
    },
    "maps.noscript": {
        "nl": "De kaart heeft JavaScript nodig. De legenda en de tabel hieronder geven dezelfde cijfers.",
        "en": "The map needs JavaScript. The legend and the table below give the same figures.",
    },
    "maps.table": {"nl": "Waarden per gebied", "en": "Values per area"},
    "maps.table_caption": {
        "nl": "{title} per {level}, {period}; een gebied opent het gebiedsprofiel",
        "en": "{title} per {level}, {period}; an area opens its profile",
    },
    "maps.col.area": {"nl": "Gebied", "en": "Area"},
    "maps.col.class": {"nl": "Klasse", "en": "Class"},
    "maps.class_number": {"nl": "klasse {number}", "en": "class {number}"},
    "maps.none": {
        "nl": "Er zijn (nog) geen openbare indicatoren gepubliceerd. De kaart toont de gebieden.",
        "en": "No public indicators have been published (yet). The map shows the areas.",
    },
    "maps.hover_hint": {
        "nl": "Wijs een gebied aan of ga met Tab door de tabel om het op de kaart te zien.",
        "en": "Point at an area, or Tab through the table, to see it on the map.",
    },
}
