"""The site's own stylesheets and scripts, served as one file of each kind.

A phone on a slow network opens few connections at a time, and every stylesheet holds up the first
paint: three small sheets and three small scripts made Material's own script start later and its
long task fall after the first paint (Lighthouse's Total Blocking Time). mkdocs.yml keeps listing
the source files, each with one job and its comments; the build serves them joined, stylesheets
without the comments that explain the rules (showcase.pages.stylesheets), scripts as written (each one
is a function of its own, so joining them changes no scope).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from showcase.pages.stylesheets import without_comments

STYLESHEET = "stylesheets/showcase.css"
SCRIPT = "javascripts/showcase.js"


@dataclass(frozen=True)
class Bundle:
    """One served file (``uri``) made of source files under the docs folder, in their order."""

    uri: str
    sources: tuple[str, ...]

    def combine(self, read: Callable[[str], str]) -> str:
        """The served text; ``read`` gives a source file's text by its path under the docs folder."""
        if self.uri.endswith(".css"):
            return "\n".join(f"/* {source} */\n{without_comments(read(source)).strip()}" for source in self.sources) + "\n"
        # A semicolon after each file, in case one ends without one.
        return "".join(f"// {source}\n{read(source).strip()}\n;\n" for source in self.sources)


    def served_in(self, entries: Sequence) -> list:
        """``entries`` (paths, or objects whose str() is one) with the bundle where its first source was."""
        kept = [entry for entry in entries if str(entry) not in self.sources]
        kept.insert([str(entry) for entry in entries].index(self.sources[0]), self.uri)
        return kept


def plan_bundles(stylesheets: Sequence[str], scripts: Sequence[str]) -> list[Bundle]:
    """The bundles for these source lists; a list of fewer than two files is served as it is."""
    planned = [(STYLESHEET, tuple(stylesheets)), (SCRIPT, tuple(scripts))]
    return [Bundle(uri, sources) for uri, sources in planned if len(sources) > 1]
