# SPDX-License-Identifier: EUPL-1.2
"""The portal's message catalog: Dutch by default, English as the variant.

Templates never hold user-facing text of their own; they call ``t("key")`` with a key of
:data:`MESSAGES`. The language of a request is ``?lang=`` when given, else the best supported
language of ``Accept-Language``, else the workspace default (``language`` in ``stuurdata.yaml``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from stuurdata.portal.messages import topic_messages

Language = Literal["nl", "en"]
LANGUAGES: Final[tuple[Language, ...]] = ("nl", "en")

MESSAGES: Final[dict[str, dict[Language, str]]] = {
    "site.title": {"nl": "Stuurdata", "en": "Stuurdata"},
    "skip_link": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "nav.label": {"nl": "Hoofdmenu", "en": "Main menu"},
    "nav.home": {"nl": "Home", "en": "Home"},
    "nav.map": {"nl": "Kaart", "en": "Map"},
    "nav.datasets": {"nl": "Datasets", "en": "Datasets"},
    "lang.switch": {"nl": "English", "en": "Nederlands"},
    "lang.switch_label": {
        "nl": "Read this page in English",
        "en": "Lees deze pagina in het Nederlands",
    },
    "synthetic.banner": {
        "nl": "Synthetische gegevens — fictieve gemeenten",
        "en": "Synthetic data — fictional municipalities",
    },
    "synthetic.detail": {
        "nl": "Alle cijfers op deze site zijn gegenereerd en beschrijven geen echte mensen.",
        "en": "All figures on this site are generated and describe no real people.",
    },
    "footer.version": {
        "nl": "Versie {version}, gebouwd op {time}",
        "en": "Version {version}, built {time}",
    },
    "footer.licence": {
        "nl": "Stuurdata is open source (EUPL-1.2).",
        "en": "Stuurdata is open source (EUPL-1.2).",
    },
    "home.intro": {
        "nl": "Gemeenten, wijken en buurten van deze werkruimte en de datasets van de laatste build.",
        "en": "Municipalities, districts and neighbourhoods of this workspace and the datasets of the last build.",
    },
    "home.gemeenten": {"nl": "Gemeenten", "en": "Municipalities"},
    "home.gemeenten_caption": {
        "nl": "Gemeenten met hun aantal wijken en buurten",
        "en": "Municipalities with their number of districts and neighbourhoods",
    },
    "home.region": {"nl": "Regio {name}", "en": "Region {name}"},
    "home.region_caption": {
        "nl": "Deelnemende gemeenten en kostenverdeelsleutel",
        "en": "Member municipalities and cost key",
    },
    "home.cost_key": {"nl": "Kostenverdeelsleutel", "en": "Cost key"},
    "home.share": {"nl": "Aandeel", "en": "Share"},
    "home.explore": {"nl": "Verder kijken", "en": "Explore"},
    "home.to_map": {"nl": "Bekijk de kaart", "en": "View the map"},
    "home.to_datasets": {"nl": "Bekijk de datasets", "en": "View the datasets"},
    "home.last_build": {"nl": "Laatste build", "en": "Last build"},
    "col.code": {"nl": "Code", "en": "Code"},
    "col.name": {"nl": "Naam", "en": "Name"},
    "col.gemeente": {"nl": "Gemeente", "en": "Municipality"},
    "col.wijken": {"nl": "Wijken", "en": "Districts"},
    "col.buurten": {"nl": "Buurten", "en": "Neighbourhoods"},
    "col.level": {"nl": "Niveau", "en": "Level"},
    "col.title": {"nl": "Titel", "en": "Title"},
    "col.classification": {"nl": "Classificatie", "en": "Classification"},
    "col.rows": {"nl": "Rijen", "en": "Rows"},
    "col.columns": {"nl": "Kolommen", "en": "Columns"},
    "col.model": {"nl": "Model", "en": "Model"},
    "col.source": {"nl": "Bron", "en": "Source"},
    "col.files": {"nl": "Bestanden", "en": "Files"},
    "col.file": {"nl": "Bestand", "en": "File"},
    "col.sha256": {"nl": "SHA-256", "en": "SHA-256"},
    "col.size": {"nl": "Grootte (bytes)", "en": "Size (bytes)"},
    "col.rows_in": {"nl": "Rijen in", "en": "Rows in"},
    "col.rows_loaded": {"nl": "Geladen", "en": "Loaded"},
    "col.rows_rejected": {"nl": "Afgewezen", "en": "Rejected"},
    "col.seconds": {"nl": "Seconden", "en": "Seconds"},
    "col.depends_on": {"nl": "Leest uit", "en": "Reads from"},
    "level.gemeente": {"nl": "gemeente", "en": "municipality"},
    "level.wijk": {"nl": "wijk", "en": "district"},
    "level.buurt": {"nl": "buurt", "en": "neighbourhood"},
    "level.regio": {"nl": "regio", "en": "region"},
    "map.title": {"nl": "Kaart", "en": "Map"},
    "map.intro": {
        "nl": "Gemeenten, wijken en buurten op de kaart. Wijs een gebied aan voor naam en code; klik voor meer.",
        "en": "Municipalities, districts and neighbourhoods on the map. Point at an area for its name and code; click for more.",
    },
    "map.layers": {"nl": "Lagen", "en": "Layers"},
    "map.layer.gemeente": {"nl": "Gemeenten", "en": "Municipalities"},
    "map.layer.wijk": {"nl": "Wijken", "en": "Districts"},
    "map.layer.buurt": {"nl": "Buurten", "en": "Neighbourhoods"},
    "map.label": {"nl": "Kaart van de gebieden", "en": "Map of the areas"},
    "map.noscript": {
        "nl": "De kaart heeft JavaScript nodig. Alle gebieden staan ook in de tabellen hieronder.",
        "en": "The map needs JavaScript. All areas are also listed in the tables below.",
    },
    "map.open_area": {"nl": "Naar de gebiedspagina", "en": "Go to the area page"},
    "map.areas_per_gemeente": {"nl": "Gebieden per gemeente", "en": "Areas per municipality"},
    "map.areas_caption": {
        "nl": "Wijken en buurten van {name}",
        "en": "Districts and neighbourhoods of {name}",
    },
    "area.parent": {"nl": "Ligt in", "en": "Lies in"},
    "area.children": {"nl": "Onderdelen", "en": "Parts"},
    "area.children_caption": {"nl": "Onderdelen van {name}", "en": "Parts of {name}"},
    "area.no_children": {
        "nl": "Dit gebied heeft geen onderdelen.",
        "en": "This area has no parts.",
    },
    "dataset.preview": {"nl": "Voorbeeld", "en": "Preview"},
    "dataset.preview_caption": {
        "nl": "De eerste {count} rijen van {name}, zoals gepubliceerd (na geheimhouding)",
        "en": "The first {count} rows of {name}, as published (after disclosure control)",
    },
    "dataset.downloads": {"nl": "Downloaden", "en": "Downloads"},
    "dataset.api_examples": {"nl": "Via de API", "en": "Through the API"},
    "dataset.lineage": {"nl": "Herkomst", "en": "Lineage"},
    "dataset.quality": {"nl": "Kwaliteit", "en": "Quality"},
    "dataset.quality_caption": {
        "nl": "Rijen per bron bij de laatste build",
        "en": "Rows per source in the last build",
    },
    "dataset.completeness": {"nl": "Gevuld: {column}", "en": "Filled: {column}"},
    "lineage.source": {"nl": "Bron", "en": "Source"},
    "lineage.areas": {"nl": "Gebiedsindeling", "en": "Area boundaries"},
    "lineage.model": {"nl": "Model", "en": "Model"},
    "lineage.dataset": {"nl": "Dataset", "en": "Dataset"},
    "format.csv": {"nl": "CSV (UTF-8)", "en": "CSV (UTF-8)"},
    "format.excel.csv": {
        "nl": "CSV voor Excel (puntkomma, decimale komma)",
        "en": "CSV for Dutch Excel (semicolon, decimal comma)",
    },
    "format.parquet": {"nl": "Parquet", "en": "Parquet"},
    "format.json": {"nl": "JSON", "en": "JSON"},
    "format.xlsx": {"nl": "Excel (XLSX)", "en": "Excel (XLSX)"},
    "format.geojson": {"nl": "GeoJSON (kaart)", "en": "GeoJSON (map)"},
    "format.gpkg": {"nl": "GeoPackage (kaart)", "en": "GeoPackage (map)"},
    "area.key_figures": {"nl": "Kerncijfers", "en": "Key figures"},
    "area.key_figures_caption": {
        "nl": "Kerncijfers van {name}: de laatste gepubliceerde waarde per indicator",
        "en": "Key figures of {name}: the latest published value per indicator",
    },
    "area.no_key_figures": {
        "nl": "Voor dit gebied zijn (nog) geen indicatoren gepubliceerd.",
        "en": "No indicators have been published for this area (yet).",
    },
    "area.suppressed_help": {
        "nl": "Niet getoond om herleiding tot personen te voorkomen (geheimhouding).",
        "en": "Not shown to prevent disclosure of individuals (statistical disclosure control).",
    },
    "col.indicator": {"nl": "Indicator", "en": "Indicator"},
    "col.value": {"nl": "Waarde", "en": "Value"},
    "col.unit": {"nl": "Eenheid", "en": "Unit"},
    "col.period": {"nl": "Periode", "en": "Period"},
    "area.full_profile_later": {
        "nl": "Een volledig gebiedsprofiel met indicatoren volgt in een volgende versie.",
        "en": "A full area profile with indicators follows in a later version.",
    },
    "datasets.title": {"nl": "Datasets", "en": "Datasets"},
    "datasets.intro": {
        "nl": "Openbare datasets van de laatste build. Alleen datasets met classificatie 'openbaar' staan hier.",
        "en": "Public datasets of the last build. Only datasets classified 'openbaar' (public) are listed.",
    },
    "datasets.caption": {"nl": "Openbare datasets", "en": "Public datasets"},
    "datasets.none": {
        "nl": "Deze build heeft nog geen openbare datasets.",
        "en": "This build has no public datasets yet.",
    },
    "dataset.description": {"nl": "Omschrijving", "en": "Description"},
    "dataset.facts": {"nl": "Kenmerken", "en": "Facts"},
    "dataset.columns_caption": {"nl": "Kolommen van {name}", "en": "Columns of {name}"},
    "dataset.owner": {"nl": "Eigenaar", "en": "Owner"},
    "dataset.license": {"nl": "Licentie", "en": "Licence"},
    "dataset.theme": {"nl": "Thema", "en": "Theme"},
    "manifest.title": {"nl": "Manifest van de build", "en": "Build manifest"},
    "manifest.intro": {
        "nl": "Wat er in deze versie ging en wat er uit kwam: bronbestanden met hun SHA-256, rijen en tijden.",
        "en": "What went into this version and what came out: source files with their SHA-256, rows and timings.",
    },
    "manifest.version": {"nl": "Versie", "en": "Version"},
    "manifest.code_version": {"nl": "Codeversie", "en": "Code version"},
    "manifest.engine": {"nl": "Engine", "en": "Engine"},
    "manifest.started": {"nl": "Gestart", "en": "Started"},
    "manifest.finished": {"nl": "Klaar", "en": "Finished"},
    "manifest.duration": {"nl": "Duur (seconden)", "en": "Duration (seconds)"},
    "manifest.boundary_year": {"nl": "Grenzenjaar", "en": "Boundary year"},
    "manifest.sources_caption": {"nl": "Bronnen en hun bestanden", "en": "Sources and their files"},
    "manifest.models_caption": {
        "nl": "Modellen en hun looptijd",
        "en": "Models and their run time",
    },
    "manifest.json": {"nl": "Manifest als JSON", "en": "Manifest as JSON"},
    "nobuild.title": {"nl": "Nog geen build", "en": "No build yet"},
    "nobuild.text": {
        "nl": "Er is nog geen gepubliceerde versie van deze werkruimte. Bouw die eerst met:",
        "en": "There is no published version of this workspace yet. Build one first with:",
    },
    "nobuild.after": {
        "nl": "Ververs deze pagina zodra de build klaar is.",
        "en": "Refresh this page once the build has finished.",
    },
    "notfound.title": {"nl": "Pagina niet gevonden", "en": "Page not found"},
    "notfound.text": {
        "nl": "Deze pagina bestaat niet (meer). Controleer het adres of ga naar de startpagina.",
        "en": "This page does not exist (any more). Check the address or go to the home page.",
    },
    "notfound.home": {"nl": "Naar de startpagina", "en": "Go to the home page"},
    "error.title": {"nl": "Er ging iets mis", "en": "Something went wrong"},
    "error.forbidden_title": {"nl": "Geen toegang", "en": "No access"},
    "error.forbidden_text": {
        "nl": "U bent ingelogd, maar uw rol geeft geen toegang tot deze pagina.",
        "en": "You are signed in, but your role gives no access to this page.",
    },
    "error.text": {
        "nl": "De gegevens konden niet worden gelezen. Probeer het later opnieuw.",
        "en": "The data could not be read. Please try again later.",
    },
    "search.label": {"nl": "Zoeken in de datasets", "en": "Search the datasets"},
    "search.button": {"nl": "Zoeken", "en": "Search"},
    "search.count": {"nl": "{count} datasets gevonden", "en": "{count} datasets found"},
    "search.none": {
        "nl": "Geen datasets gevonden. Zoekvragen zonder resultaat worden bijgehouden, zodat we weten welke gegevens gemist worden.",
        "en": "No datasets found. Searches without results are recorded, so we know which data people miss.",
    },
    "search.filters": {"nl": "Filters", "en": "Filters"},
    "search.clear": {
        "nl": "Alle filters en zoekwoorden wissen",
        "en": "Clear all filters and words",
    },
    "search.selected": {"nl": "gekozen, klik om te wissen", "en": "selected, click to clear"},
    "facet.theme": {"nl": "Thema", "en": "Theme"},
    "facet.organisation": {"nl": "Organisatie", "en": "Organisation"},
    "facet.gemeente": {"nl": "Gemeente", "en": "Municipality"},
    "facet.format": {"nl": "Formaat", "en": "Format"},
    "facet.woo_category": {"nl": "Woo-informatiecategorie", "en": "Woo information category"},
    "facet.frequency": {"nl": "Actualisatie", "en": "Update frequency"},
    "yes": {"nl": "ja", "en": "yes"},
    "no": {"nl": "nee", "en": "no"},
}

_TIMEZONE = "Europe/Amsterdam"


def all_messages() -> dict[str, dict[Language, str]]:
    """The core catalog and every topic catalog of :mod:`stuurdata.portal.messages`."""
    topics = topic_messages()
    duplicates = MESSAGES.keys() & topics.keys()
    if duplicates:
        raise ValueError(f"message keys defined twice: {sorted(duplicates)}")
    return {**MESSAGES, **topics}


def negotiate(query_lang: str | None, accept_language: str | None, default: Language) -> Language:
    """The language of a request: ``?lang=``, else ``Accept-Language``, else ``default``."""
    if query_lang in LANGUAGES:
        return query_lang
    best: tuple[float, int, Language] | None = None
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        candidate = (quality, -position, primary)
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    return best[2] if best else default


@dataclass(frozen=True)
class Translator:
    """Messages, numbers and times in one language; passed to templates as ``t``."""

    lang: Language

    def __call__(self, key: str, **values: object) -> str:
        entry = MESSAGES.get(key) or topic_messages()[key]
        text = entry[self.lang]
        return text.format(**values) if values else text

    def number(self, value: float | int | None, decimals: int = 0) -> str:
        """``12.345`` in Dutch, ``12,345`` in English."""
        if value is None:
            return "–"
        text = f"{value:,.{decimals}f}"
        if self.lang == "nl":
            text = text.replace(",", "_").replace(".", ",").replace("_", ".")
        return text

    def datetime(self, value: dt.datetime) -> str:
        """A timestamp in Dutch local time (Europe/Amsterdam), e.g. ``2025-03-01 14:05``."""
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        try:
            value = value.astimezone(ZoneInfo(_TIMEZONE))
        except ZoneInfoNotFoundError:
            value = value.astimezone(dt.UTC)
        return value.strftime("%Y-%m-%d %H:%M %Z")
