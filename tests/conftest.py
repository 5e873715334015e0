"""Shared fixtures: every test gets its own cache and data folders (nothing leaks between
tests or into the developer's home), and the Gherkin steps shared by all features."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.steps.cli_steps import *  # noqa: F403 - pytest-bdd steps are fixtures: import them here
from tests.steps.play_steps import *  # noqa: F403
from tests.steps.validate_steps import *  # noqa: F403

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "tests" / "data" / "valid" / "money-impasse.yaml"


@pytest.fixture(autouse=True)
def _isolated_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("IPT_SIM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("IPT_SIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    yield


@pytest.fixture
def example() -> Path:
    """The complete example of the format doc, as a file."""
    return EXAMPLE
