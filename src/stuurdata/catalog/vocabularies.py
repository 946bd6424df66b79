# SPDX-License-Identifier: EUPL-1.2
"""The value lists of DCAT-AP-DONL 1.1 and the Woo that dataset metadata is checked against.

Each list maps what a data specialist writes in ``datasets/<name>.yaml`` (a Dutch word, an
English word or the official URI) to the official URI and its Dutch and English label. Sources:
waardelijsten.dcat-ap-donl.nl (overheid:taxonomiebeleidsagenda, overheid:frequency,
overheid:openbaarheidsniveau, overheid:dataset_status, overheid:license, donl:language), the
Woo information categories of art. 3.3 (TOOI, ``infocat001``-``infocat017``) and the exception
grounds of Woo art. 5.1 and 5.2.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Final

OWMS: Final = "http://standaarden.overheid.nl/owms/terms/"
FREQ: Final = "http://purl.org/cld/freq/"
ACCESS: Final = "http://publications.europa.eu/resource/authority/access-right/"
LANG: Final = "http://publications.europa.eu/resource/authority/language/"
STATUS: Final = "http://data.overheid.nl/status/"
FILETYPE: Final = "http://publications.europa.eu/resource/authority/file-type/"
TOOI_GEMEENTE: Final = "https://identifier.overheid.nl/tooi/id/gemeente/"


@dataclass(frozen=True)
class Term:
    """One value of a value list: its code, official URI and labels."""

    code: str
    uri: str
    """Official URI; empty for the Woo lists, whose TOOI URIs are not carried here."""
    nl: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.nl


def fold(text: str) -> str:
    """Lower case without accents or separators, to match what people type ('Financiën')."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in plain if c.isalnum())


class ValueList:
    """A value list with lookup by code, URI, label or alias (accents and case ignored)."""

    def __init__(self, name: str, terms: list[Term], aliases: dict[str, str] | None = None):
        self.name = name
        self.terms = tuple(terms)
        self._by_code = {t.code: t for t in terms}
        self._lookup: dict[str, Term] = {}
        for term in terms:
            for key in (term.code, term.uri, term.nl, term.en):
                if key:
                    self._lookup[fold(key)] = term
        for alias, code in (aliases or {}).items():
            self._lookup[fold(alias)] = self._by_code[code]

    def find(self, value: str) -> Term | None:
        """The term ``value`` names, or None."""
        return self._lookup.get(fold(value))

    def __getitem__(self, code: str) -> Term:
        return self._by_code[code]

    def codes(self) -> list[str]:
        return [t.code for t in self.terms]


def _owms(code: str, path: str, nl: str, en: str) -> Term:
    return Term(code, OWMS + path, nl, en)


THEMES: Final = ValueList(
    "thema (overheid:taxonomiebeleidsagenda)",
    [
        _owms("bestuur", "Bestuur", "Bestuur", "Governance"),
        _owms(
            "cultuur_en_recreatie",
            "Cultuur_en_recreatie",
            "Cultuur en recreatie",
            "Culture and recreation",
        ),
        _owms("economie", "Economie", "Economie", "Economy"),
        _owms("financien", "Financien", "Financiën", "Finance"),
        _owms("huisvesting", "Huisvesting_(thema)", "Huisvesting", "Housing"),
        _owms("internationaal", "Internationaal", "Internationaal", "International"),
        _owms("landbouw", "Landbouw_(thema)", "Landbouw", "Agriculture"),
        _owms(
            "migratie_en_integratie",
            "Migratie_en_integratie",
            "Migratie en integratie",
            "Migration and integration",
        ),
        _owms("natuur_en_milieu", "Natuur_en_milieu", "Natuur en milieu", "Nature and environment"),
        _owms(
            "onderwijs_en_wetenschap",
            "Onderwijs_en_wetenschap",
            "Onderwijs en wetenschap",
            "Education and science",
        ),
        _owms(
            "openbare_orde_en_veiligheid",
            "Openbare_orde_en_veiligheid",
            "Openbare orde en veiligheid",
            "Public order and safety",
        ),
        _owms("recht", "Recht_(thema)", "Recht", "Law"),
        _owms(
            "ruimte_en_infrastructuur",
            "Ruimte_en_infrastructuur",
            "Ruimte en infrastructuur",
            "Spatial planning and infrastructure",
        ),
        _owms("sociale_zekerheid", "Sociale_zekerheid", "Sociale zekerheid", "Social security"),
        _owms("verkeer", "Verkeer_(thema)", "Verkeer", "Traffic"),
        _owms("werk", "Werk_(thema)", "Werk", "Work"),
        _owms("zorg_en_gezondheid", "Zorg_en_gezondheid", "Zorg en gezondheid", "Care and health"),
    ],
)

