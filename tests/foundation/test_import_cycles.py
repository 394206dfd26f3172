"""No import circle in the tree, measured on the import graph itself (grimp, as lint-imports reads it).

pyproject.toml's layers contract keeps the apps from importing each other in a circle;
these tests also catch a circle between modules of one package, which no contract there
covers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import grimp

ROOTS = ("accounts", "config", "dashboard", "jobmail", "planner", "processing")


def _circles(nodes: Iterable[str], imported_by: Callable[[str], set[str]]) -> set[frozenset[str]]:
    """The strongly connected groups of more than one node (Tarjan), plus any node importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: set[frozenset[str]] = set()

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in imported_by(node):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1 or node in imported_by(node):
                found.add(frozenset(group))

    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return found


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph(*ROOTS, include_external_packages=False)


def test_it_finds_a_circle_when_there_is_one() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _circles(edges, lambda node: edges.get(node, set())) == {frozenset({"a", "b", "c"})}


def test_it_has_no_import_circle_between_the_packages() -> None:
    graph = _graph()
    edges: dict[str, set[str]] = {root: set() for root in ROOTS}
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            importer_root, imported_root = module.split(".")[0], imported.split(".")[0]
            if importer_root != imported_root:
                edges[importer_root].add(imported_root)
    assert _circles(ROOTS, lambda root: edges[root]) == set()


def test_it_has_no_import_circle_between_modules() -> None:
    graph = _graph()
    assert _circles(graph.modules, graph.find_modules_directly_imported_by) == set()
