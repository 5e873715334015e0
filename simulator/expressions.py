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
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import Template, TemplateSyntaxError, nodes
from jinja2.parser import Parser
from jinja2.runtime import Context

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
def _compiled_expression(source: str) -> Template:
    """The expression as a template that stores its value in ``result``, as Jinja's own
    ``compile_expression`` builds it, kept as a template so a context can be reused."""
    env = scenario_environment()
    parser = Parser(env, source, state="variable")
    expr = parser.parse_expression()
    if not parser.stream.eos:
        raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno, None, None)
    expr.set_environment(env)
    return env.from_string(nodes.Template([nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)], lineno=1))


@lru_cache(maxsize=8192)
def _compiled_template(source: str) -> Any:
    return scenario_environment().from_string(source)


Names = Mapping[str, Any] | Context  # what expressions and templates read: a mapping, or one bound by bind()


def bind(names: dict[str, Any]) -> Context:
    """A Jinja context over ``names`` itself, not a copy: built once and reused by every
    evaluation or render that reads the same values (a turn's ``requires`` and ``when``,
    its feedback), instead of Jinja copying the mapping into a new context each time.
    Changes to ``names`` are seen by later evaluations."""
    env = scenario_environment()
    return env.context_class(env, names, None, {})


def _run(template: Template, context: Names) -> tuple[Context, str]:
    if isinstance(context, Context):
        context.vars.clear()  # an expression's ``result`` must not shadow a name it reads next time
        ctx = context
    else:
        ctx = template.new_context(dict(context))
    return ctx, "".join(template.root_render_func(ctx))


def evaluate(source: str, context: Names) -> bool:
    """The truth of a checked expression; a runtime failure counts as false, never a crash."""
    try:
        ctx, _ = _run(_compiled_expression(source), context)
        return bool(ctx.vars["result"])
    except Exception:  # noqa: BLE001 - untrusted code: any failure means "not true"
        return False


# ``{{ name.attr }}`` and nothing else that Jinja would read specially: filled by lookups.
_FIELD = re.compile(r"\{\{\s*([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z][A-Za-z0-9_]*)\s*\}\}")
_KEYWORDS = frozenset({"true", "false", "none", "True", "False", "None", "and", "or", "not", "in", "is", "if", "else"})


@lru_cache(maxsize=8192)
def _plain(source: str) -> tuple[str | tuple[str, str], ...] | None:
    """A text whose only template syntax is ``{{ name.attr }}`` as literal parts and
    (name, attr) pairs; None for anything else, which Jinja renders. Kept to what renders
    the same without Jinja: no other brace, no carriage return or trailing newline (Jinja
    rewrites those), no keyword, no attribute a dict itself has (Jinja would find that first)."""
    parts: list[str | tuple[str, str]] = []
    at = 0
    for m in _FIELD.finditer(source):
        parts.append(source[at : m.start()])
        name, attr = m.group(1), m.group(2)
        if name in _KEYWORDS or attr in _KEYWORDS or hasattr(dict, attr):
            return None
        parts.append((name, attr))
        at = m.end()
    parts.append(source[at:])
    if any(isinstance(p, str) and ("{" in p or "}" in p) for p in parts) or "\r" in source or source.endswith("\n"):
        return None
    return tuple(p for p in parts if p)


def _fill(plan: tuple[str | tuple[str, str], ...], names: Mapping[str, Any]) -> str | None:
    out = []
    for part in plan:
        if isinstance(part, str):
            out.append(part)
            continue
        inner = names.get(part[0])
        if type(inner) is not dict or part[1] not in inner:
            return None  # Jinja decides what a missing or unusual value does
        out.append(str(inner[part[1]]))
    return "".join(out)


def render(source: str, context: Names) -> str:
    """A checked template rendered in the sandbox; on failure, the text without its braces.

    Plain ``{{ name.attr }}`` texts (the judge's own lines) are filled by lookups, which
    give exactly what Jinja would, at a fraction of the cost."""
    if "{" not in source:
        return source
    plan = _plain(source)
    text = None
    if plan is not None:
        text = _fill(plan, context.parent if isinstance(context, Context) else context)
    if text is None:
        try:
            _, text = _run(_compiled_template(source), context)
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
