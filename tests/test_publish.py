"""make publish: build, check links and inline code, then switch DEST in one atomic step.

A failed publish (bad data, a broken link or anchor, an inline event handler) must leave the
published site byte for byte as it was; a successful one must switch without DEST ever being
missing or incomplete, keep the previous release and roll back in one command.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import tools.release.deploy.publish
from tools import harness
from tools.release.deploy.errors import PublishError
from tools.release.deploy.links import check_links, site_base_path
from tools.release.deploy.publish import publish
from tools.release.deploy.releases import rollback
from tools.harness import FALLBACK_EPOCH, REPO, copy_project, source_date_epoch

EPOCH = "1703606400"
SITE_URL = "https://court.example/"  # make publish refuses without an address (tests/test_public_build.py)


def run_publish(*args: str) -> subprocess.CompletedProcess:
    if "--rollback" not in args and not harness.builds_allowed:
        raise harness.BuildNotAllowed("this test publishes, which builds the site: mark it with @pytest.mark.build")
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    return subprocess.run(
        [sys.executable, "-m", "tools.release.publish", *args], env=env, capture_output=True, text=True, timeout=600, cwd=REPO
    )


def state(dest: Path) -> dict[str, object]:
    """Everything publishing may touch: the links, the releases folder and every published byte."""
    releases = dest.with_name(dest.name + ".releases")
    conf = dest.with_name(dest.name + ".nginx.conf")
    return {
        "dest": os.readlink(dest),
        "conf": os.readlink(conf),
        "conf text": conf.read_bytes(),
        "releases": sorted(p.name for p in releases.iterdir()),
        "files": {
            p.relative_to(dest).as_posix(): p.read_bytes() for p in sorted(dest.rglob("*")) if p.is_file()
        },
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One snapshot of the project for this module (others may be editing the real one)."""
    return copy_project(tmp_path_factory.mktemp("publish") / "project")


