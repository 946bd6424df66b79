# SPDX-License-Identifier: EUPL-1.2
"""Read YAML definitions into pydantic models, reporting every problem with file and line."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from stuurdata.errors import Problem

M = TypeVar("M", bound=BaseModel)


def _line_of(node: yaml.Node | None, loc: Sequence[int | str]) -> int | None:
    """The 1-based line of the YAML node at ``loc``, or of the nearest parent that exists."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == part:
                    child = value_node
                    break
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            child = node.value[part]
        if child is None:
            return line
        node = child
        line = node.start_mark.line + 1
    return line


def relative_name(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def load_model(path: Path, model: type[M], root: Path) -> tuple[M | None, list[Problem]]:
    """Parse ``path`` as YAML and validate it as ``model``; never raises for bad content."""
    name = relative_name(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, "leesbaar", f"kan het bestand niet lezen: {exc}")]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data: Any = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        row = mark.line + 1 if mark is not None else None
        return None, [Problem(name, "yaml", f"geen geldige YAML: {exc}", row=row)]
    if not isinstance(data, dict):
        return None, [Problem(name, "yaml", "verwacht een YAML-object (sleutel: waarde)", row=1)]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = [p for p in err["loc"] if isinstance(p, int | str)]
            field = ".".join(str(p) for p in loc) or "(bestand)"
            found = err.get("input")
            problems.append(
                Problem(
                    file=name,
                    rule="schema",
                    message=f"{field}: {err['msg']}",
                    row=_line_of(node, loc),
                    column=field,
                    found=None if isinstance(found, dict | list) else repr(found)[:80],
                )
            )
        return None, problems


def find_line(path: Path, loc: Sequence[int | str]) -> int | None:
    """The line of ``loc`` (e.g. ``("columns", 2, "name")``) in a YAML file, for messages."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return _line_of(node, loc)


def load_folder(
    folder: Path,
    model: type[M],
    root: Path,
    kind: str,
    key: Callable[[M], str],
    files: dict[str, Path],
    problems: list[Problem],
) -> dict[str, M]:
    """Every ``*.yaml`` of ``folder`` validated as ``model``, by ``key``; each file recorded in
    ``files`` as ``<kind>:<key>`` (a key defined twice is a problem), schema problems appended."""
    found: dict[str, M] = {}
    for path in sorted(folder.glob("*.y*ml")):
        entry, schema_problems = load_model(path, model, root)
        problems += schema_problems
        if entry is None:
            continue
        name = key(entry)
        problems += register_file(files, f"{kind}:{name}", path, root)
        found[name] = entry
    return found


def register_file(files: dict[str, Path], key: str, path: Path, root: Path) -> list[Problem]:
    """Record ``path`` as the file of ``key``; a problem when another file has it already."""
    if key in files:
        other = relative_name(files[key], root)
        return [Problem(relative_name(path, root), "uniek", f"'{key}' staat ook in {other}")]
    files[key] = path
    return []
