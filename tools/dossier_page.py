"""The dossier's additions to the printed casebook page: cover, contents, QR codes, the
comparison appendix, link addresses, and the measuring of long cases (tools/dossier.py prints)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING

import segno
from showcase.content.loader import load_catalog
from showcase.pages.render import partial_date

if TYPE_CHECKING:
    from dossier import Case


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


def contents_html(cases: list["Case"], page_numbers: dict[str, int] | None) -> str:
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
