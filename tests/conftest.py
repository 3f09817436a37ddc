"""Shared fixtures: the real site built once, a local server for it, and Debian's Chromium.

Browser fixtures come from pytest-playwright (``page``, ``context``, ``new_context``, ``browser``);
the overrides below only point them at /usr/bin/chromium. Each test gets a fresh ``page`` in a
fresh context, 1280x800 and zh-CN by default. For a phone viewport either mark the test with
``@pytest.mark.browser_context_args(viewport=PHONE)`` or call ``page.set_viewport_size(PHONE)``.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tools import harness
from tools.harness import CHROMIUM, DESKTOP, REPO, chromium_launch_options, run_build, serve_directory

TEST_SITE_URL = "https://court.example/"

# pytest-playwright fixtures that start a browser; tests using them get the "browser" marker.
BROWSER_FIXTURES = {"browser", "context", "new_context", "page"}
# Fixtures that build or publish the site; tests using them (directly or through another fixture)
# get the "build" marker. A test that calls run_build itself carries @pytest.mark.build.
BUILD_FIXTURES = {"built_site", "published", "nginx_site", "poisoned_site", "answers", "first_build"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Marked automatically so that `-m "not browser"` also leaves out tests that forgot the marker.
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before the test's fixtures: a test (or a fixture of it) that builds without the marker fails,
    # so that `make test-fast` (-m "not build and not browser and not server") never builds the site.
    harness.builds_allowed = item.get_closest_marker("build") is not None


@pytest.fixture(autouse=True)
def no_port_in_the_fast_lane(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test without the server, browser or build marker may not open a network port: it would be in
    `make test-fast`, which starts no server. Mark it @pytest.mark.server instead."""
    if any(request.node.get_closest_marker(name) for name in ("server", "browser", "build")):
        return

    def refuse(self, address):
        raise AssertionError(f"this test opens a network port ({address}): mark it @pytest.mark.server")

    monkeypatch.setattr(socket.socket, "bind", refuse)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with ``mkdocs build --strict``, at a test address
    (a public build without one writes no feed, sitemap or canonical links: tests/test_public_build.py)."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_build(REPO, site_dir, env={"SITE_URL": TEST_SITE_URL})
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr}", pytrace=False)
    return site_dir


@pytest.fixture(scope="session")
def site_server(built_site: Path):
    """Base URL (``http://127.0.0.1:PORT/``) of the built site, served for the whole session."""
    with serve_directory(built_site) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options, pointed at Debian's Chromium (``--headed`` still works)."""
    headless = browser_type_launch_args.get("headless", True)
    return {**browser_type_launch_args, **chromium_launch_options(headless)}


@pytest.fixture(scope="session")
def base_url(pytestconfig: pytest.Config) -> str | None:
    """``--base-url`` or the ``base_url`` ini value, as in pytest-playwright.

    Redefined here because the plugin's own fallback is a session fixture written as a method,
    which pytest 9 warns about and pytest 10 will reject.
    """
    return pytestconfig.getoption("--base-url", None) or pytestconfig.getini("base_url") or None


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """Desktop viewport and Chinese locale unless ``--device`` or a marker says otherwise."""
    return {"viewport": DESKTOP, "locale": "zh-CN", **browser_context_args}


@pytest.fixture(scope="session")
def browser(launch_browser):
    """Chromium for the session; skipped without /usr/bin/chromium, failed if REQUIRE_BROWSER=1."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install it with `apt-get install -y chromium fonts-noto-cjk`"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    browser = launch_browser()
    yield browser
    browser.close()
