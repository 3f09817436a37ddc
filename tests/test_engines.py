"""Both engines give the same site: MkDocs + Material (the default) and Zensical, from one engine input.

``python -m showcase build --engine …`` runs generate → engine → finish for each; the two sites must
have the same pages at the same addresses, the same visible main text (typography applied), every
fact of the source, the same nav, no third-party request and the same security policy and reading
toolbar. Zensical comes from .venv-zensical (make zensical-deps; `make test` makes it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from source_facts import FACTS
import functools
import http.server

from browser_support import axe_violations, distinct_paths, format_violations, search_material, search_zensical
from tools.release.deploy.csp import content_security_policy, scan_site
from page_text import html_pages, main_text, read_page, visible_text
from tools.harness import REPO, build_environment, run_build, serve_directory
from test_search import QUERIES

pytestmark = pytest.mark.build

ZENSICAL = REPO / ".venv-zensical" / "bin" / "zensical"
SAMPLES = ["index.html", "about/index.html", "brands/fayao-xunzhou/index.html", "news/index.html", "news/2023/12/27/brand-report/index.html"]


def _build(engine: str, site_dir: Path, input_dir: Path) -> Path:
    env = build_environment(REPO, {"SITE_URL": "https://court.example/", "SOURCE_DATE_EPOCH": "1703606400",
                                   "SHOWCASE_ZENSICAL": str(ZENSICAL)})
    env.pop("SHOWCASE_PREVIEW", None)
    result = subprocess.run([sys.executable, "-c", "import sys; from showcase.engines import pipeline as engines; from pathlib import Path;"
                             f"sys.exit(engines.build(Path({str(REPO)!r}), Path({str(site_dir)!r}), {engine!r},"
                             f" Path({str(input_dir)!r})))"], cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site_dir


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    if not ZENSICAL.exists():
        message = f"{ZENSICAL} is missing: run make zensical-deps"
        if os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("engines")
    return {engine: _build(engine, folder / engine, folder / f"input-{engine}") for engine in ("mkdocs", "zensical")}


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in html_pages(site)}


def test_the_same_pages_at_the_same_addresses(sites):
    assert pages(sites["mkdocs"]) == pages(sites["zensical"])
    assert "news/2023/12/27/brand-report/index.html" in pages(sites["zensical"])


def test_the_same_main_text_on_every_page(sites):
    different = [page for page in sorted(pages(sites["mkdocs"]))
                 if "<article" in (sites["mkdocs"] / page).read_text(encoding="utf-8")
                 and main_text(sites["mkdocs"] / page) != main_text(sites["zensical"] / page)]
    assert different == []
    assert 'class="sc-nowrap"' in (sites["zensical"] / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_every_fact_of_the_source_on_both(sites, engine):
    text = " ".join(visible_text(page) for page in html_pages(sites[engine]))
    assert [fact for fact in FACTS if fact not in text] == []


def nav_titles(page: Path) -> list[str]:
    source = page.read_text(encoding="utf-8")
    nav = source[source.find('md-nav--primary'):source.find('md-sidebar--secondary')]
    return [" ".join(re.sub(r"<[^>]+>", "", title).split())
            for title in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav, re.S)]


def test_the_same_nav_in_the_same_order(sites):
    for page in SAMPLES:
        mkdocs, zensical = nav_titles(sites["mkdocs"] / page), nav_titles(sites["zensical"] / page)
        assert mkdocs and mkdocs == zensical, page
    assert nav_titles(sites["zensical"] / "about/index.html")[:3] == ["首页", "品牌矩阵", "总品牌"]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_no_third_party_request_and_the_same_policy_and_toolbar(sites, engine):
    for page in html_pages(sites[engine]):
        outside = [url for url in read_page(page).resources if urlsplit(url).netloc]
        assert outside == [], page
    for page in SAMPLES:
        source = (sites[engine] / page).read_text(encoding="utf-8")
        reference = (sites["mkdocs"] / page).read_text(encoding="utf-8")
        policy = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', source)
        assert policy == re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', reference)
        assert source.count("sc-care") == reference.count("sc-care") > 0


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_feed_and_sitemap_come_from_the_core_on_both(sites, engine):
    feed = (sites[engine] / "feed.xml").read_text(encoding="utf-8")
    assert "https://court.example/news/2023/12/27/brand-report/" in feed
    sitemap = (sites[engine] / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap == (sites["mkdocs"] / "sitemap.xml").read_text(encoding="utf-8")


def test_the_mkdocs_shim_gives_the_pipelines_site_byte_for_byte(sites, tmp_path):
    """make serve and a plain `mkdocs build` (hooks/mkdocs_hooks.py) give what `make build` gives."""
    result = run_build(REPO, tmp_path / "site", env={"SITE_URL": "https://court.example/", "SOURCE_DATE_EPOCH": "1703606400"})
    assert result.returncode == 0, result.stderr
    shim = {p.relative_to(tmp_path / "site").as_posix(): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    pipeline = {p.relative_to(sites["mkdocs"]).as_posix(): p.read_bytes() for p in sites["mkdocs"].rglob("*") if p.is_file()}
    assert sorted(shim) == sorted(pipeline)
    assert [name for name in shim if shim[name] != pipeline[name]] == []


@pytest.mark.browser
def test_chinese_search_recall_on_both_engines(sites, browser):
    """The 22 queries of test_search.py on each engine's own search (README: 中文搜索). Material's
    finds all 22 pages among the first three results; Zensical's 0.0.73 ranks two lower (审执结,
    三会一课: the page is found, below three others), which is accepted and documented."""
    found = {}
    for engine, search in (("mkdocs", search_material), ("zensical", search_zensical)):
        page = browser.new_page()
        with serve_directory(sites[engine]) as base:
            hits = []
            for query, expected in QUERIES:
                page.goto(base)
                results = [url.replace(base, "/") if url.startswith(base) else url for url in search(page, query)]
                hits.append(expected in distinct_paths(results, 3))
        page.close()
        found[engine] = sum(hits)
        print(f"{engine}: {found[engine]}/{len(QUERIES)}")
    assert found["mkdocs"] == len(QUERIES)
    assert found["zensical"] >= len(QUERIES) - 2


# Collects CSP violations in every document, from the first script on.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`);
}, true);
"""


