"""The form editor's files in the editors' preview: ``admin/`` with its page, script and bundle.

Only the preview gets them (the hook adds them when it builds for ``make serve``/``make edit``);
the public build never does. The bundle is Decap CMS from node_modules, served from this
machine with the lazy chunks and ``.wasm`` files it loads beside ``decap-cms.js``.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from .form_editor import FORMS_SCRIPT, YAML_SCRIPT, choices_js, editor_config, form_choices

ADMIN_FOLDER = "admin"
BUNDLE_FOLDER = Path("node_modules", "decap-cms", "dist")
# decap-server's address; tools/edit.py and the tests set it to the port they start it on.
BACKEND_ENV = "SHOWCASE_EDITOR_BACKEND"
DEFAULT_BACKEND = "http://127.0.0.1:8081/api/v1"


def backend_url() -> str:
    return os.environ.get(BACKEND_ENV) or DEFAULT_BACKEND


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
    origin = "/".join(backend.split("/")[:3])
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
  <title>网页表单编辑 · 编辑园地</title>
  <link rel="icon" href="../assets/favicon.svg">
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <script src="manual-init.js"></script>
  <script src="decap-cms.js"></script>
  <script src="js-yaml.min.js"></script>
  <script src="choices.js"></script>
  <script src="forms.js"></script>
  <script src="editor.js"></script>
</body>
</html>
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
"""


def config_yaml(backend: str, authors: list, choices=None) -> str:
    header = "# 由 hooks/showcase/form_editor.py 按资料结构（schema.py）生成，不要手改。\n"
    config = editor_config(backend, authors, choices)
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)


def admin_files(root: Path, authors: list[str]) -> dict[str, str | Path]:
    """Path under the site → text, or the bundle file to copy. Empty when the bundle is not installed."""
    bundle = bundle_files(root)
    if not bundle:
        return {}
    backend = backend_url()
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
    return files

