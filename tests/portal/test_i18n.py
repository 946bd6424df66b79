# SPDX-License-Identifier: EUPL-1.2
"""The message catalog: complete in both languages, every key used exists, no loose text in
templates, and language negotiation."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from stuurdata.portal.i18n import LANGUAGES, Translator, all_messages, negotiate
from stuurdata.portal.rendering import TEMPLATES

KEY_USE = re.compile(r"""\bt\(\s*["']([a-z0-9_.]+)["']""")
JINJA = re.compile(r"{{.*?}}|{%.*?%}|{#.*?#}", re.DOTALL)
TAGS = re.compile(r"<[^>]*>", re.DOTALL)
ALLOWED_TEXT = ("stuurdata build",)  # a command, the same in every language


MESSAGES = all_messages()


def templates() -> list[Path]:
    return sorted(TEMPLATES.glob("*.html"))


def test_every_message_has_every_language() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key


@pytest.mark.parametrize("template", templates(), ids=lambda p: p.name)
def test_template_keys_exist(template: Path) -> None:
    source = template.read_text(encoding="utf-8")
    for key in KEY_USE.findall(source):
        if key.endswith("."):  # a prefix completed in the template, e.g. "level." ~ area.level
            assert any(k.startswith(key) for k in MESSAGES), f"{template.name}: {key}*"
        else:
            assert key in MESSAGES, f"{template.name}: onbekende sleutel {key}"


@pytest.mark.parametrize("template", templates(), ids=lambda p: p.name)
def test_templates_hold_no_text_outside_the_catalog(template: Path) -> None:
    source = template.read_text(encoding="utf-8")
    text = TAGS.sub(" ", JINJA.sub(" ", source))
    for allowed in ALLOWED_TEXT:
        text = text.replace(allowed, " ")
    loose = re.findall(r"[^\W\d_]{2,}", text)
    assert loose == [], f"{template.name}: tekst buiten de catalogus: {loose}"


@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        (None, None, "nl"),
        ("en", None, "en"),
        ("nl", "en", "nl"),
        ("fr", "en-US", "en"),
        (None, "en-GB,en;q=0.9,nl;q=0.8", "en"),
        (None, "nl-NL,nl;q=0.9,en;q=0.8", "nl"),
        (None, "en;q=0.2,nl;q=0.9", "nl"),
        (None, "de,fr", "nl"),
        (None, "en;q=0", "nl"),
        (None, "en;q=abc", "nl"),
    ],
)
def test_negotiate(query: str | None, header: str | None, expected: str) -> None:
    assert negotiate(query, header, "nl") == expected


def test_negotiate_falls_back_to_workspace_default() -> None:
    assert negotiate(None, None, "en") == "en"


def test_translator_formats_numbers_and_times() -> None:
    nl, en = Translator("nl"), Translator("en")
    assert nl.number(1234567) == "1.234.567"
    assert en.number(1234567) == "1,234,567"
    assert nl.number(12.345, 1) == "12,3"
    assert nl.number(None) == "–"
    assert nl("home.region", name="X") == "Regio X"
    moment = dt.datetime(2025, 1, 15, 12, 0, tzinfo=dt.UTC)
    assert nl.datetime(moment).startswith("2025-01-15 13:00")  # Amsterdam winter time
