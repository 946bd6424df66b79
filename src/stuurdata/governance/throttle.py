# SPDX-License-Identifier: EUPL-1.2
"""Brake on password guessing: after ``limit`` failed sign-ins for a user name (or
``address_limit`` from one address: offices share one behind NAT) within ``window`` seconds,
further attempts are refused without checking the password until the window has passed.
Per process (each web worker keeps its own count)."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Final

LIMIT: Final = 5
ADDRESS_LIMIT: Final = 50
WINDOW: Final = 900.0


class LoginThrottle:
    def __init__(
        self, limit: int = LIMIT, address_limit: int = ADDRESS_LIMIT, window: float = WINDOW
    ) -> None:
        self.limit = limit
        self.address_limit = address_limit
        self.window = window
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        found = self._failures.setdefault(key, deque())
        while found and found[0] < now - self.window:
            found.popleft()
        return found

    def blocked(self, username: str, address: str) -> bool:
        now = time.monotonic()
        with self._lock:
            return (
                len(self._recent(("user", username.lower()), now)) >= self.limit
                or len(self._recent(("address", address), now)) >= self.address_limit
            )

    def failed(self, username: str, address: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failures) > 100_000:  # bounded memory under a flood
                self._failures.clear()
            self._recent(("user", username.lower()), now).append(now)
            self._recent(("address", address), now).append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(("user", username.lower()), None)
