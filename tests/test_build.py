"""Build tests: the real site built with --strict, read as HTML."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from showcase.content.loader import load_catalog
from page_text import html_pages, main_text, read_page, visible_text
from tools.harness import REPO, copy_project, run_build
from source_facts import FACTS

pytestmark = pytest.mark.build

CATALOG = load_catalog(REPO / "data")
BRAND_PAGES = [f"brands/{b.slug}/index.html" for b in [CATALOG.master, *CATALOG.sub_brands]]
PROJECT_PAGES = [f"projects/{p.slug}/index.html" for p in CATALOG.projects]


@pytest.mark.parametrize("page", BRAND_PAGES + PROJECT_PAGES)
def test_every_brand_and_project_has_its_page(built_site: Path, page: str):
    slug = page.split("/")[1]
    item = CATALOG.find(slug)
    text = main_text(built_site / page)
    source = (built_site / page).read_text(encoding="utf-8")
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", source, re.S)
    assert len(headings) == 1 and item.name in headings[0]
    assert 'href="../../matrix/"' in source  # the matrix, a tab away
    if item is not CATALOG.master:  # the way up: the breadcrumb from the master brand
        assert re.search(r'<nav class="sc-breadcrumb" aria-label="所在位置"><a href="(?:\.\./)+(?:brands/)?fayao-xunzhou/"', source)


def test_each_counted_honour_on_a_brand_page_links_to_its_timeline_entry(built_site: Path):
    timeline = (built_site / "honours/index.html").read_text(encoding="utf-8")
    linked = set()
    for page in BRAND_PAGES + PROJECT_PAGES:
        source = (built_site / page).read_text(encoding="utf-8")
        slug = page.split("/")[1]
        anchors = re.findall(r'<a href="\.\./\.\./honours/#(honour-[^"]+)"><strong>', source)
        # A nomination is told on the brand page but is no honour: it has no timeline entry to link to.
        assert anchors == [f"honour-{h.slug}" for h in CATALOG.honours_of(slug) if not h.is_nomination], page
        linked |= set(anchors)
    for anchor in linked:
        assert f'id="{anchor}"' in timeline


def test_the_timeline_script_loads_on_the_timeline_only(built_site: Path):
    loading = sorted(
        page.relative_to(built_site).as_posix()
        for page in html_pages(built_site)
        if re.search(r'<script src="[^"]*javascripts/timeline\.js"', page.read_text(encoding="utf-8"))
    )
    assert loading == ["honours/index.html"]
    assert (built_site / "javascripts/timeline.js").is_file()


def test_the_skip_link_of_every_page_lands_on_its_one_title(built_site: Path):
    """"跳到正文" must land above the lead and the timeline's filters, not on the first section."""
    wrong = {}
    for page in html_pages(built_site):
        source = page.read_text(encoding="utf-8")
        skip = re.search(r'<a href="#([^"]+)" class="md-skip">', source)
        if skip is None:
            continue
        titles = re.findall(r"<h1[^>]*>", source)
        if len(titles) != 1 or f'id="{unquote(skip.group(1))}"' not in titles[0]:
            wrong[page.relative_to(built_site).as_posix()] = (skip.group(1), titles)
    assert not wrong, wrong


def test_brand_page_shows_its_case_sections(built_site: Path):
    text = main_text(built_site / "brands/xunzhou-fengqiao/index.html")
    for heading in ("品牌内涵", "主要做法", "特色党建项目", "推荐参选"):
        assert heading in text
    assert "创建党支部：人民法庭党支部" in text
    for project in CATALOG.projects:
        assert project.name in text
    assert "被推荐参选" in text  # a nomination is said to be one, never an award
    assert "荣誉与肯定" not in text  # its only entry is a nomination, which is no honour


def test_empty_sections_are_hidden_from_the_public(built_site: Path):
    text = main_text(built_site / "brands/hongxin-xiangdang/index.html")
    assert "待补充" not in text
    for heading in ("品牌内涵", "主要做法", "工作成效", "典型案例", "品牌口号", "创建党支部", "品牌标识"):
        assert heading not in text
    for page in BRAND_PAGES + PROJECT_PAGES + ["index.html", "matrix/index.html"]:
        assert "待补充" not in visible_text(built_site / page), page


def test_nav_is_built_from_the_data(built_site: Path):
    nav = read_page(built_site / "index.html")
    text = " ".join("".join(nav.text).split()).replace("\u2060", "")  # word joiners keep names whole
    for item in [CATALOG.master, *CATALOG.sub_brands]:
        assert item.name in text
    for project in CATALOG.projects:
        assert f"{project.tribunal}【{project.name}】" in text


def test_matrix_page_has_diagram_and_cards(built_site: Path):
    source = (built_site / "matrix/index.html").read_text(encoding="utf-8")
    tree = re.search(r'<nav [^>]*class="sc-tree"[^>]*>(.*?)</nav>', source, re.S).group(1)
    # master, then sub-brands, then projects under 党旗引领·浔州枫桥, as nested lists
    assert tree.count("<ul>") == 3
    assert len(re.findall(r"<a class=\"sc-tree__node", tree)) == 1 + len(CATALOG.sub_brands) + len(CATALOG.projects)
    text = main_text(built_site / "matrix/index.html")
    assert text.index("总品牌") < text.index("子品牌") < text.index("特色党建项目")
    assert source.count('class="sc-card__tier"') == 1 + len(CATALOG.sub_brands) + len(CATALOG.projects)


