"""The form editor's configuration comes from the schema; its files exist in the preview only."""

from __future__ import annotations

import json
import re
import shutil
import typing
from pathlib import Path

import pytest
import yaml

from showcase.editing import form_editor
from showcase.editing.form_choices import form_choices, news_authors
from showcase.editing.admin_files import admin_files, bundle_files, content_security_policy
from showcase.content.schema import HonourLevel
from showcase.content.loader import load_catalog
from showcase.news.news_photo import with_photo
from showcase.content.schema import (
    COLLECTIONS, DATE_PATTERN, PATTERN_HELP, POST_DATE_PATTERN, SINGLE_FILES, NewsPost, Record,
)
from tools.harness import REPO, copy_project, run_build

CHOICES = form_choices(REPO)
AUTHORS = news_authors(REPO / "docs")
CONFIG = form_editor.editor_config("http://127.0.0.1:8081/api/v1", AUTHORS, CHOICES)
COLLECTION_OF = {c["name"]: c for c in CONFIG["collections"]}


def _record_of(annotation) -> type[Record] | None:
    """The record a field holds (directly, optionally or as list items), if any."""
    for candidate in (annotation, *typing.get_args(annotation)):
        for inner in (candidate, *typing.get_args(candidate)):
            if isinstance(inner, type) and issubclass(inner, Record):
                return inner
    return None


def _schema_paths(model: type[Record], prefix: str = "") -> dict[str, str]:
    """Every field of ``model`` and of the records inside it: dotted path → description."""
    paths = {}
    for name, info in model.model_fields.items():
        paths[prefix + name] = info.description or ""
        inner = _record_of(info.annotation)
        if inner is not None:
            paths.update(_schema_paths(inner, f"{prefix}{name}."))
    return paths


def _config_paths(fields: list[dict], prefix: str = "") -> dict[str, dict]:
    paths = {}
    for field in fields:
        paths[prefix + field["name"]] = field
        if "fields" in field:
            paths.update(_config_paths(field["fields"], f"{prefix}{field['name']}."))
    return paths


def _fields_of(kind: str) -> list[dict]:
    if kind == "site.yml":
        return COLLECTION_OF["site"]["files"][0]["fields"]
    return COLLECTION_OF[kind]["fields"]


@pytest.mark.parametrize("kind, model", [*COLLECTIONS.items(), *SINGLE_FILES.items(), ("news", NewsPost)])
def test_every_schema_field_is_in_its_form_with_label_and_hint(kind, model):
    schema = _schema_paths(model)
    form = _config_paths(_fields_of(kind))
    if kind == "news":  # the news text itself (excerpt and the rest), not front matter
        assert form.pop("summary")["widget"] == "text" and form.pop("body")["widget"] == "markdown"
    assert sorted(form) == sorted(schema)
    for path, field in form.items():
        assert re.search(r"[\u4e00-\u9fff]", field["label"]), path
        assert field["hint"], path
        if path.rsplit(".", 1)[-1] not in ("draft", "slug") and field["hint"] != schema[path]:
            # The form's own words only where the schema's speak of the file.
            assert any(field["hint"] == hint for hint in form_editor.FORM_HINTS.values()) or \
                field["hint"] == schema[path].replace("可用 Markdown。", form_editor.MARKDOWN_HINT), path


def _all_fields(fields: list[dict]):
    for field in fields:
        yield field
        yield from _all_fields(field.get("fields", []))
        if "field" in field:
            yield field["field"]


def test_no_hint_speaks_of_the_file():
    """The media team edits in forms: no YAML, quotes, true/false or file paths in what the form says."""
    said = []
    for collection in CONFIG["collections"]:
        fields = collection.get("fields") or [f for file in collection["files"] for f in file["fields"]]
        said.append(collection.get("description", ""))
        for field in _all_fields(fields):
            said += [field.get("hint", ""), field.get("label", ""), *(field.get("pattern") or [""])[1:]]
    text = "\n".join(said)
    for word in ("YAML", "yaml", "Markdown", "true", "false", "parent", "slug", "引号", "docs/", "data/", ".yml", ".md", "Markdown 书写", "make "):
        assert word not in text, word
    project_words = "".join(f.get("hint", "") + f.get("label", "") for f in _all_fields(_fields_of("projects")))
    assert "品牌名称" not in project_words and "品牌口号" not in project_words and "品牌标识" not in project_words


