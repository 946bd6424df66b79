# SPDX-License-Identifier: EUPL-1.2
"""The workspace: a folder of definitions, loaded and checked as one typed object."""

from __future__ import annotations

from dataclasses import dataclass, field
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import TYPE_CHECKING

from stuurdata.errors import Problem, WorkspaceError
from stuurdata.workspace.config import Dataset, Source, WorkspaceConfig
from stuurdata.workspace.indicator import Indicator
from stuurdata.workspace.registers import Registers, load_registers
from stuurdata.workspace.sqlmodel import LAYERS, SqlModel, parse_model
from stuurdata.workspace.yamlfile import load_folder, load_model, relative_name

if TYPE_CHECKING:  # imported in load(): stuurdata.dashboards.config imports this package
    from stuurdata.dashboards.config import Dashboard

CONFIG_FILE = "stuurdata.yaml"


@dataclass
class Workspace:
    root: Path
    config: WorkspaceConfig
    sources: dict[str, Source] = field(default_factory=dict)
    models: dict[str, SqlModel] = field(default_factory=dict)
    datasets: dict[str, Dataset] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    """Definition file per object key (``source:x``, ``model:marts.y``, ``dataset:z``)."""
    indicators: dict[str, Indicator] = field(default_factory=dict)
    """Indicator definitions (``indicators/*.yaml``) by id."""
    dashboards: dict[str, Dashboard] = field(default_factory=dict)
    """Dashboard definitions (``dashboards/*.yaml``) by id."""
    registers: Registers = field(default_factory=Registers)
    """Public registers (``registers/algoritmes|sensoren|dpias/*.yaml``)."""

    @classmethod
    def load(cls, root: Path) -> Workspace:
        """Load every definition; raise :class:`WorkspaceError` listing all schema problems."""
        from stuurdata.dashboards.config import Dashboard

        root = root.resolve()
        config_path = root / CONFIG_FILE
        if not config_path.is_file():
            raise WorkspaceError(
                f"geen werkruimte in {root}",
                [
                    Problem(
                        CONFIG_FILE,
                        "werkruimte",
                        "bestand ontbreekt; maak er een met 'stuurdata init'",
                    )
                ],
            )
        problems: list[Problem] = []
        config, found = load_model(config_path, WorkspaceConfig, root)
        problems += found
        models: dict[str, SqlModel] = {}
        files: dict[str, Path] = {}

        sources = load_folder(
            root / "sources", Source, root, "source", lambda s: s.name, files, problems
        )
        datasets = load_folder(
            root / "datasets", Dataset, root, "dataset", lambda d: d.name, files, problems
        )
        indicators = load_folder(
            root / "indicators", Indicator, root, "indicator", lambda i: i.id, files, problems
        )
        dashboards = load_folder(
            root / "dashboards", Dashboard, root, "dashboard", lambda d: d.id, files, problems
        )
        registers, found = load_registers(root, files)
        problems += found
        for layer in LAYERS:
            for path in sorted((root / "models" / layer).glob("*.sql")):
                model, found = parse_model(path, layer, relative_name(path, root))
                problems += found
                if model is not None:
                    files[f"model:{model.name}"] = path
                    models[model.name] = model
        if problems or config is None:
            raise WorkspaceError(f"de werkruimte {root} bevat fouten", problems)
        return cls(
            root, config, sources, models, datasets, files, indicators, dashboards, registers
        )

    def path(self, relative: str) -> Path:
        return (self.root / relative).resolve()

    def label(self, key: str) -> str:
        """Workspace-relative file name of a definition, for messages."""
        path = self.files.get(key)
        return relative_name(path, self.root) if path else CONFIG_FILE

    def check(self) -> list[Problem]:
        """Semantic problems across files (schema problems are raised by :meth:`load`)."""
        import stuurdata.dashboards.rules  # noqa: F401  (registers the dashboard rules)
        from stuurdata.workspace import register_rules  # noqa: F401  (registers its rules)
        from stuurdata.workspace.rules import run_rules

        return run_rules(self)

    def model_order(self) -> list[SqlModel]:
        """Models in dependency order; raise :class:`WorkspaceError` on a cycle."""
        graph = {
            name: {dep for dep in model.depends_on if dep in self.models}
            for name, model in self.models.items()
        }
        try:
            order = list(TopologicalSorter(graph).static_order())
        except CycleError as exc:
            cycle = " -> ".join(exc.args[1])
            raise WorkspaceError(
                "modellen hangen in een kring van elkaar af",
                [Problem(self.label(f"model:{exc.args[1][0]}"), "kring", f"kring: {cycle}")],
            ) from None
        return [self.models[name] for name in order]
