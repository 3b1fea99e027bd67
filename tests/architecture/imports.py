"""The real import graph of bot/: every import statement of every module (module level, inside functions and under
TYPE_CHECKING alike), resolved to the modules of bot/ it loads."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    tree: ast.Module

    @property
    def imports(self) -> set[str]:
        """Every imported name, as written (``a.b`` and, for ``from a import b``, also ``a.b``)."""
        found: set[str] = set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
        return found


def module_name(path: Path, root: Path = BOT) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules(root: Path = BOT) -> tuple[Module, ...]:
    return tuple(
        Module(module_name(p, root), p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(root.rglob("*.py"))
    )


def within(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def graph(mods: tuple[Module, ...]) -> dict[str, set[str]]:
    """module -> the modules of the tree whose code it runs: ``from pkg import mod`` imports ``pkg.mod``, ``from pkg
    import name`` (a name defined in ``pkg/__init__.py``) imports ``pkg``. The parents a submodule's import loads
    on the way are left out: every module of a package would otherwise loop with its ``__init__``."""
    names = {m.name for m in mods}
    edges: dict[str, set[str]] = {}
    for m in mods:
        targets: set[str] = set()
        for node in ast.walk(m.tree):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name in names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    if sub in names:
                        targets.add(sub)
                    elif node.module in names:
                        targets.add(node.module)
        edges[m.name] = targets - {m.name}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found
