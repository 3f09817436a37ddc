"""Material's blog formats the dates of every post with Babel on every build: its address, its
archive and the archive's address, three calls a post (about 75 ms a save at 1,000 posts).
``remember_formatted_dates`` keeps each answer by date, format and language within the process,
so that the preview formats only the dates it has not seen. A speed-up like those in
material_speedups: ``SHOWCASE_SPEEDUPS=off`` turns it off, and a Material whose blog has no
``_format_date`` is left alone. Material-specific, hence here in the adapter's folder.
"""

from __future__ import annotations

_formatted: dict[tuple, str] = {}


def remember_formatted_dates(enabled: bool) -> None:
    try:
        from material.plugins.blog.plugin import BlogPlugin
    except ImportError:
        return
    if not hasattr(BlogPlugin, "_format_date"):
        return
    original = getattr(BlogPlugin._format_date, "showcase_original", BlogPlugin._format_date)
    BlogPlugin._format_date = original
    if not enabled:
        return

    def _format_date(self, date, format, config):
        key = (repr(date), format, config.theme["language"])  # repr: with its time zone, which equality ignores
        text = _formatted.get(key)
        if text is None:
            text = _formatted[key] = original(self, date, format, config)
        return text

    _format_date.showcase_original = original
    BlogPlugin._format_date = _format_date
