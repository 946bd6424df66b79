# SPDX-License-Identifier: EUPL-1.2
from __future__ import annotations

from pathlib import Path

from stuurdata.demo.template import install_template, template_files

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "demo-regio"
GENERATED = ("data/", ".stuurdata/")


def _example_files() -> dict[str, bytes]:
    found = {}
    for path in sorted(EXAMPLE.rglob("*")):
        name = path.relative_to(EXAMPLE).as_posix()
        if path.is_file() and not name.startswith(GENERATED):
            found[name] = path.read_bytes()
    return found


def test_examples_demo_regio_equals_the_packaged_template() -> None:
    packaged = template_files()
    assert "stuurdata.yaml" in packaged
    assert any(name.startswith("models/marts/") for name in packaged)
    assert _example_files() == packaged


def test_every_definition_says_synthetisch() -> None:
    for name, content in template_files().items():
        if name.endswith((".yaml", ".md")) and not name.startswith("datasets/"):
            assert "synthetisch" in content.decode("utf-8").lower(), name
    for name, content in template_files().items():
        if name.startswith("datasets/"):
            assert "synthetische" in content.decode("utf-8").lower(), name


def test_install_only_into_a_folder_without_workspace(tmp_path: Path) -> None:
    assert install_template(tmp_path)
    (tmp_path / "stuurdata.yaml").write_text("name: eigen\n", encoding="utf-8")
    assert not install_template(tmp_path)
    assert (tmp_path / "stuurdata.yaml").read_text(encoding="utf-8") == "name: eigen\n"
