"""Readable file names for photos uploaded in the form editor: 巡回审判现场.jpg → xunhui-shenpan-xianchang.jpg.

Image paths in the data must be ASCII (schema.Image.src), and Decap CMS, set to ASCII slugs,
would drop every Chinese character and save the photo as ``.jpg``. The editor's page asks for a
name here before Decap sees the file (admin_files.EDITOR_JS), and tells the editor the new name.
Words are cut with jieba (already used for search) so that each word's syllables stay together.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

_ASCII_WORD = re.compile(r"[a-z0-9]+")


def readable_name(original: str, now: dt.datetime | None = None) -> str:
    """An ASCII file name for ``original``: its words in pinyin, or else the upload's date and time."""
    path = PurePath(original.replace("\\", "/").split("/")[-1])
    suffix = path.suffix.lower()
    words = _pinyin_words(path.stem if suffix else path.name)
    stem = "-".join(words)[:60].strip("-")
    if not stem:
        stem = "zhaopian-" + (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    return stem + suffix


def _pinyin_words(text: str) -> list[str]:
    import jieba
    from pypinyin import lazy_pinyin

    jieba.setLogLevel(60)  # no "Building prefix dict…" lines in make edit
    words = []
    for word in jieba.cut(text.lower()):
        # Letters and digits stay; punctuation and other scripts become separators (findall).
        syllables = lazy_pinyin(word, errors=lambda chars: [chars])
        words += _ASCII_WORD.findall("".join(syllables).lower())
    return words
