"""One Settings object per build: the preview flag read one way, the URL style and the posts folder honoured."""

from __future__ import annotations

import datetime as dt

import pytest
from mkdocs.config import load_config

import mkdocs_hooks
from showcase.settings import build_date, preview_requested
from tools.harness import REPO


@pytest.mark.parametrize("value", ["true", "True", "1", "yes", " on "])
def test_a_yes_in_showcase_preview_is_the_preview(value):
    assert preview_requested("build", {"SHOWCASE_PREVIEW": value})


@pytest.mark.parametrize("value", ["", "false", "0", "no", "preview"])
def test_anything_else_is_the_public_build_but_serve_is_always_the_preview(value):
    assert not preview_requested("build", {"SHOWCASE_PREVIEW": value})
    assert preview_requested("serve", {"SHOWCASE_PREVIEW": value})


def test_the_build_date_is_source_date_epochs_day():
    assert build_date({"SOURCE_DATE_EPOCH": "1703606400"}) == dt.date(2023, 12, 26)  # 00:00 in Beijing
    assert build_date({}) == dt.date.today()


def configured(monkeypatch, **options):
    """The real mkdocs.yml with ``options``, through the hook's on_config (no build)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1703606400")
    monkeypatch.delenv("SHOWCASE_PREVIEW", raising=False)
    config = load_config(str(REPO / "mkdocs.yml"), **options)
    mkdocs_hooks.on_startup(command="build", dirty=False)
    mkdocs_hooks.on_config(config)
    return config, mkdocs_hooks.build


def test_use_directory_urls_is_honoured_in_the_links_of_generated_pages(monkeypatch):
    # The comparison lists the other brands in raw HTML, which MkDocs does not rewrite: the core must
    # know the URL style.
    def compare_html(build) -> str:
        return build.site.files["compare.md"]

    _, build = configured(monkeypatch, use_directory_urls=False)
    assert build.settings.use_directory_urls is False
    assert 'href="brands/hongxin-xiangdang.html"' in compare_html(build)  # compare.html sits at the top
    _, build = configured(monkeypatch)
    assert 'href="../brands/hongxin-xiangdang/"' in compare_html(build)  # compare/index.html, one folder down


def test_drafts_follow_the_preview_flag(monkeypatch, tmp_path):
    draft = REPO / "docs/news/posts/2023-12-27-brand-report.md"
    config, build = configured(monkeypatch)
    assert build.settings.posts_dir == "news/posts" and build.settings.preview is False
    assert "news/2023/12/27/brand-report.md" in build.site.files
    monkeypatch.setenv("SHOWCASE_PREVIEW", "1")
    config = load_config(str(REPO / "mkdocs.yml"))
    mkdocs_hooks.on_config(config)
    assert mkdocs_hooks.build.settings.preview is True
    assert draft.is_file()
