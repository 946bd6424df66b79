# SPDX-License-Identifier: EUPL-1.2
"""Messages of the public registers: algorithms, sensors and DPIA's (topic ``registers``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stuurdata.portal.i18n import Language


def _m(nl: str, en: str) -> dict[Language, str]:
    return {"nl": nl, "en": en}


MESSAGES: dict[str, dict[Language, str]] = {
    "registers.nav": _m("Registers", "Registers"),
    "registers.title": _m("Registers", "Registers"),
    "registers.intro": _m(
        "Welke algoritmes en sensoren de gemeenten gebruiken en welke privacytoetsen (DPIA's) "
        "zijn gedaan, met de gegevens, modellen en dashboards waar ze bij horen.",
        "Which algorithms and sensors the municipalities use and which data protection impact "
        "assessments (DPIAs) were done, with the data, models and dashboards involved.",
    ),
    "registers.algorithms": _m("Algoritmes", "Algorithms"),
    "registers.algorithms_intro": _m(
        "Beschreven volgens de publicatiestandaard van het Algoritmeregister.",
        "Described in the publication standard of the Dutch Algorithm Register.",
    ),
    "registers.export_json": _m("download als JSON", "download as JSON"),
    "registers.export_csv": _m("download als CSV", "download as CSV"),
    "registers.sensors": _m("Sensoren", "Sensors"),
    "registers.dpias": _m("DPIA's", "DPIAs"),
    "registers.empty": _m("Er staat nog niets in dit register.", "This register is empty."),
    "registers.links": _m("Gebruikt in en gebaseerd op", "Used in and based on"),
    "registers.no_links": _m("Geen koppelingen vastgelegd.", "No links recorded."),
    "registers.dpia_title": _m("DPIA: {subject}", "DPIA: {subject}"),
    "registers.dpia_public_only": _m(
        "Dit is de openbare samenvatting. De volledige DPIA met risico's, maatregelen en het "
        "advies van de functionaris gegevensbescherming is op te vragen bij de gemeente.",
        "This is the public summary. The full DPIA with risks, measures and the data protection "
        "officer's advice can be requested from the municipality.",
    ),
    "registers.kind.datasets": _m("Dataset", "Dataset"),
    "registers.kind.models": _m("Model", "Model"),
    "registers.kind.sources": _m("Bron", "Source"),
    "registers.kind.indicators": _m("Indicator", "Indicator"),
    "registers.kind.dashboards": _m("Dashboard", "Dashboard"),
    "registers.kind.algorithms": _m("Algoritme", "Algorithm"),
    "registers.kind.dpias": _m("DPIA", "DPIA"),
    "registers.status.in_development": _m("in ontwikkeling", "in development"),
    "registers.status.in_use": _m("in gebruik", "in use"),
    "registers.status.out_of_use": _m("buiten gebruik", "out of use"),
    "registers.outcome.aanvaardbaar": _m("aanvaardbaar", "acceptable"),
    "registers.outcome.aanvaardbaar_met_maatregelen": _m(
        "aanvaardbaar met maatregelen", "acceptable with measures"
    ),
    "registers.outcome.niet_aanvaardbaar": _m("niet aanvaardbaar", "not acceptable"),
    "registers.outcome.voorafgaande_raadpleging": _m(
        "voorafgaande raadpleging Autoriteit Persoonsgegevens",
        "prior consultation of the Dutch Data Protection Authority",
    ),
    "registers.sensor_kind.luchtkwaliteit": _m("luchtkwaliteit", "air quality"),
    "registers.sensor_kind.passantenteller": _m("passantenteller", "pedestrian counter"),
    "registers.sensor_kind.verkeer": _m("verkeer", "traffic"),
    "registers.sensor_kind.geluid": _m("geluid", "noise"),
    "registers.sensor_kind.camera": _m("camera", "camera"),
    "registers.sensor_kind.overig": _m("overig", "other"),
    "registers.personal_data.yes": _m("met persoonsgegevens", "with personal data"),
    "registers.personal_data.no": _m("geen persoonsgegevens", "no personal data"),
    "registers.yes_no.yes": _m("Ja", "Yes"),
    "registers.yes_no.no": _m("Nee", "No"),
    "registers.field.organization": _m("Organisatie", "Organisation"),
    "registers.field.status": _m("Status", "Status"),
    "registers.field.type": _m("Type algoritme", "Type of algorithm"),
    "registers.field.category": _m("Beleidsterrein", "Policy area"),
    "registers.field.goal": _m("Doel", "Goal"),
    "registers.field.impact": _m("Impact", "Impact"),
    "registers.field.proportionality": _m("Proportionaliteit", "Proportionality"),
    "registers.field.decision_making_process": _m("Besluitvorming", "Decision-making process"),
    "registers.field.documentation": _m("Documentatie", "Documentation"),
    "registers.field.competent_authority": _m("Verantwoordelijke", "Competent authority"),
    "registers.field.lawful_basis": _m("Wettelijke grondslag", "Lawful basis"),
    "registers.field.iama": _m("IAMA", "Human rights impact assessment (IAMA)"),
    "registers.field.dpia": _m("DPIA", "DPIA"),
    "registers.field.objection_procedure": _m("Bezwaarprocedure", "Objection procedure"),
    "registers.field.source_data": _m("Gegevensbronnen", "Source data"),
    "registers.field.methods_and_models": _m("Methoden en modellen", "Methods and models"),
    "registers.field.monitoring": _m("Monitoring", "Monitoring"),
    "registers.field.human_intervention": _m("Menselijke tussenkomst", "Human intervention"),
    "registers.field.risk_management": _m("Risicobeheer", "Risk management"),
    "registers.field.provider": _m("Leverancier", "Provider"),
    "registers.field.begin_date": _m("In gebruik sinds", "In use since"),
    "registers.field.end_date": _m("Buiten gebruik sinds", "Out of use since"),
    "registers.field.area": _m("Gebied", "Area"),
    "registers.field.contact_email": _m("Contact", "Contact"),
    "registers.field.standard_version": _m("Versie publicatiestandaard", "Standard version"),
    "registers.field.sensor_kind": _m("Soort sensor", "Kind of sensor"),
    "registers.field.purpose": _m("Doel", "Purpose"),
    "registers.field.personal_data": _m("Persoonsgegevens", "Personal data"),
    "registers.field.retention": _m("Bewaartermijn", "Retention"),
    "registers.field.owner": _m("Eigenaar", "Owner"),
    "registers.field.location": _m("Locatie", "Location"),
    "registers.field.wgs84": _m(
        "Coördinaten (WGS84, breedte, lengte)", "Coordinates (WGS84, lat, lon)"
    ),
    "registers.field.rd": _m("Coördinaten (RD, x, y)", "Coordinates (RD New, x, y)"),
    "registers.field.buurt": _m("Buurt", "Neighbourhood"),
    "registers.field.sensor_ids": _m("Sensoren", "Sensors"),
    "registers.field.purposes": _m("Doelen", "Purposes"),
    "registers.field.outcome": _m("Uitkomst", "Outcome"),
    "registers.field.date": _m("Datum", "Date"),
}
