# SPDX-License-Identifier: EUPL-1.2
"""``stuurdata users add | list | roles | token``: local accounts and API tokens.

A typer sub-app on the workspace's application database (``.stuurdata/app/app.db`` unless
``app_database`` in ``stuurdata.yaml`` says otherwise). Passwords are asked for without echo
(or read from ``--wachtwoord-stdin``); a token is shown once and stored only as a hash.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from stuurdata.cli.output import WorkspaceOption, console, reported_errors

if TYPE_CHECKING:
    from stuurdata.governance.accounts import Accounts
    from stuurdata.governance.tokens import Tokens

app = typer.Typer(name="users", help="Gebruikers, rollen en API-tokens.", no_args_is_help=True)

RolesOption = Annotated[
    list[str] | None,
    typer.Option(
        "--rol",
        help="Rol: medewerker, analist, data-eigenaar, beheerder, privacy-officer (herhaalbaar).",
    ),
]
GemeenteOption = Annotated[
    list[str] | None, typer.Option("--gemeente", help="Gemeentecode, bijv. GM0534 (herhaalbaar).")
]
PurposeOption = Annotated[
    list[str] | None, typer.Option("--doel", help="Geregistreerd doel-id (herhaalbaar).")
]


def _services(workspace: Path) -> tuple[Accounts, Tokens]:
    from stuurdata.appdb import open_app_database
    from stuurdata.governance.accounts import Accounts
    from stuurdata.governance.tokens import Tokens

    database = open_app_database(workspace.resolve())
    return Accounts(database.engine), Tokens(database.engine)


def _check_purposes(workspace: Path, purposes: list[str]) -> None:
    from stuurdata.errors import Problem
    from stuurdata.governance.accounts import AccountError
    from stuurdata.workspace import Workspace

    known = {p.id for p in Workspace.load(workspace).config.purposes}
    unknown = [p for p in purposes if p not in known]
    if unknown:
        raise AccountError(
            "onbekend doel",
            [
                Problem("stuurdata.yaml", "doel", f"doel '{p}' staat niet in 'purposes'")
                for p in unknown
            ],
        )


@app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Gebruikersnaam.")],
    workspace: WorkspaceOption = Path(),
    roles: RolesOption = None,
    gemeenten: GemeenteOption = None,
    purposes: PurposeOption = None,
    name: Annotated[str | None, typer.Option("--naam", help="Weergavenaam.")] = None,
    password_stdin: Annotated[
        bool, typer.Option("--wachtwoord-stdin", help="Lees het wachtwoord van stdin.")
    ] = False,
    no_password: Annotated[
        bool, typer.Option("--zonder-wachtwoord", help="Alleen inloggen via OIDC of token.")
    ] = False,
) -> None:
    """Maak een lokaal account (wachtwoord met argon2id opgeslagen)."""
    with reported_errors():
        _check_purposes(workspace, purposes or [])
        password: str | None = None
        if password_stdin:
            password = sys.stdin.readline().rstrip("\n")
        elif not no_password:
            password = typer.prompt("Wachtwoord", hide_input=True, confirmation_prompt=True)
        accounts, _tokens = _services(workspace)
        user = accounts.add(username, password, roles or [], gemeenten or [], purposes or [], name)
    console.print(f"Gebruiker [bold]{user.username}[/] gemaakt: {_grants(user)}")


def _grants(user: object) -> str:
    roles = ", ".join(sorted(str(r) for r in getattr(user, "roles", ()))) or "geen rollen"
    codes = ", ".join(sorted(getattr(user, "gemeenten", ()))) or "geen gemeenten"
    ids = ", ".join(sorted(getattr(user, "purposes", ()))) or "geen doelen"
    return f"{roles}; {codes}; {ids}"


@app.command("list")
def list_users(workspace: WorkspaceOption = Path()) -> None:
    """Alle gebruikers met rollen, gemeenten en doelen."""
    with reported_errors():
        accounts, _tokens = _services(workspace)
        found = accounts.all()
    if not console.is_terminal:  # one line per user in logs and pipes (easy to grep)
        for user in found:
            state = "actief" if user.active else "geblokkeerd"
            console.print(f"{user.username}\t{_grants(user)}\t{state}", markup=False)
        return
    table = Table(title=f"{len(found)} gebruikers", title_justify="left")
    for header in ("gebruiker", "naam", "rollen", "gemeenten", "doelen", "inloggen", "actief"):
        table.add_column(header, overflow="fold")
    for user in found:
        table.add_row(
            user.username,
            user.display_name,
            ", ".join(sorted(user.roles)),
            ", ".join(sorted(user.gemeenten)),
            ", ".join(sorted(user.purposes)),
            "wachtwoord" if user.local else "OIDC/token",
            "ja" if user.active else "nee",
        )
    console.print(table)


@app.command("roles")
def roles_command(
    username: Annotated[str, typer.Argument(help="Gebruikersnaam.")],
    workspace: WorkspaceOption = Path(),
    roles: RolesOption = None,
    gemeenten: GemeenteOption = None,
    purposes: PurposeOption = None,
) -> None:
    """Vervang de rollen (en, als gegeven, gemeenten en doelen) van een gebruiker."""
    with reported_errors():
        _check_purposes(workspace, purposes or [])
        accounts, _tokens = _services(workspace)
        user = accounts.grant(username, roles or [], gemeenten, purposes)
    console.print(f"Gebruiker [bold]{user.username}[/]: {_grants(user)}")


@app.command("block")
def block(
    username: Annotated[str, typer.Argument(help="Gebruikersnaam.")],
    workspace: WorkspaceOption = Path(),
) -> None:
    """Blokkeer een gebruiker: inloggen, sessies en API-tokens werken direct niet meer."""
    _set_active(workspace, username, active=False)


@app.command("unblock")
def unblock(
    username: Annotated[str, typer.Argument(help="Gebruikersnaam.")],
    workspace: WorkspaceOption = Path(),
) -> None:
    """Hef de blokkade van een gebruiker op."""
    _set_active(workspace, username, active=True)


def _set_active(workspace: Path, username: str, *, active: bool) -> None:
    with reported_errors():
        accounts, _tokens = _services(workspace)
        user = accounts.set_active(username, active)
    state = "actief" if user.active else "geblokkeerd"
    console.print(f"Gebruiker [bold]{user.username}[/]: {state}")


@app.command("token")
def token(
    username: Annotated[str, typer.Argument(help="Gebruikersnaam.")],
    workspace: WorkspaceOption = Path(),
    name: Annotated[str, typer.Option("--naam", help="Waarvoor het token is.")] = "api",
    days: Annotated[int, typer.Option("--dagen", help="Geldigheid in dagen (max. 366).")] = 90,
) -> None:
    """Maak een API-token; het wordt één keer getoond en alleen als hash bewaard."""
    from stuurdata.errors import StuurdataError

    with reported_errors():
        accounts, tokens = _services(workspace)
        user = accounts.get(username)
        if user is None:
            raise StuurdataError(f"gebruiker '{username}' bestaat niet")
        try:
            issued = tokens.issue(user.id, name, days)
        except ValueError as exc:
            raise StuurdataError(str(exc)) from None
    until = dt.datetime.fromtimestamp(issued.expires_at, dt.UTC).date().isoformat()
    console.print(f"API-token voor {user.username} (geldig tot {until}); bewaar het nu:")
    print(issued.secret)
