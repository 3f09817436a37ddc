"""Two builds of the same sources are byte-identical: dates come from SOURCE_DATE_EPOCH, not the clock.

Both builds read one snapshot of the project (others may be editing the real one meanwhile). The
second build changes everything that must not matter: a later time (a second later, and with
Debian's faketime a year later), another folder, other file modification times, another hash
seed, time zone and locale, and an empty jieba cache.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from tools.harness import copy_project, run_build

pytestmark = pytest.mark.build  # every test here builds the site

EPOCH = 1703606400  # 2023-12-26T16:00:00Z, 2023-12-27 in Beijing
FAKETIME = shutil.which("faketime")


def build(project: Path, site_dir: Path, *, prefix: tuple[str, ...] = (), **env: str) -> Path:
    """Strict build of ``project`` with SOURCE_DATE_EPOCH; extra environment variables in ``env``."""
    # At an address, as make publish builds: the sitemap and the feed are compared too.
    env = {"SOURCE_DATE_EPOCH": str(EPOCH), "SITE_URL": "https://court.example/", **env}
    result = run_build(project, site_dir, env=env, prefix=prefix)
    if result.returncode != 0:
        pytest.fail(f"build failed:\n{result.stderr}", pytrace=False)
    return site_dir


def files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in sorted(site.rglob("*")) if path.is_file()}


def differences(first: Path, second: Path) -> list[str]:
    """Every file that is missing from one build or differs, with the first differing bytes."""
    a, b = files(first), files(second)
    report = [f"only in the first build: {name}" for name in sorted(a.keys() - b.keys())]
    report += [f"only in the second build: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        x, y = a[name].read_bytes(), b[name].read_bytes()
        if x != y:
            at = next((i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y)))
            around = slice(max(0, at - 60), at + 60)
            first_text, second_text = (z[around].decode("utf-8", "replace") for z in (x, y))
            report.append(f"differs: {name} at byte {at}: {first_text!r} != {second_text!r}")
    return report


def elsewhere(snapshot: Path, target: Path) -> Path:
    """The snapshot copied to another folder, every file with another modification time."""
    shutil.copytree(snapshot, target)
    later = time.time() + 86400 * 3
    for path in target.rglob("*"):
        os.utime(path, (later, later), follow_symlinks=False)
    return target


def variant_env(tmp: Path) -> dict[str, str]:
    (tmp / "tmpdir").mkdir()
    return {
        "PYTHONHASHSEED": "4242",
        "TZ": "Asia/Shanghai",
        "LC_ALL": "C.UTF-8",
        "TMPDIR": str(tmp / "tmpdir"),  # jieba keeps its cache in the temp folder: start cold
    }


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("snapshot") / "project")


@pytest.fixture(scope="module")
def first_build(snapshot: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(snapshot, tmp_path_factory.mktemp("first") / "site", PYTHONHASHSEED="0", TZ="UTC")


def test_a_second_build_is_byte_identical(snapshot: Path, first_build: Path, tmp_path: Path) -> None:
    time.sleep(1.5)  # a later second on the clock
    project = elsewhere(snapshot, tmp_path / "elsewhere")
    second = build(project, tmp_path / "site", **variant_env(tmp_path))
    report = differences(first_build, second)
    assert not report, "the builds differ:\n" + "\n".join(report)


def test_a_build_a_year_later_is_byte_identical(snapshot: Path, first_build: Path, tmp_path: Path) -> None:
    if not FAKETIME:
        message = "faketime is missing: apt-get install -y faketime"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    project = elsewhere(snapshot, tmp_path / "elsewhere")
    later = build(project, tmp_path / "site", prefix=(FAKETIME, "-f", "+400d"), **variant_env(tmp_path))
    report = differences(first_build, later)
    assert not report, "a build a year later differs:\n" + "\n".join(report)


def test_dates_come_from_source_date_epoch(first_build: Path) -> None:
    day = dt.datetime.fromtimestamp(EPOCH, dt.timezone.utc).date().isoformat()
    sitemap = (first_build / "sitemap.xml").read_text(encoding="utf-8")
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {day}
    compressed = (first_build / "sitemap.xml.gz").read_bytes()
    # The gzip header's MTIME field (bytes 4-7) is the build day, not the moment of writing.
    header_time = int.from_bytes(compressed[4:8], "little")
    assert dt.datetime.fromtimestamp(header_time, dt.timezone.utc).date().isoformat() == day
    assert gzip.decompress(compressed).decode("utf-8") == sitemap
