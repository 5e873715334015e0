"""Lint: warnings about scenarios that play, but probably not as their author meant.

Runs on a valid :class:`Scenario` after the validator. Where a question is decidable
over the scenario's finite space (meters are bounded, flags are booleans), it is decided
exactly by trying every assignment of the names an expression reads; where that space is
too large (more than ``MAX_ASSIGNMENTS``), the check is skipped rather than guessed.

Codes (docs/diagnostics.md has an example of each):
W201 a state with a single choice           W206 a branch that can never be taken
W202 a character who never speaks           W207 a dimension rated poor with no feedback
W203 a meter nothing changes or reads       W208 no ending with a positive outcome
W204 a flag set but never read              W209 no ending with a negative outcome
W205 a requires/when that is never true     W210 an effect that goes past a meter's bounds on every path
W211 a state that can offer no choice        W212 an affect window outside [min, flood) (validate)
W213 a positive ending reachable with a checked objective unmet
W214 a critical item missable with no why and no debrief naming it
W215 feedback saying "flooded" where the charge can be below flood
W216 a technique misapplied with no why
W218 tones or cues a learner is never shown (a fixed moment, or past the options shown)
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from simulator import catalogs
from simulator.errors import Diagnostic
from simulator.expressions import evaluate, reads
from simulator.model import DONE_LEVELS, Choice, Pos, Scenario, Source
from simulator.reach import reachable_values
from simulator.yaml_source import clean

MAX_ASSIGNMENTS = 20_000
_SUPPRESS = re.compile(r"#\s*ipt-sim:\s*ignore(?:\[([A-Z0-9, ]+)\])?")


def names_read(source: str, template: bool = False) -> frozenset[str]:
    """The names lint decides over (:func:`simulator.expressions.reads`): meters and flags,
    ``visited:x`` for ``'x' in visited``, and ``visited`` or ``turn`` used any other way
    (which make the expression undecided here)."""
    r = reads(source, template)
    out = set(r.names) | {f"visited:{x}" for x in r.visited}
    if r.visited_all:
        out.add("visited")
    if r.turn:
        out.add("turn")
    return frozenset(out)


def _assignments(
    scenario: Scenario, names: frozenset[str], domains: Mapping[str, set[Any]] | None = None
) -> Iterator[dict[str, Any]] | None:
    """Every context an expression over ``names`` can see, or None when too many.

    ``domains`` narrows meters and flags to the values they can have at a given state.
    """
    sizes: list[tuple[str, int]] = []  # sized before anything is listed: a range can be huge
    for n in sorted(names):
        if n in scenario.meters:
            m = scenario.meters[n]
            sizes.append((n, len(domains[n]) if domains and domains.get(n) else m.max - m.min + 1))
        elif n in scenario.flags:
            sizes.append((n, len(domains[n]) if domains and domains.get(n) else 2))
        elif n.startswith("visited:"):
            sizes.append((n, 2))
        else:
            return None  # ``turn`` and anything unbounded: not decided here
    if math.prod(size for _, size in sizes) > MAX_ASSIGNMENTS:
        return None
    axes: list[tuple[str, list[Any]]] = []
    for n, _size in sizes:
        if domains and domains.get(n):
            axes.append((n, sorted(domains[n])))
        elif n in scenario.meters:
            axes.append((n, list(range(scenario.meters[n].min, scenario.meters[n].max + 1))))
        else:
            axes.append((n, [False, True]))

    def gen() -> Iterator[dict[str, Any]]:
        for combo in itertools.product(*(v for _, v in axes)):
            ctx: dict[str, Any] = {"turn": 0}
            seen: set[str] = set()
            for (n, _), v in zip(axes, combo, strict=True):
                if n.startswith("visited:"):
                    if v:
                        seen.add(n.removeprefix("visited:"))
                else:
                    ctx[n] = v
            ctx["visited"] = frozenset(seen)
            yield ctx

    return gen()


def lint(scenario: Scenario, file: str) -> list[Diagnostic]:
    """Every lint warning for a valid scenario: each check is a function of its own."""
    out: list[Diagnostic] = []

    def warn(pos: Pos, code: str, message: str) -> None:
        out.append(Diagnostic(file, pos.line, pos.col, "warning", code, clean(message)))

    s = scenario
    _check_unused(s, warn)
    _check_outcomes(s, warn)
    _check_assessment(s, warn)
    _check_windows(s, warn)
    reach = reachable_values(s)
    exact = _Exact(s)
    never: dict[str, bool] = {}  # expression text -> never true (decided over the full ranges, so per file)
    dead: dict[tuple[str | None, ...], list[bool]] = {}  # branch conditions -> which branches can be taken
    for sid, st in s.states.items():
        if st.choices and all(c.requires is not None for c in st.choices):
            _check_offers_something(s, sid, reach.get(sid, {}), exact, warn)
        if len(st.choices) == 1:
            warn(st.pos, "W201", f"state '{sid}' has a single choice: with nothing to choose between, there is nothing to learn")
        for c in st.choices:
            if c.requires is not None and _never(s, c.requires, never):
                warn(c.requires.pos, "W205",
                     f"requires '{c.requires.text}' of choice '{c.id}' can never be true: the choice is never offered")  # fmt: skip
            _check_branches(s, sid, c.id, c.next, warn, never, dead)
            _check_poor_without_feedback(c, warn)
            _check_overshoot(s, c, reach.get(sid, {}), warn)
            _check_flooded_words(s, c, reach.get(sid, {}).get("charge", set()), warn)
    _check_objectives(s, exact, warn)
    _check_delivery_options(s, warn)
    return out


def _check_delivery_options(s: Scenario, warn: Any) -> None:
    """W218: ``tones``/``cues`` the learner never sees: at a fixed moment, or past the options shown."""
    from simulator import delivery

    for sid, st in s.states.items():
        for c in st.choices:
            if not (c.tone_options or c.nonverbal_options):
                continue
            if s.delivery_of(st) != "choose":
                warn(c.pos, "W218", f"choice '{c.id}' lists tones or cues, but the delivery of state '{sid}' is fixed: "
                     "they are never offered; set 'delivery: choose' on the state or drop them")  # fmt: skip
                continue
            shown = delivery.tone_options(c)
            cue_sets = delivery.cue_options(c)
            dropped = [t for t in c.tone_options if t not in shown] + [x for x in c.nonverbal_options if (x,) not in cue_sets]
            if dropped:
                warn(c.pos, "W218", f"choice '{c.id}' offers at most {delivery.MAX_OPTIONS} tones and {delivery.MAX_OPTIONS} "
                     f"cue sets, its own first: {', '.join(dropped)} {'is' if len(dropped) == 1 else 'are'} never shown")  # fmt: skip


def _names_read_anywhere(s: Scenario) -> tuple[set[str], set[str]]:
    """The names any expression or text reads, and the meters any effect changes."""
    read: set[str] = set()
    changed: set[str] = set()
    for st in s.states.values():
        for c in st.choices:
            changed.update(c.effects)
            for src in [c.requires, *(b.when for b in c.next)]:
                if src is not None:
                    read |= names_read(src.text)
            for fb in c.feedback.values():
                read |= names_read(fb.text, template=True)
            for a in c.assess:
                if a.why is not None:
                    read |= names_read(a.why.text, template=True)
    for e in s.endings.values():
        read |= names_read(e.debrief.text, template=True)
    for o in s.objectives:
        if o.met is not None:
            read |= names_read(o.met.text)
    return read, changed


def _check_unused(s: Scenario, warn: Any) -> None:
    """W202, W203, W204: a character who never speaks, a meter nothing moves or reads, a flag nothing reads."""
    read, changed = _names_read_anywhere(s)
    speakers = {st.speaker for st in s.states.values()}
    for cid, character in s.characters.items():
        if cid not in speakers:
            warn(character.pos, "W202", f"character '{cid}' never speaks; remove them or give them a line")
    for name, spec in s.meters.items():
        if name != "charge" and name not in changed and name not in read:
            warn(spec.pos, "W203", f"meter '{name}' is never changed by an effect nor read by an expression")
    for flag in sorted(s.flags):
        if flag not in read:
            setter = next(c.pos for st in s.states.values() for c in st.choices if flag in c.set_flags)
            warn(setter, "W204", f"flag '{flag}' is set but never read by a requires, when, met or text")


def _check_outcomes(s: Scenario, warn: Any) -> None:
    """W208, W209: learners need to see both success and where a conversation goes wrong."""
    outcomes = {e.outcome for e in s.endings.values()}
    endings_at = s.key_pos.get("endings", Pos(1, 1))
    if "positive" not in outcomes:
        warn(endings_at, "W208", "no ending has a positive outcome: learners need to see what success looks like")
    if "negative" not in outcomes:
        warn(endings_at, "W209", "no ending has a negative outcome: learners need to see where a conversation can go wrong")


def _check_poor_without_feedback(c: Any, warn: Any) -> None:
    """W207: a dimension rated poor by the author, with no words saying why."""
    for dim, rating in c.rating.items():
        if rating == "poor" and dim not in c.feedback:
            warn(
                c.pos,
                "W207",
                f"choice '{c.id}' rates {dim} poor but gives no {dim} feedback: say why, so the learner can do better",
            )


def _check_overshoot(s: Scenario, c: Any, here: Mapping[str, set[Any]], warn: Any) -> None:
    """W210: an effect that goes past a meter's bounds from every value the meter can have here."""
    for meter, amount in c.effects.items():
        m = s.meters[meter]
        values = here.get(meter)
        if values and amount and all(not m.min <= v + amount <= m.max for v in values):
            side = "above its max" if amount > 0 else "below its min"
            span = f"it is {min(values)} here" if len(values) == 1 else f"it is {min(values)} to {max(values)} here"
            warn(c.pos, "W210", f"choice '{c.id}' pushes {meter} {side} on every path ({span}, {amount:+d} takes it past "
                 f"{m.max if amount > 0 else m.min}); clamping hides the effect")  # fmt: skip


