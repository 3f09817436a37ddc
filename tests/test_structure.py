"""The shape of the code: no import cycle, and the model apart from loading.

Cohesion over line counts: a module is as long as its one job needs, so no size limit is tested.

Read from the source with ``ast`` (nothing is imported), so a cycle is found even where Python
would tolerate it at run time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tools.dev import import_paths
from tools.harness import REPO

CORE = REPO / "hooks" / "showcase"
TOOLS = REPO / "tools"  # the package of the release and developer tools (python -m tools.…)
# Modules that need only the model of the brand system, never its loading or checking.
MODEL_ONLY = ("pages.models", "pages.render", "pages.timeline", "pages.tracking", "pages.infographics")
ENGINES = ("mkdocs", "material", "zensical")


def import_graph(package: Path) -> dict[str, set[str]]:
    """The package's own modules, by dotted name inside it (``content.catalog``), and the ones each imports,
    at module level or inside a function (tools/dev/import_paths.py reads them)."""
    graph = import_paths.import_graph(import_paths.module_names(package))

    def inside(name: str) -> str:
        return name.removeprefix(package.name).lstrip(".")

    return {inside(name): {inside(target) for target in targets} for name, targets in graph.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle, each as the modules along it (depth-first search, one report per back edge)."""
    found, state, stack = [], {}, []

    def visit(module: str) -> None:
        state[module] = "open"
        stack.append(module)
        for target in sorted(graph.get(module, ())):
            if state.get(target) == "open":
                found.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module)
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("package", [CORE, TOOLS], ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_import_cycle(package: Path):
    graph = import_graph(package)
    assert graph.get("content.catalog") or graph.get("release.publish")  # the graph and its edges were read
    assert cycles(graph) == []


def test_release_tools_need_no_developer_tool():
    # What goes to the server and to reviewers must not depend on benchmarks or screenshots.
    graph = import_graph(TOOLS)
    assert graph["release.publish"]  # the graph was read
    wrong = {name: sorted(t for t in targets if t.startswith("dev."))
             for name, targets in graph.items() if not name.startswith("dev.")}
    assert {name: targets for name, targets in wrong.items() if targets} == {}


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module ``start`` imports, directly or through others."""
    seen, todo = set(), [start]
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def test_modules_that_need_the_model_import_only_the_model():
    # Through any chain of imports: a page model that reached the loader would read YAML after all.
    graph = import_graph(CORE)
    loading = {"content.loader", "content.checks", "content.yaml_reader", "editing.scaffold", "cli"}
    for name in [*MODEL_ONLY, "content.catalog"]:
        assert not reachable(graph, name) & loading, (name, sorted(reachable(graph, name) & loading))


def test_only_the_engines_subpackage_imports_an_engine():
    # The hook shims (hooks/mkdocs_hooks.py, hooks/preview_server.py) sit outside the package.
    found = []
    for path in sorted(CORE.rglob("*.py")):
        if path.relative_to(CORE).parts[0] == "engines":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                       else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            found += [f"{path.relative_to(REPO)}:{node.lineno} {m}" for m in modules if m.split(".")[0] in ENGINES]
    assert found == []


def python_files() -> list[Path]:
    return sorted([*(REPO / "hooks").rglob("*.py"), *(REPO / "tools").rglob("*.py")])


def test_tests_and_tools_import_each_other_without_editing_sys_path():
    # pyproject.toml's pythonpath serves the tests; the tools run as `python -m tools.…` from the project folder.
    edit = "sys.path.insert(0, str(REPO"
    edits = [p.relative_to(REPO).as_posix() for p in [*python_files(), *(REPO / "tests").glob("*.py")]
             if edit in p.read_text(encoding="utf-8") and p.name != Path(__file__).name]
    assert edits == []


def test_templates_take_page_paths_and_data_from_the_page_model():
    from showcase.pages.models import PATHS

    generated = {getattr(PATHS, name) for name in PATHS.__dataclass_fields__}
    for template in sorted((REPO / "templates").glob("*.j2")):
        text = template.read_text(encoding="utf-8")
        assert "catalog" not in text, template.name  # the page model carries the data
        assert not [path for path in generated if f'"{path}"' in text or f"({path})" in text], template.name
    assert not list((REPO / "overrides").rglob("*.md.j2"))  # Material's custom_dir holds only Material's overrides


def test_the_hook_file_defines_each_event_handler_once():
    # A second `def on_post_page` silently replaces the first: MkDocs calls only the last one.
    tree = ast.parse((REPO / "hooks" / "mkdocs_hooks.py").read_text(encoding="utf-8"))
    names = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert [name for name in set(names) if names.count(name) > 1] == []
    assert "on_post_page" in names and "on_config" in names


def test_only_the_edge_reads_the_environment():
    # One settings object (showcase.settings), read once by the command line and the engine shims.
    edge = {"cli.py", "settings.py"}
    readers = [path.relative_to(REPO).as_posix() for path in sorted(CORE.rglob("*.py"))
               if path.relative_to(CORE).as_posix() not in edge and path.relative_to(CORE).parts[0] != "engines"
               and ("os.environ" in (text := path.read_text(encoding="utf-8")) or "getenv" in text)]
    assert readers == []
