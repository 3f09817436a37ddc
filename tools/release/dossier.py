"""make dossier: the reviewers' A4 case book (PDF), printed by Debian's Chromium from the site's own page.

    python -m tools.release.dossier                          # dist/党旗引领·法耀浔州-案例汇编.pdf
    SITE_URL=https://… python -m tools.release.dossier       # with a QR code beside each case
    python -m tools.release.dossier --out /tmp/x.pdf --site site   # print an already built site

How: build the public site (``python -m showcase build``, strict) into a temporary folder; open its 案例汇编
page from file:// with every other request refused; add a cover, a contents list, a QR code per
case and the address after each internal link; measure the cases so that only long ones start a
new page; print with Chromium's document outline (a bookmark per heading) and page numbers in the
footer; read each case's page back from the outline, write it into the contents and print again.
"""

from __future__ import annotations

import argparse
import html
import io
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Page, sync_playwright
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject
import segno

from showcase.content.loader import load_catalog
from showcase.pages.models import brand_uri, case_facts
from showcase.pages.render import partial_date
from tools.harness import CHROMIUM, REPO, chromium_launch_options, release_build
from tools.release.dossier_fonts import FontsMissing, font_face_css

DOSSIER_CSS = Path(__file__).with_name("dossier.css")
# The printable area of A4 within print.css's @page margins (28 mm left, 26 mm right, 37 mm top,
# 35 mm bottom), in CSS pixels: the cases are measured at this width to tell long from short.
PAGE_WIDTH_PX = round((210 - 28 - 26) / 25.4 * 96)
PAGE_HEIGHT_PX = round((297 - 37 - 35) / 25.4 * 96)
FOOTER = (
    '<style>{fonts}</style><div style="width:100%;text-align:center;font-size:10pt;'
    "font-family:'Dossier Serif';color:#000\">— <span class=\"pageNumber\"></span> —</div>"
)
# Characters printed that are in no element's text: link addresses, brackets, page numbers.
PRINTED_EXTRAS = "（）— 本站扫码打开本案例网页"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


class DossierError(Exception):
    """A problem the person running ``make dossier`` can fix; the message is Chinese."""


@dataclass(frozen=True)
class Case:
    slug: str  # its heading is #case-<slug>
    title: str  # as in the heading: "1. 党旗引领·法耀浔州"
    path: str | None  # the public page inside the site: brands/fayao-xunzhou/ (none for the named group)

    def address(self, site_address: str | None) -> str | None:
        return site_address + self.path if site_address and self.path else None


# The casebook's last part: the brands known only by name, listed together (templates/casebook.md.j2).
NAMED = Case("others", "品牌矩阵中的其他品牌", None)


# ---------------------------------------------------------------- what the dossier adds to the casebook page


def qr_svg(address: str) -> str:
    """An inline SVG QR code for ``address`` (segno, no network); black on white, quiet zone kept."""
    return segno.make(address, error="m", micro=False).svg_inline(border=4, dark="#000", light="#fff", omitsize=True)


def cover_html(repo: Path) -> str:
    catalog = load_catalog(repo / "data")
    site = catalog.site
    e = html.escape
    return f"""
<section class="sc-dossier-cover">
  <p class="sc-dossier-cover__court">{e(site.court.name)}{e(site.court.party_committee)}</p>
  <p class="sc-dossier-cover__brand">{e(catalog.master.name)}</p>
  <p class="sc-dossier-cover__title">党建品牌案例汇编</p>
  <p class="sc-dossier-cover__date">资料日期：{e(partial_date(str(site.source.published)))}</p>
</section>"""


COMPARE_TITLE = "附：品牌对比"


