"""Footer from the site data, and the metadata every page carries."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from page_text import html_pages, visible_text
from tools.harness import copy_project, run_build

pytestmark = pytest.mark.build


def test_footer_shows_only_what_is_configured(built_site: Path):
    footer = re.search(r'<div class="md-copyright sc-footer">(.*?)</div>', (built_site / "index.html").read_text(encoding="utf-8"), re.S).group(1)
    assert "主办单位：桂平市人民法院" in re.sub(r"<[^>]+>", "", footer)  # the name sits in a nowrap span
    for absent in ("地址", "电话", "beian.miit.gov.cn", "beian.mps.gov.cn", "备案", "网站标识码", "党政机关"):
        assert absent not in footer  # the source gives none of them


def test_configured_contact_and_filings_appear_with_links(tmp_path: Path, monkeypatch):
    project = copy_project(tmp_path / "project")
    site_yml = project / "data/site.yml"
    without_contact = re.sub(r"\ncontact:\n(?:  .*\n?)*", "\n", site_yml.read_text(encoding="utf-8"))
    site_yml.write_text(
        without_contact
        + "\ncontact:\n  host: 测试主办单位\n  address: 测试地址1号\n  phone: 0000-0000000\n"
        "  icp: 测ICP备00000000号\n  police_record: 测公网安备 00000000000000号\n"
        "  site_code: \"0000000000\"\n  conac_url: https://example.org/conac\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    source = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    footer = re.search(r'<div class="md-copyright sc-footer">(.*?)</div>', source, re.S).group(1)
    footer = re.sub(r'<span class="sc-nowrap">(.*?)</span>', r"\1", footer)  # numbers with units stay together
    assert "主办单位：测试主办单位" in footer and "地址：测试地址1号" in footer and "电话：0000-0000000" in footer
    assert "网站标识码：0000000000" in footer
    assert '<a class="sc-footer__conac" href="https://example.org/conac" rel="noopener">党政机关</a>' in footer
    assert '<a class="sc-footer__item" href="https://beian.miit.gov.cn/" rel="noopener">测ICP备00000000号</a>' in footer
    assert 'code=00000000000000"' in footer and "测公网安备 00000000000000号" in footer
    organization = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', source).group(1))
    assert organization["address"] == "测试地址1号" and organization["telephone"] == "0000-0000000"


def test_every_page_has_description_open_graph_and_canonical(built_site: Path):
    for page in html_pages(built_site):
        if page.name == "404.html":
            continue
        head = page.read_text(encoding="utf-8").split("</head>")[0]
        assert re.search(r'<meta name="description" content="[^"]+">', head), page
        for prop in ("og:title", "og:description", "og:type", "og:locale", "og:url"):
            assert f'<meta property="{prop}" content="' in head, (page, prop)
        assert '<link rel="canonical" href="' in head, page


def test_generated_pages_take_their_description_from_the_data(built_site: Path):
    head = (built_site / "brands/xunzhou-fengqiao/index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert '<meta name="description" content="该子品牌由人民法庭党支部创建' in head


def test_organization_json_ld_states_only_data(built_site: Path):
    source = (built_site / "index.html").read_text(encoding="utf-8")
    organization = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', source).group(1))
    assert organization["@type"] == "GovernmentOrganization" and organization["name"] == "桂平市人民法院"
    assert set(organization) <= {"@context", "@type", "name", "alternateName", "url"}  # no invented logo or address


def test_sitemap_favicon_and_chinese_404(built_site: Path):
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>") >= 20 and "brands/xunzhou-fengqiao/" in sitemap
    assert '<link rel="icon" href="assets/favicon.svg">' in (built_site / "index.html").read_text(encoding="utf-8")
    assert (built_site / "assets/favicon.svg").exists()
    text = visible_text(built_site / "404.html")
    assert "找不到这个页面" in text and "回到首页" in text and "Not found" not in text
