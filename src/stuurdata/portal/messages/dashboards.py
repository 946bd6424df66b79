# SPDX-License-Identifier: EUPL-1.2
"""Messages of the dashboards, charts and area profiles (keys ``dashboards.*``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stuurdata.portal.i18n import Language

MESSAGES: dict[str, dict[Language, str]] = {
    "dashboards.nav": {"nl": "Dashboards", "en": "Dashboards"},
    "dashboards.title": {"nl": "Dashboards", "en": "Dashboards"},
    "dashboards.intro": {
        "nl": "Dashboards met beschermde, openbare cijfers per regio, gemeente, wijk en buurt.",
        "en": "Dashboards of protected, open figures per region, municipality, district and neighbourhood.",
    },
    "dashboards.none": {
        "nl": "Deze werkruimte heeft (nog) geen dashboards.",
        "en": "This workspace has no dashboards (yet).",
    },
    "dashboards.list_caption": {
        "nl": "Dashboards van deze werkruimte",
        "en": "Dashboards of this workspace",
    },
    "dashboards.col_dashboard": {"nl": "Dashboard", "en": "Dashboard"},
    "dashboards.col_description": {"nl": "Omschrijving", "en": "Description"},
    "dashboards.col_audience": {"nl": "Voor", "en": "For"},
    "dashboards.col_panels": {"nl": "Panelen", "en": "Panels"},
    "dashboards.audience.iedereen": {"nl": "iedereen", "en": "everyone"},
    "dashboards.audience.bestuur": {"nl": "bestuur", "en": "executive board"},
    "dashboards.audience.raad": {"nl": "gemeenteraad", "en": "municipal council"},
    "dashboards.audience.organisatie": {"nl": "organisatie", "en": "organisation"},
    "dashboards.owner": {"nl": "Eigenaar", "en": "Owner"},
    "dashboards.filters": {"nl": "Filters", "en": "Filters"},
    "dashboards.filter_area": {"nl": "Gebied", "en": "Area"},
    "dashboards.filter_year": {"nl": "Jaar", "en": "Year"},
    "dashboards.year_latest": {"nl": "Meest recent", "en": "Most recent"},
    "dashboards.apply": {"nl": "Toon", "en": "Show"},
    "dashboards.showing": {
        "nl": "U ziet {name} ({level}), {year}.",
        "en": "You are viewing {name} ({level}), {year}.",
    },
    "dashboards.year_latest_lower": {"nl": "meest recente cijfers", "en": "most recent figures"},
    "dashboards.levels.regio": {"nl": "Regio", "en": "Region"},
    "dashboards.levels.gemeente": {"nl": "Gemeenten", "en": "Municipalities"},
    "dashboards.levels.wijk": {"nl": "Wijken", "en": "Districts"},
    "dashboards.levels.buurt": {"nl": "Buurten", "en": "Neighbourhoods"},
    "dashboards.area": {"nl": "Gebied", "en": "Area"},
    "dashboards.panel_caption": {"nl": "{title}: {name}", "en": "{title}: {name}"},
    "dashboards.column_period": {"nl": "{title}, {period}", "en": "{title}, {period}"},
    "dashboards.keyfigure_compare": {
        "nl": "Vergeleken met de omgeving",
        "en": "Compared with the surroundings",
    },
    "dashboards.download_csv": {"nl": "Download CSV", "en": "Download CSV"},
    "dashboards.download_png": {"nl": "Download PNG", "en": "Download PNG"},
    "dashboards.downloads": {"nl": "Downloads", "en": "Downloads"},
    "dashboards.chart_label": {
        "nl": "Grafiek: {caption}. Alle waarden staan in de tabel eronder.",
        "en": "Chart: {caption}. All values are in the table below.",
    },
    "dashboards.suppressed_note": {
        "nl": "Een waarde die niet getoond mag worden staat er met de reden (geheim, te weinig waarnemingen, geheim afgeleid) en ontbreekt in de grafiek; zij is nooit 0.",
        "en": "A value that may not be shown is listed with its reason (confidential, too few observations, confidential secondary) and left out of the chart; it is never 0.",
    },
    "dashboards.suppressed_help": {
        "nl": "Niet gepubliceerd ter bescherming van de privacy of wegens te weinig gegevens",
        "en": "Not published to protect privacy or because there are too few data",
    },
    "dashboards.no_data_panel": {
        "nl": "Er zijn geen gepubliceerde waarden voor dit paneel en dit gebied.",
        "en": "There are no published values for this panel and this area.",
    },
    "dashboards.theme.bevolking": {"nl": "Bevolking", "en": "Population"},
    "dashboards.theme.wonen": {"nl": "Wonen", "en": "Housing"},
    "dashboards.theme.economie": {"nl": "Economie", "en": "Economy"},
    "dashboards.theme.sociaal-domein": {"nl": "Sociaal domein", "en": "Social domain"},
    "dashboards.theme.dienstverlening": {"nl": "Dienstverlening", "en": "Public services"},
    "dashboards.theme.leefomgeving": {"nl": "Leefomgeving", "en": "Living environment"},
    "dashboards.profile_location": {"nl": "Ligging", "en": "Location"},
    "dashboards.profile_map_title": {
        "nl": "Kaart: ligging van {name} (gemarkeerd) tussen de omliggende gebieden",
        "en": "Map: location of {name} (highlighted) among the surrounding areas",
    },
    "dashboards.profile_no_map": {
        "nl": "Voor dit gebied is geen grens gepubliceerd.",
        "en": "No boundary is published for this area.",
    },
    "dashboards.profile_figures": {"nl": "Kerncijfers", "en": "Key figures"},
    "dashboards.profile_figures_intro": {
        "nl": "De laatst gepubliceerde waarde van elke indicator, vergeleken met: {names}.",
        "en": "The latest published value of every indicator, compared with: {names}.",
    },
    "dashboards.profile_figures_alone": {
        "nl": "De laatst gepubliceerde waarde van elke indicator.",
        "en": "The latest published value of every indicator.",
    },
    "dashboards.profile_figures_caption": {
        "nl": "{theme}: kerncijfers van {name}, vergeleken",
        "en": "{theme}: key figures of {name}, compared",
    },
    "dashboards.profile_trends": {"nl": "Ontwikkeling", "en": "Trends"},
    "dashboards.profile_trend_caption": {
        "nl": "{theme}: ontwikkeling in {name}",
        "en": "{theme}: trends in {name}",
    },
    "dashboards.profile_no_trends": {
        "nl": "Voor dit gebied zijn geen cijfers over meerdere perioden gepubliceerd.",
        "en": "No figures over several periods are published for this area.",
    },
    "dashboards.profile_neighbours": {"nl": "Buurgebieden", "en": "Neighbouring areas"},
    "dashboards.profile_no_neighbours": {
        "nl": "Geen aangrenzende gebieden van hetzelfde niveau.",
        "en": "No adjacent areas of the same level.",
    },
    "dashboards.profile_neighbours_label": {
        "nl": "Aangrenzende gebieden",
        "en": "Adjacent areas",
    },
}