class _PolicyHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site with the Content-Security-Policy that publishing computes for it (tools/release/deploy/csp.py)."""

    policy = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the standard library's name
        pass


@pytest.mark.browser
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_csp_axe_and_the_reading_toolbar_on_both(sites, browser, engine):
    site = sites[engine]
    handler = type("Handler", (_PolicyHandler,), {"policy": content_security_policy(scan_site(site))})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    import threading

    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    page = browser.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    outside = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith((base, "data:")) else None)
    try:
        for path in ["", "brands/xunzhou-fengqiao/", "news/", "news/2023/12/27/brand-report/"]:
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            violations = axe_violations(page)
            assert violations == [], f"{engine} {path}: {format_violations(violations)}"
            blocked = page.evaluate("window.__cspViolations")
            if engine == "zensical":
                # Known, reported difference: Zensical 0.0.73's scripts add <style> elements at run time
                # (its search dialog), which a policy of hashes cannot allow (README: 两个引擎的差别).
                blocked = [b for b in blocked if b != "style-src-elem inline"]
            assert blocked == [], (engine, path)
        size = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
        page.get_by_role("group", name="字号").get_by_role("button", name="大", exact=True).click()
        assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") > size
        page.get_by_role("button", name="关怀模式", exact=True).click()
        assert page.evaluate("document.documentElement.dataset.care") == "on"
        assert page.get_by_role("button", name="连读", exact=True).is_visible() or page.get_by_role(
            "button", name="更多", exact=False).count() > 0  # read-aloud sits under 更多 on narrow screens
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    assert outside == []