def test_brands_projects_and_posts_are_chosen_by_name():
    brand, project = _config_paths(_fields_of("brands")), _config_paths(_fields_of("projects"))
    honour, activity = _config_paths(_fields_of("honours")), _config_paths(_fields_of("activities"))
    catalog = load_catalog(REPO / "data", docs_dir=REPO / "docs", include_drafts=True)
    # A sub-brand's parent is the master brand, never itself; a project's is a sub-brand.
    assert brand["parent"]["options"] == [{"label": catalog.master.name, "value": catalog.master.slug}]
    assert sorted(o["value"] for o in project["parent"]["options"]) == sorted(b.slug for b in catalog.sub_brands)
    # An honour or an activity log names any brand or tribunal project by its Chinese name.
    for field in (honour["brand"], activity["brand"]):
        assert field["widget"] == "select"
        labels = {o["value"]: o["label"] for o in field["options"]}
        assert labels["jintian"] == "金田法庭【温情调解和美家事】" and labels["fayao-xunzhou"] == "党旗引领·法耀浔州"
        assert len(labels) == len(catalog.sub_brands) + 1 + len(catalog.projects)
    post = activity["records.post"]["options"]
    assert post == [{"label": "党旗引领 法耀浔州：桂平法院机关党委品牌创建工作纪实（摘要）（2023年12月27日）",
                     "value": "news/posts/2023-12-27-brand-report.md"}]
    # Authors by name; a link in a news post to a page chosen among the brands and projects.
    assert {"label": "覃霄", "value": "qinxiao"} in AUTHORS
    assert {"label": "金田法庭【温情调解和美家事】", "value": "../../projects/jintian.md"} in CHOICES.links


def test_patterns_say_what_the_schema_says():
    honour = _config_paths(_fields_of("honours"))
    news = _config_paths(_fields_of("news"))
    assert honour["date"]["pattern"] == [DATE_PATTERN, PATTERN_HELP[DATE_PATTERN]]
    assert news["date"]["pattern"] == [POST_DATE_PATTERN, PATTERN_HELP[POST_DATE_PATTERN]]
    assert honour["slug"]["pattern"][1] == "只能用小写英文字母、数字和连字符，例如 xunzhou-fengqiao。"
    for good in ("2023", "2023-12", "2023-12-27"):
        assert re.fullmatch(DATE_PATTERN, good)
    for bad in ("2024-13", "2024-00", "2023-12-32", "2023-1", "23"):
        assert not re.fullmatch(DATE_PATTERN, bad), bad


def test_a_collection_for_every_data_folder_and_a_file_collection_for_site_yml():
    folders = {c["name"]: c.get("folder") for c in CONFIG["collections"]}
    assert folders == {
        "brands": "data/brands", "projects": "data/projects", "honours": "data/honours",
        "activities": "data/activities", "news": "docs/news/posts", "site": None,
    }
    assert COLLECTION_OF["site"]["files"][0]["file"] == "data/site.yml"
    assert CONFIG["slug"]["encoding"] == "ascii"
    assert CONFIG["locale"] == "zh_Hans"


def test_widgets_follow_the_schema_types():
    honour = _config_paths(_fields_of("honours"))
    assert honour["level"]["widget"] == "select"
    # The level may be left out (the report gives none for some honours): a select that need not be chosen.
    assert honour["level"]["options"] == list(typing.get_args(HonourLevel))
    assert honour["level"]["required"] is False
    assert honour["brand"]["widget"] == "select"
    # A partial date is text with the schema's pattern: a year alone is saved as "2023".
    assert honour["date"]["widget"] == "string" and honour["date"]["pattern"][0] == DATE_PATTERN
    assert honour["draft"]["default"] is True  # new entries are drafts
    brand = _config_paths(_fields_of("brands"))
    assert brand["parent"]["widget"] == "select"
    assert brand["practices"]["widget"] == brand["results.figures"]["widget"] == "list"
    assert brand["meaning"]["widget"] == "markdown" and brand["meaning"]["modes"] == ["raw"]
    assert brand["images.src"]["widget"] == brand["logo.src"]["widget"] == "image"
    assert brand["order"] == {**brand["order"], "widget": "number", "value_type": "int", "default": 100}
    activity = _config_paths(_fields_of("activities"))
    assert activity["records"]["widget"] == "list" and activity["records.kind"]["widget"] == "select"
    # A record's draft switch has no default (Decap would add a record to every new log): forms.js
    # marks the records a save adds as drafts.
    assert "default" not in activity["records.draft"] and "自动成为草稿" in activity["records.draft"]["hint"]
    assert activity["records.figures.value"]["value_type"] == "float"
    news = _config_paths(_fields_of("news"))
    assert news["body"]["modes"] == ["rich_text", "raw"]  # the news body is rich text
    assert news["title"]["required"] is True and news["summary"]["widget"] == "text"
    assert news["authors"]["options"] == AUTHORS and news["authors"]["multiple"]
    assert news["image.src"]["widget"] == "image"
    # No defaults inside list items: Decap would otherwise add an item to every new list.
    for path, field in brand.items():
        if "." in path:
            assert "default" not in field, path


def test_images_are_uploaded_where_the_build_looks_and_written_as_it_accepts():
    assert CONFIG["media_folder"] == "docs/images"
    assert CONFIG["public_folder"] == "images"  # image src in data files and posts is relative to docs/


