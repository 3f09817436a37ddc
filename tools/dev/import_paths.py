"""How many files a reader opens to follow the core's imports.

Reads every module under hooks/showcase with `ast` (nothing is imported),
builds the graph of imports between the core's own modules and prints:
the modules per subpackage, the longest simple import path from
`showcase.cli`, and any import cycle. Imports inside functions count like
module-level ones: either way the reader has to open that file.

    python -m tools.dev.import_paths [--root CHECKOUT] [--start showcase.cli]
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import Counter
from pathlib import Path

PACKAGE = "showcase"
TOP_LEVEL = "(top level)"


def module_names(core: Path) -> dict[str, Path]:
    """Dotted name → file, for every module of the core package."""
    names = {}
    for path in sorted(core.rglob("*.py")):
        parts = list(path.relative_to(core.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names[".".join(parts)] = path
    return names


def is_package(name: str, modules: dict[str, Path]) -> bool:
    return modules[name].name == "__init__.py"


def imported_modules(node: ast.Import | ast.ImportFrom, here: str, modules: dict[str, Path]) -> list[str]:
    """The core modules one import statement names."""
    if isinstance(node, ast.Import):
        targets = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = here if is_package(here, modules) else here.rpartition(".")[0]
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        # `from showcase.content import checks` names a module; `from x import Name` names x.
        targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
    found = []
    for target in targets:
        while target and target not in modules:  # `import showcase.a.b.Name` style leftovers
            target = target.rpartition(".")[0]
        if target and target != here and target not in found:
            found.append(target)
    return found


def import_graph(modules: dict[str, Path]) -> dict[str, dict[str, str]]:
    """module → {imported module: "module" or "function"} (module level wins if both)."""
    graph: dict[str, dict[str, str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: dict[str, str] = {}

        def visit(node: ast.AST, inside_function: bool) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.Import, ast.ImportFrom)):
                    for target in imported_modules(child, name, modules):
                        if edges.get(target) != "module":
                            edges[target] = "function" if inside_function else "module"
                nested = inside_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                visit(child, nested)

        visit(tree, False)
        graph[name] = edges
    return graph


def longest_path(graph: dict[str, dict[str, str]], start: str, kinds: set[str]) -> list[str]:
    """The longest simple path from start, following edges of the given kinds (depth-first, exact)."""
    best: list[str] = [start]
    path = [start]
    on_path = {start}

    def walk(node: str) -> None:
        nonlocal best
        if len(path) > len(best):
            best = list(path)
        for target in sorted(graph[node]):
            if graph[node][target] in kinds and target not in on_path:
                path.append(target)
                on_path.add(target)
                walk(target)
                on_path.discard(target)
                path.pop()

    walk(start)
    return best


def cycles(graph: dict[str, dict[str, str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups = []
    sys.setrecursionlimit(max(1000, 10 * len(graph)))

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return groups


def short(name: str) -> str:
    return name.removeprefix(PACKAGE + ".")


def chain(graph: dict[str, dict[str, str]], path: list[str]) -> str:
    """a → b ⇢ c: a dashed arrow marks an import made inside a function."""
    text = short(path[0])
    for source, target in zip(path, path[1:]):
        text += (" → " if graph[source][target] == "module" else " ⇢ ") + short(target)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2], help="project checkout (default: this one)")
    parser.add_argument("--start", default=f"{PACKAGE}.cli", help="module the paths start from (default: showcase.cli)")
    args = parser.parse_args(argv)

    core = args.root / "hooks" / PACKAGE
    modules = module_names(core)
    graph = import_graph(modules)
    start = args.start if args.start.startswith(PACKAGE) else f"{PACKAGE}.{args.start}"
    if start not in modules:
        parser.error(f"no module {start} under {core}")

    def subpackage(name: str) -> str:
        parts = name.split(".")
        return parts[1] if len(parts) > 2 or (len(parts) == 2 and is_package(name, modules)) else TOP_LEVEL

    counts = Counter(subpackage(name) for name in modules)
    packages = sum(is_package(name, modules) for name in modules)
    print(f"Modules under {core} (files, package __init__ included):")
    for group in sorted(counts, key=lambda group: (group == TOP_LEVEL, group)):
        print(f"  {group:<12} {counts[group]:>3}")
    print(f"  {'total':<12} {len(modules):>3}  ({packages} of them __init__.py)")

    module_edges = sum(kind == "module" for edges in graph.values() for kind in edges.values())
    function_edges = sum(kind == "function" for edges in graph.values() for kind in edges.values())
    print(f"Imports between core modules: {module_edges + function_edges} ({module_edges} at module level, {function_edges} only inside functions)")

    reachable = {start}
    frontier = [start]
    while frontier:
        for target in graph[frontier.pop()]:
            if target not in reachable:
                reachable.add(target)
                frontier.append(target)
    print(f"Modules reachable from {short(start)}: {len(reachable)}")

    for label, kinds in (("all imports", {"module", "function"}), ("module-level imports only", {"module"})):
        path = longest_path(graph, start, kinds)
        print(f"Longest import path from {short(start)}, {label}: {len(path)} files")
        print(f"  {chain(graph, path)}")
    print("  (→ module-level import, ⇢ import inside a function)")

    found = cycles(graph)
    print(f"Import cycles: {len(found)}")
    for group in found:
        print("  " + ", ".join(short(name) for name in group))
    return 0


if __name__ == "__main__":
    sys.exit(main())
