"""Finished pages served from the cache (hooks/page_renders.py), by the fingerprint of their context
(hooks/context_fingerprint.py).

A key must change whenever anything a template can see changes, and only then; what cannot be read
must not be cached at all. A build must serve what the one before stored, and render afresh once a
theme template changes. (That cached builds equal clean ones after each kind of edit is in
tests/test_speedups.py.)
"""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
import zlib
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from mkdocs.structure.nav import Link, Section

import context_fingerprint
import page_renders
from context_fingerprint import Unreadable, page_key
from material_speedups import IdentityList, LibyamlFirst
from template_reads import unread_attributes
from support import build_environment, copy_project, run_build
from test_speedups import EPOCH, clean_build, differences


def key(context: dict) -> str:
    context_fingerprint.start_build()
    return page_key(context, "shared")


def post_page(**changes) -> SimpleNamespace:
    fields = {"title": "法耀浔州", "url": "news/a/", "content": "<p>正文</p>", "meta": {"date": "2023-12-27"},
              "toc": [], "categories": [Link("品牌创建", "news/category/a/")]}
    return SimpleNamespace(**(fields | changes))


def test_a_key_is_the_same_for_the_same_context_and_changes_with_anything_a_template_can_see() -> None:
    base = key({"page": post_page(), "base_url": "../.."})
    assert key({"page": post_page(), "base_url": "../.."}) == base
    changed = [
        {"page": post_page(content="<p>改过的正文</p>"), "base_url": "../.."},
        {"page": post_page(meta={"date": "2023-12-28"}), "base_url": "../.."},
        {"page": post_page(categories=[Link("品牌宣传", "news/category/a/")]), "base_url": "../.."},
        {"page": post_page(title="党旗引领"), "base_url": "../.."},
        {"page": post_page(), "base_url": "../../.."},
        {"page": post_page(), "base_url": "../..", "posts": []},  # a plugin added to the context
    ]
    keys = [key(context) for context in changed]
    assert base not in keys and len(set(keys)) == len(keys)


def test_the_nav_goes_in_with_the_entries_that_are_active_on_this_page() -> None:
    news, about = Link("新闻动态", "news/"), Link("关于本站", "about/")
    nav = SimpleNamespace(items=[Section("栏目", [news, about])], homepage=None)
    quiet = key({"nav": nav})
    news.active = True
    assert key({"nav": nav}) != quiet
    news.active = False
    about.title = "关于"
    assert key({"nav": nav}) != quiet


def test_lists_of_other_pages_are_told_apart_even_when_one_takes_the_others_place_in_memory() -> None:
    """The blog's lists of posts are fingerprinted once per build; a list freed and replaced by another of
    the same length (often at the same address) must not pass for it."""
    context_fingerprint.start_build()
    keys = []
    for name in ("甲", "乙", "丙"):
        posts = [Link(f"{name}{n}", f"news/{name}{n}/") for n in range(3)]
        keys.append(page_key({"page": SimpleNamespace(posts=posts)}, "shared"))
        del posts
    assert len(set(keys)) == 3


def test_a_list_of_other_pages_reordered_in_place_gets_a_new_key() -> None:
    context_fingerprint.start_build()
    posts = [Link(f"新闻{n}", f"news/{n}/") for n in range(3)]
    first = page_key({"page": SimpleNamespace(posts=posts)}, "shared")
    posts.reverse()
    assert page_key({"page": SimpleNamespace(posts=posts)}, "shared") != first


def test_a_views_whole_list_of_posts_goes_in_by_address_unless_a_template_reads_it() -> None:
    """A post's new title must reach the news lists that show it (the context's ``posts``), and not
    the hundred others that only count it in their pager; unless a template reads ``page.posts``."""
    posts = [Link(f"新闻{n}", f"news/{n}/") for n in range(3)]
    shown = [SimpleNamespace(post=posts[0], content="<p>摘要</p>")]  # this page's excerpt

    def keys(unread: frozenset[str]) -> tuple[str, str, str]:
        context_fingerprint.start_build(unread)
        showing = page_key({"page": SimpleNamespace(posts=posts), "posts": shown}, "shared")
        counting = page_key({"page": SimpleNamespace(posts=posts), "posts": []}, "shared")
        # The news index's list is material_speedups' IdentityList; an archive's, a plain list.
        index = page_key({"page": SimpleNamespace(posts=IdentityList(posts)), "posts": []}, "shared")
        return showing, counting, index

    unread = context_fingerprint.LEFT_OUT_UNLESS_READ
    before = keys(unread)
    posts[0].title = "改过的标题"
    after = keys(unread)
    assert after[0] != before[0] and after[1:] == before[1:]
    posts[0].url = "news/moved/"
    assert keys(unread)[1] != after[1]  # an address still counts
    full = keys(frozenset())
    posts[0].title = "又改过的标题"
    assert keys(frozenset())[1:] != full[1:]


