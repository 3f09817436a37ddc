"""The form editor's files in the editors' preview: ``admin/`` with its page, script and bundle.

Only the preview gets them (the hook adds them when it builds for ``make serve``/``make edit``);
the public build never does. The bundle is Decap CMS from node_modules, served from this
machine with the lazy chunks and ``.wasm`` files it loads beside ``decap-cms.js``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from .form_editor import editor_config

ADMIN_FOLDER = "admin"
BUNDLE_FOLDER = Path("node_modules", "decap-cms", "dist")
# decap-server's address; tools/edit.py and the tests set it to the port they start it on.
BACKEND_ENV = "SHOWCASE_EDITOR_BACKEND"
DEFAULT_BACKEND = "http://127.0.0.1:8081/api/v1"


def backend_url() -> str:
    return os.environ.get(BACKEND_ENV) or DEFAULT_BACKEND


def entry_form(path: str) -> tuple[str, str] | None:
    """(address of the form, kind of entry) for the file ``path`` (relative to the project), if it has
    a form: data/honours/x.yml → ("/admin/#/collections/honours/entries/x", "荣誉")."""
    for collection in editor_config(DEFAULT_BACKEND)["collections"]:
        folder, extension = collection.get("folder"), collection.get("extension")
        if folder and path.startswith(folder + "/") and path.endswith("." + extension):
            slug = path[len(folder) + 1 : -len(extension) - 1]
            return f"/{ADMIN_FOLDER}/#/collections/{collection['name']}/entries/{slug}", collection["label"]
        for file in collection.get("files", []):
            if file["file"] == path:
                return f"/{ADMIN_FOLDER}/#/collections/{collection['name']}/entries/{file['name']}", file["label"]
    return None


_FILE_IN_REPORT = re.compile(r"(?:data|docs)/[^\s:：，。]+\.(?:yml|yaml|md)")
_NAMING_FIELDS = ("name", "title")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)?---", re.S)
_HEADING = re.compile(r"^#[ \t]+(.+)$", re.M)


def form_links(report: str, root: Path | None = None) -> list[dict[str, str]]:
    """The files that a report of problems names, in order and once each, with the address of the form
    and a label for the link: the kind of entry and, when the file in ``root`` still reads, its name."""
    links: dict[str, dict[str, str]] = {}
    for path in _FILE_IN_REPORT.findall(report):
        form = entry_form(path)
        if form and path not in links:
            name = _entry_name(root / path) if root else None
            label = f"{form[1]}：{name}" if name else form[1]
            links[path] = {"file": path, "url": form[0], "label": label}
    return list(links.values())


def _entry_name(path: Path) -> str | None:
    """The entry's name or title (a post's title or first heading), if the file still reads."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    heading = None
    if path.suffix == ".md":
        front = _FRONT_MATTER.match(text)
        heading = _HEADING.search(text)
        text = (front.group(1) or "") if front else ""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        data = None
    names = [data.get(field) for field in _NAMING_FIELDS] if isinstance(data, dict) else []
    for name in [*names, heading.group(1) if heading else None]:
        if isinstance(name, str) and name.strip():
            return name.strip()
    return None


def bundle_files(root: Path) -> list[Path]:
    """decap-cms.js, its numbered chunks and its .wasm files (no source maps, no duplicate cms.js)."""
    folder = root / BUNDLE_FOLDER
    if not (folder / "decap-cms.js").is_file():
        return []
    return sorted(
        path for path in folder.iterdir()
        if path.name == "decap-cms.js" or path.name.endswith(".decap-cms.js") or path.suffix == ".wasm"
    )


def content_security_policy(backend: str) -> str:
    """Everything from this page's own server, and API calls to the local backend only.

    No 'unsafe-inline' for scripts: that also keeps the live-reload script that ``mkdocs serve``
    inlines from reloading the editor (and losing a half-filled form) whenever a file is saved.
    'unsafe-eval' is for the configuration check (ajv compiles its schema), 'wasm-unsafe-eval'
    for the bundle's .wasm modules; styles are inline because the bundle injects them.
    """
    origin = backend_origin(backend)
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "media-src 'self' blob:",
        "worker-src 'self' blob:",
        f"connect-src 'self' blob: data: {origin}",
        "frame-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ])


def index_html(backend: str) -> str:
    csp = content_security_policy(backend).replace('"', "&quot;")
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta http-equiv="Content-Security-Policy" content="{csp}">
  <meta name="showcase-backend" content="{backend_origin(backend)}">
  <title>网页表单编辑 · 编辑园地</title>
  <link rel="icon" href="../assets/favicon.svg">
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <script src="decap-cms.js"></script>
  <script src="editor.js"></script>
</body>
</html>
"""


def backend_origin(backend: str) -> str:
    """http://127.0.0.1:8081 of http://127.0.0.1:8081/api/v1: where the gate's own actions are (tools/edit.py)."""
    return "/".join(backend.split("/")[:3])


