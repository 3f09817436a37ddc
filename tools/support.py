"""One strict MkDocs build of a project into a folder: the command every tool and test runs.

``run_build`` starts ``python -m mkdocs build --strict`` for ``project/mkdocs.yml`` with the
core (``project/hooks``) importable and MkDocs' end-of-life banner off. Callers add their own
arguments (``--quiet``), environment (``SOURCE_DATE_EPOCH``) or a command prefix (faketime).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def build_arguments(project: Path, site_dir: Path, *extra: str) -> list[str]:
    """MkDocs' own command line, for running it in this process (tools/bench.py)."""
    return ["build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *extra]


def build_command(project: Path, site_dir: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *build_arguments(project, site_dir, *extra)]


def build_environment(project: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(project / "hooks"), os.environ.get("PYTHONPATH")])),
        **(env or {}),
    }


def run_build(
    project: Path,
    site_dir: Path,
    *extra: str,
    env: dict[str, str] | None = None,
    prefix: tuple[str, ...] = (),
    timeout: float | None = 600,
) -> subprocess.CompletedProcess:
    """Build ``project`` into ``site_dir``; the caller checks ``returncode`` and reads ``stderr``."""
    return subprocess.run(
        [*prefix, *build_command(project, site_dir, *extra)],
        cwd=project,
        env=build_environment(project, env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
