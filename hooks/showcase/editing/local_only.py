"""The editors' servers answer this machine only: the preview and the form editor's file service.

A web page on a domain that resolves to 127.0.0.1 (DNS rebinding) reaches a local server with its
own name in ``Host`` and its own origin; it could then read and rewrite the project's files while
``make edit`` runs. Both servers answer only requests addressed to 127.0.0.1 or localhost at their
own port, and refuse requests sent by a page of any other origin (``Origin``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

LOCAL_NAMES = ("127.0.0.1", "localhost")


def local_hosts(port: int) -> set[str]:
    return {f"{name}:{port}" for name in LOCAL_NAMES}


def local_origins(port: int) -> set[str]:
    return {f"http://{host}" for host in local_hosts(port)}


def refusal(host: str | None, origin: str | None, port: int, origins: set[str]) -> str | None:
    """Why a request is refused (in Chinese), or None when it comes from this machine's pages."""
    if (host or "").strip().lower() not in local_hosts(port):
        return f"只接受发往 127.0.0.1:{port} 或 localhost:{port} 的请求。"
    if origin is not None and origin not in origins:
        return "只接受本机编辑器页面发出的请求。"
    return None


def local_only(app: Callable, port: int) -> Callable:
    """WSGI middleware: ``app`` for this machine's requests, 403 for any other ``Host`` or ``Origin``."""

    def gated(environ: dict, start_response: Callable) -> Iterable[bytes]:
        reason = refusal(environ.get("HTTP_HOST"), environ.get("HTTP_ORIGIN"), port, local_origins(port))
        if reason is None:
            return app(environ, start_response)
        body = reason.encode("utf-8")
        start_response("403 Forbidden", [("Content-Type", "text/plain; charset=utf-8"),
                                         ("Content-Length", str(len(body)))])
        return [body]

    return gated
