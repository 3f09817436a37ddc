"""jieba's segmentation of Chinese text, remembered between builds, keyed by the text itself.

The search index segments every run of Chinese characters on every page with jieba: at 1,000 news
posts that is most of a second per build, and loading jieba's dictionary takes another second or
more. A build that finds every run in the cache never loads the dictionary at all. The cache is
keyed by the text and by what segmentation depends on (jieba's version and dictionaries), so a
cached answer is always the answer jieba would give; runs not used in a build drop out of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .keyed_cache import KeyedCache

CACHE_FILE = "jieba-segments.pickle"

Segmenter = Callable[[str], Iterable[str]]


def jieba_cut(text: str) -> Iterable[str]:
    import jieba  # loaded only on a miss: importing it is cheap, its dictionary is not

    return jieba.cut(text)


class SegmentCache:
    """Segments by text, kept in ``folder`` (none: remember within this build only)."""

    def __init__(self, folder: Path | None, version: str, segmenter: Segmenter = jieba_cut) -> None:
        self.segmenter = segmenter
        self._cache = KeyedCache(folder, CACHE_FILE, version)

    @property
    def misses(self) -> int:
        return self._cache.misses

    def cut(self, text: str | bytes) -> tuple[str, ...]:
        """The words of ``text``, in order, as the segmenter gives them (UTF-8 bytes or a string)."""
        if isinstance(text, bytes):
            text = text.decode("utf-8")
        words = self._cache.get(text)
        if words is None:
            words = tuple(self.segmenter(text))
            self._cache.put(text, words)
        return words

    def save(self) -> None:
        """Keep the texts segmented in this build, so that old ones drop out. Best effort."""
        self._cache.save()
