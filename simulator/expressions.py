"""Scenario expressions (``when``, ``requires``) and ``{{ }}`` templates: checked, compiled, run.

Checking is static, over Jinja's own parse tree, so a validation run never compiles
code: only ``{{ }}`` output, no statements; only names from the documented context; no
calls, no power operator, nothing starting with ``_``; a short list of filters and tests.
Jinja's parser and this checker recurse, so length is capped and nesting that still
runs out of stack is reported, never raised. Compiled forms are cached by source text;
rendering runs in the sandbox and is capped.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.parser import Parser

from simulator.jinja_env import MAX_OUTPUT, SAFE_FILTERS, SAFE_TESTS, scenario_environment

# What a name in a template may be followed by: ``None`` means any attribute named in
# the mapping given for it, a set means exactly those attributes.
PERSON_ATTRS = frozenset({"name", "role"})
MAX_EXPRESSION = 1_000  # characters; a real condition is a line
MAX_TEMPLATE = 20_000  # characters of a text with {{ }}; what renders is capped far lower
_TOO_DEEP = "it is nested too deeply to check; write it more simply"

_ALLOWED = (
    nodes.Name, nodes.Const, nodes.List, nodes.Tuple, nodes.Compare, nodes.Operand, nodes.And, nodes.Or,
    nodes.Not, nodes.Neg, nodes.Pos, nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv, nodes.Mod,
    nodes.CondExpr, nodes.Filter, nodes.Test, nodes.Getattr, nodes.Getitem, nodes.Concat,
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem in an expression; ``line`` is relative to the expression's first line."""

    message: str
    line: int = 1


def suggest(word: str, known: Iterable[str]) -> str:
    """`` -- did you mean 'x'?`` for a near name, else the empty string."""
    if len(word) > 100:  # no name is near it, and difflib's time grows with its length
        return ""
    match = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
    return f" -- did you mean '{match[0]}'?" if match else ""


@dataclass(frozen=True, slots=True)
class Scope:
    """The names an expression may read, and for each the attributes it may have.

    ``names[n]`` is ``None`` for a plain value (a meter, ``turn``), or a mapping of
    attribute name -> nested scope (``None`` again for a leaf).
    """

    names: Mapping[str, Any]
    kind: str  # "expression" or "template", for messages


def condition_scope(meters: Iterable[str], flags: Iterable[str]) -> Scope:
    names: dict[str, Any] = {m: None for m in meters}
    names.update({f: None for f in flags})
    names.update(turn=None, visited=None)
    return Scope(names, "expression")


def template_scope(characters: Iterable[str], meters: Iterable[str], flags: Iterable[str]) -> Scope:
    person = {a: None for a in PERSON_ATTRS}
    meter_map = {m: None for m in meters}
    return Scope(
        {
            "speaker": person,
            "characters": {c: person for c in characters},
            "meters": meter_map,
            "before": meter_map,
            "flags": {f: None for f in flags},
            "turn": None,
        },
        "template",
    )


def _check(node: nodes.Node, scope: Scope, out: list[Problem]) -> None:
    line = node.lineno or 1
    if isinstance(node, nodes.Call):
        out.append(Problem("function and method calls are not allowed", line))
        return
    if isinstance(node, nodes.Pow):
        out.append(Problem("the power operator ** is not allowed", line))
        return
    if not isinstance(node, _ALLOWED):
        out.append(Problem(f"'{type(node).__name__}' is not allowed in a scenario {scope.kind}", line))
        return
    if isinstance(node, nodes.Name):
        if node.name.startswith("_"):
            out.append(Problem(f"names starting with '_' are not allowed ('{node.name}')", line))
        elif node.name not in scope.names:
            out.append(Problem(f"unknown name '{node.name}'{_near(node.name, scope)}", line))
        return
    if isinstance(node, (nodes.Getattr, nodes.Getitem)):
        _check_path(node, scope, out)
        return
    if isinstance(node, nodes.Filter) and node.name not in SAFE_FILTERS:
        out.append(Problem(f"filter '{node.name}' is not allowed{suggest(node.name, SAFE_FILTERS)}", line))
    if isinstance(node, nodes.Test) and node.name not in SAFE_TESTS:
        out.append(Problem(f"test '{node.name}' is not allowed{suggest(node.name, SAFE_TESTS)}", line))
    for child in node.iter_child_nodes():
        _check(child, scope, out)


