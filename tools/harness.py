"""The project on this machine: copied, built strictly, served on loopback, opened in Debian's Chromium.

What the release tools (``tools/release``), the developer tools (``tools/dev``) and the tests share.
Only the standard library, so that publishing and rollback work with any Python 3.11.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Everything a build reads: a copy of these builds like the project itself.
PROJECT_PARTS = ("mkdocs.yml", "docs", "data", "hooks", "overrides", "templates")
# SOURCE_DATE_EPOCH outside git: 2023-12-27 00:00 Beijing time, the date of the court's report.
FALLBACK_EPOCH = 1703606400


# --------------------------------------------------------------------------- the project and its build


def copy_project(target: Path, source: Path = REPO) -> Path:
    """A copy of everything the build of ``source`` reads, to change without touching the project."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        path = source / part
        if path.is_dir():
            shutil.copytree(path, target / part, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
        elif path.exists():
            shutil.copy(path, target / part)
    return target


def build_arguments(project: Path, site_dir: Path, *extra: str) -> list[str]:
    """MkDocs' own command line, for running it in this process (tools/dev/bench.py)."""
    return ["build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir), *extra]


def build_command(project: Path, site_dir: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "mkdocs", *build_arguments(project, site_dir, *extra)]


def build_environment(project: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """The core (``project/hooks``) importable and MkDocs' end-of-life banner off."""
    return {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(project / "hooks"), os.environ.get("PYTHONPATH")])),
        **(env or {}),
    }


class BuildNotAllowed(RuntimeError):
    """A test builds the site without the ``build`` marker (``make test-fast`` must stay quick)."""


# Set by tests/conftest.py for each test: False unless the test carries the ``build`` marker.
builds_allowed = True


def run_build(
    project: Path,
    site_dir: Path,
    *extra: str,
    env: dict[str, str] | None = None,
    prefix: tuple[str, ...] = (),
    timeout: float | None = 600,
) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``project`` into ``site_dir``; the caller checks ``returncode``.

    Callers add their own arguments (``--quiet``), environment (``SOURCE_DATE_EPOCH``) or a
    command prefix (faketime).
    """
    if not builds_allowed:
        raise BuildNotAllowed("this test builds the site: mark it with @pytest.mark.build")
    return subprocess.run(
        [*prefix, *build_command(project, site_dir, *extra)],
        cwd=project,
        env=build_environment(project, env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def release_build(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """What a release builds: the core's pipeline (``python -m showcase build``: generate → engine →
    finish), clean and reproducible, into ``site_dir``; the caller checks ``returncode``. The core of
    ``project`` itself runs (its ``hooks``), so that publishing another checkout builds it as it is."""
    if not builds_allowed:
        raise BuildNotAllowed("this test builds the site: mark it with @pytest.mark.build")
    env = {"SOURCE_DATE_EPOCH": source_date_epoch(project), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "showcase", "build", "--site-dir", str(site_dir.resolve())],
        cwd=project, env=build_environment(project, env), capture_output=True, text=True,
    )


def source_date_epoch(project: Path) -> str:
    """``SOURCE_DATE_EPOCH`` from the environment, else the last commit's time, else a fixed date."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        result = subprocess.run(
            ["git", "-C", str(project), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return str(FALLBACK_EPOCH)
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else str(FALLBACK_EPOCH)


# --------------------------------------------------------------------------- a local server and Chromium


# Debian's Chromium: Playwright's own browsers cannot be downloaded here.
CHROMIUM = Path("/usr/bin/chromium")
# Headless, no sandbox (containers run as root) and no calls home, so runs stay offline and repeatable.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def chromium_launch_options(headless: bool = True) -> dict:
    """Keyword arguments for ``playwright.chromium.launch`` that start Debian's Chromium."""
    args = [arg for arg in CHROMIUM_ARGS if headless or arg != "--headless"]
    return {"executable_path": str(CHROMIUM), "args": args, "headless": headless}


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on at the moment (the OS picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answers(url: str, timeout: float = 120, data: bytes | None = None) -> None:
    """Poll ``url`` (a JSON POST of ``data``, when given) until it answers 200; the last error
    after ``timeout`` seconds. For servers started in the background: mkdocs serve, decap-server."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging every request to stderr."""

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the standard library's name
        pass


@contextmanager
def serve_directory(path: Path, handler_class: type = _QuietHandler) -> Iterator[str]:
    """Serve ``path`` on 127.0.0.1 at a free port; yields the base URL, ending in ``/``."""
    handler = functools.partial(handler_class, directory=str(path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # port 0: the OS picks a free one
    thread = threading.Thread(target=server.serve_forever, name=f"serve {path}", daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
