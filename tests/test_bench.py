"""The benchmarks run rarely (`make bench`, at 1,000,000 rows), so a renamed function would break them unseen:
every name a benchmark imports from Marsad must still exist. (Their peers, pandas or Datasette, are the bench
extra's and are not needed here.)"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
SCRIPTS = sorted(BENCH.glob("*.py"))


def marsad_imports(script: Path) -> list[tuple[str, str]]:
    """(module, name) for every `from marsad… import name` in the script, at any depth."""
    tree = ast.parse(script.read_text(encoding="utf-8"))
    return [
        (node.module, alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "marsad"
        for alias in node.names
    ]


def importable(module: str, name: str) -> bool:
    """Whether `from module import name` works: a name in the module, or a submodule of a package."""
    if hasattr(importlib.import_module(module), name):
        return True
    try:
        importlib.import_module(f"{module}.{name}")
    except ModuleNotFoundError:
        return False
    return True


def test_the_benchmarks_are_found() -> None:
    assert {"import.py", "load.py", "report.py", "web.py"} <= {script.name for script in SCRIPTS}


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda script: script.name)
def test_every_name_a_benchmark_imports_from_marsad_exists(script: Path) -> None:
    missing = [f"{module}.{name}" for module, name in marsad_imports(script) if not importable(module, name)]
    assert not missing, f"{script.name} imports names Marsad no longer has: {', '.join(missing)}"
