"""The brief's architecture as import-linter contracts (pyproject.toml's [tool.importlinter]): each layer imports
only those below it, the domain nothing of ours, only storage the tables. A new import across them fails here
(and in `make lint`), with the chain of imports that breaks the contract in the captured output."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def test_every_layer_contract_is_kept() -> None:
    try:
        from importlinter import configuration
        from importlinter.application.use_cases import lint_imports
    except ImportError:  # a development environment made before the dependency: CI installs it, and must run this
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("import-linter is not installed: pip install -e '.[dev]'")
    configuration.configure()  # what the lint-imports command does first: readers of pyproject.toml and the like
    assert lint_imports(config_filename=str(PYPROJECT), cache_dir=None, no_logo=True), "see the broken contract above"
