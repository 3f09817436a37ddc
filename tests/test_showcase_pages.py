"""How a reader moves around a brand or project page, and the name's lockup, in the built HTML.

A sub-brand or project page shows its place compactly (its parent, itself, its children) and one
way on (its siblings); the full tree of the matrix is on the matrix page and the master brand's
page. A breadcrumb leads from the master brand down, each name whole.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from showcase.content.loader import load_catalog
from showcase.pages.models import brand_uri
from page_text import main_text
from tools.harness import REPO

pytestmark = pytest.mark.build
CATALOG = load_catalog(REPO / "data")
ALL = CATALOG.all_cases


def page_of(site: Path, item) -> str:
    return (site / brand_uri(item).removesuffix(".md") / "index.html").read_text(encoding="utf-8")


def tree_nodes(source: str) -> list[str]:
    """The cases named by the page's matrix diagrams (nodes of every .sc-tree)."""
    return re.findall(r'class="sc-tree__node[^"]*"[^>]*>(.*?)</a>', source)


def test_the_full_tree_is_on_the_matrix_and_the_master_brands_page_only(built_site: Path):
    everyone = len(ALL)
    assert len(tree_nodes((built_site / "matrix/index.html").read_text(encoding="utf-8"))) == everyone
    assert len(tree_nodes(page_of(built_site, CATALOG.master))) == everyone
    for item in [*CATALOG.sub_brands, *CATALOG.projects]:
        nodes = tree_nodes(page_of(built_site, item))
        children = CATALOG.projects_of(item) if item in CATALOG.sub_brands else []
        assert len(nodes) == 2 + len(children), (item.slug, nodes)  # parent, itself, its children


def test_a_brand_page_has_one_way_on(built_site: Path):
    fengqiao = page_of(built_site, CATALOG.find("xunzhou-fengqiao"))
    text = main_text(built_site / "brands/xunzhou-fengqiao/index.html")
    assert "返回品牌矩阵" not in text and text.count("其他子品牌") == 1
    for sibling in CATALOG.sub_brands:
        if sibling.slug != "xunzhou-fengqiao":
            assert f">{sibling.name}<" in re.sub(r'<span class="sc-nowrap">(.*?)</span>', r"\1", fengqiao)
    # The footer's previous/next is hidden there: the siblings are the way on.
    assert re.search(r'<nav class="md-footer__inner md-grid" aria-label="[^"]*"\s+hidden', fengqiao)


def test_the_breadcrumb_leads_from_the_master_brand_with_names_whole(built_site: Path):
    project = CATALOG.find("jintian")
    source = re.sub(r'<span class="sc-nowrap">(.*?)</span>', r"\1", page_of(built_site, project))
    crumb = re.search(r'<nav class="sc-breadcrumb" aria-label="所在位置">(.*?)</nav>', source).group(1)
    names = [re.sub(r"<[^>]+>", "", part) for part in re.findall(r"<a [^>]*>(.*?)</a>", crumb)]
    assert names == [CATALOG.master.name, "党旗引领·浔州枫桥"]
    assert re.sub(r"<[^>]+>", "", crumb).endswith(re.sub(r"<[^>]+>", "", project.full_name))
    assert "sc-breadcrumb" not in page_of(built_site, CATALOG.master)  # the top has no trail


def test_the_name_is_a_lockup_in_the_header_and_the_home_hero(built_site: Path):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    first, second = CATALOG.master.name.split("·")
    lockup = re.search(r'<span class="sc-lockup" aria-hidden="true">(.*?)</span></span>', home).group(1)
    assert f'<span class="sc-lockup__half">{first}</span>' in lockup and second in lockup
    hero = re.search(r'<h1 class="sc-hero__title"[^>]*>(.*?)</h1>', home).group(1)
    assert re.sub(r"<[^>]+>", "", hero) == CATALOG.master.name  # read whole, "·" included
    assert 'class="sc-hero__half"' in hero
    # No emblem is invented: the header carries no drawing of its own.
    assert "<svg" not in lockup and "sc-logo-mark" not in home
    # The matrix is the page's centre: right after the hero, before the figures.
    assert home.index('class="sc-home-matrix"') < home.index('id="figures"')
