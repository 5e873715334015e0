"""The one place Jinja environments are made.

Scenario text is untrusted: expressions and feedback templates run in an immutable
sandbox with ``StrictUndefined``, a short list of filters and tests, guarded operators
(no huge strings or numbers) and capped output. Reports use a separate, autoescaping
environment over the package's own templates.
"""

from __future__ import annotations

import operator
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from simulator import controls

SAFE_FILTERS = frozenset(
    {"abs", "capitalize", "default", "int", "length", "lower", "max", "min", "round", "title", "trim", "upper"}
)
SAFE_TESTS = frozenset({"defined", "divisibleby", "even", "odd", "eq", "ne", "lt", "le", "gt", "ge", "in", "number", "string"})
MAX_OUTPUT = 4000  # characters a rendered feedback or debrief text may have
MAX_SEQUENCE = 10_000  # longest string or list an operator may build
MAX_NUMBER = 10**12


class ScenarioSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with arithmetic that cannot exhaust memory or time."""

    intercepted_binops = frozenset({"*", "+", "**", "//", "%", "/"})

    def call_binop(self, context: Any, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "**":
            raise SecurityError("the power operator is not allowed")
        op = {"*": operator.mul, "+": operator.add, "//": operator.floordiv, "%": operator.mod, "/": operator.truediv}[operator_]
        if operator_ == "*" and (isinstance(left, (str, list, tuple)) or isinstance(right, (str, list, tuple))):
            count = right if isinstance(left, (str, list, tuple)) else left
            seq = left if isinstance(left, (str, list, tuple)) else right
            if isinstance(count, int) and len(seq) * max(count, 0) > MAX_SEQUENCE:
                raise SecurityError("that would build a string or list that is too long")
        result = op(left, right)
        if isinstance(result, int) and abs(result) > MAX_NUMBER:
            raise SecurityError("that number is too large")
        return result


@cache
def scenario_environment() -> ScenarioSandbox:
    """The sandbox for everything a scenario author wrote (shared, so compiled code is cached)."""
    env = ScenarioSandbox(undefined=StrictUndefined, autoescape=False, cache_size=4096)
    env.filters = {k: v for k, v in env.filters.items() if k in SAFE_FILTERS}
    env.tests = {k: v for k, v in env.tests.items() if k in SAFE_TESTS}
    env.globals.clear()
    return env


def markdown_cell(text: object) -> str:
    """Text made safe for one Markdown table cell: no pipes, no line breaks, no raw HTML."""
    s = str(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(s.split())


@cache
def report_environment() -> Environment:
    """The project's own HTML/Markdown templates; ``.html.j2`` is autoescaped."""
    env = Environment(
        loader=PackageLoader("simulator", "templates"),
        autoescape=select_autoescape(["html", "html.j2", "htm", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=controls.finalize,
        auto_reload=False,  # package files: not looked at again on every report
    )
    from simulator.humanize import date, label

    env.filters.update(md=markdown_cell, label=label, date=date)
    return env
