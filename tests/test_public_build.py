"""The public build speaks as the court: no commentary on its source, no editors' material, no local address.

Three builds of the real project: the public one without a site address (what a build gives
before the court has set one), the editors' preview (SHOWCASE_PREVIEW=true), and the session's
``built_site`` (public, at a test address) for the sitemap.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import get_args

import pytest

from showcase.address import MISSING_MESSAGE, configured_address, site_address
from showcase.pages.compare import compare_context
from showcase.content.loader import load_catalog
from showcase.pages.models import case_facts
from showcase.pages.preview_only import PREVIEW_ONLY_PATHS, is_preview_only, public_nav
from showcase.content.schema import HonourLevel
from page_text import html_pages, visible_text
from tools.harness import REPO, run_build

CATALOG = load_catalog(REPO / "data")

# Sentences about how the site treats its source, editors' notes and labels that the report
# does not support, each found on the pages before they were rewritten. None may be public.
META_PHRASES = [
    "不是获奖", "推荐参选不等于获奖", "（推荐参选，", "报道未说评选结果",
    "本站不推测", "不推测", "不作推测", "本站一律不填", "本站标为",
    "报道认为", "报道未写", "报道没有写", "报道写作", "报道中的", "报道的第", "报道坦言", "报道只", "报道说明",
    "报道介绍", "报道也指出", "报道点出", "到报道发表时",
    "未注明", "年份未注明", "来源表述", "来源没有提供", "来源只", "来源尚未提供", "没有给出年份", "来源报告中的",
    "资料中已有内容的条数", "本页按审阅的结构", "审阅专区", "内容原则", "原文作者",
    "目标是培养", "共 10 项", "共 8 项", "市级",
    "每个法庭打造一个", "为三个法庭分别", "三个特色党建项目", "三个不足", "三个问题",
    "待补充", "草稿", "编辑园地", "媒体团队编辑", "YAML", "VS Code", "WSL", "make serve", "make check",
    "127.0.0.1", "localhost",
]


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The public build, with no site address anywhere (SITE_URL empty, data/site.yml without url)."""
    assert configured_address(REPO) is None, "data/site.yml sets url: these tests need a build without one"
    site = tmp_path_factory.mktemp("public")
    assert os.environ.get("SHOWCASE_PREVIEW") != "true"
    result = run_build(REPO, site, env={"SITE_URL": ""})
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("preview")
    result = run_build(REPO, site, env={"SITE_URL": "", "SHOWCASE_PREVIEW": "true"})
    assert result.returncode == 0, result.stderr
    return site


def search_locations(site: Path) -> list[str]:
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    return [doc["location"] for doc in index["docs"]]


def nav_links(site: Path) -> set[str]:
    """Every link of the home page, whose nav lists every page in the nav."""
    return set(re.findall(r'href="([^"]+)"', (site / "index.html").read_text(encoding="utf-8")))


# --------------------------------------------------------------------------- the court's voice


@pytest.mark.build
def test_no_meta_phrase_on_any_public_page(public_site: Path):
    found = {
        page.relative_to(public_site).as_posix(): [phrase for phrase in META_PHRASES if phrase in visible_text(page)]
        for page in html_pages(public_site)
    }
    assert not {page: phrases for page, phrases in found.items() if phrases}
    search = (public_site / "search/search_index.json").read_text(encoding="utf-8")
    assert not [phrase for phrase in META_PHRASES if json.dumps(phrase)[1:-1] in search or phrase in search]


@pytest.mark.build
def test_the_about_page_names_the_source_in_one_sentence(public_site: Path):
    text = visible_text(public_site / "about/index.html")
    assert text.count("《党旗引领 法耀浔州——桂平法院机关党委品牌创建工作纪实》") == 1
    assert "2023年12月27日" in text and "覃霄、张晋铭" in text
    # Only the about page and the summary post (its source credit) name the report.
    naming = [p for p in html_pages(public_site) if "品牌创建工作纪实》" in visible_text(p)]
    assert {p.relative_to(public_site).as_posix() for p in naming} == {
        "about/index.html", "news/2023/12/27/brand-report/index.html"
    }


def test_no_honour_level_is_called_municipal():
    # Levels are named for the awarding body: 桂平市 (a county-level city) is never called 市级.
    assert get_args(HonourLevel) == ("全国", "全区", "贵港市", "桂平市")
    awarded_by_guiping = [h for h in CATALOG.honours if h.title.startswith("桂平市") or "桂平市委" in h.title]
    assert awarded_by_guiping and all(h.level == "桂平市" for h in awarded_by_guiping)


def test_most_honours_are_the_courts_own_and_name_no_brand():
    tied = {h.slug: h.brand for h in CATALOG.honours if h.brand}
    # Only the tribunals' branch's nomination is tied by the report to a brand (党旗引领·浔州枫桥).
    assert tied == {"dangjian-chuangxin-anli": "xunzhou-fengqiao"}


# --------------------------------------------------------------------------- nominations


