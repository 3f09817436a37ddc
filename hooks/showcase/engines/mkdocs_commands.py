"""``python -m showcase serve`` and ``build``: MkDocs run for the media team, in Chinese.

The adapter between the command line and MkDocs (the core stays free of MkDocs). Two things
differ from ``mkdocs serve`` and ``mkdocs build``:

- Output: the problems, already worded in Chinese by the hooks, are printed as they are, with no
  "WARNING -" prefix and none of MkDocs' English progress lines; the last line says in Chinese
  whether the site was made.
- The preview never hangs. When a build fails, ``mkdocs serve`` keeps the browser waiting until a
  build succeeds ("The server will appear stuck…"). Here a failed build leaves an error page in
  the preview instead: every address shows the problems, and the page reloads itself when the
  next build (after the file is fixed and saved) is done.
"""

from __future__ import annotations

import contextlib
import html
import logging
import re
import shutil
import sys
import tempfile
from urllib.parse import urlsplit
from pathlib import Path

ERROR_TITLE = "资料有错误，预览暂停"
# Polls MkDocs' live-reload endpoint: the first answer is the current build, the next a newer one.
_RELOAD_SCRIPT = """
(function () {
  var seen = null;
  function poll() {
    fetch("/livereload/" + (seen === null ? 0 : seen) + "/0", {cache: "no-store"})
      .then(function (answer) { return answer.text(); })
      .then(function (text) {
        var epoch = parseInt(text, 10);
        if (seen !== null && epoch > seen) { location.reload(); return; }
        seen = epoch; poll();
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"""


class _Console(logging.Handler):
    """MkDocs' log as the media team sees it: problems in full, progress in a few Chinese words."""

    PROGRESS = {
        "Detected file changes": "发现文件有改动，正在重新生成预览……",
        "Reloading browsers": "预览已更新。",
    }

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.problems: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        # The live-reload server stamps its lines with the time: "[19:10:19] Serving on …".
        message = re.sub(r"^\[\d\d:\d\d:\d\d\] ", "", record.getMessage())
        if record.levelno >= logging.WARNING:
            if message.startswith(("An error happened during the rebuild", '"GET ')):
                return  # a failed build shows its own problems; a missing page is the error page
            self.problems.append(message)
            print(message, file=sys.stderr, flush=True)
        elif record.name.startswith("mkdocs.hooks"):
            print(message, flush=True)  # the hooks' own notes (提醒 …), already in Chinese
        elif message.startswith("Serving on "):
            address = message.removeprefix("Serving on ")
            print(f"预览地址：{address}（在浏览器里打开；按 Ctrl+C 停止预览）", flush=True)
        elif message in self.PROGRESS:
            print(self.PROGRESS[message], flush=True)


@contextlib.contextmanager
def _chinese_log():
    logger = logging.getLogger("mkdocs")
    handler = _Console()
    saved = (logger.level, logger.propagate, list(logger.handlers))
    logger.handlers[:] = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    with contextlib.suppress(ImportError):  # Material's Chinese search: "Building prefix dict…" on stderr
        import jieba

        jieba.setLogLevel(logging.WARNING)
    try:
        yield handler
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers[:] = saved[2]


