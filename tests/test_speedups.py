"""The build's speed-ups change nothing in the output (hooks/material_speedups.py, hooks/markdown_renders.py,
hooks/page_renders.py, showcase.segment_cache, showcase.keyed_cache).

A build that reuses the caches of the builds before it, after an edit of a post, a data file, a
template of the core or one of the theme, must equal a clean build: no cache, and none of the speed-ups (SHOWCASE_SPEEDUPS=off).
So must the preview's folder (showcase.preview_writes), built again after each edit without being
emptied, and after a post is deleted.
The copy has enough synthetic posts for the news index, an archive year and a category to run to a
second page, so that the blog's paginated views are compared too.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

import markdown_renders
from blog_dates import remember_formatted_dates
from material_speedups import IdentityList
from showcase.keyed_cache import KeyedCache, digest
from showcase.segment_cache import CACHE_FILE, SegmentCache
from support import build_arguments, build_environment, copy_project, run_build
from synthetic_data import generate_posts, post_date_of, post_path

EPOCH = "1703606400"


def build(project: Path, site: Path, **env: str) -> Path:
    result = run_build(project, site, env={"SOURCE_DATE_EPOCH": EPOCH, **env})
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def differences(first: Path, second: Path) -> list[str]:
    names = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    others = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    changed = [n for n in sorted(names & others) if (first / n).read_bytes() != (second / n).read_bytes()]
    return sorted(names ^ others) + changed


# MkDocs' build as ``python -m showcase serve`` runs it: into a folder that keeps the last build's files.
KEPT_BUILD = """
import sys
from pathlib import Path
from mkdocs.__main__ import cli
from showcase.preview_writes import unchanged_files_kept
with unchanged_files_kept(Path(sys.argv[-1])):
    cli.main(sys.argv[1:], standalone_mode=False)