def _near(name: str, scope: Scope) -> str:
    """A suggestion for an unknown name: in a text, a meter is ``meters.charge``, not ``charge``."""
    for outer, inner in scope.names.items():
        if isinstance(inner, Mapping) and name in inner:
            return f" -- did you mean '{outer}.{name}'?"
    return suggest(name, scope.names)


def _check_path(node: nodes.Node, scope: Scope, out: list[Problem]) -> None:
    """``a.b.c`` / ``a['b']``: each step must be a documented attribute."""
    steps: list[str] = []
    cur: nodes.Node = node
    while isinstance(cur, (nodes.Getattr, nodes.Getitem)):
        if isinstance(cur, nodes.Getattr):
            steps.append(cur.attr)
        elif isinstance(cur.arg, nodes.Const) and isinstance(cur.arg.value, str):
            steps.append(cur.arg.value)
        else:
            out.append(Problem("only a literal name may be used in [ ]", cur.lineno or 1))
            return
        cur = cur.node
    if not isinstance(cur, nodes.Name):
        _check(cur, scope, out)
        return
    if cur.name not in scope.names and not cur.name.startswith("_") and steps[-1] in scope.names:
        # ``meters.charge`` in a condition, where meters are read by their bare names
        out.append(Problem(f"unknown name '{cur.name}' -- did you mean '{steps[-1]}'?", cur.lineno or 1))
        return
    _check(cur, scope, out)
    allowed: Any = scope.names.get(cur.name)
    path = cur.name
    for step in reversed(steps):
        if step.startswith("_"):
            out.append(Problem(f"names starting with '_' are not allowed ('{path}.{step}')", node.lineno or 1))
            return
        if cur.name not in scope.names:
            return
        if not isinstance(allowed, Mapping) or step not in allowed:
            known = allowed if isinstance(allowed, Mapping) else {}
            out.append(Problem(f"'{path}' has no attribute '{step}'{suggest(step, known)}", node.lineno or 1))
            return
        allowed = allowed[step]
        path = f"{path}.{step}"


def _syntax(err: TemplateSyntaxError) -> Problem:
    return Problem(f"does not parse: {err.message}", err.lineno or 1)


def check_expression(source: str, scope: Scope) -> list[Problem]:
    """Every problem with a ``when``/``requires`` expression (empty if it is fine)."""
    if not source.strip():
        return [Problem("the expression is empty")]
    if len(source) > MAX_EXPRESSION:
        return [Problem(f"the expression is too long ({len(source):,} characters; the limit is {MAX_EXPRESSION:,})")]
    env = scenario_environment()
    out: list[Problem] = []
    try:
        parser = Parser(env, source, state="variable")
        expr = parser.parse_expression()
        if not parser.stream.eos:
            tok = parser.stream.current
            return [Problem(f"does not parse: unexpected '{tok.value}' after the expression", tok.lineno)]
        _check(expr, scope, out)
    except TemplateSyntaxError as err:
        return [_syntax(err)]
    except RecursionError:
        return [Problem(_TOO_DEEP)]
    return out


def check_template(source: str, scope: Scope) -> list[Problem]:
    """Every problem with a feedback or debrief text; plain text has none."""
    if "{" not in source:
        return []
    if len(source) > MAX_TEMPLATE:
        return [Problem(f"a text with {{{{ }}}} may be {MAX_TEMPLATE:,} characters long; this one has {len(source):,}")]
    env = scenario_environment()
    out: list[Problem] = []
    try:
        tree = env.parse(source)
        for node in tree.body:
            if not isinstance(node, nodes.Output):
                out.append(
                    Problem(
                        "only {{ }} expressions are allowed in text; statements such as {% if %} or {% for %} are not",
                        node.lineno or 1,
                    )
                )
                continue
            for part in node.nodes:
                if not isinstance(part, nodes.TemplateData):
                    _check(part, scope, out)
    except TemplateSyntaxError as err:
        return [_syntax(err)]
    except RecursionError:
        return [*out, Problem(_TOO_DEEP)]
    return out


@lru_cache(maxsize=8192)
def _compiled_expression(source: str) -> Callable[..., Any]:
    return scenario_environment().compile_expression(source, undefined_to_none=False)


@lru_cache(maxsize=8192)
def _compiled_template(source: str) -> Any:
    return scenario_environment().from_string(source)


def evaluate(source: str, context: Mapping[str, Any]) -> bool:
    """The truth of a checked expression; a runtime failure counts as false, never a crash."""
    try:
        return bool(_compiled_expression(source)(context))
    except Exception:  # noqa: BLE001 - untrusted code: any failure means "not true"
        return False


