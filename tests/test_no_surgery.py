"""No surgery on third-party code: the project's Python only uses its dependencies' public names.

Read with ``ast``, every Python file of the project (hooks/, tools/, tests/) must not
- assign to, or ``setattr``/``delattr`` on, anything reached from mkdocs, material, jinja2, markdown,
  pymdownx, jieba, babel or yaml (a module, a class, a function, or an attribute of one of them);
- replace any ``__code__``;
- import or use their private names (a leading ``_``, dunders aside).
Subclassing, calling public functions and passing options remain the way to change behaviour.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tools.harness import REPO

PACKAGES = {"mkdocs", "material", "jinja2", "markdown", "pymdownx", "jieba", "babel", "yaml"}
FOLDERS = ("hooks", "tools", "tests")


def project_files() -> list[Path]:
    return sorted(p for folder in FOLDERS for p in (REPO / folder).rglob("*.py") if "node_modules" not in p.parts)


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _root(node: ast.AST) -> str | None:
    """The name an attribute chain or subscript starts from: ``a`` for ``a.b.c`` or ``a.b[0].c``."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


def surgery(source: str, filename: str = "<text>") -> list[str]:
    """Every line of ``source`` that operates on third-party code, with what it does."""
    tree = ast.parse(source, filename)
    third_party: set[str] = set()  # local names bound to the packages' modules, classes and functions
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in PACKAGES:
                    third_party.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in PACKAGES and not node.level:
            for alias in node.names:
                third_party.add(alias.asname or alias.name)
                if _private(alias.name) or any(_private(part) for part in node.module.split(".")):
                    found.append(f"{node.lineno}: imports the private {node.module}.{alias.name}")
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        for target in [t for tt in targets for t in (tt.elts if isinstance(tt, ast.Tuple) else [tt])]:
            if isinstance(target, ast.Attribute):
                if target.attr == "__code__":
                    found.append(f"{node.lineno}: replaces __code__")
                elif _root(target) in third_party:
                    found.append(f"{node.lineno}: assigns to {ast.unparse(target)}")
        if isinstance(node, ast.Call):
            name = ast.unparse(node.func)
            if name in ("setattr", "delattr", "monkeypatch.setattr", "monkeypatch.delattr") and node.args:
                if _root(node.args[0]) in third_party or (isinstance(node.args[0], ast.Constant)
                                                         and str(node.args[0].value).split(".")[0] in PACKAGES):
                    found.append(f"{node.lineno}: {name} on {ast.unparse(node.args[0])}")
                if len(node.args) > 1 and isinstance(node.args[1], ast.Constant) and node.args[1].value == "__code__":
                    found.append(f"{node.lineno}: replaces __code__")
        if isinstance(node, ast.Attribute) and _private(node.attr) and _root(node) in third_party:
            found.append(f"{node.lineno}: uses the private {ast.unparse(node)}")
    return found


def test_the_checker_finds_each_kind_of_surgery():
    assert surgery("import mkdocs.utils\nmkdocs.utils.write_file = f") == ["2: assigns to mkdocs.utils.write_file"]
    assert surgery("from material.plugins.blog.plugin import BlogPlugin\nBlogPlugin.on_nav = f") != []
    assert surgery("from jinja2 import Environment as E\nsetattr(E, 'x', 1)") != []
    assert surgery("def f(): pass\nf.__code__ = g.__code__") == ["2: replaces __code__"]
    assert surgery("from mkdocs.livereload import _serve_url") != []
    assert surgery("import jieba\njieba.dt._get_abs_path('x')") != []
    assert surgery("import yaml\nclass L(yaml.SafeLoader): pass\nL.add_constructor('!x', f)") == []
    assert surgery("from mkdocs.structure.files import File\nfiles.append(File.generated(c, 'a.md', content=''))") == []


@pytest.mark.parametrize("path", project_files(), ids=lambda p: p.relative_to(REPO).as_posix())
def test_no_project_file_operates_on_third_party_code(path: Path):
    assert surgery(path.read_text(encoding="utf-8"), str(path)) == []
