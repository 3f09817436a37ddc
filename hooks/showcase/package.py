"""``make package``: the checked public site in one dated zip, for the court's IT staff to publish."""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import zipfile
from pathlib import Path

from .mkdocs_commands import build


def package_name(day: dt.date) -> str:
    return f"fayao-site-{day.isoformat()}.zip"


def package(project: Path, out: Path, today: dt.date | None = None) -> int:
    """Build the public site with every check; zip it as ``out/fayao-site-YYYY-MM-DD.zip``."""
    with tempfile.TemporaryDirectory(prefix="showcase-package-") as folder:
        site = Path(folder) / "site"
        if build(project / "mkdocs.yml", site, announce=False) != 0:
            print("没有打包：网站没有生成，请先按上面的提示改好。", file=sys.stderr)
            return 1
        out.mkdir(parents=True, exist_ok=True)
        target = out / package_name(today or dt.date.today())
        files = sorted(path for path in site.rglob("*") if path.is_file())
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, Path("site", path.relative_to(site)).as_posix())
    print(f"已打包 {target.as_posix()}（{len(files)} 个文件）。请把它交给信息技术人员发布。")
    return 0
