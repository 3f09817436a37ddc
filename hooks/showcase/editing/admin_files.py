"""The form editor's files in the editors' preview: ``admin/`` with its page, script and bundle.

Only the preview gets them (the hook adds them when it builds for ``make serve``/``make edit``);
the public build never does. The bundle is Decap CMS from node_modules, served from this
machine with the lazy chunks and ``.wasm`` files it loads beside ``decap-cms.js``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from showcase.editing.form_choices import FormChoices, choices_js, form_choices
from showcase.editing.form_editor import FORMS_SCRIPT, YAML_SCRIPT, editor_config
from showcase.editing.publish_page import PUBLISH_BODY, PUBLISH_CSS, PUBLISH_JS
from showcase.settings import DEFAULT_EDITOR_BACKEND as DEFAULT_BACKEND

ADMIN_FOLDER = "admin"
BUNDLE_FOLDER = Path("node_modules", "decap-cms", "dist")


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


def _head(backend: str, title: str, extra: str) -> str:
    """The start of an editor page: the 127.0.0.1-only policy, the backend's address and ``extra``."""
    csp = content_security_policy(backend).replace('"', "&quot;")
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta http-equiv="Content-Security-Policy" content="{csp}">
  <meta name="showcase-backend" content="{backend_origin(backend)}">
  <title>{title}</title>
  <link rel="icon" href="../assets/favicon.svg">
  {extra}
</head>
"""


def index_html(backend: str) -> str:
    return _head(backend, "网页表单编辑 · 编辑园地", '<link href="config.yml" type="text/yaml" rel="cms-config-url">') + """<body>
  <script src="manual-init.js"></script>
  <script src="decap-cms.js"></script>
  <script src="js-yaml.min.js"></script>
  <script src="choices.js"></script>
  <script src="forms.js"></script>
  <script src="editor.js"></script>
</body>
</html>
"""


def backend_origin(backend: str) -> str:
    """http://127.0.0.1:8081 of http://127.0.0.1:8081/api/v1: where the gate's own actions are (showcase/editing/editor_servers.py)."""
    return "/".join(backend.split("/")[:3])


def publish_html(backend: str) -> str:
    """The editor's 检查并打包 page: `make check`, then `make package`, from the browser."""
    return _head(backend, "检查并打包 · 网页表单编辑", '<link rel="stylesheet" href="publish.css">') + PUBLISH_BODY


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


def config_yaml(backend: str, authors: list, choices: FormChoices) -> str:
    header = "# 由 hooks/showcase/editing/form_editor.py 按资料结构（schema.py）生成，不要手改。\n"
    config = editor_config(backend, authors, choices)
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)


def admin_files(root: Path, authors: list[str], backend: str = DEFAULT_BACKEND) -> dict[str, str | Path]:
    """Path under the site → text, or the bundle file to copy. Empty when the bundle is not installed.

    ``backend`` is decap-server's address (Settings.editor_backend)."""
    bundle = bundle_files(root)
    if not bundle:
        return {}
    choices = form_choices(root)
    files: dict[str, str | Path] = {
        f"{ADMIN_FOLDER}/index.html": index_html(backend),
        f"{ADMIN_FOLDER}/editor.js": EDITOR_JS,
        f"{ADMIN_FOLDER}/config.yml": config_yaml(backend, authors, choices),
        # forms.js registers the words and file formats, then starts Decap (CMS.init).
        f"{ADMIN_FOLDER}/manual-init.js": "window.CMS_MANUAL_INIT = true;\n",
        f"{ADMIN_FOLDER}/forms.js": FORMS_SCRIPT,
        f"{ADMIN_FOLDER}/choices.js": choices_js(choices),
        f"{ADMIN_FOLDER}/js-yaml.min.js": root / YAML_SCRIPT,
    }
    files.update({f"{ADMIN_FOLDER}/{path.name}": path for path in bundle})
    # The 检查并打包 page, linked from the editor's header (EDITOR_JS).
    files.update({f"{ADMIN_FOLDER}/publish.html": publish_html(backend), f"{ADMIN_FOLDER}/publish.css": PUBLISH_CSS,
                  f"{ADMIN_FOLDER}/publish.js": PUBLISH_JS})
    return files