def publish_html(backend: str) -> str:
    """The editor's 检查并打包 page: `make check`, then `make package`, from the browser."""
    csp = content_security_policy(backend).replace('"', "&quot;")
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta http-equiv="Content-Security-Policy" content="{csp}">
  <meta name="showcase-backend" content="{backend_origin(backend)}">
  <title>检查并打包 · 网页表单编辑</title>
  <link rel="icon" href="../assets/favicon.svg">
  <link rel="stylesheet" href="publish.css">
</head>
<body>
<header><a href="./#/">返回表单</a></header>
<main>
  <h1>检查并打包</h1>
  <p>检查全部资料、新闻和图片；没有错误时，按公开网站的标准生成一遍，再把项目打成带日期的压缩包 <code>fayao-site-年-月-日.zip</code>，放在项目文件夹里。压缩包只留在这台电脑上，不会发到任何地方，请把它交给信息技术人员发布。草稿不会出现在公开网站上。</p>
  <p><button type="button" id="run">检查并打包</button></p>
  <div id="status" role="status" aria-live="polite"></div>
  <div id="forms"></div>
  <pre id="output" hidden></pre>
</main>
<script src="publish.js"></script>
</body>
</html>
"""


PUBLISH_CSS = """body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
       margin: 0; color: #222; line-height: 1.7; background: #eff0f4; }
header { background: #fff; padding: 0.8rem 1.5rem; box-shadow: 0 1px 3px rgba(0,0,0,.1); }
header a, main a { color: #a8071a; }
main { max-width: 50rem; margin: 1.5rem auto; padding: 1.5rem; background: #fff; border-radius: 6px; }
h1 { color: #a8071a; font-size: 1.6rem; margin-top: 0; }
h2 { font-size: 1.2rem; margin-bottom: 0.3rem; }
code { white-space: nowrap; }
button { font: inherit; font-size: 1.1rem; padding: 0.5rem 1.6rem; border: 0; border-radius: 5px;
         background: #a8071a; color: #fff; cursor: pointer; }
button:disabled { background: #8c8c8c; cursor: wait; }
#status { font-size: 1.1rem; margin: 1rem 0; }
#status.ok { color: #135200; }
#status.failed { color: #a8071a; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #fafafa; border-left: 4px solid #d9d9d9;
      padding: 1rem; font-size: 0.95rem; }
"""

PUBLISH_JS = """// 检查并打包：请资料服务运行 make check 和 make package，显示结果；有错误时链接到出错条目的表单。
(function () {
  var backend = document.querySelector("meta[name=showcase-backend]").content;
  var button = document.getElementById("run");
  var status = document.getElementById("status");
  var forms = document.getElementById("forms");
  var output = document.getElementById("output");
  function show(kind, text) { status.className = kind; status.textContent = text; }
  button.addEventListener("click", function () {
    button.disabled = true;
    forms.textContent = "";
    output.hidden = true;
    show("", "正在检查并打包，通常要一两分钟，请不要关闭这个页面……");
    fetch(backend + "/showcase/package", {method: "POST", headers: {"Content-Type": "application/json"}, body: "{}"})
      .then(function (answer) { return answer.json(); })
      .then(function (result) {
        if (result.error) { show("failed", result.error); return; }
        output.textContent = result.output;
        output.hidden = !result.output;
        if (result.ok) {
          show("ok", "已打包 " + result.zip + "，在项目文件夹 " + result.folder + " 里。请把它交给信息技术人员发布。");
          return;
        }
        show("failed", result.step === "check"
          ? "没有打包：资料有错误。请打开下面的表单改好、保存，再点“检查并打包”。"
          : "没有打包：网站没有生成。请按下面的提示改好，再点“检查并打包”。");
        if (result.forms.length) {
          var heading = document.createElement("h2");
          heading.textContent = "在表单里修改";
          var list = document.createElement("ul");
          result.forms.forEach(function (form) {
            var link = document.createElement("a");
            link.href = form.url;
            link.textContent = form.label;
            var item = document.createElement("li");
            item.appendChild(link);
            item.appendChild(document.createTextNode("（" + form.file + "）"));
            list.appendChild(item);
          });
          forms.appendChild(heading);
          forms.appendChild(list);
        }
      })
      .catch(function () { show("failed", "资料服务没有回应：请确认 make edit 还在运行。"); })
      .then(function () { button.disabled = false; });
  });
})();
"""


# Decap writes "" for a field that was typed in and cleared, and {} for an untouched image;
# the schema refuses both (a missing optional field is fine), so they are dropped before saving.
EDITOR_JS = """// 网页表单编辑器：保存前去掉清空了的字段，使保存的文件通过 make check。
(function () {
  function isEmpty(value) {
    return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
  }
  function prune(value) {
    if (value && typeof value.toJS === "function" && typeof value.filter === "function") {
      var isList = typeof value.setSize === "function";
      var pruned = value.map(prune).filter(function (item) { return !isEmpty(item); });
      return !isList && pruned.size === 0 ? undefined : pruned;
    }
    return isEmpty(value) ? undefined : value;
  }
  window.CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var data = event.entry.get("data");
      return prune(data) || data.clear();
    },
  });
})();
// 照片的中文名：Decap 会把中文字去掉（巡回审判现场.jpg 变成 .jpg），所以先换成拼音名，再交给 Decap，并告诉编辑。
(function () {
  var backend = document.querySelector("meta[name=showcase-backend]").content;
  function needsName(file) { return /[^\\x00-\\x7f]/.test(file.name); }
  function datedName(file) {
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
    var dot = file.name.lastIndexOf(".");
    return "zhaopian-" + stamp + (dot > 0 ? file.name.slice(dot).toLowerCase() : "");
  }
  function readableName(file) {
    return fetch(backend + "/showcase/file-name", {
      method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({name: file.name}),
    }).then(function (answer) { return answer.json(); })
      .then(function (result) { return result.name || datedName(file); })
      .catch(function () { return datedName(file); });
  }
  function notice(text) {
    var box = document.getElementById("showcase-notice");
    if (!box) {
      box = document.createElement("div");
      box.id = "showcase-notice";
      box.setAttribute("role", "status");
      box.style.cssText = "position:fixed;left:50%;bottom:1.5rem;transform:translateX(-50%);z-index:100000;" +
        "max-width:90vw;background:#fffbe6;border:1px solid #d48806;border-radius:5px;padding:0.7rem 1rem;" +
        "font-size:15px;line-height:1.6;box-shadow:0 2px 8px rgba(0,0,0,.2);color:#222";
      document.body.appendChild(box);
    }
    box.textContent = text;
    clearTimeout(box.hideTimer);
    box.hideTimer = setTimeout(function () { box.remove(); }, 20000);
  }
  window.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || event.showcaseRenamed) return;
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.some(needsName)) return;
    event.stopImmediatePropagation();  // Decap gets the renamed files below, in a second change event
    Promise.all(files.map(function (file) {
      return needsName(file) ? readableName(file) : Promise.resolve(file.name);
    })).then(function (names) {
      var transfer = new DataTransfer();
      var told = [];
      files.forEach(function (file, index) {
        if (names[index] !== file.name) told.push("照片“" + file.name + "”存为 " + names[index] + "。");
        transfer.items.add(new File([file], names[index], {type: file.type, lastModified: file.lastModified}));
      });
      input.files = transfer.files;
      var again = new Event("change", {bubbles: true});
      again.showcaseRenamed = true;
      input.dispatchEvent(again);
      notice(told.join("") + "网址和文件名里只用拼音字母，照片本身不变。");
    });
  }, true);
})();

