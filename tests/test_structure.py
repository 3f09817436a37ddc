"""The shape of the code: no import cycle, and the model apart from loading.

Cohesion over line counts: a module is as long as its one job needs, so no size limit is tested.

Read from the source with ``ast`` (nothing is imported), so a cycle is found even where Python
would tolerate it at run time.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support import REPO

CORE = REPO / "hooks" / "showcase"
DEPLOY = REPO / "tools" / "deploy"
# Modules that need only the model of the brand system, never its loading or checking.
MODEL_ONLY = ("pages", "render", "timeline", "tracking", "infographics")


def imports_of(package: Path, name: str) -> set[str]:
    """The sibling modules that ``package/name.py`` imports (relatively, or by the package's name)."""
    tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
    siblings = {path.stem for path in package.glob("*.py")}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level == 1 or module.startswith(package.name):
                target = module.removeprefix(package.name).lstrip(".")
                if target:
                    found.add(target.split(".")[0])
                else:  # from . import a, b
                    found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith(package.name + ".")}
    return found & siblings


def import_graph(package: Path) -> dict[str, set[str]]:
    return {path.stem: imports_of(package, path.stem) for path in sorted(package.glob("*.py"))}


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


@pytest.mark.parametrize("package", [CORE, DEPLOY], ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_import_cycle(package: Path):
    graph = import_graph(package)
    assert "catalog" in graph or "publish" in graph  # the graph was read at all
    assert cycles(graph) == []


def test_modules_that_need_the_model_import_only_the_model():
    graph = import_graph(CORE)
    for name in MODEL_ONLY:
        assert not graph[name] & {"loader", "checks", "scaffold", "cli"}, (name, graph[name])
    assert not graph["catalog"] & {"loader", "checks"}  # the model knows nothing of loading


def python_files() -> list[Path]:
    return sorted([*(REPO / "hooks").rglob("*.py"), *(REPO / "tools").rglob("*.py")])


def test_tests_and_tools_import_each_other_without_editing_sys_path():
    # pyproject.toml's pythonpath serves the tests, the script's own folder the tools.
    edit = "sys.path.insert(0, str(REPO"
    edits = [p.relative_to(REPO).as_posix() for p in [*python_files(), *(REPO / "tests").glob("*.py")]
             if edit in p.read_text(encoding="utf-8") and p.name != Path(__file__).name]
    assert edits == []


def test_templates_take_page_paths_and_data_from_the_page_model():
    from showcase.pages import PATHS

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