_FREQUENCIES = [
    ("triennial", "driejaarlijks", "every three years", 1096),
    ("biennial", "tweejaarlijks", "every two years", 731),
    ("annual", "jaarlijks", "annual", 366),
    ("semiannual", "halfjaarlijks", "semiannual", 183),
    ("threeTimesAYear", "drie keer per jaar", "three times a year", 122),
    ("quarterly", "per kwartaal", "quarterly", 92),
    ("bimonthly", "tweemaandelijks", "bimonthly", 61),
    ("monthly", "maandelijks", "monthly", 31),
    ("semimonthly", "twee keer per maand", "semimonthly", 16),
    ("biweekly", "tweewekelijks", "biweekly", 14),
    ("threeTimesAMonth", "drie keer per maand", "three times a month", 11),
    ("weekly", "wekelijks", "weekly", 7),
    ("semiweekly", "twee keer per week", "semiweekly", 4),
    ("threeTimesAWeek", "drie keer per week", "three times a week", 3),
    ("daily", "dagelijks", "daily", 1),
    ("continuous", "continu", "continuous", 1),
    ("irregular", "onregelmatig", "irregular", 0),
]
FREQUENCIES: Final = ValueList(
    "frequentie (overheid:frequency)",
    [Term(code, FREQ + code, nl, en) for code, nl, en, _ in _FREQUENCIES],
    aliases={
        "kwartaal": "quarterly",
        "kwartaallijks": "quarterly",
        "jaar": "annual",
        "yearly": "annual",
        "maand": "monthly",
        "week": "weekly",
        "dag": "daily",
        "irreg": "irregular",
        "cont": "continuous",
    },
)
FREQUENCY_DAYS: Final[dict[str, int]] = {code: days for code, _, _, days in _FREQUENCIES}
"""Days between updates per frequency; 0: no schedule (irregular), so never overdue."""

ACCESS_RIGHTS: Final = ValueList(
    "openbaarheidsniveau (overheid:openbaarheidsniveau)",
    [
        Term("publiek", ACCESS + "PUBLIC", "Publiek", "Public"),
        Term("beperkt", ACCESS + "RESTRICTED", "Beperkt", "Restricted"),
        Term("niet_publiek", ACCESS + "NON_PUBLIC", "Niet publiek", "Non-public"),
    ],
    aliases={"public": "publiek", "restricted": "beperkt", "non_public": "niet_publiek"},
)

STATUSES: Final = ValueList(
    "status (overheid:dataset_status)",
    [
        Term("beschikbaar", STATUS + "beschikbaar", "Beschikbaar", "Available"),
        Term("gearchiveerd", STATUS + "gearchiveerd", "Gearchiveerd", "Archived"),
        Term("gepland", STATUS + "gepland", "Gepland", "Planned"),
        Term("in_onderzoek", STATUS + "in_onderzoek", "In onderzoek", "Under investigation"),
        Term("niet_beschikbaar", STATUS + "niet_beschikbaar", "Niet beschikbaar", "Not available"),
    ],
)