def test_the_bundle_is_served_with_its_chunks_and_wasm_files():
    files = bundle_files(REPO)
    if not files:
        pytest.skip("node_modules/decap-cms is not installed (make node-deps)")
    names = {path.name for path in files}
    assert "decap-cms.js" in names
    assert any(name.endswith(".wasm") for name in names)
    # Every chunk and .wasm file that the served scripts load (webpack's __webpack_require__.e(id)
    # fetches id.decap-cms.js) is served too.
    code = "".join(path.read_text(encoding="utf-8") for path in files if path.suffix == ".js")
    chunks = {f"{id_}.decap-cms.js" for id_ in re.findall(r"__webpack_require__\.e\((\d+)\)", code)}
    wasm = set(re.findall(r"[0-9a-f]{20}\.wasm", code))
    assert len(chunks) > 10 and wasm
    assert chunks | wasm <= names
    served = admin_files(REPO, [])
    assert {"admin/index.html", "admin/config.yml", "admin/editor.js", "admin/forms.js", "admin/choices.js",
            "admin/js-yaml.min.js", "admin/manual-init.js"} <= set(served)
    assert served["admin/js-yaml.min.js"].is_file()
    assert yaml.safe_load(served["admin/config.yml"]) == form_editor.editor_config(
        "http://127.0.0.1:8081/api/v1", [], CHOICES
    )
    # forms.js registers its words and formats before it starts Decap, which manual-init.js holds back.
    page = served["admin/index.html"]
    order = [page.index(f'src="{name}"') for name in ("manual-init.js", "decap-cms.js", "js-yaml.min.js",
                                                       "choices.js", "forms.js")]
    assert order == sorted(order)
    script = served["admin/forms.js"].read_text(encoding="utf-8")
    assert "CMS.init()" in script and "registerLocale" in script
    for name in (form_editor.DATA_FORMAT, form_editor.NEWS_FORMAT):
        assert f'registerCustomFormat("{name}"' in script


def test_the_admin_page_may_reach_this_machine_only():
    policy = content_security_policy("http://127.0.0.1:8081/api/v1")
    sources = " ".join(re.findall(r"https?://[^\s;]+", policy))
    assert sources == "http://127.0.0.1:8081"
    assert "'unsafe-inline'" not in policy.split("style-src")[0]  # no inline scripts (nor live reload)


def test_a_data_file_without_the_schema_comment_line_loads(tmp_path):
    """Decap drops comments: the loader must not need the yaml-language-server line."""
    project = copy_project(tmp_path / "project")
    for path in (project / "data").rglob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^#.*\n", "", text, flags=re.M), encoding="utf-8")
    assert "yaml-language-server" not in "".join(p.read_text("utf-8") for p in (project / "data").rglob("*.yml"))
    catalog = load_catalog(project / "data", docs_dir=project / "docs", include_drafts=True)
    assert catalog.warnings == [] or all("schema" not in str(w) for w in catalog.warnings)
    assert len(catalog.honours) == len(list((REPO / "data" / "honours").glob("*.yml")))


def test_vscode_maps_every_schema_to_its_data_folder():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert {Path(name).name for name in mapping} == {p.name for p in (REPO / "schemas").glob("*.schema.json")}
    for schema, globs in mapping.items():
        assert (REPO / schema).is_file(), schema
        for pattern in globs:
            assert list(REPO.glob(pattern)), pattern  # each glob names real data files
    assert mapping["./schemas/honour.schema.json"] == ["data/honours/*.yml"]


def test_news_photo_goes_under_the_title_with_a_path_relative_to_the_post():
    markdown = "# 标题\n\n第一段。\n\n<!-- more -->\n"
    result = with_photo(markdown, {"src": "images/a.png", "alt": "照片[1]"}, "news/posts/2024-01-15-a.md")
    assert result == "# 标题\n\n![照片\\[1\\]](../../images/a.png){ .sc-news-photo }\n\n第一段。\n\n<!-- more -->\n"
    assert with_photo(markdown, None, "news/posts/x.md") == markdown


def test_public_build_has_no_admin_and_no_file_naming_decap(built_site):
    assert not (built_site / "admin").exists()
    naming = []
    for path in built_site.rglob("*"):
        if not path.is_file():
            continue
        if "decap" in path.name.lower():
            naming.append(path.name)
        elif path.suffix in (".html", ".js", ".css", ".json", ".xml", ".txt", ".yml", ".svg") and \
                "decap" in path.read_text(encoding="utf-8", errors="replace").lower():
            naming.append(str(path.relative_to(built_site)))
    assert naming == []


@pytest.mark.build
def test_preview_build_has_the_editor(tmp_path):
    if not bundle_files(REPO):
        pytest.skip("node_modules/decap-cms is not installed (make node-deps)")
    project = copy_project(tmp_path / "project")
    (project / "node_modules").symlink_to(REPO / "node_modules")
    site = tmp_path / "site"
    result = run_build(project, site, env={"SHOWCASE_PREVIEW": "true"})
    assert result.returncode == 0, result.stderr
    assert (site / "admin" / "index.html").is_file() and (site / "admin" / "decap-cms.js").is_file()
    assert len(list((site / "admin").glob("*.wasm"))) == len(list((REPO / "node_modules/decap-cms/dist").glob("*.wasm")))
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["proxy_url"] == "http://127.0.0.1:8081/api/v1"
    shutil.rmtree(site)
