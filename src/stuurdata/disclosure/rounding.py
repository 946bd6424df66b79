# SPDX-License-Identifier: EUPL-1.2
"""Unbiased random rounding with a keyed, reproducible coin.

A count ``v = b*q + r`` (``0 <= r < b``) becomes ``b*(q+1)`` with probability ``r/b`` and
``b*q`` otherwise, so the expected published value is ``v``. The coin of a cell is
``HMAC-SHA256(seed, indicator|period|area_code)`` read as a number in [0, 1): the same release
seed gives the same rounding of the same cell (an attacker cannot average repeated releases),
another seed gives an independent rounding. The HMAC is computed inside DuckDB (vectorised,
multi-threaded) from its SHA-256 primitive; :func:`cell_coin` is the plain-Python reference.
"""

from __future__ import annotations

import hashlib
import hmac

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa

_BLOCK = 64  # SHA-256 block size in bytes
_COIN_HEX = 13  # 52 bits: exact in a float64 and in a BIGINT
_COIN_SCALE = float(1 << (4 * _COIN_HEX))
_SMALL = 5_000


def _pads(seed: bytes) -> tuple[bytes, bytes]:
    key = hashlib.sha256(seed).digest() if len(seed) > _BLOCK else seed
    key = key.ljust(_BLOCK, b"\0")
    return bytes(k ^ 0x36 for k in key), bytes(k ^ 0x5C for k in key)


def cell_message(indicator: str, period: str, area_code: str) -> bytes:
    """The bytes the coin of one cell is keyed on."""
    return f"{indicator}|{period}|{area_code}".encode()


def cell_coin(seed: bytes, indicator: str, period: str, area_code: str) -> float:
    """The coin of one cell in [0, 1): the first 52 bits of its HMAC-SHA256."""
    digest = hmac.digest(seed, cell_message(indicator, period, area_code), "sha256")
    return int(digest.hex()[:_COIN_HEX], 16) / _COIN_SCALE


def cell_coins(
    seed: bytes, indicator: pa.Array, period: pa.Array, area_code: pa.Array
) -> npt.NDArray[np.float64]:
    """The coins of many cells at once (same values as :func:`cell_coin`), in row order."""
    if len(indicator) < _SMALL:  # a DuckDB connection costs more than hashing a few cells
        return np.array(
            [
                cell_coin(seed, i, p, a)
                for i, p, a in zip(
                    indicator.to_pylist(), period.to_pylist(), area_code.to_pylist(), strict=True
                )
            ],
            dtype=np.float64,
        )
    ipad, opad = _pads(seed)
    cells = pa.table({"indicator": indicator, "period": period, "area_code": area_code})
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("SET preserve_insertion_order = true")
        con.register("cells", cells)
        result = con.execute(
            f"""
            SELECT CAST(('0x' || substr(sha256($opad || unhex(sha256($ipad || encode(
                       indicator || '|' || period || '|' || area_code)))), 1, {_COIN_HEX}))
                   AS BIGINT) AS coin
            FROM cells
            """,
            {"ipad": ipad, "opad": opad},
        ).fetchnumpy()
    finally:
        con.close()
    coins: npt.NDArray[np.float64] = np.asarray(result["coin"], dtype=np.float64) / _COIN_SCALE
    return coins


def random_round(
    values: npt.NDArray[np.float64], base: int, coins: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Round ``values`` to multiples of ``base``, up with probability remainder/base."""
    lower = np.floor(values / base) * base
    remainder = values - lower
    up = coins < remainder / base
    rounded: npt.NDArray[np.float64] = lower + np.where(up, float(base), 0.0)
    return rounded
