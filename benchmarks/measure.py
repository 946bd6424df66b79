# SPDX-License-Identifier: EUPL-1.2
"""Wall time and peak memory of one command in a fresh child process (``os.wait4``)."""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_mib: float
    """Peak resident set size of the child (``ru_maxrss``)."""
    cpu_seconds: float = 0.0
    """User + system CPU time of the child: less sensitive than wall time to other load."""
    result: dict[str, Any] = field(default_factory=dict)
    """The JSON the child printed as its last line of output."""
    error: str | None = None
    """Why the child failed (exit status and the end of its error output), None when it did not."""


def child_environment(pycache: Path) -> dict[str, str]:
    """The environment of measured children: bytecode cached (in ``pycache``), as in any
    installed Python, so neither side pays for compiling its imports on every start.

    Without this, ``PYTHONDONTWRITEBYTECODE=1`` in a shell would make the Stuurdata side (which
    imports far more modules) recompile pydantic, sqlglot, numpy, ... in every run.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def measure(
    command: list[str],
    log: Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Measurement:
    """Run ``command``; its stdout and stderr go to ``log`` (and ``log``.err)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    err = log.with_suffix(log.suffix + ".err")
    with log.open("wb") as out, err.open("wb") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=errors, cwd=cwd, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    if process.returncode != 0:
        tail = err.read_text(errors="replace")[-2000:]
        killed = " (killed: out of memory?)" if process.returncode == -9 else ""
        error = f"exit status {process.returncode}{killed}; see {err}\n{tail}"
        return Measurement(seconds, usage.ru_maxrss / 1024, cpu, {}, error)
    lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
    result = json.loads(lines[-1]) if lines else {}
    return Measurement(seconds, usage.ru_maxrss / 1024, cpu, result)