LICENSES: Final = ValueList(
    "licentie (overheid:license)",
    [
        Term(
            "CC0-1.0",
            "http://creativecommons.org/publicdomain/zero/1.0/deed.nl",
            "CC0 1.0 (publiek domein)",
            "CC0 1.0 (public domain)",
        ),
        Term(
            "CC-BY-4.0",
            "http://creativecommons.org/licenses/by/4.0/deed.nl",
            "CC BY 4.0 (naamsvermelding)",
            "CC BY 4.0 (attribution)",
        ),
        Term(
            "CC-BY-SA-4.0",
            "http://creativecommons.org/licenses/by-sa/4.0/deed.nl",
            "CC BY-SA 4.0",
            "CC BY-SA 4.0",
        ),
        Term(
            "ODbL-1.0",
            "http://opendatacommons.org/licenses/odbl/1.0/",
            "Open Database License 1.0",
            "Open Database License 1.0",
        ),
        Term(
            "PDDL-1.0",
            "http://opendatacommons.org/licenses/pddl/1.0/",
            "Public Domain Dedication and License 1.0",
            "Public Domain Dedication and License 1.0",
        ),
        Term("geslotenlicentie", OWMS + "geslotenlicentie", "Gesloten licentie", "Closed licence"),
    ],
    aliases={"cc0": "CC0-1.0", "cc-by": "CC-BY-4.0"},
)
OPEN_LICENSES: Final = frozenset({"CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "ODbL-1.0", "PDDL-1.0"})

LANGUAGES: Final = ValueList(
    "taal (donl:language)",
    [
        Term("nl", LANG + "NLD", "Nederlands", "Dutch"),
        Term("en", LANG + "ENG", "Engels", "English"),
        Term("de", LANG + "DEU", "Duits", "German"),
        Term("fr", LANG + "FRA", "Frans", "French"),
        Term("fy", LANG + "FRY", "Fries", "Frisian"),
    ],
)

WOO_CATEGORIES: Final = ValueList(
    "Woo-informatiecategorie (art. 3.3 Woo)",
    [
        Term(f"infocat{i:03d}", "", nl, en)
        for i, (nl, en) in enumerate(
            [
                (
                    "Wetten en algemeen verbindende voorschriften",
                    "Laws and generally binding regulations",
                ),
                ("Overige besluiten van algemene strekking", "Other decisions of general scope"),
                (
                    "Ontwerpen van wet- en regelgeving met adviesaanvraag",
                    "Draft legislation sent out for advice",
                ),
                ("Organisatie en werkwijze", "Organisation and working methods"),
                ("Bereikbaarheidsgegevens", "Contact details"),
                (
                    "Bij vertegenwoordigende organen ingekomen stukken",
                    "Documents received by representative bodies",
                ),
                ("Vergaderstukken Staten-Generaal", "Meeting documents of the States General"),
                (
                    "Vergaderstukken decentrale overheden",
                    "Meeting documents of local and regional governments",
                ),
                (
                    "Agenda's en besluitenlijsten bestuurscolleges",
                    "Agendas and decision lists of executive boards",
                ),
                ("Adviezen", "Advice"),
                ("Convenanten", "Covenants"),
                ("Jaarplannen en jaarverslagen", "Annual plans and annual reports"),
                (
                    "Subsidieverplichtingen anders dan met beschikking",
                    "Subsidy obligations other than by decision",
                ),
                ("Woo-verzoeken en -besluiten", "Woo requests and decisions"),
                ("Onderzoeksrapporten", "Research reports"),
                ("Beschikkingen", "Individual decisions"),
                ("Klachtoordelen", "Complaint rulings"),
            ],
            start=1,
        )
    ],
)

WOO_GROUNDS: Final = ValueList(
    "Woo-uitzonderingsgrond (art. 5.1 en 5.2 Woo)",
    [
        Term(code, "", nl, en)
        for code, nl, en in [
            ("5.1.1.a", "de eenheid van de Kroon in gevaar kan brengen", "unity of the Crown"),
            ("5.1.1.b", "de veiligheid van de Staat kan schaden", "security of the State"),
            (
                "5.1.1.c",
                "vertrouwelijk aan de overheid meegedeelde bedrijfs- en fabricagegegevens",
                "confidential business and manufacturing data",
            ),
            ("5.1.1.d", "bijzondere persoonsgegevens", "special categories of personal data"),
            ("5.1.1.e", "nationale identificatienummers", "national identification numbers"),
            (
                "5.1.2.a",
                "de betrekkingen van Nederland met andere staten en internationale organisaties",
                "international relations",
            ),
            (
                "5.1.2.b",
                "de economische of financiële belangen van de Staat of andere overheden",
                "economic or financial interests of the State or other public bodies",
            ),
            (
                "5.1.2.c",
                "de opsporing en vervolging van strafbare feiten",
                "investigation and prosecution of criminal offences",
            ),
            (
                "5.1.2.d",
                "inspectie, controle en toezicht door bestuursorganen",
                "inspection, control and supervision",
            ),
            ("5.1.2.e", "de eerbiediging van de persoonlijke levenssfeer", "respect for privacy"),
            (
                "5.1.2.f",
                "de bescherming van andere concurrentiegevoelige bedrijfs- en fabricagegegevens",
                "other competition-sensitive business data",
            ),
            (
                "5.1.2.g",
                "de bescherming van het milieu waarop deze informatie betrekking heeft",
                "protection of the environment concerned",
            ),
            (
                "5.1.2.h",
                "de beveiliging van personen of bedrijven en het voorkomen van sabotage",
                "security of persons or companies and prevention of sabotage",
            ),
            (
                "5.1.2.i",
                "het goed functioneren van de Staat, andere publiekrechtelijke lichamen of bestuursorganen",
                "proper functioning of the State or other public bodies",
            ),
            ("5.1.5", "onevenredige benadeling", "disproportionate harm"),
            (
                "5.2",
                "persoonlijke beleidsopvattingen in documenten voor intern beraad",
                "personal policy views in documents for internal consultation",
            ),
        ]
    ],
)
