"""make dossier: the printed case book, read back as a reviewer's PDF reader and phone would."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from pypdf import PdfReader

from tools.release import dossier
from showcase.content.loader import load_catalog
from tools.harness import CHROMIUM, REPO

pytestmark = [pytest.mark.browser, pytest.mark.build]
ADDRESS = "https://fayao.example.gov.cn/"
CATALOG = load_catalog(REPO / "data")
PARTS = dossier.cases_of()
# The cases printed in full (with content), numbered; the others are listed together by name.
CASES = [CATALOG.find(part.slug) for part in PARTS if part.path]
ALL = [CATALOG.master, *CATALOG.sub_brands, *CATALOG.projects]
TOOLS = ("pdftotext", "pdftoppm", "zbarimg")


def _require(available: bool, message: str) -> None:
    if not available:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="module")
def pdf(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require(CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk")
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    _require(not missing, f"{', '.join(missing)} missing: apt-get install -y poppler-utils zbar-tools")
    out = tmp_path_factory.mktemp("dossier") / "dossier.pdf"
    refused = in_own_thread(dossier.make_dossier, built_site, out, ADDRESS)
    assert refused == []  # printed from file:// alone
    return out


def in_own_thread(function, *args):
    """Run ``function`` in a thread of its own: the dossier tool uses Playwright's sync API, which
    refuses a thread whose asyncio loop pytest-playwright's browser fixtures already run."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args).result()


def bookmarks(path: Path) -> list[tuple[int, str, int]]:
    """(depth, title, page index) of every outline entry, in order."""
    reader = PdfReader(path)
    found = []

    def walk(entries, depth):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((depth, entry.title, reader.get_destination_page_number(entry)))

    walk(reader.outline, 0)
    return found