@pytest.fixture(scope="module")
def published(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("www") / "fayao"
    result = run_publish("--project", str(project), "--dest", str(dest))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "发布完成" in result.stdout
    return dest


def test_publish_links_dest_to_a_release_with_its_nginx_configuration(published: Path) -> None:
    releases = published.with_name("fayao.releases")
    assert published.is_symlink() and not os.path.isabs(os.readlink(published))
    release = Path(os.readlink(published)).name
    assert (releases / release / "index.html").is_file()
    assert oct((releases / release).stat().st_mode & 0o777) == "0o755"  # readable by nginx's workers
    conf = published.with_name("fayao.nginx.conf")
    assert os.readlink(conf) == f"fayao.releases/{release}.nginx.conf"
    text = conf.read_text(encoding="utf-8")
    assert f'root "{published}";' in text  # the link, not the release: a switch needs no reload
    assert "@" not in text.replace("@RELEASE@", "")  # no placeholder left
    assert not [p for p in releases.iterdir() if p.name.startswith(".building")]


@pytest.mark.parametrize(
    ("breakage", "expected"),
    [
        pytest.param(
            ("data/brands/farun-minsheng.yml", 'slug: farun-minsheng\nname: "引号没有闭合\n', "replace"),
            ["网站生成失败", "data/brands/farun-minsheng.yml", "引号没有配对"],
            id="bad-yaml",
        ),
        pytest.param(
            ("docs/about.md", "\n\n[失效的链接](no-such-page.md)\n", "append"),
            ["网站生成失败", "no-such-page.md"],
            id="markdown-link",
        ),
        pytest.param(
            ("docs/about.md", '\n\n<p><a href="../no-such-page/">失效的链接</a></p>\n', "append"),
            ["失效的站内链接", "about/index.html", "../no-such-page/", "no-such-page/index.html 不存在"],
            id="html-link",
        ),
        pytest.param(
            ("docs/about.md", '\n\n<p><a href="../matrix/#没有这个锚点">失效的锚点</a></p>\n', "append"),
            ["失效的站内链接", "about/index.html", "锚点 #没有这个锚点 在 matrix/index.html 里不存在"],
            id="html-anchor",
        ),
        pytest.param(
            (
                "docs/about.md",
                '\n\n<p><button type="button" onclick="alert(1)">按钮</button></p>\n',
                "append",
            ),
            ["内容安全策略", "about/index.html", "onclick"],
            id="inline-handler",
        ),
    ],
)
def test_a_failed_publish_leaves_the_published_site_untouched(
    published: Path, tmp_path: Path, breakage: tuple[str, str, str], expected: list[str]
) -> None:
    before = state(published)
    broken = copy_project(tmp_path / "broken")
    name, text, how = breakage
    path = broken / name
    path.write_text(text if how == "replace" else path.read_text(encoding="utf-8") + text, encoding="utf-8")

    result = run_publish("--project", str(broken), "--dest", str(published))

    assert result.returncode != 0
    for words in expected + ["没有发布", "已发布的网站没有任何改动"]:
        assert words in result.stderr, result.stderr
    assert state(published) == before


@pytest.mark.build
def test_a_new_release_replaces_the_old_one_atomically_and_rolls_back(project: Path, tmp_path: Path) -> None:
    dest = tmp_path / "www" / "fayao"
    first = run_publish("--project", str(project), "--dest", str(dest))
    assert first.returncode == 0, first.stderr
    first_release = os.readlink(dest)
    first_about = (dest / "about" / "index.html").read_bytes()
    sample = sorted(p.relative_to(dest).as_posix() for p in dest.rglob("*") if p.is_file())

    changed = copy_project(tmp_path / "changed")
    about = changed / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n\n第二版的说明。\n", encoding="utf-8")

    # While the second publish runs, keep reading DEST: every read must find a complete site.
    failures: list[str] = []
    reads = 0
    stop = threading.Event()

    def watch() -> None:
        nonlocal reads
        while not stop.is_set():
            try:
                release = dest.parent / os.readlink(dest)
                missing = [name for name in sample if not (release / name).is_file()]
                if missing:
                    failures.append(f"{release} lacks {missing[:3]}")
                (dest / "index.html").read_bytes()
                (dest / "about" / "index.html").read_bytes()
            except OSError as error:
                failures.append(repr(error))
            reads += 1

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        second = run_publish("--project", str(changed), "--dest", str(dest))
    finally:
        stop.set()
        watcher.join()
    assert second.returncode == 0, second.stderr
    assert not failures, failures[:5]
    assert reads > 100
    assert os.readlink(dest) != first_release
    assert "第二版的说明" in (dest / "about" / "index.html").read_text(encoding="utf-8")
    assert (dest.parent / first_release / "about" / "index.html").read_bytes() == first_about  # kept
    assert "--rollback" in second.stdout

    back = run_publish("--dest", str(dest), "--rollback")
    assert back.returncode == 0, back.stderr
    assert "已回滚" in back.stdout
    assert os.readlink(dest) == first_release
    assert (dest / "about" / "index.html").read_bytes() == first_about
    assert os.readlink(dest.with_name("fayao.nginx.conf")) == first_release + ".nginx.conf"


def test_rollback_without_an_older_release_says_so(published: Path) -> None:
    before = state(published)
    result = run_publish("--dest", str(published), "--rollback")
    assert result.returncode == 1
    assert "没有比" in result.stderr and "更早的版本" in result.stderr
    assert state(published) == before


# --- the switch and the releases, without building (a copy of the published site stands in) ---


@pytest.fixture
def quick_publish(published: Path, monkeypatch: pytest.MonkeyPatch):
    """``publish`` with the build replaced by a copy of an already published site."""
    import shutil

    def fake_build(project: Path, site_dir: Path):
        shutil.copytree(published, site_dir, dirs_exist_ok=True)
        return subprocess.CompletedProcess([], 0, "", "")

    monkeypatch.setattr(tools.release.deploy.publish, "build", fake_build)
    monkeypatch.setenv("SITE_URL", SITE_URL)
    messages: list[str] = []
    return lambda dest, **kw: publish(REPO, dest, say=messages.append, **kw)


def test_a_folder_published_by_hand_is_kept_as_a_release(quick_publish, tmp_path: Path) -> None:
    dest = tmp_path / "fayao"
    dest.mkdir()
    (dest / "index.html").write_text("旧网站", encoding="utf-8")
    release = quick_publish(dest)
    assert dest.is_symlink() and Path(os.readlink(dest)).name == release
    imported = [p for p in dest.with_name("fayao.releases").iterdir() if p.name.endswith("-imported")]
    assert len(imported) == 1 and (imported[0] / "index.html").read_text(encoding="utf-8") == "旧网站"
    assert rollback(dest, say=print) == imported[0].name
    assert (dest / "index.html").read_text(encoding="utf-8") == "旧网站"


def test_old_releases_are_pruned_but_the_previous_one_is_kept(quick_publish, tmp_path: Path) -> None:
    dest = tmp_path / "fayao"
    names = [quick_publish(dest, keep=2) for _ in range(4)]
    releases = dest.with_name("fayao.releases")
    assert sorted(p.name for p in releases.iterdir() if p.is_dir()) == names[-2:]
    assert sorted(p.name for p in releases.glob("*.nginx.conf")) == sorted(
        f"{n}.nginx.conf" for n in names[-2:]
    )


def test_the_csp_allows_the_live_release_and_the_new_one(quick_publish, tmp_path: Path, monkeypatch) -> None:
    from tools.release.deploy.csp import csp_hash, parse_policy

    dest = tmp_path / "fayao"
    quick_publish(dest)
    old_script = "console.log('old')"
    # The next build brings another inline script; the live site still has the old one.
    (dest / "index.html").write_text(f"<script>{old_script}</script>", encoding="utf-8")
    quick_publish(dest)
    conf = dest.with_name("fayao.nginx.conf").read_text(encoding="utf-8")
    policy = conf.split('Content-Security-Policy "')[1].split('"')[0]
    assert csp_hash(old_script) in parse_policy(policy)["script-src"]


def test_a_failed_reload_switches_nothing(quick_publish, published: Path, tmp_path: Path) -> None:
    dest = tmp_path / "fayao"
    quick_publish(dest)
    (dest / "index.html").write_text("<script>console.log('changed')</script>", encoding="utf-8")
    before = state(dest)
    with pytest.raises(PublishError, match="重新加载 nginx 失败"):
        quick_publish(dest, reload_command="false")
    assert state(dest) == before


# --- SOURCE_DATE_EPOCH ---


def test_source_date_epoch_is_the_last_commit_or_a_fixed_day(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    committed = subprocess.run(
        ["git", "-C", str(REPO), "log", "-1", "--format=%ct"], capture_output=True, text=True
    ).stdout.strip()
    assert source_date_epoch(REPO) == committed
    assert source_date_epoch(tmp_path) == str(FALLBACK_EPOCH)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert source_date_epoch(REPO) == "1234567890"


# --- the link check on small sites ---


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return root


def test_the_link_check_resolves_folders_percent_encoding_and_anchors(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "index.html": (
                '<a href="news/category/%E5%93%81%E7%89%8C/">编码的中文路径</a>'
                '<a href="news/category/品牌/#%E6%A0%87%E9%A2%98">编码的锚点</a>'
                '<a href="news/category/品牌/index.html#标题">原样的锚点</a>'
                '<a href="about">没有斜杠的文件夹</a>'
                '<a href="#top">页首</a><a href="#">空锚点</a><a href="#here" id="here">本页</a>'
                '<a href="https://example.org/missing/">外部</a><a href="mailto:a@b.cn">邮件</a>'
                '<a href="tel:123">电话</a><img src="data:image/png;base64,AAAA" alt="">'
                '<img src="a.png" srcset="a.png 1x, b.png 2x" alt="">'
                '<link rel="stylesheet" href="/s.css?v=1">'
            ),
            "about/index.html": '<a href="../">首页</a><a href="../index.html#here">首页锚点</a>',
            "news/category/品牌/index.html": '<h2 id="标题">标题</h2>',
            "a.png": "",
            "b.png": "",
            "s.css": "",
        },
    )
    assert check_links(site, "/") == []


def test_the_link_check_reports_missing_files_and_anchors(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "index.html": (
                '<a href="nowhere/">无</a>\n<a href="about/#nope">无锚点</a>\n'
                '<img src="missing.png" alt="">\n<img srcset="a.png 1x, gone.png 2x" alt="">\n'
                '<a href="/sub/about/">站外路径</a>'
            ),
            "about/index.html": "<p>关于</p>",
            "a.png": "",
        },
    )
    problems = check_links(site, "/")
    assert problems == [
        "index.html 第 1 行：链接 nowhere/ 指向的 nowhere/index.html 不存在",
        "index.html 第 2 行：链接 about/#nope 的锚点 #nope 在 about/index.html 里不存在",
        "index.html 第 3 行：链接 missing.png 指向的 missing.png 不存在",
        "index.html 第 4 行：链接 gone.png 指向的 gone.png 不存在",
        "index.html 第 5 行：链接 /sub/about/ 指向的 sub/about/index.html 不存在",
    ]
    # Under /sub/, the same root-relative link names about/index.html, which exists.
    assert check_links(site, "/sub/") == problems[:4]


def test_root_relative_links_follow_the_site_url_path(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "404.html": '<link rel="stylesheet" href="/fayao/s.css"><a href="/elsewhere/">站外</a>',
            "s.css": "",
            "sitemap.xml": "<urlset><url><loc>https://example.org/fayao/about/</loc></url>"
            "<url><loc>https://example.org/fayao/</loc></url></urlset>",
        },
    )
    assert site_base_path(site) == "/fayao/"
    assert check_links(site) == [
        "404.html 第 1 行：链接 /elsewhere/ 在网站所在的路径 /fayao/ 之外"
    ]
