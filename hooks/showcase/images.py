"""Checks of the images that data files point to: the file exists, and it is not too heavy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem
from .validation import dotted_path

if TYPE_CHECKING:  # only for type hints: catalog imports this module
    from .catalog import _Loaded

MAX_IMAGE_BYTES = 500 * 1024


def check_images(loaded: dict[str, list[_Loaded]], docs_dir: Path) -> list[Problem]:
    """A missing image is an error naming its path; one over 500 KB is a warning with a hint."""
    problems = []
    for items in loaded.values():
        for item in items:
            for path, image in _images_of(item.record):
                target = docs_dir / image.src
                if target.is_file() and target.stat().st_size <= MAX_IMAGE_BYTES:
                    continue
                line = item.document.line_of(path + ("src",))
                field = dotted_path(path + ("src",))
                if not target.is_file():
                    problems.append(
                        Problem(
                            item.file, line, field,
                            f"找不到图片 docs/{image.src}。请把图片放进 docs/ 下的这个位置，或改正路径（区分大小写）。",
                        )
                    )
                elif target.stat().st_size > MAX_IMAGE_BYTES:
                    size = target.stat().st_size // 1024
                    problems.append(
                        Problem(
                            item.file, line, field,
                            f"图片 docs/{image.src} 有 {size} KB，超过 500 KB，手机上会打开得慢。"
                            "建议把宽度缩到 1600 像素以内，并另存为质量 80% 左右的 JPG 或 WebP。",
                            "warning",
                        )
                    )
    return problems


def _images_of(record) -> list[tuple[tuple, object]]:
    found = []
    if getattr(record, "logo", None) is not None:
        found.append((("logo",), record.logo))
    for index, image in enumerate(getattr(record, "images", []) or []):
        found.append((("images", index), image))
    return found
