# SPDX-License-Identifier: EUPL-1.2
"""Messages of the data-request intake, the staff backlog and the cost page (topic ``intake``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stuurdata.portal.i18n import Language


def _m(nl: str, en: str) -> dict[Language, str]:
    return {"nl": nl, "en": en}


MESSAGES: dict[str, dict[Language, str]] = {
    "intake.nav": _m("Dataverzoek", "Data request"),
    "intake.title": _m("Gegevens aanvragen", "Request data"),
    "intake.intro": _m(
        "Mist u gegevens in de catalogus? Vraag ze hier aan. U hebt geen account nodig; na het "
        "versturen krijgt u een persoonlijke link waarop u de stand van zaken volgt.",
        "Missing data in the catalogue? Request it here. You do not need an account; after "
        "sending you get a personal link to follow the progress.",
    ),
    "intake.field.title": _m(
        "Wat zoekt u? (korte titel)", "What are you looking for? (short title)"
    ),
    "intake.field.description": _m(
        "Omschrijving: welke gegevens, voor welk gebied en welke periode, en waarvoor",
        "Description: which data, for which area and period, and what for",
    ),
    "intake.field.gemeente": _m("Gemeente", "Municipality"),
    "intake.field.gemeente_any": _m(
        "Alle gemeenten of weet ik niet", "All municipalities or not sure"
    ),
    "intake.field.urgency_public": _m(
        "Hoe dringend is het? (1 = kan wachten, 5 = zeer dringend)",
        "How urgent is it? (1 = can wait, 5 = very urgent)",
    ),
    "intake.field.personal_data_public": _m(
        "Gaat het om gegevens over personen?", "Is it about data on persons?"
    ),
    "intake.field.requester": _m(
        "Uw naam of organisatie (niet verplicht)", "Your name or organisation (optional)"
    ),
    "intake.field.email": _m("E-mailadres (niet verplicht)", "E-mail address (optional)"),
    "intake.privacy_note": _m(
        "Uw naam en e-mailadres gebruiken we alleen om over dit verzoek contact op te nemen.",
        "We use your name and e-mail address only to contact you about this request.",
    ),
    "intake.submit": _m("Verzoek versturen", "Send request"),
    "intake.save": _m("Opslaan", "Save"),
    "intake.error.title": _m("Vul een titel in.", "Please enter a title."),
    "intake.error.description": _m("Vul een omschrijving in.", "Please enter a description."),
    "intake.submitted.title": _m("Verzoek ontvangen", "Request received"),
    "intake.submitted.intro": _m(
        "Dank u wel. Uw verzoek ‘{title}’ is ontvangen.",
        "Thank you. Your request ‘{title}’ has been received.",
    ),
    "intake.submitted.link": _m(
        "Volg uw verzoek via deze link", "Follow your request with this link"
    ),
    "intake.submitted.keep": _m(
        "Bewaar deze link: hij wordt maar één keer getoond en alleen wie hem heeft kan de stand "
        "van zaken zien.",
        "Keep this link: it is shown only once and only those who have it can see the progress.",
    ),
    "intake.status.title": _m("Stand van uw dataverzoek", "Progress of your data request"),
    "intake.status.nieuw": _m("ontvangen", "received"),
    "intake.status.in_behandeling": _m("in behandeling", "in progress"),
    "intake.status.geleverd": _m("geleverd", "delivered"),
    "intake.status.afgewezen": _m("afgewezen", "declined"),
    "intake.field.status": _m("Status", "Status"),
    "intake.field.received": _m("Ontvangen", "Received"),
    "intake.field.updated": _m("Laatst bijgewerkt", "Last updated"),
    "intake.field.reply": _m("Toelichting", "Reply"),
    "intake.field.delivered": _m("Geleverd", "Delivered"),
    "intake.nothing_delivered": _m("Nog niets geleverd.", "Nothing delivered yet."),
    "intake.kind.dataset": _m("Dataset", "Dataset"),
    "intake.kind.dashboard": _m("Dashboard", "Dashboard"),
    "intake.backlog.title": _m("Dataverzoeken", "Data requests"),
    "intake.backlog.formula": _m(
        "Prioriteit = 2 × waarde + 2 × urgentie + (6 − inspanning) − privacyrisico (0 zonder "
        "persoonsgegevens, 2 met, 4 met bijzondere). Zonder grondslag voor persoonsgegevens wordt "
        "de prioriteit gehalveerd. Een DPIA is nodig bij persoonsgegevens met een nieuw doel, op "
        "grote schaal of met bijzondere persoonsgegevens.",
        "Priority = 2 × value + 2 × urgency + (6 − effort) − privacy risk (0 without personal "
        "data, 2 with, 4 with special categories). Without a legal basis for personal data the "
        "priority is halved. A DPIA is needed for personal data with a new purpose, at large "
        "scale or with special categories.",
    ),
    "intake.backlog.caption": _m(
        "{count} verzoeken, open verzoeken op prioriteit", "{count} requests, open ones by priority"
    ),
    "intake.backlog.from": _m("Van: {requester} ({channel})", "From: {requester} ({channel})"),
    "intake.channel.publiek": _m("publieksformulier", "public form"),
    "intake.channel.medewerker": _m("medewerker", "staff"),
    "intake.field.priority": _m("Prioriteit", "Priority"),
    "intake.field.dpia": _m("DPIA", "DPIA"),
    "intake.dpia.needed": _m("nodig", "needed"),
    "intake.dpia.not_needed": _m("niet nodig", "not needed"),
    "intake.field.value": _m("Waarde (1–5)", "Value (1–5)"),
    "intake.field.urgency": _m("Urgentie (1–5)", "Urgency (1–5)"),
    "intake.field.effort": _m("Inspanning (1–5)", "Effort (1–5)"),
    "intake.field.personal_data": _m("Persoonsgegevens", "Personal data"),
    "intake.field.special_categories": _m(
        "Bijzondere persoonsgegevens (AVG art. 9 en 10)", "Special categories (GDPR art. 9 and 10)"
    ),
    "intake.field.new_purpose": _m("Nieuw doel", "New purpose"),
    "intake.field.large_scale": _m("Grote schaal", "Large scale"),
    "intake.field.legal_basis": _m("Grondslag", "Legal basis"),
    "intake.missed.title": _m("Zoekvragen zonder resultaat", "Searches without results"),
    "intake.missed.intro": _m(
        "Wat bezoekers in de catalogus zochten en niet vonden, het vaakst gezocht eerst.",
        "What visitors searched for in the catalogue and did not find, most frequent first.",
    ),
    "intake.missed.none": _m("Geen zoekvragen zonder resultaat.", "No searches without results."),
    "intake.staff_form.title": _m("Verzoek invoeren", "Enter a request"),
    "intake.costs.title": _m("Kosten en gebruik per gemeente", "Cost and usage per municipality"),
    "intake.costs.intro": _m(
        "Het gebruik van het platform per gemeente en de verdeling van de kosten met de "
        "kostenverdeelsleutel van de regio, tot op de cent.",
        "Platform usage per municipality and the split of the cost with the region's cost key, "
        "exact to the cent.",
    ),
    "intake.costs.period": _m(
        "Periode (JJJJ, JJJJ-Qn of JJJJ-MM)", "Period (YYYY, YYYY-Qn or YYYY-MM)"
    ),
    "intake.costs.amount": _m("Te verdelen bedrag in euro", "Amount to split in euros"),
    "intake.costs.show": _m("Toon", "Show"),
    "intake.costs.caption": _m(
        "Periode {period}: {builds} builds", "Period {period}: {builds} builds"
    ),
    "intake.costs.col.gemeente": _m("Gemeente", "Municipality"),
    "intake.costs.col.key": _m("Sleutel", "Key"),
    "intake.costs.col.share": _m("Aandeel (%)", "Share (%)"),
    "intake.costs.col.amount": _m("Bedrag", "Amount"),
    "intake.costs.col.rows": _m("Rijen geladen", "Rows loaded"),
    "intake.costs.col.requests": _m(
        "Verzoeken naar niet-openbare gegevens", "Requests for non-public data"
    ),
    "intake.costs.col.handled": _m("Dataverzoeken geleverd", "Data requests delivered"),
    "intake.costs.total": _m("Totaal verdeeld: {amount}.", "Total split: {amount}."),
}
