# SPDX-License-Identifier: EUPL-1.2
"""Keyed pseudonyms for BSNs and other direct identifiers.

Format: the pseudonym of a value is ``HMAC-SHA256(key, utf8(value))`` as 64 lower-case hex
characters. The key is the source purpose's key (:attr:`Purpose.key`), so the same BSN gets the
same pseudonym within one purpose and unrelated pseudonyms across purposes. NULL stays NULL.
The HMAC is computed vectorised in DuckDB as
``sha256((K ^ opad) || unhex(sha256((K ^ ipad) || value)))`` (RFC 2104), which equals Python's
:func:`hmac.new` (a property test checks this).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb
import pyarrow as pa

from stuurdata.errors import SecretError
from stuurdata.workspace.config import Purpose

BLOCK = 64
"""SHA-256 block size in bytes."""
MIN_KEY_BYTES = 16


def load_key(purpose: Purpose, workspace_root: Path) -> bytes:
    """The HMAC key of ``purpose``, from its environment variable or file. Never a default."""
    ref = purpose.key
    if ref.env is not None:
        value = os.environ.get(ref.env)
        if value is None or not value.strip():
            raise SecretError(
                f"sleutel voor doel '{purpose.id}' ontbreekt: zet omgevingsvariabele {ref.env} "
                "(er wordt nooit een standaardsleutel gebruikt)"
            )
        key = value.strip().encode("utf-8")
        where = f"omgevingsvariabele {ref.env}"
    else:
        assert ref.file is not None
        path = Path(ref.file)
        path = path if path.is_absolute() else workspace_root / path
        try:
            key = path.read_bytes().strip()
        except OSError:
            raise SecretError(
                f"sleutel voor doel '{purpose.id}' ontbreekt: bestand {path} is niet leesbaar "
                "(er wordt nooit een standaardsleutel gebruikt)"
            ) from None
        where = f"bestand {path}"
    if len(key) < MIN_KEY_BYTES:
        raise SecretError(
            f"sleutel voor doel '{purpose.id}' in {where} is te kort: "
            f"minimaal {MIN_KEY_BYTES} tekens (liefst 32 willekeurige bytes, hex)"
        )
    return key


def hmac_pads(key: bytes) -> tuple[bytes, bytes]:
    """The inner and outer padded keys of RFC 2104 (query parameters for :func:`hmac_sql`)."""
    block = hashlib.sha256(key).digest() if len(key) > BLOCK else key
    block = block.ljust(BLOCK, b"\0")
    return bytes(b ^ 0x36 for b in block), bytes(b ^ 0x5C for b in block)


def hmac_sql(text: str, inner: str, outer: str) -> str:
    """DuckDB SQL for the pseudonym of the VARCHAR expression ``text``.

    ``inner`` and ``outer`` are the query parameters (e.g. ``$1``) bound to :func:`hmac_pads`;
    the key is never part of the SQL text, so it cannot leak into an error message. Used inside
    the validation query so that ingest hashes in the same pass as it casts.
    """
    return f"sha256({outer}::BLOB || unhex(sha256({inner}::BLOB || encode({text}))))"


def pseudonymise_column(values: pa.Array | pa.ChunkedArray, key: bytes) -> pa.ChunkedArray:
    """HMAC-SHA256 hex of every value (as UTF-8 text); NULL stays NULL. Vectorised in DuckDB."""
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        values = values.cast(pa.string())
    with duckdb.connect() as con:
        con.register("v", pa.table({"v": values}))
        query = f"SELECT {hmac_sql('v', '$1', '$2')} AS h FROM v"
        result = con.sql(query, params=list(hmac_pads(key))).to_arrow_table()
    return result.column("h")
