"""The published site behind Debian's nginx, with the generated configuration.

tools/release/publish.py publishes the real project into a temporary DEST with ``--listen`` on a free
port; nginx runs in the foreground with ``-p`` a temporary prefix (pid, logs and temp folders
there, nothing under /etc or /var). Checked: the headers (CSP without 'unsafe-inline', gzip,
cache lifetimes, security headers), then every page in Chromium with no CSP violation and no
console error, the search (its worker runs under the CSP) and a timeline filter chip.

Without /usr/sbin/nginx these tests are skipped, or fail when REQUIRE_BROWSER=1 (CI).
"""

from __future__ import annotations

import gzip
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from browser_support import search_material
from tools.release.deploy.csp import InlineCode, content_security_policy, csp_hash, parse_policy, scan_html, scan_site
from tools.harness import free_port
from test_publish import run_publish

NGINX = Path("/usr/sbin/nginx")
MIME_TYPES = Path("/etc/nginx/mime.types")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

# Collects violations in every document, from the first script on (before Material's own).
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sample}`);
}, true);
"""


def main_conf(prefix: Path, site_conf: Path) -> str:
    """A whole nginx.conf around the generated site configuration, everything inside ``prefix``."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # the workers must read pytest's private tmp
    temp = "".join(
        f"  {name}_temp_path {prefix / name};\n"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}worker_processes 1;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'};\n"
        "events { worker_connections 128; }\n"
        "http {\n"
        f"  include {MIME_TYPES};\n  default_type application/octet-stream;\n"
        f"  access_log {prefix / 'access.log'};\n{temp}"
        f"  include {site_conf};\n"
        "}\n"
    )


@pytest.fixture(scope="module")
def nginx_site(tmp_path_factory: pytest.TempPathFactory):
    """(base URL, DEST) of the real project published and served by nginx."""
    if not NGINX.exists():
        message = f"{NGINX} is missing: apt-get install -y nginx"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    root = tmp_path_factory.mktemp("nginx")
    dest = root / "www" / "fayao"
    port = free_port()
    result = run_publish("--dest", str(dest), "--listen", f"127.0.0.1:{port}", "--server-name", "localhost")
    assert result.returncode == 0, result.stdout + result.stderr
    prefix = root / "prefix"
    prefix.mkdir()
    conf = prefix / "nginx.conf"
    conf.write_text(main_conf(prefix, dest.with_name("fayao.nginx.conf")), encoding="utf-8")
    process = subprocess.Popen(
        [
            str(NGINX),
            "-c",
            str(conf),
            "-p",
            f"{prefix}/",
            "-e",
            str(prefix / "error.log"),
            "-g",
            "daemon off;",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                log = (
                    (prefix / "error.log").read_text(errors="replace")
                    if (prefix / "error.log").exists()
                    else ""
                )
                pytest.fail(
                    f"nginx stopped: {process.stdout.read().decode(errors='replace')}\n{log}", pytrace=False
                )
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            if time.monotonic() > deadline:
                pytest.fail("nginx did not start listening within 15 s", pytrace=False)
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/", dest
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, *, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body, without following redirects."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            status, headers, body = response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        status, headers, body = error.code, error.headers, error.read()
    return status, {k.lower(): v for k, v in headers.items()}, body


def site_pages(dest: Path) -> list[str]:
    """URL paths of every page: folders for index.html files, the file name otherwise."""
    paths = []
    for path in sorted(dest.rglob("*.html")):
        rel = path.relative_to(dest).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


# --- the CSP computed from the HTML ---


def test_hashes_follow_the_csp_rules() -> None:
    # The example of the CSP specification's hash-source.
    assert csp_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert csp_hash("a\r\nb") == csp_hash("a\nb")  # the HTML parser normalises line breaks first
    found = scan_html(
        "<script>one()</script><script type='module'>two()</script><script src='x.js'></script>"
        '<script id="__config" type="application/json">{"base": "."}</script>'
        '<script type="text/javascript">three &amp; four</script>'
        '<style>p{color:red}</style><p style="color:blue">x</p>'
        '<a href="javascript:void(0)">y</a><button onclick="go()">z</button>'
    )
    assert set(found.scripts) == {csp_hash("one()"), csp_hash("two()"), csp_hash("three &amp; four")}
    assert set(found.styles) == {csp_hash("p{color:red}")}
    assert set(found.style_attributes) == {csp_hash("color:blue")}
    assert [what for _, what in found.problems] == [
        '<a href="javascript:…"> 是内联脚本网址',
        "<button onclick=…> 是内联事件属性",
    ]


def test_the_policy_is_strict() -> None:
    policy = parse_policy(content_security_policy(InlineCode()))
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    with_attribute = parse_policy(content_security_policy(scan_html('<p style="color:red">x</p>')))
    assert with_attribute["style-src"] == ["'self'", "'unsafe-hashes'", csp_hash("color:red")]


def test_the_generated_policy_matches_the_sites_inline_code(nginx_site) -> None:
    base, dest = nginx_site
    conf = dest.with_name("fayao.nginx.conf").read_text(encoding="utf-8")
    served = fetch(base)[1]["content-security-policy"]
    assert f'"{served}"' in conf
    assert served == content_security_policy(scan_site(dest))  # first release: nothing else allowed
    policy = parse_policy(served)
    found = scan_site(dest)
    assert not found.problems
    assert set(policy["script-src"]) == {"'self'", *found.scripts}
    # Material's inline scripts (one per folder depth), the reading toolbar's, and no JSON data block.
    assert len(found.scripts) >= 2
    for page in ["index.html", "about/index.html"]:
        html = (dest / page).read_text(encoding="utf-8")
        assert set(scan_html(html).scripts) <= set(policy["script-src"])


# --- headers from nginx ---


def test_security_headers_and_csp_on_every_kind_of_response(nginx_site) -> None:
    base, dest = nginx_site
    for path in [
        "",
        "about/",
        "assets/javascripts/lunr/tinyseg.js",
        "search/search_index.json",
        "no-such-page/",
    ]:
        status, headers, _ = fetch(base + path)
        assert status == (404 if path.startswith("no-such") else 200), path
        policy = parse_policy(headers["content-security-policy"])
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        assert "'unsafe-inline'" not in policy["style-src"]
        # No style="" attribute anywhere on the site, so no 'unsafe-hashes' either.
        assert "'unsafe-hashes'" not in policy["style-src"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["permissions-policy"]
        assert headers["server"] == "nginx"  # no version
    status, _, body = fetch(base + "no-such-page/")
    assert "找不到这个页面" in gzip.decompress(body).decode("utf-8")


def test_text_is_gzipped(nginx_site) -> None:
    base, dest = nginx_site
    css = next(dest.glob("assets/stylesheets/main.*.min.css")).relative_to(dest).as_posix()
    js = next(dest.glob("assets/javascripts/bundle.*.min.js")).relative_to(dest).as_posix()
    for path, kind in [
        ("", "text/html"),
        ("about/", "text/html"),
        (css, "text/css"),
        (js, "application/javascript"),
        ("search/search_index.json", "application/json"),
        ("sitemap.xml", "text/xml"),
        ("feed.xml", "text/xml"),
        ("news/avatars/qinxiao.svg", "image/svg+xml"),
    ]:
        status, headers, body = fetch(base + path)
        assert status == 200, path
        assert headers["content-type"].startswith(kind), (path, headers["content-type"])
        assert headers.get("content-encoding") == "gzip", path
        assert "Accept-Encoding" in headers.get("vary", ""), path
        assert (
            gzip.decompress(body)
            == (dest / (path + "index.html" if path.endswith("/") or not path else path)).read_bytes()
        )
    plain = fetch(base + "about/", gzip_ok=False)
    assert "content-encoding" not in plain[1] and b"</html>" in plain[2]


def test_fingerprinted_assets_are_cached_for_a_year_and_the_rest_revalidated(nginx_site) -> None:
    base, dest = nginx_site
    immutable = "public, max-age=31536000, immutable"
    fingerprinted = [
        p.relative_to(dest).as_posix()
        for pattern in (
            "assets/stylesheets/*.min.css",
            "assets/javascripts/*.min.js",
            "assets/javascripts/workers/*.min.js",
        )
        for p in dest.glob(pattern)
    ]
    assert len(fingerprinted) >= 4
    for path in fingerprinted:
        assert fetch(base + path)[1]["cache-control"] == immutable, path
    # Pages, the search index and files whose names stay the same across releases.
    for path in [
        "",
        "about/",
        "search/search_index.json",
        "stylesheets/showcase.css",
        "javascripts/timeline.js",
        "assets/javascripts/lunr/tinyseg.js",
        "assets/images/favicon.png",
        "sitemap.xml",
        "no-such-page/",
    ]:
        assert fetch(base + path)[1]["cache-control"] == "no-cache", path


def test_folders_redirect_relatively_and_the_configuration_is_not_served(nginx_site) -> None:
    base, dest = nginx_site
    status, headers, _ = fetch(base + "about")
    assert status == 301 and headers["location"] == "/about/"
    assert fetch(base + "../fayao.nginx.conf")[0] in (400, 404)
    assert fetch(base + "fayao.nginx.conf")[0] == 404


# --- every page in Chromium ---


def test_every_page_loads_without_csp_violations_or_console_errors(page, nginx_site) -> None:
    base, dest = nginx_site
    page.add_init_script(RECORD_VIOLATIONS)
    messages: list[str] = []
    page.on(
        "console",
        lambda m: messages.append(f"{m.type}: {m.text}")
        if m.type == "error" or "Content Security Policy" in m.text
        else None,
    )
    page.on("pageerror", lambda error: messages.append(f"pageerror: {error}"))
    # ERR_ABORTED: the next page.goto cut off a late request (Material's search worker); blocked or
    # missing resources fail otherwise (ERR_BLOCKED_BY_CSP, a console error for a 404).
    page.on(
        "requestfailed",
        lambda request: None if request.failure == "net::ERR_ABORTED" else messages.append(f"requestfailed: {request.url}"),
    )
    problems: dict[str, list[str]] = {}
    pages = site_pages(dest)
    assert len(pages) > 20
    for path in pages:
        response = page.goto(base + path, wait_until="networkidle")
        assert response.status == 200, path
        violations = page.evaluate("window.__cspViolations")
        if violations or messages:
            problems[path] = violations + messages[:]
        messages.clear()
    assert not problems, problems


def test_the_missing_page_answer_is_styled_and_clean(page, nginx_site) -> None:
    base, _ = nginx_site
    page.add_init_script(RECORD_VIOLATIONS)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    response = page.goto(base + "no/such/page/", wait_until="networkidle")
    assert response.status == 404
    assert page.locator("h1").first.inner_text() == "找不到这个页面"
    assert page.evaluate("window.__cspViolations") == []
    # The only error is the 404 of the page itself; its stylesheets and scripts all loaded.
    assert [e for e in errors if "404" not in e] == []
    assert page.evaluate("document.styleSheets.length") >= 3


def test_search_works_under_the_csp(page, nginx_site) -> None:
    base, _ = nginx_site
    page.add_init_script(RECORD_VIOLATIONS)
    messages: list[str] = []
    page.on(
        "console",
        lambda m: messages.append(m.text)
        if m.type == "error" or "Content Security Policy" in m.text
        else None,
    )
    page.on(
        "worker",
        lambda worker: messages.append(f"worker: {worker.url}") if "search" not in worker.url else None,
    )
    page.goto(base + "about/")
    assert search_material(page, "法庭")
    assert page.evaluate("window.__cspViolations") == [] and messages == []


def test_a_timeline_chip_filters_under_the_csp(page, nginx_site) -> None:
    base, _ = nginx_site
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(base + "honours/")
    chip = page.locator('button[data-filter="kind"][data-value="个人"]')
    chip.click()
    assert chip.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("status").inner_text().startswith("筛选后显示 3 条")
    assert page.evaluate("window.__cspViolations") == []


def test_the_care_aids_work_under_the_csp(page, nginx_site) -> None:
    """Every 阅读设置 aid on, stored and applied by the head script (its hash), the SVG cursors loaded
    (img-src), the crosshair moved (CSSOM styles) and 连读 run (speech is replaced: no voices here)."""
    base, _ = nginx_site
    page.add_init_script(RECORD_VIOLATIONS)
    page.add_init_script(SPEECH_RECORDER)
    cursors: list[int] = []
    page.on("response", lambda r: cursors.append(r.status) if "/assets/cursors/" in r.url else None)
    page.goto(base + "about/")
    page.evaluate(
        """() => ["care", "point-read", "big-cursor", "crosshair"].forEach(
             (name) => localStorage.setItem("sc-" + name, "on"))"""
    )
    page.goto(base + "brands/xunzhou-fengqiao/", wait_until="networkidle")
    dataset = page.evaluate("Object.assign({}, document.documentElement.dataset)")
    assert {k: dataset.get(k) for k in ("care", "pointRead", "bigCursor", "crosshair")} == dict.fromkeys(
        ("care", "pointRead", "bigCursor", "crosshair"), "on"
    )
    page.mouse.move(300, 400)
    assert page.locator(".sc-crosshair").is_visible()
    page.locator("[data-speech='read']").click()
    for _ in range(100):  # polled from here: wait_for_function evaluates strings, which the CSP forbids
        if page.evaluate("window.__spoken.length") > 3:
            break
        page.wait_for_timeout(50)
    assert page.evaluate("window.__spoken.length") > 3
    assert 200 in cursors  # the large arrow, from the site itself
    assert page.evaluate("window.__cspViolations") == []


# A stand-in for speechSynthesis that only counts what it is asked to say.
SPEECH_RECORDER = """
window.__spoken = [];
Object.defineProperty(window, "speechSynthesis", { configurable: true, value: {
  getVoices: () => [{ name: "普通话", lang: "zh-CN" }],
  speak(u) { window.__spoken.push(u.text); setTimeout(() => u.onend && u.onend({}), 5); },
  cancel() {}, addEventListener() {}, removeEventListener() {},
} });
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
"""


def test_a_page_renders_with_its_stylesheets(page, nginx_site) -> None:
    base, _ = nginx_site
    page.goto(base, wait_until="networkidle")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header not in (
        "",
        "rgba(0, 0, 0, 0)",
        "rgb(255, 255, 255)",
    )  # Material's and the site's CSS applied
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "nginx-home.png"))