_FLOODED = re.compile(r"\bflooded\b", re.IGNORECASE)
OBJECTIVE_CHECK_POSITIONS = 20_000  # above this, W213 is skipped (explore --max-positions decides it)


def _check_windows(s: Scenario, warn: Any) -> None:
    """W212: a window must lie in [min, flood): below min it never fits; at flood, flooding would count as good."""
    charge = s.meters["charge"]
    places = [(charge.window, charge.pos, "the charge meter's window")] if charge.window else []
    places += [(st.window, st.pos, f"state '{sid}''s window") for sid, st in s.states.items() if st.window]
    for window, pos, what in places:
        lo, hi = window
        if not charge.min <= lo <= hi < s.flood:
            warn(pos, "W212", f"{what} [{lo}, {hi}] is not inside [{charge.min}, {s.flood}): "
                 "it must start at or above min and stay below flood")  # fmt: skip


def _check_assessment(s: Scenario, warn: Any) -> None:
    """W214 and W216: a miss or a misapplied technique the debrief could not explain."""
    cat = catalogs.load().items
    debriefs = " ".join(e.debrief.text.lower() for e in s.endings.values())
    for st in s.states.values():
        for c in st.choices:
            for a in c.assess:
                if a.level in DONE_LEVELS or a.why is not None:
                    continue
                item = cat[a.item]
                if item.critical and item.title.lower() not in debriefs:
                    warn(c.pos, "W214", f"choice '{c.id}' misses the critical item '{a.item}' with no why, and no ending's "
                         f"debrief names '{item.title}': the learner is told they missed it but not what to do instead")  # fmt: skip
                if c.technique is not None and a.level == "misapplied":
                    warn(c.pos, "W216", f"choice '{c.id}' is tagged technique '{c.technique}' but misapplies '{a.item}' "
                         "with no why: the debrief lists it as attempted, misapplied, and cannot say why")  # fmt: skip


