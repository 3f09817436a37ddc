"""make offline: the zipped public site, unzipped and opened from file:// as a reviewer would."""

from __future__ import annotations

import os
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tools.release import offline
from browser_support import search_material
from showcase.content.loader import load_catalog
from tools.harness import REPO

pytestmark = pytest.mark.build  # the fixture builds the offline site
EVERY = load_catalog(REPO / "data", include_drafts=True)
PUBLIC = load_catalog(REPO / "data")


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not offline.SHIM_PACKAGE.exists():
        message = f"{offline.SHIM_PACKAGE} is missing: run `make node-deps`"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("offline")
    archive = folder / "site.zip"
    offline.make_offline(archive)
    with zipfile.ZipFile(archive) as zipped:
        tops = {name.split("/")[0] for name in zipped.namelist()}
        assert tops == {f"{PUBLIC.master.name}-离线版"}  # one folder, named for the brand
        zipped.extractall(folder / "out")
    return folder / "out" / tops.pop()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src"):
            if attrs.get(key) and not (tag == "link" and attrs.get("rel") in ("canonical", "alternate")):
                self.targets.append(attrs[key])


@pytest.mark.build
def test_every_link_and_image_of_every_page_is_in_the_copy(unzipped: Path):
    pages = sorted(unzipped.rglob("*.html"))
    assert len(pages) > 20
    broken = []
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme in ("http", "https", "mailto", "data") or not parts.path:
                continue
            assert not target.startswith("//"), target
            resolved = (page.parent / unquote(parts.path)).resolve()
            if resolved.is_dir() or not resolved.exists():
                broken.append(f"{page.relative_to(unzipped)} → {target}")
    assert broken == []
    # Charts are drawn in the page itself (SVG), with their data tables.
    figures = (unzipped / "figures.html").read_text(encoding="utf-8")
    assert "<svg" in figures and "<table" in figures


def test_only_public_pages_are_in_the_copy(unzipped: Path, built_site: Path):
    names = {p.relative_to(unzipped).as_posix() for p in unzipped.rglob("*") if p.is_file()}
    assert "index.html" in names and "search/search_index.js" in names
    assert not any(name.startswith("tracking") for name in names)  # the editors' dashboard
    # No page that the public build (make build) leaves out: editors' preview material, drafts.
    for name in names:
        if name.endswith(".html"):
            stem = name.removesuffix(".html")
            public = stem + ".html" if stem.endswith("index") else stem + "/index.html"
            assert (built_site / public).exists(), name
    public = {item.slug for item in [*PUBLIC.sub_brands, *PUBLIC.projects]}
    for item in [*EVERY.sub_brands, *EVERY.projects]:
        if item.slug not in public:
            assert not any(item.slug in name for name in names), item.slug
    # Draft news posts (draft: true in their front matter) stay out too.
    for post in sorted((REPO / "docs/news/posts").glob("*.md")):
        if re.search(r"^draft:\s*true\s*$", post.read_text(encoding="utf-8").split("\n---", 1)[0], re.M):
            assert not any(name.endswith(f"/{post.stem}.html") for name in names), post.name
    assert not any('class="sc-draft-mark"' in (unzipped / n).read_text(encoding="utf-8") for n in names if n.endswith(".html"))


def test_the_search_index_script_holds_its_chinese_as_characters(unzipped: Path):
    # As the served site's search_index.json (finish.py): "\u6cd5" escapes would make it about 4 times larger.
    script = (unzipped / "search/search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = {") and "法耀浔州" in script
    assert not re.search(r"\\u[4-9][0-9a-f]{3}", script)


def test_opened_from_file_it_follows_links_and_searches_in_chinese(unzipped: Path, page):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((unzipped / "index.html").as_uri())
    assert page.locator("h1").first.is_visible()
    fengqiao = next(b for b in PUBLIC.sub_brands if b.slug == "xunzhou-fengqiao")
    # The home page is a landing page: its brand cards, not the (hidden) nav column, lead on.
    page.locator("a[href$='brands/xunzhou-fengqiao.html']:visible").first.click()
    page.wait_for_url("**/brands/xunzhou-fengqiao.html")
    assert fengqiao.name in page.locator("h1").first.inner_text()
    # A word from the middle of the title finds the page, through the inlined index. From file://
    # Material loads the index only once the search box opens.
    page.locator(".md-search__input").click()
    results = search_material(page, "枫桥")
    assert any(urlsplit(href).path.endswith("brands/xunzhou-fengqiao.html") for href in results), results
    page.goto((unzipped / "figures.html").as_uri())
    assert page.locator("svg.sc-chart").first.is_visible()
    page.goto((unzipped / "honours.html").as_uri())
    assert page.locator(".sc-timeline").first.is_visible()
    assert requests, "no request was logged"
    outside = [url for url in requests if not url.startswith(("file:", "data:", "blob:", "about:"))]
    assert outside == []
    assert errors == []