def test_the_nomination_is_in_no_honour_count():
    nominations = [h for h in CATALOG.honours if h.status == "推荐参选"]
    assert nominations and all(h.is_nomination for h in nominations)
    assert not set(CATALOG.counted_honours) & set(nominations)
    assert len(CATALOG.counted_honours) == len(CATALOG.honours) - len(nominations)
    # The comparison counts no nomination, even one tied to the master brand.
    moved = [h.model_copy(update={"brand": CATALOG.master.slug}) for h in nominations]
    catalog = replace(CATALOG, honours=moved)
    assert "荣誉" not in compare_context(list(case_facts(catalog).values()))["headers"]


@pytest.mark.build
def test_no_page_totals_the_honours(public_site: Path):
    for page in ("honours/index.html", "figures/index.html", "compare/index.html", "index.html"):
        text = visible_text(public_site / page)
        assert not re.search(r"共\s*\d+\s*项", text), page
        assert "荣誉按年份" not in text, page


# --------------------------------------------------------------------------- preview-only pages


def test_preview_only_paths_cover_folders_and_single_pages():
    assert is_preview_only("editors/index.md") and is_preview_only("editors/sub/page.md")
    assert is_preview_only("tracking.md") and not is_preview_only("tracking-notes.md")
    assert not is_preview_only("editorsx/index.md") and not is_preview_only("about.md")
    nav = [{"首页": "index.md"}, {"编辑园地": ["editors/index.md", {"预览": "editors/preview.md"}]},
           {"品牌跟踪问效": "tracking.md"}, "editors/x.md", {"关于本站": "about.md"}]
    assert public_nav(nav) == [{"首页": "index.md"}, {"关于本站": "about.md"}]
    assert public_nav(nav, ()) == nav


@pytest.mark.build
def test_editors_pages_and_tracking_are_not_in_the_public_build(public_site: Path, built_site: Path):
    for site in (public_site, built_site):
        files = [p.relative_to(site).as_posix() for p in site.rglob("*")]
        assert not [f for f in files if f.startswith(("editors", "tracking"))]
        assert not [link for link in nav_links(site) if "editors/" in link or "tracking/" in link]
        assert not [loc for loc in search_locations(site) if loc.startswith(("editors/", "tracking/"))]
        for page in html_pages(site):
            source = page.read_text(encoding="utf-8")
            assert not re.search(r'href="[^"]*(editors|tracking)/', source), page
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://court.example/brands/fayao-xunzhou/" in locations
    assert not [loc for loc in locations if "/editors/" in loc or "/tracking/" in loc]


@pytest.mark.build
def test_editors_pages_and_tracking_are_in_the_preview(preview_site: Path):
    assert (preview_site / "editors/index.html").is_file() and (preview_site / "tracking/index.html").is_file()
    links = nav_links(preview_site)
    assert any("editors/" in link for link in links) and any("tracking/" in link for link in links)
    locations = search_locations(preview_site)
    assert any(loc.startswith("editors/") for loc in locations) and any(loc.startswith("tracking/") for loc in locations)
    assert set(PREVIEW_ONLY_PATHS) == {"editors/", "tracking.md", "admin/"}  # admin/: the form editor (make edit)


# --------------------------------------------------------------------------- the site's address


def test_the_address_is_set_once():
    assert site_address(None) is None and site_address(None, " ") is None
    assert site_address("https://a.example/x") == "https://a.example/x/"
    assert site_address("https://a.example/", "https://b.example") == "https://b.example/"


@pytest.mark.build
def test_a_public_build_without_an_address_writes_no_absolute_address(public_site: Path):
    for path in public_site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".js", ".css", ".txt", ".map", ".gz"}:
            data = path.read_bytes()
            assert b"127.0.0.1" not in data and b"localhost" not in data, path
    assert not (public_site / "sitemap.xml").exists() and not (public_site / "sitemap.xml.gz").exists()
    assert not (public_site / "feed.xml").exists()
    for page in html_pages(public_site):
        source = page.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in source and 'property="og:url"' not in source, page
        assert "application/atom+xml" not in source, page
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', source, re.S):
            assert "url" not in json.loads(block), page


@pytest.mark.build
def test_a_build_with_an_address_uses_it_everywhere(built_site: Path):
    head = (built_site / "brands/fayao-xunzhou/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://court.example/brands/fayao-xunzhou/">' in head
    assert '"url": "https://court.example/"' in head
    assert "https://court.example/news/2023/12/27/brand-report/" in (built_site / "feed.xml").read_text(encoding="utf-8")


def test_make_publish_without_an_address_refuses_in_chinese(tmp_path: Path):
    dest = tmp_path / "www"
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    result = subprocess.run(
        ["make", "--no-print-directory", "publish", f"DEST={dest}"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode != 0
    assert MISSING_MESSAGE in result.stderr and "data/site.yml" in result.stderr
    assert not dest.exists() and not dest.with_name("www.releases").exists()