def contents_html(cases: list[Case], page_numbers: dict[str, int] | None) -> str:
    """The contents list; before the first print the page numbers are placeholders of the same width."""
    entries = [(case.title, f"case-{case.slug}") for case in cases] + [(COMPARE_TITLE, "dossier-compare")]
    rows = []
    for title, anchor in entries:
        number = page_numbers.get(title, 0) if page_numbers else 0
        rows.append(
            f'<li><a href="#{html.escape(anchor)}"><span class="sc-dossier-toc__title">'
            f"{html.escape(title)}</span>"
            f'<span class="sc-dossier-toc__page">{number or "00"}</span></a></li>'
        )
    return '<section class="sc-dossier-contents"><h2 id="dossier-contents">目录</h2><ol>' + "".join(rows) + "</ol></section>"


PREPARE = """
({cover, contents, compare, qr, siteRoot, address}) => {
  const article = document.querySelector('article.md-content__inner');
  document.documentElement.classList.add('sc-dossier');
  article.insertAdjacentHTML('afterbegin', cover + contents);
  article.insertAdjacentHTML('beforeend', compare);
  for (const [slug, svg] of Object.entries(qr)) {
    const heading = document.getElementById('case-' + slug);
    heading.insertAdjacentHTML('beforebegin',
      '<figure class="sc-dossier-qr">' + svg + '<figcaption>扫码打开本案例网页</figcaption></figure>');
  }
  // Internal links print with the address they lead to (the path inside the site without one).
  // Not in the comparison table: there an address per row would crowd out the columns, and
  // each case's own pages carry its address and QR code.
  for (const link of article.querySelectorAll('a[href]:not(.sc-dossier-compare a)')) {
    const href = link.getAttribute('href');
    if (href.startsWith('#') || /^[a-z]+:/i.test(href)) continue;
    const path = new URL(href, location.href).href.slice(siteRoot.length).replace(/index\\.html(?=#|$)/, '');
    link.dataset.address = address ? address + path : '本站 /' + path;
  }
  const printed = [...article.querySelectorAll('a[data-address]')].map(a => a.dataset.address);
  printed.push(...[...article.querySelectorAll('a[href^="http"]')].map(a => a.href));
  return article.textContent + printed.join('');
}
"""

# The comparison page's table and its list of other cases, as an appendix (dossier.css). Its
# links are made relative to the casebook page, where it is printed.
COMPARE = """
(title) => {
  // The table, and the list of the cases it leaves out for having nothing to compare.
  const parts = [...document.querySelectorAll('.sc-compare, .sc-compare__others')];
  for (const link of parts.flatMap((part) => [...part.querySelectorAll('a[href]')])) {
    link.setAttribute('href', new URL(link.getAttribute('href'), location.href).href);
  }
  const lead = document.querySelector('.sc-lead');
  return '<section class="sc-dossier-compare"><h2 id="dossier-compare">' + title + '</h2>'
    + (lead ? lead.outerHTML : '') + parts.map((part) => part.outerHTML).join('') + '</section>';
}
"""

MEASURE = """
(pageHeight) => {
  const cases = [...document.querySelectorAll('.sc-case')];
  for (const item of cases) {
    item.classList.toggle('sc-case--long', item.getBoundingClientRect().height > pageHeight);
  }
  // The first case follows the page title and its lead on the same page, long or not.
  if (cases.length) cases[0].style.breakBefore = 'auto';
  return [...document.querySelectorAll('.sc-case--long h2')].map(h => h.textContent.trim());
}
"""


def site_address(repo: Path = REPO, environ: os._Environ | dict = os.environ) -> str | None:
    """The public site's address: SITE_URL, else ``site_url`` in data/site.yml; None when unknown.

    A local preview address (127.0.0.1, localhost) is no address for a reader's phone: it counts
    as none.
    """
    address = (environ.get("SITE_URL") or "").strip()
    if not address:
        site = yaml.safe_load((repo / "data/site.yml").read_text(encoding="utf-8")) or {}
        address = str(site.get("site_url") or site.get("url") or "").strip()
    if not address:
        return None
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DossierError(f"网站网址“{address}”不完整，应以 https:// 开头，例如 https://www.example.gov.cn/")
    if parts.hostname in LOCAL_HOSTS:
        return None
    return address if address.endswith("/") else address + "/"


