"""The media team's commands: paths in news posts, MkDocs' warnings in Chinese, make's output,
make new through make, make check's summary, and the preview's error page.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from showcase import cli
from showcase.engines.mkdocs_messages import translate
from tools.harness import REPO, copy_project, run_build

POST = "docs/news/posts/2023-12-27-brand-report.md"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def _check(project: Path) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.chdir(project), contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = cli.main(["check"])
    return code, out.getvalue()


def _edit(path: Path, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in ``path``; return the line ``new`` is on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1


# --- paths in news posts ---------------------------------------------------------------------------


def _slip_post_paths(project: Path) -> tuple[int, int]:
    """A page link written from docs/, and a picture in docs/images/ written from docs/ too."""
    (project / "docs/images").mkdir(exist_ok=True)
    shutil.copy(REPO / "docs/assets/favicon.svg", project / "docs/images/fating.svg")
    image = _edit(project / POST, "<!-- more -->\n", "<!-- more -->\n\n![金田法庭](images/fating.svg)\n")
    link = _edit(project / POST, "(../../projects/jintian.md)", "(projects/jintian.md)")
    return link, image + 2


def _assert_post_path_messages(printed: str, link: int, image: int) -> None:
    assert f"错误  {POST}:{link}\n" in printed, printed
    assert "找不到链接 projects/jintian.md 指向的页面" in printed and "请写成 [金田法庭【温情调解和美家事】](../../projects/jintian.md)" in printed
    assert f"错误  {POST}:{image}\n" in printed
    assert "找不到图片 images/fating.svg" in printed and "请写成 ![金田法庭](../../images/fating.svg)" in printed


def test_wrong_paths_in_a_post_are_named_by_make_check(project: Path):
    link, image = _slip_post_paths(project)
    code, printed = _check(project)
    assert code == 1 and "检查通过" not in printed
    _assert_post_path_messages(printed, link, image)
    _edit(project / POST, "(projects/jintian.md)", "(../../projects/jintian.md)")
    _edit(project / POST, "(images/fating.svg)", "(../../images/fating.svg)")
    code, printed = _check(project)
    assert code == 0, printed


@pytest.mark.build
def test_wrong_paths_in_a_post_stop_make_build_in_chinese(project: Path, tmp_path: Path):
    link, image = _slip_post_paths(project)
    result = run_build(project, tmp_path / "site")
    assert result.returncode != 0
    _assert_post_path_messages(result.stderr, link, image)
    assert "is not found among documentation files" not in result.stderr


# --- MkDocs' own warnings --------------------------------------------------------------------------


@pytest.mark.build
def test_mkdocs_link_image_and_anchor_warnings_reach_the_editor_in_chinese(project: Path, tmp_path: Path):
    about = project / "docs/about.md"
    text = about.read_text(encoding="utf-8")
    lines = [
        "见[品牌矩阵](matrix)。",
        "![法庭](../images/no-such.png)",
        "见[本页小标题](#no-such-heading)。",
        "见[工作体系](work-system/index.md#no-such-part)。",
    ]
    about.write_text(text + "\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    first = text.count("\n") + 2
    noted = _edit(project / "data/projects/jintian.yml", "branch: 人民法庭党支部", "branch: 人民法庭党支部 #第二期")
    result = subprocess.run(
        [sys.executable, "-m", "showcase", "build", "--site-dir", str(tmp_path / "site")],
        cwd=project, env={**os.environ, "PYTHONPATH": "hooks", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, timeout=600,
    )
    printed = result.stderr
    assert result.returncode == 1, printed
    assert f"错误  docs/about.md:{first}\n    链接 matrix 不是站内页面的写法：要写到 .md 文件。请写成 matrix.md。" in printed
    assert f"错误  docs/about.md:{first + 2}\n    找不到图片 ../images/no-such.png。请把图片放进 docs/images/" in printed
    assert f"错误  docs/about.md:{first + 4}\n    链接 #no-such-heading 指向的小标题在本页里没有。" in printed
    assert f"错误  docs/about.md:{first + 6}\n    链接 work-system/index.md#no-such-part 指向的小标题 #no-such-part 在 docs/work-system/index.md 里没有。" in printed
    assert "WARNING" not in printed and "Doc file" not in printed and "Aborted" not in printed
    assert printed.rstrip().splitlines()[-1] == "网站没有生成：请按上面的提示改好后再试。"
    assert f"提醒  data/projects/jintian.yml:{noted}\n    这一行“#第二期”被当成了注释" in result.stdout


def test_an_unknown_author_from_material_is_worded_in_chinese(tmp_path: Path):
    worded = translate("Couldn't find author 'wangwu'", tmp_path)
    assert "作者 wangwu 没有登记" in worded and "docs/news/.authors.yml" in worded


def test_other_messages_are_left_alone(tmp_path: Path):
    assert translate("Building documentation to directory: /tmp/site", tmp_path) is None


# --- make --------------------------------------------------------------------------------------------


def _make(project: Path, *words: str) -> subprocess.CompletedProcess:
    """``make`` in a copy of the project, with the shared virtual environment taken as installed."""
    shutil.copy(REPO / "Makefile", project / "Makefile")
    if not (project / ".venv").exists():
        (project / ".venv").symlink_to(REPO / ".venv")
    # -o: never remake the install stamp (it is the shared environment's, and already made). The
    # environment's editable install is the real project's core: PYTHONPATH makes it the copy's.
    return subprocess.run(
        ["make", "-o", ".venv/.installed-stamp", *words], cwd=project, capture_output=True, text=True, timeout=600,
        env={**os.environ, "PYTHONPATH": "hooks"},
    )


def test_make_check_failing_shows_the_chinese_message_last_and_no_make_noise(project: Path):
    _edit(project / "data/projects/jintian.yml", "order: 10", "order: [10")
    result = _make(project, "check")
    assert result.returncode != 0
    assert "make:" not in result.stdout + result.stderr and "showcase check" not in result.stdout
    assert result.stderr.rstrip().splitlines()[-1] == "共 1 处错误，请按提示修改后再试。"
    assert "请把这一行改成：order: \"[10\"" in result.stderr


def test_make_check_says_what_it_checked(project: Path):
    result = _make(project, "check")
    assert result.returncode == 0, result.stderr
    counts = re.fullmatch(
        r"检查通过：(\d+) 个品牌、(\d+) 个法庭特色项目、(\d+) 项荣誉、(\d+) 条活动记录、(\d+) 篇新闻、(\d+) 张图片。",
        result.stdout.strip().splitlines()[-1],
    )
    assert counts, result.stdout
    records = sum(len(yaml.safe_load(p.read_text(encoding="utf-8"))["records"]) for p in (REPO / "data/activities").glob("*.yml"))
    assert [int(n) for n in counts.groups()[:5]] == [
        len(list((REPO / "data/brands").glob("*.yml"))),
        len(list((REPO / "data/projects").glob("*.yml"))),
        len(list((REPO / "data/honours").glob("*.yml"))),
        records,
        len(list((REPO / "docs/news/posts").glob("*.md"))),
    ]


def test_make_new_keeps_spaces_and_quotes_and_honours_date(project: Path):
    result = _make(
        project, "new", "KIND=honour", "SLUG=ceshi-rongyu", 'TITLE=全区 "优秀" 法官', "RECIPIENT=桂平市 人民法院",
        "LEVEL=全区", "HONOUR_KIND=集体", "SOURCE=2023-12-27 报告·发挥两个作用", "DATE=2022-05",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "已新建 data/honours/ceshi-rongyu.yml。它是草稿，运行 make serve 就能在预览中看到。"
    data = yaml.safe_load((project / "data/honours/ceshi-rongyu.yml").read_text(encoding="utf-8"))
    assert data["title"] == '全区 "优秀" 法官' and data["recipient"] == "桂平市 人民法院"
    assert data["source"] == "2023-12-27 报告·发挥两个作用" and data["date"] == "2022-05"
    assert _check(project)[0] == 0


def test_make_new_activity_adds_a_record(project: Path):
    path = project / "data/activities/fayao-xunzhou.yml"
    before = len(yaml.safe_load(path.read_text(encoding="utf-8"))["records"])
    result = _make(project, "new", "KIND=activity", "BRAND=fayao-xunzhou", "DATE=2024-05", "TITLE=主题 党日", "ACTIVITY_KIND=主题党日")
    assert result.returncode == 0, result.stderr
    records = yaml.safe_load(path.read_text(encoding="utf-8"))["records"]
    assert len(records) == before + 1 and records[-1] == {"date": "2024-05", "kind": "主题党日", "title": "主题 党日"}
    result = _make(project, "new", "KIND=activity", "BRAND=jintian", "DATE=2024", "TITLE=调解活动", "ACTIVITY_KIND=调解")
    assert result.returncode == 0, result.stderr
    new = yaml.safe_load((project / "data/activities/jintian.yml").read_text(encoding="utf-8"))
    assert new == {"brand": "jintian", "records": [{"date": "2024", "kind": "调解", "title": "调解活动"}]}
    code, printed = _check(project)
    assert code == 0, printed
    result = _make(project, "new", "KIND=activity", "BRAND=nope", "DATE=2024", "TITLE=x", "ACTIVITY_KIND=调解")
    assert result.returncode != 0 and result.stderr.strip().startswith("没有新建文件：品牌 nope 不存在")
    assert "make:" not in result.stderr


@pytest.mark.parametrize("kind", ["brand", "project", "honour"])
def test_scaffolded_comments_carry_no_facts(project: Path, kind: str):
    values = {
        "brand": "SLUG=ceshi-pinpai NAME=测试品牌",
        "project": "SLUG=ceshi-xiangmu NAME=测试项目 TRIBUNAL=测试法庭 PARENT=xunzhou-fengqiao",
        "honour": "SLUG=ceshi-rongyu TITLE=测试荣誉 RECIPIENT=测试人 LEVEL=全区 HONOUR_KIND=个人 SOURCE=测试出处",
    }[kind]
    assert _make(project, "new", f"KIND={kind}", *values.split()).returncode == 0
    path = next((project / "data").rglob("ceshi-*.yml"))
    comments = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if line.lstrip().startswith("#"))
    for word in [v.split("=", 1)[1] for v in values.split()] + ["全国", "市级", "集体", "获评", "推荐参选", "fayao-xunzhou"]:
        assert word not in comments, f"{word} in the comments of {path.name}:\n{comments}"
    assert not re.search(r"^[^#\n]*\S[ \t]+#", path.read_text(encoding="utf-8"), re.M), "no comment after a value"


# --- the preview -------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:  # the error page comes with 404 on other addresses
        return error.read().decode("utf-8")


def _wait_for(url: str, needle: str, seconds: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        with contextlib.suppress(OSError):
            if needle in _get(url):
                return time.monotonic() - start
        time.sleep(0.5)
    raise AssertionError(f"{url} did not show {needle!r} within {seconds} s")


@pytest.mark.server
def test_the_preview_shows_a_broken_data_file_as_a_chinese_page_and_comes_back(project: Path):
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "showcase", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env={**os.environ, "PYTHONPATH": "hooks", "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(base + "projects/jintian/", "温情调解和美家事", 300)  # the first build, on a busy machine
        line = _edit(project / "data/projects/jintian.yml", "order: 10", "order: [10")
        # Seconds, not minutes: the error build stops at the data; the slack is for a loaded machine.
        waited = _wait_for(base + "projects/jintian/", "资料有错误，预览暂停", 60)
        page = _get(base + "projects/jintian/")
        assert f"错误  data/projects/jintian.yml:{line}" in page and "请把这一行改成：order: &quot;[10&quot;" in page
        assert '<html lang="zh-CN">' in page and "/livereload/" in page
        assert "资料有错误" in _get(base)  # every address, the home page too
        # A wrong path in a news post, saved while the error page shows: the page names it instead.
        link = _edit(project / POST, "(../../projects/jintian.md)", "(projects/jintian.md)")
        _edit(project / "data/projects/jintian.yml", "order: [10", "order: 10")
        _wait_for(base + "projects/jintian/", f"错误  {POST}:{link}", 120)
        assert "请写成 [金田法庭【温情调解和美家事】](../../projects/jintian.md)" in _get(base + "projects/jintian/")
        _edit(project / POST, "(projects/jintian.md)", "(../../projects/jintian.md)")
        # The project page is back: its own heading (the tribunal and the name each in a nowrap span).
        _wait_for(base + "projects/jintian/", 'id="金田法庭温情调解和美家事"', 300)
        print(f"error page after {waited:.1f} s")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=60)
    assert f"预览地址：http://127.0.0.1:{port}/" in output, output
    assert "The server will appear stuck" not in output


# --- make package ------------------------------------------------------------------------------------


@pytest.mark.build
def test_package_zips_the_checked_project_with_the_date(project: Path, tmp_path: Path, capsys):
    import datetime as dt
    import zipfile

    from showcase.package import package

    out = tmp_path / "out"
    _edit(project / "data/projects/jintian.yml", "order: 10", "order: [10")
    with contextlib.chdir(project):
        assert package(project, out, today=dt.date(2024, 1, 15)) == 1
    assert not out.exists() or not list(out.iterdir())
    assert "没有打包" in capsys.readouterr().err
    _edit(project / "data/projects/jintian.yml", "order: [10", "order: 10")
    with contextlib.chdir(project):
        assert package(project, out, today=dt.date(2024, 1, 15)) == 0
    assert "已打包" in capsys.readouterr().out
    with zipfile.ZipFile(out / "fayao-site-2024-01-15.zip") as archive:
        names = set(archive.namelist())
    assert {"fayao-site-2024-01-15/mkdocs.yml", "fayao-site-2024-01-15/data/projects/jintian.yml", f"fayao-site-2024-01-15/{POST}"} <= names
    assert not [name for name in names if "__pycache__" in name or "/site/" in name]
