# SPDX-License-Identifier: EUPL-1.2
"""A real PostgreSQL server for the tests, started from the Debian packages in a temp folder.

``scripts/system-deps.sh`` (run by ``make test``) installs ``postgresql`` when it is missing;
without it the tests that need the server fail loudly, they never skip. As root (CI) the server
runs as the ``postgres`` user, because PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

USER = "stuurdata"


def _bin_dir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_version)
    if found:
        return found[-1].parent
    initdb = shutil.which("initdb")
    if initdb is None:
        pytest.fail(
            "PostgreSQL is not installed (no initdb): run 'make test', whose "
            "scripts/system-deps.sh installs the Debian package postgresql"
        )
    return Path(initdb).resolve().parent


def _version(path: Path) -> int:
    part = path.parts[-3]
    return int(part) if part.isdigit() else 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class PostgresServer:
    base: Path
    port: int
    bin_dir: Path

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/postgres"

    def new_database(self, name: str) -> str:
        """Create an empty database ``name`` (dropped first if there); its SQLAlchemy URL."""
        self._admin(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{name}"

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}"')

    def _admin(self, *statements: str) -> None:
        engine = sa.create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as con:
            for statement in statements:
                con.execute(sa.text(statement))
        engine.dispose()

    def stop(self) -> None:
        _run(self, "pg_ctl", "-D", str(self.base / "data"), "-m", "immediate", "stop")


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _run(server: PostgresServer, program: str, *args: str) -> None:
    command = _as_server_user([str(server.bin_dir / program), *args])
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.fail(f"{program} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


def start_postgres(base: Path, *, durable: bool = False) -> PostgresServer:
    """initdb + pg_ctl start in ``base`` on a free port (trust auth, loopback only); without
    ``durable`` (tests) fsync and full page writes are off, with it (benchmarks) on."""
    server = PostgresServer(base, _free_port(), _bin_dir())
    (base / "sock").mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(base / "sock", "postgres")
    data = str(base / "data")
    _run(server, "initdb", "-D", data, "-U", USER, "-A", "trust", "-E", "UTF8", "--locale=C")
    options = f"-p {server.port} -k {base / 'sock'} -c listen_addresses=127.0.0.1"
    if not durable:
        options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    _run(server, "pg_ctl", "-D", data, "-o", options, "-l", str(base / "server.log"), "-w", "start")
    return server