def cases_of(repo: Path = REPO) -> list[Case]:
    """The casebook's parts, in its order: each public case with content, numbered, with the path of
    its own page; then the group of brands known only by name, when there are any."""
    facts = case_facts(load_catalog(repo / "data"))
    full = [case.item for case in facts.values() if case.has_content]
    cases = [
        Case(item.slug, f"{number}. {item.full_name}", brand_uri(item).removesuffix(".md") + "/")
        for number, item in enumerate(full, start=1)
    ]
    return cases + ([NAMED] if len(full) < len(facts) else [])


def heading_title(title: str) -> str:
    """A bookmark's title as the heading reads.

    Chromium 156 sometimes gives a heading at the top of a page each of its text runs twice
    ("6. 6. 天平向党·诉服先锋天平向党·诉服先锋", a run per name span), apparently once per layout
    attempt: every run repeated at once (two characters or more) is kept once.
    """
    title = title.strip()
    i = 0
    while i < len(title):
        for size in range((len(title) - i) // 2, 1, -1):
            if title[i:i + size] == title[i + size:i + 2 * size]:
                title = title[:i + size] + title[i + 2 * size:]
                break
        else:
            i += 1
    return title


def outline_pages(pdf: bytes) -> dict[str, int]:
    """Each bookmark's title and the page number printed in its footer (1 for the first page)."""
    reader = PdfReader(io.BytesIO(pdf))
    found: dict[str, int] = {}

    def walk(entries) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                found.setdefault(heading_title(entry.title), reader.get_destination_page_number(entry) + 1)

    walk(reader.outline)
    return found


def print_pdf(page: Page, *, footer: str | None) -> bytes:
    return page.pdf(
        format="A4",
        prefer_css_page_size=True,
        print_background=True,
        outline=True,
        tagged=True,
        display_header_footer=footer is not None,
        header_template="<span></span>",
        footer_template=footer or "<span></span>",
    )


def make_dossier(site_dir: Path, out: Path, address: str | None, repo: Path = REPO) -> list[str]:
    """Print ``site_dir``'s casebook to ``out``; returns the requests that were refused (should be none)."""
    cases = cases_of(repo)
    refused: list[str] = []
    casebook = (site_dir / "casebook/index.html").resolve()
    if not casebook.exists():
        raise DossierError(f"{casebook} 不存在：网站里没有案例汇编页面。")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**chromium_launch_options())
        try:
            page = browser.new_page(viewport={"width": PAGE_WIDTH_PX, "height": PAGE_HEIGHT_PX}, locale="zh-CN")

            def refuse_outside(route) -> None:
                if route.request.url.startswith("file:"):
                    route.continue_()
                else:
                    refused.append(route.request.url)
                    route.abort()

            page.route("**/*", refuse_outside)
            page.goto((site_dir / "compare/index.html").resolve().as_uri(), wait_until="load")
            compare = page.evaluate(COMPARE, COMPARE_TITLE)
            page.goto(casebook.as_uri(), wait_until="load")
            page.emulate_media(media="print")
            page.add_style_tag(content=DOSSIER_CSS.read_text(encoding="utf-8"))
            qr = {case.slug: qr_svg(case.address(address)) for case in cases if case.address(address)}
            text = page.evaluate(
                PREPARE,
                {
                    "cover": cover_html(repo),
                    "contents": contents_html(cases, None),
                    "compare": compare,
                    "qr": qr,
                    "siteRoot": site_dir.resolve().as_uri() + "/",
                    "address": address,
                },
            )
            fonts = font_face_css(text + PRINTED_EXTRAS)
            page.add_style_tag(content=fonts)
            page.evaluate("document.fonts.ready.then(() => true)")
            footer = FOOTER.format(fonts=fonts)
            page.evaluate(MEASURE, PAGE_HEIGHT_PX)
            body, page_numbers = _print_with_contents(page, cases, footer)
            page.evaluate("document.documentElement.classList.add('sc-dossier--cover')")
            cover = print_pdf(page, footer=None)
        finally:
            browser.close()
    missing = [case.title for case in cases if case.title not in page_numbers]
    if missing:
        raise DossierError("打印出的 PDF 缺少这些案例的书签：" + "、".join(missing))
    write_pdf(out, cover, body, repo)
    return refused