def render(source: str, context: Mapping[str, Any]) -> str:
    """A checked template rendered in the sandbox; on failure, the text without its braces."""
    if "{" not in source:
        return source
    try:
        text: str = _compiled_template(source).render(context)
    except Exception:  # noqa: BLE001 - untrusted template: show the author's words instead of crashing
        text = source.replace("{{", "").replace("}}", "")
    return text if len(text) <= MAX_OUTPUT else text[: MAX_OUTPUT - 1] + "…"


def render_error(source: str, context: Mapping[str, Any]) -> str | None:
    """Why a template cannot render with this context, or None if it renders."""
    if "{" not in source:
        return None
    try:
        _compiled_template(source).render(context)
    except Exception as err:  # noqa: BLE001 - reported to the author as a validation error
        return str(err) or type(err).__name__
    return None


# -- what an expression reads ----------------------------------------------------------

_COMPARE_OPS = frozenset({"eq", "ne", "lt", "lteq", "gt", "gteq"})


@dataclass(frozen=True, slots=True)
class Reads:
    """What an expression (or template) reads, the one answer lint and explore both use.

    ``names``: top-level names other than ``visited`` and ``turn``, plus the attributes read
    through ``meters.``, ``before.`` and ``flags.``; ``visited``: the states in
    ``'x' in visited``; ``visited_all``: ``visited`` used any other way; ``turn_consts``:
    the constants ``turn`` is compared with (None when it is not); ``turn_exact``: ``turn``
    used any other way.
    """

    names: frozenset[str] = frozenset()
    visited: frozenset[str] = frozenset()
    visited_all: bool = False
    turn_consts: tuple[float, ...] | None = None
    turn_exact: bool = False

    @property
    def turn(self) -> bool:
        return self.turn_exact or self.turn_consts is not None


def _number(node: nodes.Node) -> float | None:
    if isinstance(node, nodes.Const) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return float(node.value)
    if isinstance(node, (nodes.Neg, nodes.Pos)):
        inner = _number(node.node)
        return None if inner is None else (-inner if isinstance(node, nodes.Neg) else inner)
    return None


def _is_name(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Name) and node.name == name


class _Walk:
    """One pass over a parse tree, collecting what :class:`Reads` holds."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.visited: set[str] = set()
        self.visited_all = False
        self.turn_consts: list[float] | None = None
        self.turn_exact = False

    def visit(self, node: nodes.Node) -> None:
        if isinstance(node, nodes.Compare) and self._compare(node):
            return
        if isinstance(node, nodes.Name):
            if node.name == "visited":
                self.visited_all = True
            elif node.name == "turn":
                self.turn_exact = True
            else:
                self.names.add(node.name)
            return
        if (
            isinstance(node, nodes.Getattr)
            and isinstance(node.node, nodes.Name)
            and node.node.name in ("meters", "before", "flags")
        ):
            self.names.add(node.attr)
        for child in node.iter_child_nodes():
            self.visit(child)

    def _compare(self, node: nodes.Compare) -> bool:
        """``'x' in visited`` and ``turn`` against constants; True when the node is fully read."""
        if (len(node.ops) == 1 and node.ops[0].op in ("in", "notin") and isinstance(node.expr, nodes.Const)
                and isinstance(node.expr.value, str) and _is_name(node.ops[0].expr, "visited")):  # fmt: skip
            self.visited.add(node.expr.value)
            return True
        items = [node.expr, *(op.expr for op in node.ops)]
        if any(_is_name(i, "turn") for i in items) and all(op.op in _COMPARE_OPS for op in node.ops):
            consts = [_number(i) for i in items if not _is_name(i, "turn")]
            if all(c is not None for c in consts):
                self.turn_consts = [*(self.turn_consts or []), *(c for c in consts if c is not None)]
                return True
        return False


@lru_cache(maxsize=4096)
def reads(source: str, template: bool = False) -> Reads:
    """What ``source`` reads; nothing for text that does not parse (the validator reports it)."""
    env = scenario_environment()
    try:
        tree = env.parse(source) if template else Parser(env, source, state="variable").parse_expression()
    except TemplateSyntaxError:
        return Reads()
    walk = _Walk()
    walk.visit(tree)
    consts = tuple(walk.turn_consts) if walk.turn_consts is not None else None
    return Reads(frozenset(walk.names), frozenset(walk.visited), walk.visited_all, consts, walk.turn_exact)
