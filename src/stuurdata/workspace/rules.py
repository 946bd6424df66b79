# SPDX-License-Identifier: EUPL-1.2
"""Semantic rules across workspace files, each a small function registered by decorator.

A rule gets the loaded :class:`Workspace` and yields :class:`Problem` s with file and line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from stuurdata.errors import Problem, WorkspaceError
from stuurdata.workspace.config import Classification
from stuurdata.workspace.sqlmodel import LAYERS
from stuurdata.workspace.workspace import CONFIG_FILE, Workspace
from stuurdata.workspace.yamlfile import find_line

Rule = Callable[[Workspace], Iterator[Problem]]
RULES: list[Rule] = []
AREA_TABLES = frozenset({"areas.gemeenten", "areas.wijken", "areas.buurten", "areas.regios"})


def rule(func: Rule) -> Rule:
    RULES.append(func)
    return func


def run_rules(ws: Workspace) -> list[Problem]:
    problems: list[Problem] = []
    for check in RULES:
        problems.extend(check(ws))
    return problems


def _problem(
    ws: Workspace,
    key: str,
    loc: tuple[int | str, ...],
    rule_name: str,
    message: str,
    expected: str | None = None,
    found: str | None = None,
) -> Problem:
    path = ws.files.get(key, ws.root / CONFIG_FILE)
    return Problem(
        ws.label(key),
        rule_name,
        message,
        row=find_line(path, loc),
        column=".".join(map(str, loc)) or None,
        expected=expected,
        found=found,
    )


@rule
def datasets_are_classified(ws: Workspace) -> Iterator[Problem]:
    for name, dataset in ws.datasets.items():
        if dataset.classification is None:
            yield _problem(
                ws,
                f"dataset:{name}",
                ("name",),
                "classificatie",
                "dataset zonder classificatie wordt nooit gepubliceerd",
                expected=", ".join(c.value for c in Classification),
                found="(leeg)",
            )


@rule
def datasets_reference_models(ws: Workspace) -> Iterator[Problem]:
    for name, dataset in ws.datasets.items():
        if dataset.model not in ws.models:
            yield _problem(
                ws,
                f"dataset:{name}",
                ("model",),
                "onbekende-verwijzing",
                f"model '{dataset.model}' bestaat niet",
                expected="een model uit models/",
                found=dataset.model,
            )
        elif dataset.classification is Classification.OPENBAAR and not dataset.model.startswith(
            "marts."
        ):
            yield _problem(
                ws,
                f"dataset:{name}",
                ("model",),
                "openbaar-uit-marts",
                "een openbare dataset komt uit de marts-laag",
                expected="marts.<naam>",
                found=dataset.model,
            )


@rule
def open_datasets_have_no_personal_columns(ws: Workspace) -> Iterator[Problem]:
    for name, dataset in ws.datasets.items():
        if dataset.classification is not Classification.OPENBAAR:
            continue
        for column, level in dataset.column_classifications.items():
            if level.is_personal:
                yield _problem(
                    ws,
                    f"dataset:{name}",
                    ("column_classifications", column),
                    "classificatie",
                    f"kolom '{column}' bevat persoonsgegevens in een openbare dataset",
                    expected="openbaar of intern",
                    found=level.value,
                )


def _is_personal_source(ws: Workspace, name: str) -> bool:
    source = ws.sources.get(name)
    if source is None:
        return False
    return source.classification.is_personal or any(
        c.pseudonymise or (c.classification is not None and c.classification.is_personal)
        for c in source.columns
    )


def personal_inputs(ws: Workspace, table: str) -> set[str]:
    """The personal sources (``raw.<name>``) that ``table`` reads, directly or through models."""
    found: set[str] = set()
    seen: set[str] = set()
    todo = [table]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if current.startswith("raw.") and _is_personal_source(ws, current[4:]):
            found.add(current)
        model = ws.models.get(current)
        if model is not None:
            todo.extend(model.depends_on)
    return found


RESERVED_DATASETS = frozenset({"indicators"})
"""Names taken in the published layer by the platform itself (``published.indicators``)."""


@rule
def open_datasets_are_protected(ws: Workspace) -> Iterator[Problem]:
    """An openbaar dataset over personal data names a disclosure policy per numeric column."""
    from stuurdata.disclosure import STANDARD_POLICIES

    for name, dataset in ws.datasets.items():
        if dataset.classification is not Classification.OPENBAAR:
            continue
        if not dataset.model.startswith("marts."):
            continue  # refused already by 'openbaar-uit-marts'
        key = f"dataset:{name}"
        if name in RESERVED_DATASETS:
            yield _problem(
                ws,
                key,
                ("name",),
                "gereserveerd",
                f"de naam '{name}' is gereserveerd",
                found=name,
            )
        disclosure = dataset.disclosure
        personal = sorted(personal_inputs(ws, dataset.model))
        if personal and (disclosure is None or not disclosure.columns):
            yield _problem(
                ws,
                key,
                ("model",),
                "geheimhouding",
                "een openbare dataset over persoonsgegevens ("
                + ", ".join(personal)
                + ") noemt per numerieke kolom een geheimhoudingsbeleid",
                expected="disclosure: {area: buurtcode, columns: {<kolom>: cbs-aantallen}}",
                found="(geen)",
            )
        if disclosure is None:
            continue
        for column in disclosure.columns:
            spec = disclosure.column(column)
            assert spec is not None
            if spec.policy not in STANDARD_POLICIES:
                yield _problem(
                    ws,
                    key,
                    ("disclosure", "columns", column),
                    "onbekende-verwijzing",
                    f"geheimhoudingsbeleid '{spec.policy}' van kolom '{column}' bestaat niet",
                    expected=", ".join(sorted(STANDARD_POLICIES)),
                    found=spec.policy,
                )
            elif personal and spec.policy == "geen":
                yield _problem(
                    ws,
                    key,
                    ("disclosure", "columns", column),
                    "geheimhouding",
                    f"kolom '{column}' komt uit persoonsgegevens en mag niet zonder "
                    "geheimhouding (beleid 'geen') openbaar worden",
                    expected="een beleid zoals cbs-aantallen of cbs-sociaal-domein",
                    found="geen",
                )


@rule
def model_dependencies_exist(ws: Workspace) -> Iterator[Problem]:
    known = {f"raw.{s}" for s in ws.sources} | AREA_TABLES | set(ws.models)
    for name, model in ws.models.items():
        for dep in sorted(model.depends_on):
            if dep not in known:
                yield Problem(
                    ws.label(f"model:{name}"),
                    "onbekende-verwijzing",
                    f"model '{name}' leest '{dep}', dat niet bestaat",
                    expected="raw.<bron>, areas.<niveau> of <laag>.<model>",
                    found=dep,
                )
                continue
            layer = dep.split(".", 1)[0]
            if layer in LAYERS and LAYERS.index(layer) > LAYERS.index(model.layer):
                yield Problem(
                    ws.label(f"model:{name}"),
                    "laagvolgorde",
                    f"model '{name}' ({model.layer}) leest uit een latere laag: '{dep}'",
                    expected="raw -> staging -> marts",
                    found=dep,
                )


@rule
def models_have_no_cycles(ws: Workspace) -> Iterator[Problem]:
    try:
        ws.model_order()
    except WorkspaceError as exc:
        yield from exc.problems


@rule
def sources_have_purposes(ws: Workspace) -> Iterator[Problem]:
    purposes = {p.id for p in ws.config.purposes}
    for name, source in ws.sources.items():
        key = f"source:{name}"
        if source.purpose is not None and source.purpose not in purposes:
            yield _problem(
                ws,
                key,
                ("purpose",),
                "onbekende-verwijzing",
                f"doel '{source.purpose}' staat niet in stuurdata.yaml (purposes)",
                expected=", ".join(sorted(purposes)) or "(geen doelen)",
                found=source.purpose,
            )
        personal = source.classification.is_personal or any(c.pseudonymise for c in source.columns)
        if personal and source.purpose is None:
            yield _problem(
                ws,
                key,
                ("classification",),
                "doelbinding",
                "persoonsgegevens zonder geregistreerd doel (doelbinding)",
                expected="purpose: <doel-id>",
                found="(geen)",
            )
        if source.classification.is_personal and not source.columns:
            yield _problem(
                ws,
                key,
                ("columns",),
                "kolommen",
                "een bron met persoonsgegevens moet haar kolommen declareren",
            )


@rule
def source_keys_are_columns(ws: Workspace) -> Iterator[Problem]:
    for name, source in ws.sources.items():
        declared = {c.name for c in source.columns}
        names = [c.name for c in source.columns]
        for i, column in enumerate(source.key):
            if declared and column not in declared:
                yield _problem(
                    ws,
                    f"source:{name}",
                    ("key", i),
                    "onbekende-verwijzing",
                    f"sleutelkolom '{column}' is niet gedeclareerd",
                    expected=", ".join(sorted(declared)),
                    found=column,
                )
        for i, column in enumerate(names):
            if names.index(column) != i:
                yield _problem(
                    ws,
                    f"source:{name}",
                    ("columns", i, "name"),
                    "uniek",
                    f"kolom '{column}' staat twee keer in de bron",
                )


@rule
def region_members_are_tenants(ws: Workspace) -> Iterator[Problem]:
    region = ws.config.region
    tenants = [t.code for t in ws.config.tenants]
    for i, code in enumerate(tenants):
        if tenants.index(code) != i:
            yield _problem(
                ws,
                "config",
                ("tenants", i, "code"),
                "uniek",
                f"gemeente {code} staat twee keer in tenants",
            )
    if region is None:
        return
    for i, code in enumerate(region.members):
        if code not in tenants:
            yield _problem(
                ws,
                "config",
                ("region", "members", i),
                "onbekende-verwijzing",
                f"regiolid {code} is geen tenant",
                expected=", ".join(tenants),
                found=code,
            )
    if region.cost_key and set(region.cost_key) != set(region.members):
        yield _problem(
            ws,
            "config",
            ("region", "cost_key"),
            "kostenverdeelsleutel",
            "de kostenverdeelsleutel moet precies de regioleden noemen",
            expected=", ".join(sorted(region.members)),
            found=", ".join(sorted(region.cost_key)),
        )


@rule
def area_files_exist(ws: Workspace) -> Iterator[Problem]:
    for level in ("gemeenten", "wijken", "buurten"):
        relative = getattr(ws.config.areas, level)
        if not Path(ws.path(relative)).exists():
            yield _problem(
                ws,
                "config",
                ("areas", level),
                "bestand",
                f"grenzenbestand '{relative}' ontbreekt",
                found=relative,
            )


def _register_indicator_rules() -> None:
    """The indicator rules live in their own module; importing it registers them."""
    import stuurdata.workspace.indicator_rules  # noqa: F401


_register_indicator_rules()