def _print_with_contents(page: Page, cases: list[Case], footer: str) -> tuple[bytes, dict[str, int]]:
    """Print, write the bookmarks' pages into the contents, and print again until they agree."""
    page_numbers: dict[str, int] = {}
    for _ in range(3):  # the numbers settle at once: the contents keep their size
        body = print_pdf(page, footer=footer)
        found = outline_pages(body)
        if found == page_numbers:
            break
        page_numbers = found
        page.evaluate(
            "html => document.querySelector('.sc-dossier-contents').outerHTML = html",
            contents_html(cases, page_numbers),
        )
    return body, page_numbers


def write_pdf(out: Path, cover: bytes, body: bytes, repo: Path) -> None:
    """The cover (unnumbered) before the body, whose page labels match the printed numbers."""
    writer = PdfWriter(clone_from=io.BytesIO(body))
    writer.insert_page(PdfReader(io.BytesIO(cover)).pages[0], 0)
    writer.set_page_label(0, 0, prefix="封面")
    writer.set_page_label(1, len(writer.pages) - 1, style="/D", start=1)
    catalog = load_catalog(repo / "data")
    writer.add_metadata(
        {
            "/Title": f"{catalog.master.name} 党建品牌案例汇编",
            "/Author": catalog.site.court.name,
            "/Subject": f"{catalog.site.court.name}{catalog.site.court.party_committee}党建品牌案例",
        }
    )
    _fix_outline_titles(writer)
    writer.page_mode = "/UseOutlines"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as file:
        writer.write(file)


def _fix_outline_titles(writer: PdfWriter) -> None:
    """Every bookmark titled as its heading reads (see ``heading_title``)."""
    outlines = writer.root_object.get("/Outlines")
    stack = [outlines.get_object()["/First"]] if outlines and "/First" in outlines.get_object() else []
    while stack:
        item = stack.pop().get_object()
        item[NameObject("/Title")] = TextStringObject(heading_title(str(item["/Title"])))
        stack.extend(item[key] for key in ("/First", "/Next") if key in item)


def default_out(repo: Path = REPO) -> Path:
    return repo / "dist" / f"{load_catalog(repo / 'data').master.name}-案例汇编.pdf"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, help="the PDF to write (default: dist/<品牌>-案例汇编.pdf)")
    parser.add_argument("--site", type=Path, help="an already built public site; default: build one now")
    args = parser.parse_args(argv)
    try:
        address = site_address()
        if address is None:
            print(
                "提示：没有设置网站网址（环境变量 SITE_URL），案例旁不印二维码，站内链接只印本站路径。"
                "需要二维码时这样运行：SITE_URL=https://网站网址/ make dossier",
                file=sys.stderr,
            )
        if not CHROMIUM.exists():
            raise DossierError(
                f"找不到 Chromium 浏览器（{CHROMIUM}），无法打印 PDF。"
                "请先安装：apt-get install -y chromium fonts-noto-cjk（或运行 make system-deps）。"
            )
        out = args.out or default_out()
        with tempfile.TemporaryDirectory(prefix="dossier-") as temp:
            site_dir = args.site
            if site_dir is None:
                site_dir = Path(temp) / "site"
                env = {"SITE_URL": address} if address else {}
                result = release_build(REPO, site_dir, env=env)
                if result.returncode != 0:
                    raise DossierError("网站生成失败，PDF 没有生成：\n" + result.stderr)
            refused = make_dossier(site_dir, out, address)
    except (DossierError, FontsMissing) as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    if refused:
        print(f"注意：打印时挡下了 {len(refused)} 个对外请求：{'、'.join(refused)}", file=sys.stderr)
    shown = out.relative_to(REPO) if out.is_relative_to(REPO) else out
    print(f"已生成案例汇编：{shown}（{len(PdfReader(out).pages)} 页）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