def build(config_file: Path, site_dir: Path | None = None) -> int:
    """``mkdocs build --strict``; 0 when the site was made."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    with _chinese_log():
        try:
            options = {"site_dir": str(site_dir)} if site_dir else {}
            config = load_config(config_file=str(config_file), strict=True, **options)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except (Abort, ConfigurationError) as error:
            if isinstance(error, ConfigurationError):
                print(f"mkdocs.yml 有错误：{error}", file=sys.stderr)
            print("网站没有生成：请按上面的提示改好后再试。", file=sys.stderr)
            return 1
    return 0


def serve(config_file: Path, dev_addr: str | None = None) -> int:
    """``mkdocs serve`` with live reload, where a failed build shows its problems as a page.

    MkDocs' own ``serve`` stops at a failed first build and leaves the browser waiting after a
    failed rebuild; this loop is the same, through MkDocs' public build and live-reload server,
    with a builder that turns a failure into the error page.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer

    site_dir = tempfile.mkdtemp(prefix="showcase-preview-")
    options = {"dev_addr": dev_addr} if dev_addr else {}

    def get_config():
        return load_config(config_file=str(config_file), site_dir=site_dir, **options)

    with _chinese_log():
        config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = f"http://{host}:{port}{mount_path}"

    def builder(config=None) -> None:
        with _chinese_log() as console:
            try:
                config = config or get_config()
                config.site_url = serve_url
                mkdocs_build(config, serve_url=serve_url)
            except Exception as error:  # noqa: BLE001 - whatever stops the build, the preview shows it
                problems = console.problems or [str(error)]
                editor_files = _editor_files(config) if config is not None else None
                write_error_page(Path(site_dir), problems, editor_files, config_file.resolve().parent)
                print("预览里现在显示这些错误。改好文件并保存后，浏览器会自动刷新，不用重启预览。", file=sys.stderr, flush=True)

    # Poll for saved files every 0.25 s rather than 0.5 s: a save shows sooner. Not much more often:
    # each poll lists every watched file, and at 1,000 posts that slows the rebuild it waits for.
    server = LiveReloadServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path,
                              polling_interval=0.25)
    # As in `mkdocs serve`: hooks may adjust the server (hooks/preview_server.py answers this machine only).
    server = config.plugins.on_serve(server, config=config, builder=builder)
    with _chinese_log():
        try:
            builder(config)
            for path in [config.docs_dir, str(config_file), *config.watch]:
                server.watch(str(path))
            try:
                server.serve()
            except KeyboardInterrupt:
                pass
            finally:
                server.shutdown()
        finally:
            config.plugins.on_shutdown()
            shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _editor_files(config) -> dict[str, str | Path]:
    """The form editor's files (admin_files): the way to fix the data without opening a file."""
    from showcase.editing.admin_files import admin_files
    from showcase.editing.form_choices import news_authors
    from showcase.settings import Settings

    try:
        authors = news_authors(Path(config.docs_dir))
    except Exception:  # noqa: BLE001 - a broken authors file: the form offers no authors then
        authors = []
    root = Path(config.config_file_path).resolve().parent
    return admin_files(root, authors, Settings.for_project(root, "serve").editor_backend)


def error_page(problems: list[str], forms_of: Path | None = None) -> str:
    """A complete HTML page listing ``problems``; it reloads itself after the next build.

    With ``forms_of`` (the project folder, when the form editor is in the preview), each file named
    gets a link to its form.
    """
    from showcase.editing.problem_forms import form_links

    shown = "\n\n".join(html.escape(problem) for problem in problems)
    links = form_links("\n".join(problems), forms_of) if forms_of else []
    forms = ""
    if links:
        items = "\n".join(
            f'<li><a href="{html.escape(link["url"])}">{html.escape(link["label"])}</a>'
            f'（{html.escape(link["file"])}）</li>' for link in links
        )
        forms = f"<h2>在表单里修改</h2>\n<ul>\n{items}\n</ul>\n"
    fix = "点下面的条目，在表单里按提示改好并保存（也可以直接改文件）：" if links else "请按提示改好文件并保存："
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{ERROR_TITLE}</title>
<style>
body {{ font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
       margin: 0 auto; max-width: 60rem; padding: 1.5rem; line-height: 1.7; color: #222; }}
h1 {{ color: #a8071a; font-size: 1.6rem; }}
h2 {{ font-size: 1.2rem; margin-bottom: 0.3rem; }}
ul {{ margin-top: 0; }}
a {{ color: #a8071a; }}
pre {{ box-sizing: border-box; margin: 0; white-space: pre-wrap; background: #fff6f6; border-left: 4px solid #a8071a; padding: 1rem;
      font-size: 1rem; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<main>
<h1>{ERROR_TITLE}</h1>
<p>网站没有生成，原因如下。{fix}这个页面会自动刷新，不用重启预览。</p>
{forms}<pre>{shown}</pre>
</main>
<script>{_RELOAD_SCRIPT}</script>
</body>
</html>
"""


def write_error_page(site_dir: Path, problems: list[str], editor_files: dict[str, str | Path] | None = None,
                     project: Path | None = None) -> None:
    """Replace the preview's pages with the error page, at every page's address, the home page and 404.html.

    ``editor_files`` (admin_files) are written too: the forms stay open to fix the data with, and
    the page links to the form of each file of ``project`` that it names.
    """
    from .engine_input import write_files

    pages = {"index.html", "404.html"}
    if site_dir.is_dir():
        pages |= {path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*.html")}
        for child in site_dir.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    page = error_page(problems, forms_of=(project or Path.cwd()) if editor_files else None)
    for name in sorted(pages):
        (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / name).write_text(page, encoding="utf-8")
    write_files(site_dir, editor_files or {})
