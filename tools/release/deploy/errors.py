"""How publishing stops and speaks: one exception, one progress line."""

from __future__ import annotations


class PublishError(Exception):
    """A reason to stop, in Chinese, for the media team."""


def say(message: str) -> None:
    print(message, flush=True)  # flushed, so that progress and errors (stderr) arrive in order
