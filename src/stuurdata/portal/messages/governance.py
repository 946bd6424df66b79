# SPDX-License-Identifier: EUPL-1.2
"""Messages of the sign-in and sign-out pages (topic ``governance``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from stuurdata.portal.i18n import Language

MESSAGES: dict[str, dict[Language, str]] = {
    "governance.nav.login": {"nl": "Inloggen", "en": "Sign in"},
    "governance.login.title": {"nl": "Inloggen", "en": "Sign in"},
    "governance.login.intro": {
        "nl": "Medewerkers van de gemeenten loggen hier in voor gegevens die niet openbaar zijn.",
        "en": "Staff of the municipalities sign in here for data that is not public.",
    },
    "governance.login.username": {"nl": "Gebruikersnaam", "en": "User name"},
    "governance.login.password": {"nl": "Wachtwoord", "en": "Password"},
    "governance.login.button": {"nl": "Inloggen", "en": "Sign in"},
    "governance.login.oidc": {
        "nl": "Inloggen met het account van uw organisatie",
        "en": "Sign in with your organisation's account",
    },
    "governance.login.failed": {
        "nl": "Gebruikersnaam of wachtwoord is onjuist.",
        "en": "User name or password is incorrect.",
    },
    "governance.login.throttled": {
        "nl": "Te veel mislukte pogingen. Probeer het over een kwartier opnieuw.",
        "en": "Too many failed attempts. Please try again in fifteen minutes.",
    },
    "governance.login.no_oidc": {
        "nl": "Inloggen via de organisatie is hier niet ingesteld.",
        "en": "Signing in through your organisation is not set up here.",
    },
    "governance.login.oidc_failed": {
        "nl": "Inloggen via uw organisatie is mislukt. Probeer het opnieuw.",
        "en": "Signing in through your organisation failed. Please try again.",
    },
    "governance.logout.title": {"nl": "Uitloggen", "en": "Sign out"},
    "governance.logout.signed_in_as": {
        "nl": "U bent ingelogd als {name}.",
        "en": "You are signed in as {name}.",
    },
    "governance.logout.button": {"nl": "Uitloggen", "en": "Sign out"},
}
