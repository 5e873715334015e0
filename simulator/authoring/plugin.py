"""A pytest plugin for ``ipt-sim test``: author-readable failures, no Python tracebacks.

A failing step is reported as the feature file, line and step, then the step's own
sentence (``expected Sam's charge to be 4, but it is 6 ...``); a step the library does
not know, as one line pointing at the published step list.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.exceptions import StepDefinitionNotFoundError

from simulator.authoring.steps import StepFailed

_FAILURE = pytest.StashKey[str]()
STEP_LIST = 'the steps ipt-sim knows are listed in its README, under "Testing a scenario"'


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    """Scenario paths in a feature are read from the feature file's folder."""
    request.getfixturevalue("conversation").base = Path(feature.filename).parent


def pytest_bdd_step_error(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any,
                          step_func_args: Any, exception: BaseException) -> None:  # fmt: skip
    if isinstance(exception, StepFailed):
        where = f"{os.path.relpath(feature.filename)}:{step.line_number}: {step.keyword} {step.name}"
        request.node.stash[_FAILURE] = f"{scenario.name}\n  {where}\n  {exception}"


def pytest_bdd_step_func_lookup_error(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any,
                                      exception: BaseException) -> None:  # fmt: skip
    where = f"{os.path.relpath(feature.filename)}:{step.line_number}"
    request.node.stash[_FAILURE] = f"{where}: unknown step: {step.keyword} {step.name} ({STEP_LIST})"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    message = item.stash.get(_FAILURE, None)
    if report.failed and call.excinfo is not None and isinstance(call.excinfo.value, StepFailed | StepDefinitionNotFoundError):
        report.longrepr = message or str(call.excinfo.value)
    return report
