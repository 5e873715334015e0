"""Dependencies fit their users: a learner who only plays installs no test tools, and an
author who runs `ipt-sim test` without them is told how to get them."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from simulator.cli import cli

REPO = Path(__file__).resolve().parent.parent


def test_ipt_sim_test_without_the_authoring_extra_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec

    def find_spec(name: str, *args: Any) -> Any:
        return None if name in ("pytest", "pytest_bdd") else real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    feature = tmp_path / "talk.feature"
    feature.write_text("Feature: talk\n", "utf-8")
    result = CliRunner().invoke(cli, ["test", str(feature)], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.output == (
        "ipt-sim: `ipt-sim test` needs the authoring tools (pytest, pytest-bdd missing): install them with  "
        "pip install 'ipt-sim[authoring]'  (from a checkout:  pip install '.[authoring]')\n"
    )


def test_playing_needs_no_test_tools() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    names = {d.split(">")[0].split("[")[0].strip() for d in project["dependencies"]}
    assert not names & {"pytest", "pytest-bdd"}
    assert {"pytest", "pytest-bdd"} <= {d.split(">")[0] for d in project["optional-dependencies"]["authoring"]}
    assert "ipt-sim[authoring]" in project["optional-dependencies"]["test"]  # ./scripts/test installs them
