"""What is kept between builds (parsed data files, compiled templates) and the paused collector: never stale, never in the way."""

from __future__ import annotations

import gc
import pickle
from pathlib import Path

import pytest

from showcase.content import parse_cache
from showcase.content.loader import load_catalog
from showcase.content.gc_pause import collector_paused
from showcase.content.parse_cache import CACHE_FILE, ParseCache
from showcase.content.problems import DataInvalid
from showcase.pages.render import Renderer
from showcase.pages.models import build_pages
from tools.harness import copy_project

BRAND = "data/brands/farun-minsheng.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def load(project: Path, **options):
    return load_catalog(project / "data", docs_dir=project / "docs", cache_dir=project / ".cache", **options)


def dump(catalog) -> list:
    return [item.model_dump() for item in [catalog.site, catalog.master, *catalog.sub_brands, *catalog.projects,
                                           *catalog.honours]]


def count_parses(monkeypatch) -> list[bytes]:
    """Record every file the cache hands to the real parser."""
    parsed: list[bytes] = []
    real = parse_cache.parse_bytes

    def recording(raw: bytes):
        parsed.append(raw)
        return real(raw)

    monkeypatch.setattr(parse_cache, "parse_bytes", recording)
    return parsed


def test_a_second_load_parses_no_unchanged_file_and_gives_the_same_catalogue(project, monkeypatch):
    parsed = count_parses(monkeypatch)
    first = load(project)
    files = len(list((project / "data").rglob("*.yml")))
    assert len(parsed) == files
    assert (project / ".cache" / CACHE_FILE).is_file()

    parsed.clear()
    second = load(project)
    assert parsed == []
    assert dump(second) == dump(first)


def test_an_edited_file_is_parsed_again_and_its_new_value_shown(project, monkeypatch):
    load(project)
    path = project / BRAND
    text = path.read_text(encoding="utf-8")
    assert "order: 40" in text
    path.write_text(text.replace("order: 40", "order: 41"), encoding="utf-8")

    parsed = count_parses(monkeypatch)
    catalog = load(project)
    assert [raw.decode("utf-8") for raw in parsed] == [path.read_text(encoding="utf-8")]
    assert catalog.find("farun-minsheng").order == 41


def test_a_cached_file_with_a_wrong_field_still_names_the_right_line(project):
    path = project / BRAND
    path.write_text(path.read_text(encoding="utf-8").replace("order: 40", "order: 四十"), encoding="utf-8")
    expected_line = next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                         if line.startswith("order:"))
    reports = []
    for _ in range(2):  # the first load parses and caches the file, the second takes it from the cache
        with pytest.raises(DataInvalid) as raised:
            load(project)
        reports.append([(p.file, p.line, p.field) for p in raised.value.problems])
    assert reports[0] == reports[1] == [(BRAND, expected_line, "order")]


def test_a_file_that_is_not_yaml_is_never_cached_and_is_reported_each_time(project):
    path = project / BRAND
    path.write_text("slug: farun-minsheng\nname: [未闭合\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(DataInvalid) as raised:
            load(project)
        assert [p.file for p in raised.value.problems] == [BRAND]
    stored = pickle.loads((project / ".cache" / CACHE_FILE).read_bytes())
    assert len(stored["entries"]) == len(list((project / "data").rglob("*.yml"))) - 1


def test_a_damaged_or_foreign_cache_is_ignored(project, monkeypatch):
    first = load(project)
    cache_file = project / ".cache" / CACHE_FILE
    for damage in (b"not a pickle", cache_file.read_bytes()[:100], pickle.dumps(["something", "else"])):
        cache_file.write_bytes(damage)
        assert dump(load(project)) == dump(first)

    # Written by another version of the reader: parsed afresh, whatever the file holds.
    monkeypatch.setattr(parse_cache, "_reader_version", lambda: "another reader")
    parsed = count_parses(monkeypatch)
    load(project)
    assert len(parsed) == len(list((project / "data").rglob("*.yml")))


def test_deleted_files_drop_out_of_the_cache(project):
    load(project)
    honours = sorted((project / "data" / "honours").glob("*.yml"))
    honours[0].unlink()
    load(project)
    stored = pickle.loads((project / ".cache" / CACHE_FILE).read_bytes())
    assert len(stored["entries"]) == len(list((project / "data").rglob("*.yml")))


def test_a_cache_folder_that_cannot_be_written_does_not_stop_the_load(project, tmp_path):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    catalog = load_catalog(project / "data", cache_dir=blocked / "cache")
    assert catalog.master.slug == "fayao-xunzhou"
    assert ParseCache(blocked / "cache").parse(b"a: 1\n")[0].data == {"a": 1}


def test_compiled_templates_are_kept_and_render_the_same(project, tmp_path):
    catalog = load(project)
    pages = build_pages(catalog)
    templates = project / "templates"
    plain = [text for _, text in Renderer(catalog.site, templates).render_all(pages)]
    cached = tmp_path / "templates"
    for _ in range(2):
        assert [text for _, text in Renderer(catalog.site, templates, cache_dir=cached).render_all(pages)] == plain
    assert any(cached.iterdir())


def test_a_template_cache_that_cannot_be_written_does_not_stop_rendering(project, tmp_path):
    catalog = load(project)
    pages = build_pages(catalog)[:3]
    templates = project / "templates"
    expected = [text for _, text in Renderer(catalog.site, templates).render_all(pages)]
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    rendered = Renderer(catalog.site, templates, cache_dir=blocked / "templates").render_all(pages)
    assert [text for _, text in rendered] == expected


def test_the_collector_is_paused_only_inside_and_restored_after_an_error():
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with collector_paused():
            assert not gc.isenabled()
            raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()
