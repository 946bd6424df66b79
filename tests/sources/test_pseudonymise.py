# SPDX-License-Identifier: EUPL-1.2
"""Keyed pseudonyms: DuckDB's vectorised HMAC equals Python's, keys come only from secrets."""

from __future__ import annotations

import hashlib
import hmac
import re
from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stuurdata.errors import SecretError
from stuurdata.sources.pseudonymise import load_key, pseudonymise_column
from stuurdata.workspace.config import Purpose


def reference(value: str, key: bytes) -> str:
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.one_of(st.none(), st.text(max_size=40)), max_size=20),
    key=st.binary(min_size=16, max_size=200),
)
def test_duckdb_hmac_equals_python_hmac(values: list[str | None], key: bytes) -> None:
    result = pseudonymise_column(pa.array(values, pa.string()), key).to_pylist()
    assert result == [None if v is None else reference(v, key) for v in values]


def test_format_is_64_lower_case_hex() -> None:
    [pseudonym] = pseudonymise_column(pa.array(["123456782"]), b"k" * 32).to_pylist()
    assert re.fullmatch(r"[0-9a-f]{64}", pseudonym)


def test_non_text_values_are_pseudonymised_as_text() -> None:
    result = pseudonymise_column(pa.array([123456782], pa.int64()), b"k" * 32).to_pylist()
    assert result == [reference("123456782", b"k" * 32)]


def test_same_key_same_pseudonym_other_key_other_pseudonym() -> None:
    values = pa.array(["123456782", "123456782"])
    first = pseudonymise_column(values, b"a" * 32).to_pylist()
    assert first[0] == first[1]
    assert pseudonymise_column(values, b"b" * 32).to_pylist()[0] != first[0]


def purpose(**key: str) -> Purpose:
    return Purpose(id="wmo", title="Wmo", legal_basis="Wmo 2015", key=key)


def test_key_from_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STUURDATA_KEY_WMO", "  geheim-0123456789abcdef\n")
    assert load_key(purpose(env="STUURDATA_KEY_WMO"), tmp_path) == b"geheim-0123456789abcdef"


def test_key_from_relative_file(tmp_path: Path) -> None:
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "wmo.key").write_bytes(b"0123456789abcdef0123456789abcdef\n")
    key = load_key(purpose(file="secrets/wmo.key"), tmp_path)
    assert key == b"0123456789abcdef0123456789abcdef"


def test_missing_env_key_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("STUURDATA_KEY_WMO", raising=False)
    with pytest.raises(SecretError, match="omgevingsvariabele STUURDATA_KEY_WMO"):
        load_key(purpose(env="STUURDATA_KEY_WMO"), tmp_path)


def test_missing_key_file_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(SecretError, match=r"bestand .*wmo\.key"):
        load_key(purpose(file="wmo.key"), tmp_path)


def test_short_key_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("STUURDATA_KEY_WMO", "kort")
    with pytest.raises(SecretError, match="te kort"):
        load_key(purpose(env="STUURDATA_KEY_WMO"), tmp_path)
