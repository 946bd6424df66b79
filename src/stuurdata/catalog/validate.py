# SPDX-License-Identifier: EUPL-1.2
"""Metadata rules of the catalog (DCAT-AP-DONL 1.1 and the Woo), checked per dataset.

Each rule is a small function registered by decorator that yields :class:`Problem` s with the
dataset file and line. ``stuurdata validate`` shows them next to the workspace rules. A dataset
without classification is never published, whatever else its metadata says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from stuurdata.catalog.metadata import access_rights_of, organisations
from stuurdata.catalog.vocabularies import (
    FREQUENCIES,
    LANGUAGES,
    LICENSES,
    OPEN_LICENSES,
    THEMES,
    ValueList,
)
from stuurdata.errors import Problem
from stuurdata.workspace import Workspace
from stuurdata.workspace.config import Classification, Dataset
from stuurdata.workspace.yamlfile import find_line

MetadataRule = Callable[[Workspace, Dataset], Iterator[Problem]]
METADATA_RULES: list[MetadataRule] = []


def metadata_rule(func: MetadataRule) -> MetadataRule:
    METADATA_RULES.append(func)
    return func


def check_metadata(ws: Workspace) -> list[Problem]:
    """Every metadata problem of every dataset of ``ws``, in file order."""
    problems: list[Problem] = []
    for name in sorted(ws.datasets):
        for rule in METADATA_RULES:
            problems.extend(rule(ws, ws.datasets[name]))
    return problems


def _problem(
    ws: Workspace,
    dataset: Dataset,
    field: str,
    rule: str,
    message: str,
    expected: str | None = None,
    found: str | None = None,
) -> Problem:
    key = f"dataset:{dataset.name}"
    path = ws.files.get(key)
    line = find_line(path, (field,)) if path is not None else None
    if line is None and path is not None:
        line = find_line(path, ("name",))
    return Problem(ws.label(key), rule, message, line, field, expected, found)


def _is_public(dataset: Dataset) -> bool:
    return dataset.classification == Classification.OPENBAAR


def _value(
    ws: Workspace, dataset: Dataset, field: str, value: str | None, values: ValueList
) -> Iterator[Problem]:
    if value is None:
        if _is_public(dataset):
            yield _problem(
                ws, dataset, field, "dcat-verplicht", f"{values.name} ontbreekt",
                expected=", ".join(t.nl for t in values.terms), found="(leeg)",
            )  # fmt: skip
    elif values.find(value) is None:
        yield _problem(
            ws, dataset, field, "dcat-waardelijst", f"onbekende waarde voor {values.name}",
            expected=", ".join(t.nl for t in values.terms), found=value,
        )  # fmt: skip


@metadata_rule
def classified(ws: Workspace, dataset: Dataset) -> Iterator[Problem]:
    if dataset.classification is None:
        yield _problem(
            ws, dataset, "classification", "classificatie",
            "dataset zonder classificatie wordt nooit gepubliceerd",
            expected=", ".join(c.value for c in Classification), found="(leeg)",
        )  # fmt: skip


@metadata_rule
def theme(ws: Workspace, dataset: Dataset) -> Iterator[Problem]:
    yield from _value(ws, dataset, "theme", dataset.theme, THEMES)


@metadata_rule
def frequency(ws: Workspace, dataset: Dataset) -> Iterator[Problem]:
    yield from _value(ws, dataset, "frequency", dataset.frequency, FREQUENCIES)


@metadata_rule
def licence(ws: Workspace, dataset: Dataset) -> Iterator[Problem]:
    term = LICENSES.find(dataset.license)
    if _is_public(dataset) and (term is None or term.code not in OPEN_LICENSES):
        yield _problem(
            ws, dataset, "license", "dcat-licentie",
            "een openbare dataset heeft een open licentie uit de DCAT-AP-DONL-lijst",
            expected=", ".join(sorted(OPEN_LICENSES)), found=dataset.license,
        )  # fmt: skip


@metadata_rule
def language(ws: Workspace, dataset: Dataset) -> Iterator[Problem]:
    for code in dataset.language:
        if LANGUAGES.find(code) is None:
            yield _problem(
                ws, dataset, "language", "dcat-waardelijst", f"onbekende {LANGUAGES.name}",
                expected=", ".join(LANGUAGES.codes()), found=code,
            )  # fmt: skip


@metadata_rule
def woo_category(ws: Workspace, dataset: Dataset) -> Iterator[Problem]:
    if _is_public(dataset) and dataset.woo_category is None:
        yield _problem(
            ws, dataset, "woo_category", "woo-categorie",
            "een openbare dataset hoort bij een Woo-informatiecategorie",
            expected="infocat001 t/m infocat017", found="(leeg)",
        )  # fmt: skip


@metadata_rule
def woo_exception(ws: Workspace, dataset: Dataset) -> Iterator[Problem]:
    if dataset.classification is None:
        return
    if not _is_public(dataset) and dataset.woo_exception is None:
        yield _problem(
            ws, dataset, "woo_exception", "woo-uitzondering",
            "een niet-openbare dataset noemt de Woo-uitzonderingsgrond en een motivering",
            expected="woo_exception: {ground: '5.1.2.e', reason: '...'}", found="(leeg)",
        )  # fmt: skip
    if _is_public(dataset) and dataset.woo_exception is not None:
        yield _problem(
            ws, dataset, "woo_exception", "woo-uitzondering",
            "een openbare dataset heeft geen Woo-uitzonderingsgrond",
            expected="(leeg) of een andere classificatie", found=dataset.woo_exception.ground,
        )  # fmt: skip


@metadata_rule
def access_rights(ws: Workspace, dataset: Dataset) -> Iterator[Problem]:
    if dataset.classification is None or dataset.access_rights is None:
        return
    public = access_rights_of(dataset).code == "publiek"
    if public != _is_public(dataset):
        yield _problem(
            ws, dataset, "access_rights", "openbaarheidsniveau",
            "het openbaarheidsniveau past niet bij de classificatie",
            expected="publiek" if _is_public(dataset) else "beperkt of niet_publiek",
            found=dataset.access_rights,
        )  # fmt: skip


@metadata_rule
def publisher_and_spatial(ws: Workspace, dataset: Dataset) -> Iterator[Problem]:
    known = organisations(ws.config)
    if dataset.publisher is not None and dataset.publisher not in known:
        yield _problem(
            ws, dataset, "publisher", "onbekende-organisatie",
            "de uitgever is geen gemeente of regio van deze werkruimte",
            expected=", ".join(known), found=dataset.publisher,
        )  # fmt: skip
    tenants = {t.code for t in ws.config.tenants}
    for code in dataset.spatial:
        if code not in tenants:
            yield _problem(
                ws, dataset, "spatial", "onbekende-gemeente",
                "het gebied is geen gemeente van deze werkruimte",
                expected=", ".join(sorted(tenants)), found=code,
            )  # fmt: skip