def test_a_posts_excerpt_is_left_out_of_its_own_page_unless_a_template_reads_it() -> None:
    def post(summary: str) -> dict:
        return {"page": post_page(excerpt=SimpleNamespace(content=f"<p>{summary}</p>"))}

    context_fingerprint.start_build(context_fingerprint.LEFT_OUT_UNLESS_READ)
    assert page_key(post("摘要"), "shared") == page_key(post("改过的摘要"), "shared")
    context_fingerprint.start_build(frozenset())
    assert page_key(post("摘要"), "shared") != page_key(post("改过的摘要"), "shared")


def test_an_attribute_counts_as_read_when_a_template_names_it(tmp_path: Path) -> None:
    names = frozenset({"posts", "excerpt"})

    def unread(template: str) -> frozenset[str]:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        folder.mkdir()
        (folder / "blog.html").write_text(template, encoding="utf-8")
        return unread_attributes([folder], names)

    assert unread('{% for post in posts %}<article class="md-post--excerpt">{{ post.title }}{% endfor %}') == names
    assert unread("{% for post in page.posts %}{{ post.title }}{% endfor %}") == {"excerpt"}
    assert unread('{{ page|attr("posts")|length }}{{ page.excerpt.content }}') == set()


def test_front_matter_reads_the_same_with_libyaml_and_a_tab_is_refused_as_pyyaml_refuses_it() -> None:
    text = "date: 2023-12-27\ncategories:\n  - 品牌创建\ntitle: \"党旗引领·法耀浔州\"\npin: true\n"
    assert yaml.load(text, LibyamlFirst) == yaml.load(text, yaml.SafeLoader)
    with pytest.raises(yaml.YAMLError):
        yaml.load("title:\t党旗引领\n", LibyamlFirst)


def test_functions_go_in_by_their_code_and_what_they_hold() -> None:
    def pager_for(page_number):
        return lambda args: f"第{page_number}页"

    assert key({"pagination": pager_for(1)}) == key({"pagination": pager_for(1)})
    assert key({"pagination": pager_for(1)}) != key({"pagination": pager_for(2)})


def test_what_has_no_readable_state_is_not_fingerprinted() -> None:
    with pytest.raises(Unreadable, match="page.helper"):
        key({"page": SimpleNamespace(helper=object())})
    deep: dict = {}
    for _ in range(20):
        deep = {"inner": deep}
    with pytest.raises(Unreadable):
        key({"page": deep})


@pytest.mark.build
def test_a_build_serves_the_pages_the_build_before_stored_until_a_theme_template_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    run_build(project, tmp_path / "first", env={"SOURCE_DATE_EPOCH": EPOCH}).check_returncode()
    stored = project / ".cache" / "showcase" / page_renders.CACHE_FILE
    payload = pickle.loads(stored.read_bytes())
    assert len(payload["entries"]) >= 25  # every page of the real site but 404.html
    marked = "<!-- 来自缓存 --></body>"
    for entry, value in payload["entries"].items():
        payload["entries"][entry] = zlib.compress(zlib.decompress(value).replace(b"</body>", marked.encode()))
    stored.write_bytes(pickle.dumps(payload))

    second = tmp_path / "second"
    run_build(project, second, env={"SOURCE_DATE_EPOCH": EPOCH}).check_returncode()
    pages = [p for p in second.rglob("*.html") if p.name != "404.html"]
    assert pages and all(marked in p.read_text(encoding="utf-8") for p in pages)

    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{#- 改过的注释 -#}\n", encoding="utf-8")
    third = tmp_path / "third"
    run_build(project, third, env={"SOURCE_DATE_EPOCH": EPOCH}).check_returncode()
    assert not any(marked in p.read_text(encoding="utf-8") for p in third.rglob("*.html"))
    kept = tmp_path / "kept-cache"
    shutil.copytree(project / ".cache", kept)
    assert differences(third, clean_build(project, tmp_path / "clean")) == []


# Two preview builds in one process, as ``mkdocs serve`` makes them; between them, every stored page
# on disk is marked. The second build must take its pages from memory, unmarked.
TWO_PREVIEW_BUILDS = """
import pickle, sys, zlib
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

def preview_build(site):
    config = load_config("mkdocs.yml", site_dir=site)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")

preview_build(sys.argv[1])
stored = Path(".cache/showcase/page-renders.pickle")
payload = pickle.loads(stored.read_bytes())
for key, value in payload["entries"].items():
    payload["entries"][key] = zlib.compress(zlib.decompress(value).replace(b"</body>", b"<!-- marked --></body>"))
stored.write_bytes(pickle.dumps(payload))
preview_build(sys.argv[2])
"""


@pytest.mark.build
def test_the_preview_keeps_its_pages_in_memory_from_one_save_to_the_next(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    first, second = tmp_path / "first", tmp_path / "second"
    result = subprocess.run([sys.executable, "-c", TWO_PREVIEW_BUILDS, str(first), str(second)], cwd=project,
                            env=build_environment(project, {"SOURCE_DATE_EPOCH": EPOCH}), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    pages = [p for p in second.rglob("*.html") if p.name != "404.html"]
    assert len(pages) >= 25 and not any("<!-- marked -->" in p.read_text(encoding="utf-8") for p in pages)
    assert differences(first, second) == []