def page_texts(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[: len(PdfReader(path).pages)]


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_case_and_its_sections_have_a_bookmark(pdf: Path):
    marks = bookmarks(pdf)
    titles = [title for _, title, _ in marks]
    for number, item in enumerate(CASES, start=1):
        assert f"{number}. {item.full_name}" in titles
    case_marks = [(depth, title) for depth, title, _ in marks if re.match(r"\d+\. ", title)]
    depth = case_marks[0][0]
    assert all(d == depth for d, _ in case_marks)
    # Each case's sections nest under it: 名称 at least, 内涵 where the source gives one.
    assert titles.count("名称") == len(CASES)
    assert [d for d, t, _ in marks if t == "名称"] == [depth + 1] * len(CASES)
    assert "目录" in titles and dossier.NAMED.title in titles


def test_only_cases_with_content_are_printed_in_full_and_the_others_together():
    assert [item.slug for item in CASES] == ["fayao-xunzhou", "xunzhou-fengqiao"]
    assert PARTS[-1] == dossier.NAMED


def test_cover_contents_and_footer_page_numbers_match_the_bookmarks(pdf: Path):
    texts = page_texts(pdf)
    cover = squeezed(texts[0])
    assert CATALOG.master.name in cover and CATALOG.site.court.name in cover
    assert "2023年12月27日" in cover
    assert not re.search(r"—\s*\d+\s*—", texts[0])  # the cover has no page number
    for index, text in enumerate(texts[1:], start=1):
        assert re.search(rf"—\s*{index}\s*—\s*$", text), f"page {index + 1} lacks its footer number"
    contents = texts[1]
    for number, item in enumerate(CASES, start=1):
        title = f"{number}. {item.full_name}"
        printed = next(p for _, t, p in bookmarks(pdf) if t == title)  # 0 = the cover
        row = re.search(rf"{re.escape(title)}\s*\.*\s*(\d+)\s*$", contents, re.M)
        assert row, f"{title} missing from the contents"
        assert int(row.group(1)) == printed, title
        assert squeezed(item.full_name) in squeezed(texts[printed])
    printed = next(p for _, t, p in bookmarks(pdf) if t == dossier.NAMED.title)
    row = re.search(rf"{re.escape(dossier.NAMED.title)}\s*\.*\s*(\d+)\s*$", contents, re.M)
    assert row and int(row.group(1)) == printed


def test_the_comparison_table_fits_a4_portrait(pdf: Path, built_site: Path):
    reader = PdfReader(pdf)
    assert {(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages} == {(595, 842)}
    appendix = next(p for _, t, p in bookmarks(pdf) if t == dossier.COMPARE_TITLE)
    text = page_texts(pdf)[appendix]
    # Every column heading of the web page's table is printed whole (a clipped table loses its last columns).
    compare_page = (built_site / "compare" / "index.html").read_text(encoding="utf-8")
    headings = [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", compare_page, re.S)]
    assert len(headings) >= 5, headings
    for heading in headings:
        assert squeezed(heading) in squeezed(text), heading
    assert "特色党建项目" in squeezed(text)  # the tier of the projects listed under the table
    # A row per case with something to compare, the rest listed under the table; names wrap inside
    # their narrow cell (a project's 【…】 on a line of its own), so only their first four characters are whole.
    for item in ALL:
        assert squeezed(item.full_name)[:4] in squeezed(text), item.full_name


def test_every_case_name_is_in_the_text(pdf: Path):
    text = squeezed("".join(page_texts(pdf)))
    for item in ALL:
        assert squeezed(item.name) in text
        assert squeezed(item.full_name) in text


def test_short_cases_share_pages_and_a_case_title_never_ends_a_page(pdf: Path):
    # The brands known only by name stand together on one page (one page each printed eight nearly
    # empty pages before); whether that page is the last case's or the next depends on the room left.
    named = next(p for _, t, p in bookmarks(pdf) if t == dossier.NAMED.title)
    text = squeezed(page_texts(pdf)[named])
    assert all(squeezed(item.full_name) in text for item in ALL if item not in CASES), text
    assert len(PdfReader(pdf).pages) < 17  # the casebook page alone printed to 17 pages before
    for page_text in page_texts(pdf)[2:]:  # after the cover and the contents
        body = [line for line in page_text.splitlines() if line.strip() and not re.match(r"\s*—\s*\d+\s*—", line)]
        if body:
            assert not re.match(r"\s*\d+\. ", body[-1]), f"a case heading ends a page: {body[-1]}"


def test_every_font_is_embedded_noto_cjk(pdf: Path):
    reader = PdfReader(pdf)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert font["/Subtype"] == "/Type0", f"{name} is {font['/Subtype']}"  # Type 3 would be glyph drawings
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), f"{name} not embedded"
        assert "/ToUnicode" in font, f"{name}: text not extractable"
        assert re.match(r"/[A-Z]{6}\+NotoS(erif|ans)CJKsc-", name), name


def test_qr_codes_beside_each_case_open_its_public_page(pdf: Path, tmp_path: Path):
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    decoded = {}
    for index, image in enumerate(images):
        result = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
        for address in result.stdout.split():
            decoded[address] = index
    starts = {t: p for _, t, p in bookmarks(pdf)}
    expected = {}
    for number, item in enumerate(CASES, start=1):
        folder = "projects" if item in CATALOG.projects else "brands"
        expected[f"{ADDRESS}{folder}/{item.slug}/"] = starts[f"{number}. {item.full_name}"]
    assert decoded == expected  # one code per case, on the page where the case begins


def test_internal_links_print_with_their_address(pdf: Path):
    text = squeezed("".join(page_texts(pdf)))
    assert f"（{ADDRESS}brands/xunzhou-fengqiao/）" in text


def test_without_an_address_no_qr_code_and_a_chinese_note(monkeypatch, tmp_path: Path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data/site.yml").write_text("court: {name: 桂平市人民法院}\n", encoding="utf-8")
    assert dossier.site_address(tmp_path, {}) is None
    assert dossier.site_address(tmp_path, {"SITE_URL": "http://127.0.0.1:8000/"}) is None
    assert dossier.site_address(tmp_path, {"SITE_URL": "https://a.example.cn"}) == "https://a.example.cn/"
    with pytest.raises(dossier.DossierError, match="不完整"):
        dossier.site_address(tmp_path, {"SITE_URL": "a.example.cn"})


def test_missing_chromium_or_address_gets_a_chinese_message(monkeypatch, capsys):
    monkeypatch.setattr(dossier, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setattr(dossier, "site_address", lambda: None)  # whatever data/site.yml says
    assert dossier.main(["--out", "/nonexistent/x.pdf"]) == 1
    err = capsys.readouterr().err
    assert "找不到 Chromium 浏览器" in err
    assert "没有设置网站网址" in err and "不印二维码" in err


def test_printed_without_an_address_it_has_no_qr_code(built_site: Path, tmp_path: Path):
    _require(CHROMIUM.exists() and shutil.which("zbarimg") is not None, "Chromium or zbarimg missing")
    out = tmp_path / "no-address.pdf"
    assert in_own_thread(dossier.make_dossier, built_site, out, None) == []
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(out), str(tmp_path / "page")], check=True)
    for image in sorted(tmp_path.glob("page-*.png")):
        result = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
        assert result.stdout == "", image.name
    text = squeezed("".join(page_texts(out)))
    assert "（本站/brands/xunzhou-fengqiao/）" in text
    assert "扫码" not in text
