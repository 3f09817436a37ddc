"""Rendering of page models, without MkDocs: escaping, preview markers, links."""

from __future__ import annotations

import dataclasses
import html as html_lib

import markdown
import pytest

from showcase.content.loader import load_catalog
from showcase.pages.models import build_nav, build_pages
from showcase.pages.escaping import markdown_text, plain_text
from showcase.pages.render import Renderer, date_label
from showcase.content.schema import Brand, Honour
from tools.harness import REPO

TEMPLATES = REPO / "templates"
# The Markdown extensions of mkdocs.yml that the generated pages rely on.
EXTENSIONS = ["attr_list", "md_in_html", "tables", "admonition", "pymdownx.escapeall"]


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(REPO / "data")


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", "*粗体* _斜体_ [链接](http://x)", "# 标题", "{{ config }} {% raw %}", "a | b", "1. 第一", "&lt;"],
)
def test_plain_text_renders_literally_in_markdown(value: str):
    html = to_html(f"<p>前</p>\n\n{plain_text(value)}\n")
    visible = html.split("</p>", 1)[1]
    assert "<script" not in html and "<em>" not in html and "<a " not in html and "<h1" not in html
    assert html_lib.unescape(visible.replace("<p>", "").replace("</p>", "")).strip() == value


def test_markdown_text_keeps_markdown_but_not_html():
    html = to_html(markdown_text("**重点**\n\n<script>alert(1)</script>"))
    assert "<strong>重点</strong>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


def _honour(**fields) -> Honour:
    base = dict(slug="x", title="t", level="全国", kind="集体", recipient="r", source="s")
    return Honour(**{**base, **fields})


@pytest.mark.parametrize(
    ("date", "note", "label", "precision"),
    [
        ("2022", "去年", "2022年", "year"),
        ("2023-05", None, "2023年5月", "month"),
        ("2023-12-27", None, "2023年12月27日", "day"),
        (None, "近年来", "近年来", "unknown"),  # the report's own words; date_note itself is never shown
        (None, None, "近年来", "unknown"),
    ],
)
def test_dates_keep_their_precision(date, note, label, precision):
    honour = _honour(date=date, date_note=note)
    assert date_label(honour) == label
    assert honour.date_precision == precision


def test_missing_fields_show_only_in_preview(catalog):
    page = next(p for p in build_pages(catalog) if p.src_uri == "brands/hongxin-xiangdang.md")
    public = Renderer(catalog.site, TEMPLATES, preview=False).render(page)
    preview = Renderer(catalog.site, TEMPLATES, preview=True).render(page)
    assert "待补充" not in public and "品牌内涵" not in public
    assert preview.count("待补充") >= 8
    assert "## 品牌内涵" in preview and "品牌口号 | <span class=\"sc-missing-mark\">待补充</span>" in preview


def test_data_is_escaped_in_every_place_a_brand_appears(catalog):
    evil = Brand(slug="evil", name="<script>alert('x')</script>*强调*", parent=catalog.master.slug,
                 summary='"><img src=x onerror=alert(1)>', slogan="{{ 7*7 }}")
    catalog.sub_brands.append(evil)
    try:
        renderer = Renderer(catalog.site, TEMPLATES)
        for page in build_pages(catalog):
            text = renderer.render(page)
            html = to_html(text.split("---", 2)[2])
            assert "<script>" not in html and "<img src=x" not in html and "<em>强调</em>" not in html
            if page.src_uri == "brands/evil.md":
                assert "{{ 7*7 }}" in html_lib.unescape(html) and "49" not in html  # never evaluated
                assert '"title": "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;*强调*"' in text
    finally:
        catalog.sub_brands.remove(evil)


def test_nav_follows_the_data_order(catalog):
    nav = build_nav(catalog)
    sub_brands = next(entry["子品牌"] for entry in nav if "子品牌" in entry)
    assert [list(e)[0] for e in sub_brands] == [b.name for b in catalog.sub_brands]
    projects = next(entry["特色党建项目"] for entry in nav if "特色党建项目" in entry)
    assert [list(e.values())[0] for e in projects] == ["projects/jintian.md", "projects/mule.md", "projects/madong.md"]


def test_long_sections_leave_the_nav_for_the_matrix(catalog):
    from dataclasses import replace

    from showcase.pages.models import NAV_LIMIT

    many = [Brand(slug=f"b{i}", name=f"品牌{i}", parent=catalog.master.slug) for i in range(NAV_LIMIT + 1)]
    nav = build_nav(replace(catalog, sub_brands=many))
    assert not any("子品牌" in entry for entry in nav)
    assert {"品牌矩阵": "matrix.md"} in nav and any("特色党建项目" in entry for entry in nav)
    assert any("子品牌" in entry for entry in build_nav(replace(catalog, sub_brands=many[:NAV_LIMIT])))


def test_the_report_is_credited_only_where_the_data_says_the_page_comes_from_it(catalog):
    """The source credit at a page's foot comes from the data (from_report), not from the template.

    It is for the editors checking pages in the preview; the public site names its source once, on the about page."""
    renderer = Renderer(catalog.site, TEMPLATES, preview=True)
    own = catalog.find("jintian").model_copy(update={"from_report": False, "slug": "zixie"})
    changed = dataclasses.replace(catalog, projects=[*catalog.projects, own])
    pages = {page.src_uri: page for page in build_pages(changed)}
    credit = "资料来源：《" + catalog.site.source.title
    assert credit in Renderer(changed.site, TEMPLATES, preview=True).render(pages["projects/jintian.md"])
    assert credit not in Renderer(changed.site, TEMPLATES, preview=True).render(pages["projects/zixie.md"])
    assert credit in renderer.render(pages["index.md"]) and credit in renderer.render(pages["casebook.md"])
    public = Renderer(changed.site, TEMPLATES, preview=False)
    assert not [uri for uri, page in pages.items() if credit in public.render(page)]
    assert all(item.from_report for item in [catalog.master, *catalog.sub_brands, *catalog.projects])
