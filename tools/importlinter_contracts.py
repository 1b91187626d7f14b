"""Custom import-linter contract types for Sportello (loaded through ``contract_types``).

``acyclic``: no import cycle between the modules of a package. import-linter's built-in
``acyclic_siblings`` looks at packages (the children of each package squashed into one node);
this contract looks at modules, the way Python imports them, and counts every import grimp
sees, function-level ones included (with the session's ``exclude_type_checking_imports``, the
imports under ``if TYPE_CHECKING:`` are left out), and the packages an import runs first:
importing ``a.b.c`` runs ``a/b/__init__.py``, and whatever that imports. A broken contract
shows, for each group of modules that import each other, one of its shortest cycles as a chain
of modules with the line of each import (breaking it may leave another cycle in the group)::

    [tool.importlinter]
    contract_types = ["acyclic: tools.importlinter_contracts.AcyclicContract"]

    [[tool.importlinter.contracts]]
    name = "No import cycle in sportello"
    type = "acyclic"
    packages = ["sportello"]

``lint-imports`` puts the current directory on ``sys.path``: run it from the repository root.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

import grimp
from importlinter import Contract, ContractCheck, fields, output

#: Cycles rendered per package before "(and N more)".
MAX_CYCLES_RENDERED = 20


class AcyclicContract(Contract):
    """No module of ``packages`` (or their descendants) takes part in an import cycle made of
    modules of the same package."""

    type_name = "acyclic"

    packages = fields.ListField(subfield=fields.StringField())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        cycles_by_package: dict[str, list[list[str]]] = {}
        for package in self.packages:  # type: ignore[attr-defined]  # set from the config
            output.verbose_print(verbose, f"Searching for cycles in {package}...")
            steps = import_steps(graph, package)
            edges = {module: sorted(targets) for module, targets in steps.items()}
            cycles = [
                [_describe(steps, importer, imported) for importer, imported in _pairs(chain)]
                for chain in find_cycles(edges)
            ]
            if cycles:
                cycles_by_package[package] = cycles
        return ContractCheck(kept=not cycles_by_package, metadata={"cycles": cycles_by_package})

    def render_broken_contract(self, check: ContractCheck) -> None:
        cycles_by_package: Mapping[str, list[list[str]]] = check.metadata["cycles"]
        for package, cycles in cycles_by_package.items():
            noun = "cycle" if len(cycles) == 1 else "cycles"
            output.print_error(f"{package}: {len(cycles)} import {noun}:")
            output.new_line()
            for lines in cycles[:MAX_CYCLES_RENDERED]:
                for line in lines:
                    output.print_error(line, bold=False)
                output.new_line()
            extra = len(cycles) - MAX_CYCLES_RENDERED
            if extra > 0:
                output.print_error(f"(and {extra} more)")
                output.new_line()


def import_steps(graph: grimp.ImportGraph, package: str) -> dict[str, dict[str, str]]:
    """What importing each module of ``package`` imports first, inside the package:
    ``{importer: {imported: why}}``.

    Besides the imports grimp found, importing ``a.b.c`` runs the packages ``a`` and ``a.b``
    first (their ``__init__``), unless the importer is inside them already: a module that
    imports ``sportello.events.registry`` also runs ``sportello/events/__init__.py``, and
    whatever that imports. Those steps count too.
    """
    modules = {package} | set(graph.find_descendants(package))
    steps: dict[str, dict[str, str]] = {module: {} for module in sorted(modules)}
    for importer in sorted(modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & modules):
            details = graph.get_import_details(importer=importer, imported=imported)
            lines = ", ".join(f"l.{d['line_number']}" for d in details)
            steps[importer].setdefault(imported, lines)
            parts = imported.split(".")
            for depth in range(1, len(parts)):
                parent = ".".join(parts[:depth])
                inside = importer == parent or importer.startswith(parent + ".")
                if parent in modules and not inside and parent not in steps[importer]:
                    where = f", {lines}" if lines else ""
                    steps[importer][parent] = f"runs the package: imports {imported}{where}"
    return steps


def find_cycles(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """One shortest cycle per strongly connected component (of more than one module, or of a
    module importing itself), each a chain that starts and ends with the same module."""
    components = [
        component
        for component in strongly_connected_components(edges)
        if len(component) > 1 or component[0] in edges[component[0]]
    ]
    return sorted(_shortest_cycle(component, edges) for component in components)


def _pairs(chain: Sequence[str]) -> Iterable[tuple[str, str]]:
    return zip(chain, chain[1:], strict=False)


def _describe(steps: Mapping[str, Mapping[str, str]], importer: str, imported: str) -> str:
    why = steps[importer][imported]
    return f"- {importer} -> {imported}" + (f" ({why})" if why else "")


def strongly_connected_components(edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (import graphs can be deeper than the recursion limit).
    Each component is sorted; components come in no particular order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    counter = 0
    for root in edges:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(edges[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(edges[succ])))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(sorted(component))
    return components


def _shortest_cycle(component: Iterable[str], edges: Mapping[str, Sequence[str]]) -> list[str]:
    """One shortest cycle through the component's first module (breadth-first), as a chain
    that starts and ends with that module."""
    members = set(component)
    start = min(members)
    parents: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for succ in edges[node]:
                if succ not in members:
                    continue
                if succ == start:
                    chain = [node]
                    while chain[-1] != start:
                        chain.append(parents[chain[-1]])
                    return [start, *reversed(chain[:-1]), start]
                if succ not in parents:
                    parents[succ] = node
                    following.append(succ)
        frontier = following
    raise AssertionError(f"no cycle through {start}")  # a component always has one