def _check_flooded_words(s: Scenario, c: Any, before: set[Any], warn: Any) -> None:
    """W215: "flooded" is for a charge at or above flood, not for shutdown or polite withdrawal."""
    from simulator.explore.space import charge_after

    texts = [src.text for src in c.feedback.values()]
    if not before or not any(_FLOODED.search(t) for t in texts):
        return
    low = sorted(a for b in before if (a := charge_after(s, b, c.effects.get("charge", 0))) < s.flood)
    if low:
        warn(c.pos, "W215", f"choice '{c.id}' says 'flooded' in its feedback, but the charge can be {low[0]} after it, "
             f"below flood ({s.flood}): say what the person shows instead (shut down, withdrawn, upset)")  # fmt: skip


def _check_objectives(s: Scenario, exact: _Exact, warn: Any) -> None:
    """W213: a positive ending a play can reach with a checked objective unmet (decided by explore)."""
    if not any(o.met for o in s.objectives):
        return
    from simulator.explore.assessment import objectives

    g = exact.graph()
    if not g.complete:
        return
    for oid, facts in objectives(s, g, g.layout).items():
        if facts.positive_ending_without:
            o = next(o for o in s.objectives if o.id == oid)
            assert o.met is not None
            warn(o.met.pos, "W213", f"objective '{oid}' can be unmet at a positive ending (for example after "
                 f"{', '.join(facts.path)}): gate the ending on what '{oid}' checks")  # fmt: skip


class _Exact:
    """Explore's graph of every position a play can reach, built once per lint and only when
    a check needs it (W211 to confirm a suspicion, W213)."""

    def __init__(self, s: Scenario) -> None:
        self.s = s
        self._graph: Any = None

    def graph(self) -> Any:
        if self._graph is None:
            from simulator.explore.reads import tracked
            from simulator.explore.space import _build, _Layout

            self._graph = _build(self.s, _Layout(self.s, tracked(self.s)), OBJECTIVE_CHECK_POSITIONS)
        return self._graph