// 页头的“检查并打包”：检查全部资料，再打包交给信息技术人员（publish.html）。
(function () {
  function addLink() {
    var list = document.querySelector("header nav ul");
    var contents = list && list.querySelector("a");
    if (!contents || document.getElementById("showcase-publish")) return;
    var link = contents.cloneNode(true);  // the look of the header's 内容 link, with a box for its icon
    link.id = "showcase-publish";
    link.href = "publish.html";
    link.removeAttribute("aria-current");
    link.classList.remove("header-link-active");
    var icon = link.querySelector("svg");
    if (icon) icon.innerHTML = '<path d="M3 4h18v4H3zM5 9h14v11H5zm4 3v2h6v-2z"></path>';
    link.lastChild.textContent = "检查并打包";
    var item = document.createElement("li");
    item.appendChild(link);
    list.appendChild(item);
  }
  new MutationObserver(addLink).observe(document.body, {childList: true, subtree: true});
})();
"""


def config_yaml(backend: str, authors: list[str]) -> str:
    header = "# 由 hooks/showcase/form_editor.py 按资料结构（schema.py）生成，不要手改。\n"
    return header + yaml.safe_dump(editor_config(backend, authors), allow_unicode=True, sort_keys=False, width=120)


def admin_files(root: Path, authors: list[str]) -> dict[str, str | Path]:
    """Path under the site → text, or the bundle file to copy. Empty when the bundle is not installed."""
    bundle = bundle_files(root)
    if not bundle:
        return {}
    backend = backend_url()
    files: dict[str, str | Path] = {
        f"{ADMIN_FOLDER}/index.html": index_html(backend),
        f"{ADMIN_FOLDER}/editor.js": EDITOR_JS,
        f"{ADMIN_FOLDER}/config.yml": config_yaml(backend, authors),
    }
    files.update({f"{ADMIN_FOLDER}/{path.name}": path for path in bundle})
    # The 检查并打包 page, linked from the editor's header (EDITOR_JS).
    files.update({f"{ADMIN_FOLDER}/publish.html": publish_html(backend), f"{ADMIN_FOLDER}/publish.css": PUBLISH_CSS,
                  f"{ADMIN_FOLDER}/publish.js": PUBLISH_JS})
    return files

