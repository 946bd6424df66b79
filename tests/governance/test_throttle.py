# SPDX-License-Identifier: EUPL-1.2
"""The brake on password guessing, kept in the application database."""

from __future__ import annotations

import time

import sqlalchemy as sa
from sqlalchemy import Engine

from stuurdata.governance.throttle import LoginThrottle


def test_blocks_a_user_after_the_limit_and_releases_after_the_window(engine: Engine) -> None:
    throttle = LoginThrottle(engine, limit=3, address_limit=10, window=0.2)
    for _ in range(3):
        assert not throttle.blocked("Anna", "192.0.2.1")
        throttle.failed("anna", "192.0.2.1")
    assert throttle.blocked("ANNA", "192.0.2.9")
    assert not throttle.blocked("bob", "192.0.2.1")  # others behind the same address go on
    time.sleep(0.25)
    assert not throttle.blocked("anna", "192.0.2.1")


def test_blocks_an_address_that_guesses_many_names(engine: Engine) -> None:
    throttle = LoginThrottle(engine, limit=3, address_limit=4)
    for n in range(4):
        throttle.failed(f"naam{n}", "192.0.2.1")
    assert throttle.blocked("nieuw", "192.0.2.1")
    assert not throttle.blocked("nieuw", "192.0.2.2")


def test_success_clears_the_user_count(engine: Engine) -> None:
    throttle = LoginThrottle(engine, limit=2)
    throttle.failed("anna", "192.0.2.1")
    throttle.succeeded("anna")
    throttle.failed("anna", "192.0.2.1")
    assert not throttle.blocked("anna", "192.0.2.1")


def test_every_worker_counts_the_same_attempts(engine: Engine) -> None:
    workers = [LoginThrottle(engine, limit=4) for _ in range(4)]  # one per web worker
    for worker in workers:  # a guesser spreads the tries over the workers
        assert not worker.blocked("anna", "192.0.2.1")
        worker.failed("anna", "192.0.2.1")
    assert all(worker.blocked("anna", "192.0.2.7") for worker in workers)


def test_only_hashes_are_stored_and_old_failures_go(engine: Engine) -> None:
    throttle = LoginThrottle(engine, window=0.1)
    throttle.failed("anna.de.vries", "192.0.2.1")
    time.sleep(0.15)
    throttle.failed("bob", "192.0.2.2")
    with engine.connect() as con:
        rows = con.execute(sa.text("SELECT kind, key_hash FROM login_failures")).all()
    assert len(rows) == 2  # anna's are gone with the window
    assert {kind for kind, _ in rows} == {"user", "address"}
    assert not any("bob" in key or "192.0.2" in key for _, key in rows)
