# SPDX-License-Identifier: EUPL-1.2
"""``stuurdata users add | list | roles | token | block | unblock`` on a real workspace's application database."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from stuurdata.appdb import open_app_database
from stuurdata.cli.main import app
from stuurdata.governance.accounts import Accounts
from stuurdata.governance.principal import Role
from stuurdata.governance.tokens import Tokens
from tests.governance.workspace import PURPOSE, write_governance_workspace

PASSWORD = "een lang genoeg wachtwoord"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return write_governance_workspace(tmp_path / "ws")


def _run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


def test_add_list_roles_and_token(workspace: Path) -> None:
    w = ("--workspace", str(workspace))
    code, out = _run(
        "users", "add", "anna", *w, "--rol", "analist", "--gemeente", "GM9901",
        "--doel", PURPOSE, "--wachtwoord-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0, out
    accounts = Accounts(open_app_database(workspace).engine)
    assert accounts.authenticate("anna", PASSWORD) is not None

    code, out = _run("users", "roles", "anna", *w, "--rol", "data-eigenaar")
    assert code == 0, out
    user = accounts.get("anna")
    assert user is not None and user.roles == {Role.DATA_EIGENAAR}
    assert user.purposes == {PURPOSE}

    code, out = _run("users", "list", *w)
    assert code == 0 and "anna" in out and "data-eigenaar" in out

    code, out = _run("users", "token", "anna", *w, "--dagen", "7")
    assert code == 0, out
    secret = out.strip().splitlines()[-1]
    assert Tokens(open_app_database(workspace).engine).user_of(secret) == user.id
    code, out = _run("users", "list", *w)
    assert secret not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--rol", "koning"), "onbekende rol"),
        (("--doel", "geen-geregistreerd-doel"), "purposes"),
        (("--gemeente", "0534"), "gemeentecode"),
    ],
)
def test_bad_grants_are_refused(workspace: Path, args: tuple[str, ...], message: str) -> None:
    code, out = _run(
        "users", "add", "bob", "--workspace", str(workspace), *args,
        "--wachtwoord-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert code == 1
    assert message in out
    assert Accounts(open_app_database(workspace).engine).get("bob") is None


def test_a_short_password_is_refused(workspace: Path) -> None:
    code, out = _run(
        "users", "add", "bob", "--workspace", str(workspace), "--wachtwoord-stdin", stdin="kort\n"
    )
    assert code == 1
    assert "12 tekens" in out


def test_a_token_for_an_unknown_user_is_refused(workspace: Path) -> None:
    code, out = _run("users", "token", "niemand", "--workspace", str(workspace))
    assert code == 1
    assert "bestaat niet" in out


def test_a_blocked_user_can_sign_in_nor_use_a_token(workspace: Path) -> None:
    from fastapi.testclient import TestClient

    from stuurdata.portal import create_app

    w = ("--workspace", str(workspace))
    code, out = _run(
        "users", "add", "bert", *w, "--rol", "medewerker", "--gemeente", "GM9901",
        "--wachtwoord-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert code == 0, out
    code, out = _run("users", "token", "bert", *w)
    secret = out.strip().splitlines()[-1]
    bearer = {"Authorization": f"Bearer {secret}"}
    with TestClient(create_app(workspace)) as client:
        assert client.get("/beheer/verzoeken", headers=bearer).status_code == 200
        code, out = _run("users", "block", "bert", *w)
        assert code == 0 and "geblokkeerd" in out
        blocked = client.get("/beheer/verzoeken", headers=bearer, follow_redirects=False)
        assert blocked.status_code == 401  # the token itself is refused
        accounts = Accounts(open_app_database(workspace).engine)
        assert accounts.authenticate("bert", PASSWORD) is None
        code, out = _run("users", "unblock", "bert", *w)
        assert code == 0 and "actief" in out
        assert client.get("/beheer/verzoeken", headers=bearer).status_code == 200
    assert _run("users", "block", "niemand", *w)[0] != 0


def test_an_unreachable_application_database_is_a_clear_error(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = workspace / "stuurdata.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "app_database:\n  url: {env: STUURDATA_TEST_APP_DB}\n", "utf-8")
    monkeypatch.setenv(
        "STUURDATA_TEST_APP_DB", "postgresql+psycopg://niemand:geheim@127.0.0.1:1/weg"
    )
    for command in (["users", "list"], ["audit", "verify"]):
        code, out = _run(*command, "--workspace", str(workspace))
        assert code == 1, out
        assert "de applicatiedatabase postgresql+psycopg://niemand:***@127.0.0.1:1/weg is" in out
        assert "niet bereikbaar" in out and "Traceback" not in out and "geheim" not in out