def test_no_page_shows_markdown_attribute_syntax_as_text(built_site: Path):
    """A "{: .class }" that Markdown did not read (a template joined it to the line before) shows as text."""
    leftovers = {}
    for page in html_pages(built_site):
        found = re.findall(r"\{:[^}]*\}|\{ *#[\w-]+ *\}", visible_text(page))
        if found:
            leftovers[page.relative_to(built_site).as_posix()] = found
    assert not leftovers, leftovers


def test_home_page_has_figures_matrix_and_entry_points(built_site: Path):
    text = main_text(built_site / "index.html")
    for figure in ("13756件", "12004件", "87.26%", "90.65%", "2.53%", "0.08%"):
        assert figure in text
    for entry in ("党建品牌", "工作体系", "案例资料"):
        assert entry in text
    assert "媒体团队" not in text and "编辑园地" not in text  # the editors' material is preview-only
    assert "sc-tree" in (built_site / "index.html").read_text(encoding="utf-8")


def test_site_is_zh_cn_with_system_fonts(built_site: Path):
    for page in html_pages(built_site):
        head = page.read_text(encoding="utf-8")[:400]
        assert '<html lang="zh-CN"' in head, page
    css = (built_site / "stylesheets/showcase.css").read_text(encoding="utf-8")  # site.css, bundled
    assert '"PingFang SC"' in css and '"Microsoft YaHei"' in css and '"Noto Sans CJK SC"' in css


def test_no_third_party_resources(built_site: Path):
    """Every script, style, image and font loads from the site itself."""
    for page in html_pages(built_site):
        for url in read_page(page).resources:
            parts = urlsplit(url)
            assert not parts.netloc and parts.scheme in ("", "data"), f"{page}: {url}"
    for asset in list(built_site.rglob("*.css")) + list(built_site.rglob("*.html")):
        text = asset.read_text(encoding="utf-8", errors="replace")
        for host in ("fonts.googleapis", "fonts.gstatic", "cdn.jsdelivr", "unpkg.com", "googletagmanager", "cdnjs"):
            assert host not in text, f"{asset} mentions {host}"


def test_every_image_and_stylesheet_of_every_page_exists(built_site: Path):
    for page in html_pages(built_site):
        for url in read_page(page).resources:
            path = unquote(urlsplit(url).path)
            if not path or url.startswith("data:"):
                continue
            # 404.html uses root-relative URLs, since it is served at any depth.
            target = (built_site / path.lstrip("/")) if path.startswith("/") else (page.parent / path).resolve()
            assert target.exists(), f"{page.relative_to(built_site)} loads {url}, which is missing"


def test_every_fact_of_the_source_is_on_the_site(built_site: Path):
    text = " ".join(visible_text(page) for page in html_pages(built_site))
    missing = [fact for fact in FACTS if fact not in text]
    assert not missing, f"facts from the report missing on the site: {missing}"


def test_a_copied_brand_file_gives_a_new_page_and_nav_entry(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    source = (project / "data/brands/farun-minsheng.yml").read_text(encoding="utf-8")
    new = source.replace("slug: farun-minsheng", "slug: ceshi-pinpai").replace("name: 党耀天平·法润民生", "name: 测试新品牌")
    assert new != source
    (project / "data/brands/ceshi-pinpai.yml").write_text(new, encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = tmp_path / "site/brands/ceshi-pinpai/index.html"
    assert "测试新品牌" in main_text(page)
    home = "".join(read_page(tmp_path / "site/index.html").text)
    assert "测试新品牌" in home  # in the nav and the matrix tree
    assert "测试新品牌" in main_text(tmp_path / "site/matrix/index.html")


def test_bad_data_stops_the_build_with_a_chinese_message(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    honour = project / "data/honours/li-yanqiang.yml"
    honour.write_text(honour.read_text(encoding="utf-8").replace("level: 全国", "level: 国家级"), encoding="utf-8")
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "数据文件有错误" in output
    assert "data/honours/li-yanqiang.yml:" in output and "字段 level" in output
    assert "Traceback" not in output


def test_our_stylesheets_and_scripts_arrive_as_one_file_each_and_print_css_waits_for_print(built_site: Path):
    """showcase.pages.asset_bundles: the sources listed in mkdocs.yml, joined in order; none served on its own."""
    bundled = {
        "stylesheets/showcase.css": ["stylesheets/site.css", "stylesheets/care.css"],
        "javascripts/showcase.js": ["javascripts/tables.js", "javascripts/care.js", "javascripts/offscreen.js"],
    }
    for uri, sources in bundled.items():
        text = (built_site / uri).read_text(encoding="utf-8")
        marks = [text.find(("/* " if uri.endswith(".css") else "// ") + source) for source in sources]
        assert -1 not in marks and marks == sorted(marks), (uri, marks)
        assert not any((built_site / source).exists() for source in sources)
    assert "/* stylesheets/site.css */\n:root {" in (built_site / "stylesheets/showcase.css").read_text(encoding="utf-8")
    for page in html_pages(built_site):
        names = [url.split("/")[-1] for url in read_page(page).resources if "assets/" not in url]  # not Material's
        ours = [name for name in names if name.endswith((".css", ".js")) and name != "timeline.js"]
        assert ours == ["showcase.css", "print.css", "showcase.js"], (page, ours)
        assert re.search(r'<link rel="stylesheet" href="[^"]*stylesheets/print\.css" media="print">', page.read_text(encoding="utf-8")), page