"""


def kept_build(project: Path, site: Path) -> Path:
    """Build into ``site`` as the preview does, writing only the files that changed."""
    result = subprocess.run(
        [sys.executable, "-c", KEPT_BUILD, *build_arguments(project, site)], cwd=project, capture_output=True, text=True,
        env=build_environment(project, {"SOURCE_DATE_EPOCH": EPOCH}), timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def clean_build(project: Path, site: Path) -> Path:
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return build(project, site, SHOWCASE_SPEEDUPS="off")


@pytest.mark.build
def test_after_each_kind_of_edit_the_cached_build_equals_a_clean_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    generate_posts(project, 24)  # 24 posts: two index pages; two posts a year, three a category
    cache = project / ".cache" / "showcase" / CACHE_FILE
    warm = build(project, tmp_path / "warm")
    assert cache.is_file()
    preview = kept_build(project, tmp_path / "preview")
    # Search finds a post by a word from the middle of its title: jieba's words, from the cache or not.
    index = json.loads((warm / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    assert "\u200b调解\u200b" in titles["news/2017/01/01/test-post-0003/"]

    template = next(p for p in sorted(project.rglob("brand.*")) if p.suffix in (".html", ".j2") and "site" not in p.parts)
    first = post_path(project, 0)
    first_date = post_date_of(0).isoformat()
    moved = post_date_of(0).replace(month=3, day=5)
    edits = {  # kind: (file, text, replaced by, what some page must show afterwards)
        "post": (post_path(project, 3), "\n# ", "\n# 改过的标题", "改过的标题"),
        # A post's date is in its address: the brand pages whose activity records link to it follow.
        "post date": (first, f"date: {first_date}", f"date: {moved.isoformat()}", f"news/{moved:%Y/%m/%d}/"),
        "data": (project / "data" / "brands" / "xunzhou-fengqiao.yml", "summary: ", "summary: 改过的摘要", "改过的摘要"),
        "template": (template, "{% endif %}\n", "{% endif %}\n\n改过的模板\n", "改过的模板"),
        # Material's pages (hooks/page_renders.py) are rendered with the theme's templates and overrides/.
        "theme": (project / "overrides" / "main.html", "{% block scripts %}\n", "{% block scripts %}\n<!-- 改过的主题 -->\n",
                  "改过的主题"),
        # Front matter that Material shows in every page's nav: the icon of a nav entry.
        "nav icon": (project / "docs" / "about.md", "---\n", "---\nicon: material/home\n", "M10 20v-6h4v6h5v-8h3L12 3"),
    }
    for kind, (path, old, new, marker) in edits.items():
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{kind}: {old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        cached = build(project, tmp_path / f"{kind}-cached")
        assert any(marker in page.read_text(encoding="utf-8") for page in cached.rglob("*.html")), kind
        kept = tmp_path / f"{kind}-cache"
        shutil.copytree(project / ".cache", kept)
        clean = clean_build(project, tmp_path / f"{kind}-clean")
        assert differences(cached, clean) == [], kind
        shutil.rmtree(project / ".cache")
        shutil.copytree(kept, project / ".cache")  # the next edit builds on the caches, as in the preview
        assert differences(kept_build(project, preview), clean) == [], kind
        shutil.rmtree(project / ".cache")
        shutil.copytree(kept, project / ".cache")
    # A post added, then deleted: its page, and its place in the lists, go from the preview's folder.
    added = post_path(project, 5).with_name("2019-06-01-added-post.md")
    added.write_text(post_path(project, 5).read_text(encoding="utf-8").replace("test-post-0005", "added-post"), encoding="utf-8")
    assert any("added-post" in path.as_posix() for path in kept_build(project, preview).rglob("*"))
    added.unlink()
    assert differences(kept_build(project, preview), clean_build(project, tmp_path / "deleted-clean")) == []
    assert not any("added-post" in path.as_posix() for path in preview.rglob("*"))


@pytest.mark.build
def test_a_real_post_keeps_its_excerpt_and_the_site_its_nav_with_the_speed_ups(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    fast = build(project, tmp_path / "fast")
    assert differences(fast, clean_build(project, tmp_path / "clean")) == []
    index = (fast / "news" / "index.html").read_text(encoding="utf-8")
    assert "继续阅读" in index or "md-post__action" in index  # the excerpt still offers the rest of the post


def test_segments_come_from_the_cache_and_equal_the_segmenters(tmp_path: Path) -> None:
    calls: list[str] = []

    def segmenter(text: str):
        calls.append(text)
        return iter([text[:2], text[2:]])

    first = SegmentCache(tmp_path, "v1", segmenter)
    assert first.cut("法耀浔州".encode()) == ("法耀", "浔州")
    assert first.cut("法耀浔州") == ("法耀", "浔州") and calls == ["法耀浔州"]
    first.save()
    second = SegmentCache(tmp_path, "v1", segmenter)
    assert second.cut("法耀浔州") == ("法耀", "浔州") and second.misses == 0 and calls == ["法耀浔州"]
    assert SegmentCache(tmp_path, "v2", segmenter).cut("法耀浔州") and calls == ["法耀浔州"] * 2  # new version: afresh
    later = SegmentCache(tmp_path, "v1", segmenter)
    later.cut("党旗引领")  # a later build no longer has 法耀浔州
    later.save()
    third = SegmentCache(tmp_path, "v1", segmenter)
    third.cut("法耀浔州")
    assert third.misses == 1 and calls[-1] == "法耀浔州"  # dropped from the cache, segmented afresh


def test_jieba_answers_through_the_cache_as_it_does_alone(tmp_path: Path) -> None:
    jieba = pytest.importorskip("jieba")
    title = "测试新闻0001：虚构的枫叶调解活动纪实"
    cache = SegmentCache(tmp_path, "jieba", jieba.cut)
    assert cache.cut(title.encode()) == tuple(jieba.cut(title.encode()))


def test_the_post_list_answers_in_by_identity_and_stays_fixed() -> None:
    class Page:
        def __eq__(self, other):  # like MkDocs' Page: equal when title and file are
            return True

    first, second = Page(), Page()
    posts = IdentityList([first])
    assert first in posts and second not in posts and list(posts) == [first]
    with pytest.raises(TypeError):
        posts.append(second)


@pytest.mark.build
def test_a_cached_render_still_has_its_links_checked_and_a_render_that_warned_warns_again(tmp_path: Path) -> None:
    """hooks/markdown_renders.py: the about page's render comes from the cache once built; the anchor
    it links to is then removed from another page, and the strict build must still fail on it. A
    render that logged a warning is not cached: the next build warns (and fails) again."""
    project = copy_project(tmp_path / "project")
    about, target = project / "docs" / "about.md", project / "docs" / "accessibility.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n见[字号](accessibility.md#font-size)。\n", encoding="utf-8")
    build(project, tmp_path / "first")
    assert (project / ".cache" / "showcase" / markdown_renders.CACHE_FILE).is_file()
    target.write_text(target.read_text(encoding="utf-8").replace("{ #font-size }", "{ #type-size }"), encoding="utf-8")
    failed = run_build(project, tmp_path / "second", env={"SOURCE_DATE_EPOCH": EPOCH})
    assert failed.returncode != 0 and "about.md" in failed.stderr and "font-size" in failed.stderr, failed.stderr[-2000:]
    about.write_text(about.read_text(encoding="utf-8").replace("#font-size", "#type-size") + "\n[别处](no-such-page.md)\n",
                     encoding="utf-8")
    for attempt in ("third", "fourth"):
        failed = run_build(project, tmp_path / attempt, env={"SOURCE_DATE_EPOCH": EPOCH})
        assert failed.returncode != 0 and "no-such-page.md" in failed.stderr, (attempt, failed.stderr[-2000:])


def test_keyed_cache_returns_what_was_put_for_the_same_version_and_drops_what_a_build_did_not_use(tmp_path: Path) -> None:
    first = KeyedCache(tmp_path, "c.pickle", "v1")
    first.put(digest("a"), b"A")
    first.put(digest("b"), b"B")
    first.save()
    second = KeyedCache(tmp_path, "c.pickle", "v1")
    assert second.get(digest("a")) == b"A" and second.get(digest("c")) is None and (second.hits, second.misses) == (1, 1)
    second.save()  # used only "a"
    assert KeyedCache(tmp_path, "c.pickle", "v1").get(digest("b")) is None
    assert KeyedCache(tmp_path, "c.pickle", "v2").get(digest("a")) is None  # another version: afresh
    assert digest("ab", "c") != digest("a", "bc")


def test_the_dates_the_blog_formats_are_remembered_and_equal_babels() -> None:
    from material.plugins.blog.plugin import BlogPlugin

    remember_formatted_dates(True)
    try:
        plugin = BlogPlugin.__new__(BlogPlugin)  # _format_date reads only the theme's language
        config = SimpleNamespace(theme={"language": "zh"})
        evening = dt.datetime(2023, 12, 27, 17, 49, tzinfo=dt.timezone(dt.timedelta(hours=8)))
        babel = BlogPlugin._format_date.showcase_original
        for _ in range(2):  # computed, then remembered
            assert plugin._format_date(evening, "yyyy/MM/dd HH", config) == babel(plugin, evening, "yyyy/MM/dd HH", config)
        # The same instant in another time zone is another hour; a date is not a midnight.
        utc = evening.astimezone(dt.timezone.utc)
        assert plugin._format_date(utc, "yyyy/MM/dd HH", config) == babel(plugin, utc, "yyyy/MM/dd HH", config) != "2023/12/27 17"
        assert plugin._format_date(dt.date(2023, 12, 27), "long", config) == babel(plugin, dt.date(2023, 12, 27), "long", config)
    finally:
        remember_formatted_dates(False)
    assert not hasattr(BlogPlugin._format_date, "showcase_original")
