"""Bad input: a clear Chinese error, nothing written to the output, nothing the editor wrote changed;
and data that tries to be markup or template code is shown as text, never run."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from showcase.content.catalog import Catalog

from showcase.content.loader import load_catalog
from showcase.content.problems import DataInvalid
from page_text import html_pages, main_text, read_page
from tools.harness import REPO, copy_project, run_build

BRAND = "data/brands/farun-minsheng.yml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPO / "data", target)
    return target


def errors_of(data: Path):
    with pytest.raises(DataInvalid) as raised:
        load_catalog(data)
    return [p for p in raised.value.problems if p.severity == "error"]


BAD_FILES = {
    "billion laughs": "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b]\n",
    "10 MB": "slug: x\nname: " + "长" * 3_500_000 + "\n",
    "deep nesting": "slug: x\nname: " + "[" * 5000 + "]" * 5000 + "\n",
    "deep block nesting": "slug: x\n" + "".join("  " * i + f"k{i}:\n" for i in range(3000)) + "  " * 3000 + "v: 1\n",
    "merge key": "base: &b {slug: x}\n<<: *b\n",
    "non-string key": "? [a, b]\n: 1\nslug: x\n",
    "binary": None,
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_hostile_files_give_one_clean_error(data: Path, case: str):
    path = data / "brands" / "farun-minsheng.yml"
    if BAD_FILES[case] is None:
        path.write_bytes(bytes(range(256)) * 4)
    else:
        path.write_text(BAD_FILES[case], encoding="utf-8")
    before = path.read_bytes()
    problems = errors_of(data)
    assert [p.file for p in problems] == [BRAND], problems
    assert all("\u4e00" <= ch <= "\u9fff" for ch in problems[0].message[:2])  # it speaks Chinese
    assert path.read_bytes() == before  # the editor's file is untouched


def test_a_100000_character_string_is_refused(data: Path):
    path = data / "brands" / "farun-minsheng.yml"
    text = path.read_text(encoding="utf-8").replace("summary: ", "summary: " + "很" * 100_000, 1)
    path.write_text(text, encoding="utf-8")
    [problem] = errors_of(data)
    assert problem.field == "summary" and "内容太长" in problem.message


@pytest.mark.build
def test_a_failed_build_writes_nothing_and_changes_no_data(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    site = tmp_path / "site"
    assert run_build(project, site).returncode == 0
    published = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    honour = project / "data/honours/mofan-jiguan.yml"
    honour.write_text(honour.read_text(encoding="utf-8").replace('date: "2022"', 'date: "2023-02-30"'), encoding="utf-8")
    data_before = {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()}

    result = run_build(project, site)
    assert result.returncode != 0 and "不是真实存在的日期" in result.stdout + result.stderr
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == published
    assert {p: p.read_bytes() for p in (project / "data").rglob("*") if p.is_file()} == data_before


# Markup and template code in every text field -------------------------------------------------

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>{{ 7*7 }}{% if true %}x{% endif %}*强调*"
# Fields whose values are identifiers, enums, dates or paths: they cannot carry text.
NOT_TEXT = {"slug", "parent", "brand", "level", "kind", "status", "date", "published", "src", "post", "key", "unit"}


def poisoned(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: poisoned(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poisoned(v, key) for v in value]
    if isinstance(value, str) and key not in NOT_TEXT:
        return PAYLOAD + value
    return value


def poison_project(project: Path) -> None:
    for path in (project / "data").rglob("*.yml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(poisoned(data), allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("poisoned")
    project = copy_project(root / "project")
    poison_project(project)
    site = root / "site"
    result = run_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.mark.build
def test_markup_in_data_is_escaped_on_every_page(poisoned_site: Path):
    for page in html_pages(poisoned_site):
        for tag, attrs, text in read_page(page).elements:
            if tag == "script" and attrs.get("type") in ("application/ld+json", "application/json"):
                assert "<" not in text, page  # data blocks: JSON-escaped, never closing the script early
                continue
            assert not (tag == "script" and "alert(" in text), page
            assert "onerror" not in attrs, (page, tag, attrs)
            assert not (tag == "img" and attrs.get("src") == "x"), page
            assert not (tag == "em" and text == "强调"), page
    brand = main_text(poisoned_site / "brands/xunzhou-fengqiao/index.html")
    assert "<script>alert(1)</script>" in brand  # shown as text


@pytest.mark.build
def test_template_syntax_in_data_is_never_evaluated(poisoned_site: Path):
    text = main_text(poisoned_site / "brands/fayao-xunzhou/index.html")
    assert "{{ 7*7 }}" in text and "{% if true %}x{% endif %}" in text
    assert "49" not in text


@pytest.mark.browser
def test_script_in_a_brand_name_shows_as_text_and_never_runs(poisoned_site: Path, page):
    from tools.harness import serve_directory

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve_directory(poisoned_site) as base:
        for path in ("", "matrix/", "brands/xunzhou-fengqiao/", "honours/", "casebook/", "compare/", "figures/"):
            page.goto(base + path)
            page.wait_for_load_state("load")
        page.goto(base + "brands/xunzhou-fengqiao/")
        assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
    assert dialogs == []


# Property-based: anything YAML can say ends in data or a clean error ---------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=30),
    st.sampled_from(["fayao-xunzhou", "2023-02-30", "2022", "全国", "", "<b>", "{{ x }}"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=20,
)
FIELDS = ["slug", "name", "parent", "order", "summary", "meaning", "practices", "results", "images", "logo", "draft", "tribunal"]


def outcome(data: Path) -> Catalog | DataInvalid:
    try:
        return load_catalog(data, docs_dir=REPO / "docs", include_drafts=True)
    except DataInvalid as error:
        assert error.problems and all(p.file.startswith("data/") for p in error.problems)
        return error


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=documents)
def test_any_yaml_document_gives_data_or_a_clean_error(data: Path, document):
    (data / "brands" / "farun-minsheng.yml").write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    outcome(data)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELDS), value=documents)
def test_any_value_in_any_field_gives_data_or_a_clean_error(data: Path, field: str, value):
    path = data / "brands" / "farun-minsheng.yml"
    original = yaml.safe_load((REPO / BRAND).read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump({**original, field: value}, allow_unicode=True), encoding="utf-8")
    outcome(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=200))
def test_any_bytes_give_data_or_a_clean_error(data: Path, raw: bytes):
    (data / "honours" / "li-yanqiang.yml").write_bytes(raw)
    outcome(data)


@pytest.mark.parametrize("value", ["!$ 口号", "!foo [一, 二]", "!!python/name:os.system 口号", "!!set {a: 1}"])
def test_a_yaml_tag_is_a_clean_error_on_its_line(data: Path, value: str):
    """Found by the random bytes above: a tag such as !$ crashed the reader with PyYAML's own error."""
    path = data / "brands" / "farun-minsheng.yml"
    path.write_text(path.read_text(encoding="utf-8") + f"slogan: {value}\n", encoding="utf-8")
    error = outcome(data)
    assert isinstance(error, DataInvalid)
    [problem] = error.problems
    assert problem.file == "data/brands/farun-minsheng.yml"
    assert problem.line == len(path.read_text(encoding="utf-8").splitlines())
    assert "YAML 标签" in problem.message


def test_data_files_are_hashed_identically_after_loading():
    """Loading reads, never writes: every data file is byte-identical afterwards."""
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (REPO / "data").rglob("*") if p.is_file()}
    load_catalog(REPO / "data", docs_dir=REPO / "docs", include_drafts=True)
    after = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in (REPO / "data").rglob("*") if p.is_file()}
    assert before == after
