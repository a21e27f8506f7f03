"""The import rules ARCHITECTURE.md states, checked on the source: a change that breaks one fails."""
from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Names that only the web layer may take from Flask: the request and what answers it.
REQUEST_NAMES = {"request", "session", "flash", "render_template", "redirect", "g", "abort", "url_for"}


def source_files(folder: str) -> list[Path]:
    """The Python files of a top-level folder of the repository, migrations left out."""
    return [path for path in (ROOT / folder).rglob("*.py") if "migrations" not in path.parts]


def imports_of(path: Path) -> Iterator[tuple[str, set[str]]]:
    """Each imported module of a file with the names taken from it (empty for ``import x``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module, {alias.name for alias in node.names}
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, set()


def violations(folder: str, allowed: Callable[[str, set[str]], bool]) -> list[str]:
    """``file: module`` for every import of ``folder`` that ``allowed(module, names)`` refuses."""
    found = []
    for path in source_files(folder):
        for module, names in imports_of(path):
            if not allowed(module, names):
                found.append(f"{path.relative_to(ROOT)}: {module} {sorted(names)}")
    return found


def project_module(module: str) -> bool:
    """True for a module of this repository."""
    return module.split(".")[0] in {"selection", "optimizer", "forms", "templates"}


def test_the_optimizer_imports_nothing_of_the_project_nor_the_web() -> None:
    web = {"flask", "flask_sqlalchemy", "sqlalchemy", "wtforms", "flask_login", "flask_wtf"}
    def allowed(module: str, _: set[str]) -> bool:
        top = module.split(".")[0]
        return top not in web and (top == "optimizer" or not project_module(module))

    assert violations("optimizer", allowed) == []


def test_forms_import_only_wtforms_and_the_status_enums() -> None:
    assert violations("forms", lambda m, _: not project_module(m)
                      or m in ("selection.forms", "selection.models.enums")) == []


def test_models_import_only_extensions_data_and_each_other() -> None:
    allowed_prefixes = ("selection.models", "selection.extensions", "selection.data")
    assert violations("selection/models", lambda m, _: not project_module(m)
                      or m.startswith(allowed_prefixes)) == []


@pytest.mark.parametrize("folder", ["selection/workflow", "selection/models", "forms", "optimizer"])
def test_only_the_web_layer_touches_the_request(folder: str) -> None:
    assert violations(folder, lambda m, names: not (m == "flask" and names & REQUEST_NAMES)) == []


def test_the_check_sees_a_violation() -> None:
    """The views do touch the request: the scan finds it, so an empty list above means something."""
    assert violations("selection/views", lambda m, names: not (m == "flask" and names & REQUEST_NAMES))


def test_the_workflow_never_imports_views_or_forms() -> None:
    assert violations("selection/workflow", lambda m, _: not m.startswith(
        ("selection.views", "selection.forms", "selection.cli"))) == []


def test_no_generic_top_level_package_is_imported() -> None:
    """forms/ and templates/ install inside the selection package: nobody imports them bare."""
    for folder in ("selection", "forms", "tests", "bench"):
        assert violations(folder, lambda m, _: m.split(".")[0] not in ("forms", "templates")) == []


def test_the_slate_adapter_never_imports_the_workflow_views_or_runners() -> None:
    """The workflow imports the adapter; the adapter takes merit and recommendations as inputs."""
    assert violations("selection/slates", lambda m, _: not m.startswith(
        ("selection.workflow", "selection.views", "selection.forms", "selection.cli", "selection.services.jobs", "flask"))) == []


# Every view runs its workflow operations through ``selection.views.operations.run_operation``
# (or ``answer_operation``): none catches a workflow refusal nor rolls back by itself. The error
# pages (errors.py) roll back a transaction broken by an unexpected error; that is no operation.
OPERATION_VIEWS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "selection/views").rglob("*.py")
                         if p.name not in ("operations.py", "errors.py") or p.parent.name != "views")


def refusal_names() -> set[str]:
    """``WorkflowError`` and the name of every class of ``selection`` that derives from it."""
    bases: dict[str, set[str]] = {}
    for path in (ROOT / "selection").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, set()).update(b.id if isinstance(b, ast.Name) else b.attr for b in node.bases
                                                          if isinstance(b, (ast.Name, ast.Attribute)))
    names = {"WorkflowError"}
    while grown := {name for name, parents in bases.items() if parents & names} - names:
        names |= grown
    return names


REFUSALS = refusal_names()


def own_handling(path: Path) -> list[str]:
    """``line: what`` for each ``except`` of a workflow refusal and each ``rollback()`` in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            names = {n.id if isinstance(n, ast.Name) else n.attr for n in ast.walk(node.type)
                     if isinstance(n, (ast.Name, ast.Attribute))}
            found += [f"{node.lineno}: except {name}" for name in sorted(names & REFUSALS)]
        elif isinstance(node, ast.Attribute) and node.attr == "rollback":
            found.append(f"{node.lineno}: rollback")
    return found


@pytest.mark.parametrize("place", OPERATION_VIEWS)
def test_these_views_run_operations_only_through_run_operation(place: str) -> None:
    target = ROOT / place
    paths = sorted(target.rglob("*.py")) if target.is_dir() else [target]
    assert paths
    assert {str(p.relative_to(ROOT)): own_handling(p) for p in paths if own_handling(p)} == {}


def test_the_operation_check_sees_a_violation() -> None:
    """run_operation itself catches and rolls back (a refusal, and ``Forbidden``): the scan finds
    both twice; the names of refusals include those derived from derived ones."""
    assert len(own_handling(ROOT / "selection/views/operations.py")) == 4
    assert {"Forbidden", "NotAllowed", "RecordError", "ContributionProblems", "NotPermitted"} <= REFUSALS
