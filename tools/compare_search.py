"""Compare two kinds of Chinese site search: Material's search plugin (jieba) and Pagefind (extended).

Material's built-in search, as the site has it, segments the index with jieba at build time; in the
browser its search worker splits a Chinese query greedily into tokens that are already in that index
("Experimental Chinese segmentation" in Material's worker), so query and index use one vocabulary.
Pagefind's extended build segments the built HTML in Rust (jieba-rs, through charabia) when indexing,
but since 1.5 its browser code splits the query with the browser's Intl.Segmenter (ICU), a different
dictionary: where the two disagree (党旗 → 党 + 旗 in Chromium) pages are not found.

What is measured, on temporary copies of the project (the real one is never touched):

1. Build time, median of ``--runs`` strict builds each: Material search + jieba (as is) against the
   same project with the search plugin removed, plus ``python -m pagefind --site`` on that build.
   The same at scale, with ``--pages`` synthetic Markdown pages under docs/bench/ (``not_in_nav``).
   One extra build runs with an empty jieba cache (a fresh machine's first build).
2. Index size: search/search_index.json (raw, gzip -6 as nginx sends it) against the pagefind/
   folder, and the bytes a browser fetches for one search on a fresh page (recorded in Chromium).
3. Query quality: each query's expected page among the first 3 results, in the real search box
   (Material) and through Pagefind's JavaScript API, both on the real site.
4. Requests: any request to a host other than the local server, and whether Pagefind runs under
   the site's Content-Security-Policy (hooks/showcase/csp.py) with and without 'wasm-unsafe-eval'.

Pagefind is indexed twice: over every page's whole <body> (its default, with header, sidebars and
footer) and over Material's content only (``--root-selector .md-content``, as a real switch would
do with ``data-pagefind-body``).

Pagefind lives in its own virtual environment, not the project's:

    python3 -m venv /tmp/pfvenv && /tmp/pfvenv/bin/pip install "pagefind[extended]==1.5.2"

Usage: .venv/bin/python tools/compare_search.py --pagefind /tmp/pfvenv/bin/python [--runs 5]
       [--large-runs 3] [--pages 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "hooks"))

from browser_support import chromium_launch_options, distinct_paths, search_material, serve_directory  # noqa: E402
from site_build import copy_project  # noqa: E402
from strict_build import build_command, build_environment  # noqa: E402

# (query, the page that must be among the first three results)
QUERIES = [
    ("调解", "projects/jintian/"),
    ("和美家事", "projects/jintian/"),
    ("营商", "projects/mule/"),
    ("诉源", "projects/madong/"),
    ("枫桥", "brands/xunzhou-fengqiao/"),
    ("浔州枫桥", "brands/xunzhou-fengqiao/"),
    ("党旗引领·浔州枫桥", "brands/xunzhou-fengqiao/"),
    ("警魂", "brands/zhongcheng-jinghun/"),
    ("诉服", "brands/sufu-xianfeng/"),
    ("利剑", "brands/lijian-minan/"),
    ("法润民生", "brands/farun-minsheng/"),
    ("护航", "brands/hongxin-xiangdang/"),
    ("讲堂", "work-system/carriers/"),
    ("清廉机关", "work-system/creations/"),
    ("节约型", "work-system/roles/"),
    ("唐胜伟", "work-system/roles/"),
    ("墩苗", "work-system/carriers/"),
    ("审执结", "figures/"),
    ("温情调解", "projects/jintian/"),
    ("金田法庭", "projects/jintian/"),
]
TOP = 3
# Not scored: the site's own name parts and words from tests/test_search.py. Only counted, to show
# how many pages each engine finds against how many pages contain the text.
EXTRA_QUERIES = ["党旗", "党旗引领", "法耀浔州", "枫桥式", "徐魏玲", "清廉", "法润"]

# The two Pagefind indexes: output folder inside the site, and extra indexer arguments.
PAGEFIND_VARIANTS = {
    "body": ("pagefind", []),
    "content": ("pagefind-content", ["--root-selector", ".md-content"]),
}

PAGEFIND_QUERY = """async ([bundle, q]) => {
  const pf = await import(bundle + 'pagefind.js');
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, 5).map(x => x.data()));
  return [data.map(d => d.url), r.results.length];
}"""
# nginx's gzip_types in deploy/nginx.conf.template (text/html is always compressed).
NGINX_GZIP = (
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "text/xml",
    "application/xml",
    "application/atom+xml",
    "image/svg+xml",
)

SEARCH_PLUGIN = re.compile(r"^  - search:\n(?:(?: {6}.*)?\n)*", re.MULTILINE)


# --------------------------------------------------------------------------- projects and builds


def without_search(project: Path) -> None:
    """Remove Material's search plugin from the copy's mkdocs.yml (the text: it has !ENV tags)."""
    config = project / "mkdocs.yml"
    text, count = SEARCH_PLUGIN.subn("", config.read_text(encoding="utf-8"))
    if count != 1 or re.search(r"^\s*- search\b(?!\.)", text, re.MULTILINE):
        raise SystemExit("could not remove the search plugin from mkdocs.yml")
    config.write_text(text, encoding="utf-8")


def _sentences() -> list[str]:
    """Chinese sentences from the hand-written pages, with the Markdown markup taken out."""
    sentences = []
    for path in sorted((REPO / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.DOTALL)
        text = re.sub(r"\{[^}]*\}|\]\([^)]*\)|[#*>`|\[\]_-]", " ", text)
        for part in re.split(r"(?<=[。；！？])|\n", text):
            part = " ".join(part.split())
            if len(re.findall(r"[\u4e00-\u9fff]", part)) >= 8:
                sentences.append(part)
    return sentences


def add_bench_pages(project: Path, pages: int) -> int:
    """Write ``pages`` synthetic pages to docs/bench/, kept out of the nav; returns their bytes."""
    sentences = _sentences()
    folder = project / "docs" / "bench"
    folder.mkdir(parents=True)
    written = 0
    for i in range(pages):
        lines = [f"# 基准测试页 {i + 1}：{sentences[i % len(sentences)][:12]}", ""]
        for section in range(4):
            lines += [f"## 第 {section + 1} 节（测试编号 {i + 1}-{section + 1}）", ""]
            for paragraph in range(3):
                start = (i * 7 + section * 5 + paragraph * 3) % len(sentences)
                picked = [sentences[(start + k) % len(sentences)] for k in range(3)]
                number = (
                    f"本段编号 {i + 1}.{section + 1}.{paragraph + 1}，数字 {(i * 37 + paragraph) % 1000}。"
                )
                lines += [f"{''.join(picked)} {number}", ""]
        text = "\n".join(lines)
        (folder / f"page-{i + 1:04d}.md").write_text(text, encoding="utf-8")
        written += len(text.encode("utf-8"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnot_in_nav: |\n  /bench/\n", encoding="utf-8")
    return written


@dataclass(frozen=True)
class Run:
    """One command: wall-clock seconds and CPU seconds (user + system of the child process)."""

    wall: float
    cpu: float


def timed_run(command: list[str], what: str, **kwargs) -> Run:
    """Run ``command``; its wall and CPU time. CPU time barely moves when other work shares the cores."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, check=False, capture_output=True, text=True, timeout=900, **kwargs)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"{what} failed:\n{result.stdout}\n{result.stderr}")
    return Run(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def build(project: Path, site: Path, env_extra: dict | None = None) -> Run:
    """One strict build of ``project`` into ``site``, as the project builds (tools/strict_build.py)."""
    return timed_run(build_command(project, site), f"build of {project}", cwd=project,
                     env=build_environment(project, env_extra))


def pagefind(python: str, site: Path, variant: str) -> Run:
    """Index ``site`` with Pagefind (one variant, into its own folder)."""
    subdir, extra = PAGEFIND_VARIANTS[variant]
    shutil.rmtree(site / subdir, ignore_errors=True)
    command = [python, "-m", "pagefind", "--site", str(site), "--output-subdir", subdir, "--quiet", *extra]
    return timed_run(command, "pagefind")


def check_extended(python: str) -> str:
    """The binary ``python -m pagefind`` runs, and its version; stops unless it is the extended build."""
    which = subprocess.run(
        [python, "-c", "from pagefind.service import _must_get_executable as e; print(e().resolve())"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    binary = which.stdout.strip()
    if which.returncode != 0 or not Path(binary).name.startswith("pagefind_extended"):
        raise SystemExit(
            f"{python} -m pagefind does not run the extended build (pagefind-bin-extended): "
            f"{binary or which.stderr.strip()}"
        )
    version = subprocess.run(
        [python, "-m", "pagefind", "--version"], capture_output=True, text=True, timeout=60
    )
    return f"{version.stdout.strip()} ({Path(binary).name})"


@dataclass
class Timing:
    search: list[Run] = field(default_factory=list)
    nosearch: list[Run] = field(default_factory=list)
    pagefind: dict[str, list[Run]] = field(default_factory=dict)
    cold_jieba: Run | None = None


def time_builds(
    python: str, search_project: Path, nosearch_project: Path, out: Path, runs: int, tag: str
) -> Timing:
    """Alternate the two builds ``runs`` times (so drift hits both alike), then Pagefind ``runs`` times."""
    timing = Timing()
    for run in range(runs):
        timing.search.append(build(search_project, out / f"{tag}-search"))
        timing.nosearch.append(build(nosearch_project, out / f"{tag}-nosearch"))
        print(
            f"  {tag} run {run + 1}/{runs}: search {timing.search[-1].wall:.2f} s "
            f"(CPU {timing.search[-1].cpu:.2f} s), no search {timing.nosearch[-1].wall:.2f} s "
            f"(CPU {timing.nosearch[-1].cpu:.2f} s)",
            file=sys.stderr,
            flush=True,
        )
    for variant in PAGEFIND_VARIANTS:
        timing.pagefind[variant] = [pagefind(python, out / f"{tag}-nosearch", variant) for _ in range(runs)]
    # A fresh machine: jieba builds its prefix dictionary (cached in the temp folder) on first use.
    with tempfile.TemporaryDirectory() as empty:
        timing.cold_jieba = build(search_project, out / f"{tag}-search-cold", {"TMPDIR": empty})
    shutil.rmtree(out / f"{tag}-search-cold")
    return timing


# --------------------------------------------------------------------------- sizes


def folder_bytes(folder: Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return sum(path.stat().st_size for path in files), len(files)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def content_texts(site: Path) -> dict[str, str]:
    """Each page's text in Material's content area (what both engines index), by path."""
    texts = {}
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        start = html.find('data-md-component="content"')
        end = html.find("</article>", start)
        if start < 0 or end < 0:
            continue
        text = unescape(re.sub(r"<[^>]+>", "", html[start:end].split(">", 1)[1]))
        folder = path.relative_to(site).parent.as_posix()
        texts["" if folder == "." else folder + "/"] = text
    return texts


# --------------------------------------------------------------------------- the browser


@dataclass
class Recorder:
    """Responses of one page: (path, content type, body bytes, gzip bytes) and foreign requests."""

    base: str
    responses: list[tuple[str, str, int, int]] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("request", self._request)
        page.on("response", self._response)

    def _request(self, request) -> None:
        if not request.url.startswith(self.base) and not request.url.startswith(("data:", "blob:")):
            self.foreign.append(request.url)

    def _response(self, response) -> None:
        if not response.url.startswith(self.base) or response.status != 200:
            return
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a body Chromium did not keep: count it as unknown
            return
        kind = response.headers.get("content-type", "").split(";")[0].strip()
        wire = gzip_size(body) if kind in NGINX_GZIP else len(body)
        self.responses.append((urlsplit(response.url).path, kind, len(body), wire))

    def totals(self, prefixes: tuple[str, ...]) -> tuple[int, int, int]:
        """Raw bytes, bytes as nginx would send them, and files, of responses under ``prefixes``."""
        picked = [r for r in self.responses if r[0].startswith(prefixes)]
        return sum(r[2] for r in picked), sum(r[3] for r in picked), len(picked)


MATERIAL_FILES = ("/search/", "/assets/javascripts/workers/", "/assets/javascripts/lunr/")


def shown(paths: list[str]) -> str:
    """The first results for a table cell; the home page is ``/``."""
    return ", ".join(path or "/" for path in paths[:TOP])


def material_query(browser, base: str, query: str) -> tuple[list[str], int, Recorder]:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    recorder = Recorder(base)
    recorder.attach(page)
    page.goto(base)
    hrefs = search_material(page, query)
    meta = page.locator(".md-search-result__meta").text_content()
    count = int(re.search(r"\d+", meta).group()) if re.search(r"\d+", meta) else 0
    page.wait_for_load_state("networkidle")
    context.close()
    return distinct_paths(hrefs, TOP), count, recorder


def pagefind_query(browser, base: str, bundle: str, query: str) -> tuple[list[str], int, Recorder]:
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    recorder = Recorder(base)
    recorder.attach(page)
    page.goto(base)
    page.wait_for_load_state("networkidle")
    urls, count = page.evaluate(PAGEFIND_QUERY, [bundle, query])
    page.wait_for_load_state("networkidle")
    context.close()
    return distinct_paths(urls, 5), count, recorder


class _HeaderHandler(http.server.SimpleHTTPRequestHandler):
    csp = ""

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the standard library's name
        pass


def serve_with_csp(path: Path, policy: str):
    """browser_support.serve_directory, with a Content-Security-Policy header on every response."""
    return serve_directory(path, type("H", (_HeaderHandler,), {"csp": policy}))


def site_policy(site: Path) -> tuple[str, str]:
    """The policy tools/publish.py would send for ``site`` (hooks/showcase/csp.py), and its source."""
    try:
        from showcase.csp import content_security_policy, scan_site
    except ImportError:
        # Without the project's CSP module: the same base policy, inline scripts allowed by nothing.
        return (
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; worker-src 'self'; base-uri 'self'"
        ), "fallback"
    return content_security_policy(scan_site(site)), "hooks/showcase/csp.py"


VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '')));"""
PAGEFIND_UI = """async () => {
  const load = (tag, attrs) => new Promise((ok, fail) => {
    const el = Object.assign(document.createElement(tag), attrs);
    el.onload = ok; el.onerror = fail; document.head.append(el);
  });
  await load('link', {rel: 'stylesheet', href: '/pagefind-content/pagefind-ui.css'});
  await load('script', {src: '/pagefind-content/pagefind-ui.js'});
  const box = document.createElement('div'); box.id = 'pf-ui'; document.body.prepend(box);
  new PagefindUI({element: '#pf-ui', bundlePath: '/pagefind-content/'});
}"""


def csp_checks(browser, site: Path) -> list[tuple[str, str]]:
    """Pagefind's API (and default UI) under the site's policy, without and with 'wasm-unsafe-eval'."""
    policy, source = site_policy(site)
    with_wasm = policy.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", 1)
    rows = []
    for label, header in (
        (f"site policy ({source})", policy),
        ("site policy + 'wasm-unsafe-eval'", with_wasm),
    ):
        with serve_with_csp(site, header) as base:
            context = browser.new_context(locale="zh-CN")
            context.add_init_script(VIOLATIONS)
            page = context.new_page()
            console: list[str] = []
            page.on("console", lambda message, console=console: console.append(message.text))
            page.goto(base)
            try:
                _, count = page.evaluate(PAGEFIND_QUERY, ["/pagefind-content/", "调解"])
                outcome = f"API finds {count} pages"
            except Exception as error:  # noqa: BLE001 - the failure is the finding
                outcome = "API fails: " + " ".join(str(error).split())[:75]
            try:
                page.evaluate(PAGEFIND_UI)
                page.fill(".pagefind-ui__search-input", "调解")
                page.wait_for_selector(".pagefind-ui__result", timeout=10000)
                outcome += f"; UI shows {page.locator('.pagefind-ui__result').count()} results"
            except Exception as error:  # noqa: BLE001
                outcome += "; UI fails: " + str(error).splitlines()[0][:60]
            violations = sorted(set(page.evaluate("window.__violations")))
            violations += sorted(
                {
                    "console: …" + text[text.index("violates") :][:140]
                    for text in console
                    if "violates" in text
                }
            )
            context.close()
        rows.append(
            (
                label,
                outcome + (f"; CSP reports: {' / '.join(violations)}" if violations else "; no CSP reports"),
            )
        )
    return rows


# --------------------------------------------------------------------------- report


def kib(size: int) -> str:
    return f"{size / 1024:,.1f} KiB"


def table(headers: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(" --- " for _ in headers) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pagefind",
        default="/tmp/pfvenv/bin/python",
        help="Python of the venv with pagefind[extended] installed",
    )
    parser.add_argument("--runs", type=int, default=5, help="builds per variant, real site")
    parser.add_argument("--large-runs", type=int, default=3, help="builds per variant, large site")
    parser.add_argument("--pages", type=int, default=1000, help="synthetic pages for the large site")
    parser.add_argument(
        "--keep", type=Path, help="work in this folder and keep it (default: a temporary one)"
    )
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    banner = check_extended(args.pagefind)
    work = args.keep or Path(tempfile.mkdtemp(prefix="compare-search-"))
    work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        # Projects: as is, without search; the same two with synthetic pages.
        real_search = copy_project(work / "real-search")
        real_nosearch = copy_project(work / "real-nosearch")
        without_search(real_nosearch)
        large_search = copy_project(work / "large-search")
        bench_bytes = add_bench_pages(large_search, args.pages)
        large_nosearch = copy_project(work / "large-nosearch")
        add_bench_pages(large_nosearch, args.pages)
        without_search(large_nosearch)
        out = work / "sites"

        print(f"{banner}; building in {work}", file=sys.stderr, flush=True)
        real = time_builds(args.pagefind, real_search, real_nosearch, out, args.runs, "real")
        large = time_builds(args.pagefind, large_search, large_nosearch, out, args.large_runs, "large")

        sites = {"real": out / "real-search", "large": out / "large-search"}
        pf_sites = {"real": out / "real-nosearch", "large": out / "large-nosearch"}
        pages = {tag: len(list(site.rglob("*.html"))) for tag, site in pf_sites.items()}

        # ---- build time
        print(
            f"\n## Build time (median; real site {args.runs} runs, {pages['real']} HTML files; "
            f"large {args.large_runs} runs, {pages['large']} HTML files, {args.pages} synthetic pages "
            f"of {bench_bytes / args.pages / 1024:.1f} KiB Markdown each)\n"
        )
        rows = []
        for tag, timing in (("real", real), ("large", large)):
            for clock in ("wall", "cpu"):

                def med(runs: list[Run], clock=clock) -> float:
                    return statistics.median(getattr(run, clock) for run in runs)

                s, n = med(timing.search), med(timing.nosearch)
                pb, pc = med(timing.pagefind["body"]), med(timing.pagefind["content"])
                rows.append(
                    [
                        tag,
                        clock,
                        f"{s:.2f} s",
                        f"{getattr(timing.cold_jieba, clock):.2f} s",
                        f"{n:.2f} s",
                        f"{s - n:.2f} s ({(s - n) / s:.0%})",
                        f"{pb:.2f} s",
                        f"{pc:.2f} s",
                        f"{n + pc:.2f} s ({(n + pc) / s:.0%})",
                    ]
                )
        print(
            table(
                [
                    "site",
                    "clock",
                    "Material + jieba",
                    "same, cold jieba cache (1 run)",
                    "no search",
                    "search's share",
                    "pagefind (body)",
                    "pagefind (content)",
                    "no search + pagefind (content), vs. Material",
                ],
                rows,
            )
        )
        print(
            f"\nLoad average at the end of the builds: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
            f"on {os.cpu_count()} cores (wall times suffer from other work; CPU times much less)."
        )

        # ---- index size
        print("\n## Index size on disk (Pagefind's index/ and fragment/ files are gzipped already)\n")
        rows = []
        for tag in ("real", "large"):
            index = (sites[tag] / "search" / "search_index.json").read_bytes()
            rows.append(
                [
                    tag,
                    "Material search/search_index.json",
                    kib(len(index)),
                    kib(gzip_size(index)),
                    "",
                    "",
                    "1",
                ]
            )
            for variant, (subdir, _) in PAGEFIND_VARIANTS.items():
                folder = pf_sites[tag] / subdir
                total, files = folder_bytes(folder)
                data = sum(folder_bytes(folder / sub)[0] for sub in ("index", "fragment"))
                data += sum(path.stat().st_size for path in folder.glob("*.pf_meta"))
                data += (folder / "pagefind-entry.json").stat().st_size
                runtime = sum(
                    path.stat().st_size
                    for path in folder.glob("*")
                    if path.name in ("pagefind.js", "pagefind-worker.js") or path.name.startswith("wasm.")
                )
                rows.append(
                    [tag, f"{subdir}/ ({variant})", kib(total), "", kib(data), kib(runtime), str(files)]
                )
        print(
            table(
                [
                    "site",
                    "index",
                    "bytes",
                    "gzip -6",
                    "index data (index/, fragment/, meta)",
                    "search runtime (pagefind.js, worker, wasm)",
                    "files",
                ],
                rows,
            )
        )
        print(
            "\nThe rest of pagefind/ is the optional UI bundles (pagefind-ui, modular-ui, component-ui, "
            "highlight)."
        )

        # ---- browser: quality, bytes per query, foreign requests
        results: dict[str, dict[str, list[str]]] = {
            "material": {},
            "pagefind body": {},
            "pagefind content": {},
        }
        counts: dict[str, dict[str, int]] = {name: {} for name in results}
        everything = [query for query, _ in QUERIES] + EXTRA_QUERIES
        fetched: dict[str, list[tuple[int, int, int]]] = {name: [] for name in results}
        foreign: dict[str, set[str]] = {name: set() for name in results}
        csp_rows: list[tuple[str, str]] = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**chromium_launch_options())
            with serve_directory(sites["real"]) as base:
                for query in everything:
                    found, counts["material"][query], recorder = material_query(browser, base, query)
                    results["material"][query] = found
                    fetched["material"].append(recorder.totals(MATERIAL_FILES))
                    foreign["material"].update(recorder.foreign)
            with serve_directory(pf_sites["real"]) as base:
                for variant, (subdir, _) in PAGEFIND_VARIANTS.items():
                    name = f"pagefind {variant}"
                    for query in everything:
                        found, counts[name][query], recorder = pagefind_query(
                            browser, base, f"/{subdir}/", query
                        )
                        results[name][query] = found
                        fetched[name].append(recorder.totals((f"/{subdir}/",)))
                        foreign[name].update(recorder.foreign)
            # At scale: bytes for one query on the large site.
            large_fetch = {}
            with serve_directory(sites["large"]) as base:
                large_fetch["material"] = material_query(browser, base, QUERIES[0][0])[2].totals(
                    MATERIAL_FILES
                )
            with serve_directory(pf_sites["large"]) as base:
                for variant, (subdir, _) in PAGEFIND_VARIANTS.items():
                    recorder = pagefind_query(browser, base, f"/{subdir}/", QUERIES[0][0])[2]
                    large_fetch[f"pagefind {variant}"] = recorder.totals((f"/{subdir}/",))
            csp_rows = csp_checks(browser, pf_sites["real"])
            browser.close()

        print(
            "\n## Bytes fetched for one search on a fresh page (search files only; wire = gzip -6 where "
            "nginx compresses: .js/.json/.css)\n"
        )
        rows = []
        for name, totals in fetched.items():
            raw = [t[0] for t in totals]
            wire = [t[1] for t in totals]
            files = [t[2] for t in totals]
            lraw, lwire, lfiles = large_fetch[name]
            rows.append(
                [
                    name,
                    f"{kib(int(statistics.median(raw)))} / {kib(int(statistics.median(wire)))}",
                    f"{kib(max(raw))} / {kib(max(wire))}",
                    f"{statistics.median(files):.0f}",
                    f"{kib(lraw)} / {kib(lwire)} ({lfiles} files)",
                ]
            )
        print(
            table(
                [
                    "engine",
                    "real: median raw / wire",
                    "real: max raw / wire",
                    "files",
                    f"large ('{QUERIES[0][0]}'): raw / wire",
                ],
                rows,
            )
        )

        print(f"\n## Query quality: expected page among the first {TOP} results (real site)\n")
        rows = []
        for query, expected in QUERIES:
            row = [query, expected]
            for name in results:
                found = results[name][query]
                rank = found.index(expected) + 1 if expected in found else None
                row.append(f"{rank}" if rank and rank <= TOP else "miss (" + shown(found) + ")")
            rows.append(row)
        hits = {name: sum(1 for q, e in QUERIES if e in results[name][q][:TOP]) for name in results}
        rows.append(["**hits**", "", *[f"**{hits[name]}/{len(QUERIES)}**" for name in results]])
        print(table(["query", "expected", *results], rows))

        texts = content_texts(pf_sites["real"])
        print(
            f"\n## Pages found against pages whose content contains the query text ({len(texts)} pages; "
            "Material counts its result list, Pagefind its results; * = not scored above)\n"
        )
        rows = []
        for query in everything:
            containing = sum(1 for text in texts.values() if query in text)
            star = "*" if query in EXTRA_QUERIES else ""
            rows.append(
                [
                    query + star,
                    str(containing),
                    *[str(counts[name][query]) for name in results],
                    *[shown(results[name][query]) for name in ("material", "pagefind content")],
                ]
            )
        print(
            table(
                [
                    "query",
                    "pages containing it",
                    *[f"{name} found" for name in results],
                    "material top 3",
                    "pagefind content top 3",
                ],
                rows,
            )
        )

        print("\n## Requests to other hosts than the local server\n")
        for name, urls in foreign.items():
            print(f"- {name}: {', '.join(sorted(urls)) if urls else 'none'}")

        print("\n## Pagefind under the site's Content-Security-Policy (query 调解, content index)\n")
        print(table(["policy", "outcome"], [list(row) for row in csp_rows]))
        print(
            f"\nTotal time {time.perf_counter() - started:.0f} s; {banner}; Python {sys.version.split()[0]}"
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
