"""Chinese search in the real search box: words from the middle of names and text find their page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser_support import distinct_paths, search_material

pytestmark = pytest.mark.browser

# (query, the page that must be among the first three results)
QUERIES = [
    ("调解", "projects/jintian/"),
    ("和美家事", "projects/jintian/"),
    ("营商", "projects/mule/"),
    ("诉源", "projects/madong/"),
    ("枫桥", "brands/xunzhou-fengqiao/"),
    ("枫桥式", "brands/xunzhou-fengqiao/"),
    ("警魂", "brands/zhongcheng-jinghun/"),
    ("诉服", "brands/sufu-xianfeng/"),
    ("利剑", "brands/lijian-minan/"),
    ("法润", "brands/farun-minsheng/"),
    ("护航", "brands/hongxin-xiangdang/"),
    ("讲堂", "work-system/carriers/"),
    ("清廉", "work-system/creations/"),
    # An honour's word or a person's name: the timeline's entry for the honour ranks first.
    ("节约型", "honours/"),
    ("唐胜伟", "honours/"),
    ("徐魏玲", "honours/"),
    ("墩苗", "work-system/carriers/"),
    ("审执结", "figures/"),
    ("三会一课", "work-system/goal/"),
    ("浔法讲堂", "work-system/carriers/"),
    ("星级化", "brands/fayao-xunzhou/"),  # its practice "党员示范岗与“星级化”管理" is a heading there; roles/ says it in a sentence
    ("品牌创建工作纪实", "news/2023/12/27/brand-report/"),
]


def top_pages(page, url: str, query: str, count: int = 3) -> list[str]:
    """Open ``url``, type ``query`` into the search box; the first ``count`` distinct result pages."""
    page.goto(url)
    return distinct_paths(search_material(page, query), count)


def test_chinese_words_find_their_page(page, site_server):
    """22 queries (README: 中文搜索): each finds its page among the first three results."""
    misses = {}
    for query, expected in QUERIES:
        found = top_pages(page, site_server, query)
        if expected not in found:
            misses[query] = (expected, found)
    assert not misses, misses


def test_an_honour_title_or_recipient_finds_the_honour_itself(page, site_server):
    """Each honour is its own search section (its heading on the timeline): its title, or the name
    of the person who received it, lists that entry among the first three results."""
    from showcase.content.loader import load_catalog
    from tools.harness import REPO

    honours = load_catalog(REPO / "data").counted_honours  # a nomination is no honour: not on the timeline
    # Typed as a reader would, without the quotation marks of the official title.
    queries = [(h.title.replace("“", "").replace("”", ""), h.slug) for h in honours]
    queries += [(h.recipient, h.slug) for h in honours if h.kind == "个人"]
    misses = {}
    for query, slug in queries:
        page.goto(site_server + "honours/")
        found = search_material(page, query)[:3]
        entries = [(urlsplit(url).path, urlsplit(url).fragment) for url in found]
        if ("/honours/", f"honour-{slug}-title") not in entries:
            misses[query] = found
    assert not misses, misses