def _stuck(g: Any, sid: str, names: frozenset[str]) -> dict[str, Any] | None:
    """The values (of ``names``) at the first reachable position of ``sid`` that offers no
    choice, or None when every position there offers one."""
    layout = g.layout
    si = layout.state_ids.index(sid)
    for i, node in enumerate(g.nodes):
        if node[0] == si and g.off[i] == g.off[i + 1]:
            out: dict[str, Any] = {}
            for n in sorted(names):
                if n in layout.meter_slot:
                    out[n] = node[layout.meter_slot[n]]
                elif n in layout.flag_slot:
                    out[n] = bool(node[layout.flag_slot[n]])
            if layout.visited_slot is not None and any(n.startswith("visited:") for n in names):
                out["visited"] = frozenset(st for j, st in enumerate(layout.bit_states) if node[layout.visited_slot] >> j & 1)
            return out
    return None


def _check_offers_something(s: Scenario, sid: str, domains: Mapping[str, set[Any]], exact: _Exact, warn: Any) -> None:
    """W211: every choice has a ``requires`` and, at some position a play reaches, none of them is true.

    The values each meter and flag can have at the state are a quick over-approximation
    (they ignore which values go together); a suspicion is confirmed on explore's graph of
    real positions when it is small enough to build (authoring review, finding 8: a
    correct state was flagged), and reported as found otherwise.
    """
    choices = s.states[sid].choices
    names = frozenset().union(*(names_read(c.requires.text) for c in choices if c.requires))
    contexts = _assignments(s, names, domains)
    if contexts is None:
        return
    case = next((ctx for ctx in contexts if not any(c.requires and evaluate(c.requires.text, ctx) for c in choices)), None)
    if case is None:
        return
    g = exact.graph()
    if g.complete:
        case = _stuck(g, sid, names)
        if case is None:
            return
    shown = ", ".join(
        f"{k} = {str(v).lower() if isinstance(v, bool) else v}" for k, v in case.items() if k not in ("turn", "visited")
    )
    seen = sorted(case.get("visited", ()))
    if seen:
        shown += (", " if shown else "") + "visited " + ", ".join(seen)
    warn(s.states[sid].pos, "W211", f"state '{sid}' can offer no choice at all (when {shown or 'nothing is set'}): "
         "give it one choice without 'requires'")  # fmt: skip


def _never(s: Scenario, src: Source, memo: dict[str, bool]) -> bool:
    if src.text not in memo:
        contexts = _assignments(s, names_read(src.text))
        memo[src.text] = contexts is not None and not any(evaluate(src.text, ctx) for ctx in contexts)
    return memo[src.text]


def _check_branches(
    s: Scenario,
    sid: str,
    cid: str,
    branches: Any,
    warn: Any,
    never: dict[str, bool],
    memo: dict[tuple[str | None, ...], list[bool]],
) -> None:
    guarded = [b for b in branches if b.when is not None]
    if not guarded:
        return
    key = tuple(b.when.text if b.when is not None else None for b in branches)
    if key not in memo:
        names = frozenset().union(*(names_read(b.when.text) for b in guarded))
        contexts = _assignments(s, names)
        if contexts is None:
            memo[key] = [True] * len(branches)  # not decided: assume every branch can be taken
        else:
            taken = [False] * len(branches)
            for ctx in contexts:
                for i, b in enumerate(branches):
                    if b.when is None or evaluate(b.when.text, ctx):
                        taken[i] = True
                        break
            memo[key] = taken
    for i, b in enumerate(branches):
        if memo[key][i]:
            continue
        if b.when is not None and _never(s, b.when, never):
            warn(b.when.pos, "W205", f"when '{b.when.text}' in choice '{cid}' of state '{sid}' can never be true")
        else:
            where = b.when.pos if b.when is not None else b.pos
            warn(
                where,
                "W206",
                f"branch {i + 1} of choice '{cid}' in state '{sid}' (to '{b.goto}') can never be taken: earlier branches cover every case",
            )


def offered_together(s: Scenario, domains: Mapping[str, set[Any]], a: Choice, b: Choice) -> bool:
    """Whether choices ``a`` and ``b`` of one state can be offered at once: some values the
    meters and flags can have there (``domains``, from :func:`reachable_values`) make both
    ``requires`` true. Each name's values are over-approximated on their own, so ``x`` and
    ``not x`` are told apart exactly; when there are too many to list, they are assumed to."""
    if a.requires is None or b.requires is None:
        one = a.requires or b.requires
        return one is None or not _never(s, one, {})
    contexts = _assignments(s, names_read(a.requires.text) | names_read(b.requires.text), domains)
    return contexts is None or any(evaluate(a.requires.text, c) and evaluate(b.requires.text, c) for c in contexts)


def suppressed(lines: Mapping[int, str], d: Diagnostic) -> bool:
    """True when the diagnostic's line carries ``# ipt-sim: ignore`` (for all codes or its own)."""
    m = _SUPPRESS.search(lines.get(d.line, ""))
    if not m:
        return False
    codes = m.group(1)
    return codes is None or d.code in {c.strip() for c in codes.split(",")}
