# SPDX-License-Identifier: EUPL-1.2
"""The brake on password guessing."""

from __future__ import annotations

import time

from stuurdata.governance.throttle import LoginThrottle


def test_blocks_a_user_after_the_limit_and_releases_after_the_window() -> None:
    throttle = LoginThrottle(limit=3, address_limit=10, window=0.2)
    for _ in range(3):
        assert not throttle.blocked("Anna", "192.0.2.1")
        throttle.failed("anna", "192.0.2.1")
    assert throttle.blocked("ANNA", "192.0.2.9")
    assert not throttle.blocked("bob", "192.0.2.1")  # others behind the same address go on
    time.sleep(0.25)
    assert not throttle.blocked("anna", "192.0.2.1")


def test_blocks_an_address_that_guesses_many_names() -> None:
    throttle = LoginThrottle(limit=3, address_limit=4)
    for n in range(4):
        throttle.failed(f"naam{n}", "192.0.2.1")
    assert throttle.blocked("nieuw", "192.0.2.1")
    assert not throttle.blocked("nieuw", "192.0.2.2")


def test_success_clears_the_user_count() -> None:
    throttle = LoginThrottle(limit=2)
    throttle.failed("anna", "192.0.2.1")
    throttle.succeeded("anna")
    throttle.failed("anna", "192.0.2.1")
    assert not throttle.blocked("anna", "192.0.2.1")
