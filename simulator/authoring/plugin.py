"""A pytest plugin for ``ipt-sim test``: author-readable failures, no Python tracebacks.

A failing step is reported as the feature file, line and step, then the step's own
sentence (``expected Sam's charge to be 4, but it is 6 ...``).
"""

from __future__ import annotations

import os
from collections.abc import Generator
from typing import Any

import pytest

from simulator.authoring.steps import StepFailed

_FAILURE = pytest.StashKey[str]()


def pytest_bdd_step_error(request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any,
                          step_func_args: Any, exception: BaseException) -> None:  # fmt: skip
    if isinstance(exception, StepFailed):
        where = f"{os.path.relpath(feature.filename)}:{step.line_number}: {step.keyword} {step.name}"
        request.node.stash[_FAILURE] = f"{scenario.name}\n  {where}\n  {exception}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    message = item.stash.get(_FAILURE, None)
    if report.failed and call.excinfo is not None and isinstance(call.excinfo.value, StepFailed):
        report.longrepr = message or str(call.excinfo.value)
    return report
