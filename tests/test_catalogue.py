"""The catalogue in docs/ and the README is the one the scenario files give today."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def generated() -> str:
    spec = importlib.util.spec_from_file_location("catalogue", REPO / "scripts" / "catalogue.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.main(REPO / "scenarios")
    return text


def test_docs_catalogue_is_generated_from_the_scenarios() -> None:
    assert (REPO / "docs" / "catalogue.md").read_text("utf-8") == generated()


def test_readme_carries_every_catalogue_row() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    rows = [line for line in generated().splitlines() if line.startswith("| `")]
    assert len(rows) >= 24
    for row in rows:
        assert row in readme, row.split("|")[1]
