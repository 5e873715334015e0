"""``explore`` against brute force: every figure it reports is checked by playing.

Random small scenarios (2-6 states, loops, meters, flags, ``requires``/``when`` on meters,
flags, ``visited`` and ``turn``) are played exhaustively through the real engine up to a
depth bound, and every exact claim of the analysis is compared with what play gives;
where plays run past the bound, the analysis must agree with everything play found and
never claim what play contradicts. The format doc's example is checked exactly.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.gen_scenario import generate
from simulator import catalogs, explore
from simulator.assessment import critical_missed
from simulator.engine import Session, compile_scenario, replay
from simulator.judge import score
from simulator.model import Scenario
from simulator.transcript import session_scores, tags
from simulator.validate import load_text

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "tests" / "data" / "valid" / "money-impasse.yaml"
DEPTH = 7
TONES = ("warm", "calm", "neutral", "pleading", "irritated", "hostile")
CUES = ("eye_contact", "nod", "pause", "sigh", "raised_voice", "gentle_touch")
TIMINGS = ("well_timed", "pause", "late", "premature")
RATINGS = ("good", "mixed", "poor")
DIMS = ("tone", "timing", "nonverbal", "charge")
ITEMS = ("risk_assessment", "risk_recheck", "alliance", "pacing")  # the first two are critical
LEVELS = ("skilful", "adequate", "misapplied", "omitted")


def load(text: str) -> Scenario:
    scenario, diags = load_text(text.encode(), "generated.yaml")
    assert scenario is not None, "\n".join(d.format() for d in diags) + "\n" + text
    return scenario


# -- random scenarios ------------------------------------------------------------------


@st.composite
def scenario_texts(draw: st.DrawFn, assessed: bool = False) -> str:
    """YAML for a small valid scenario with loops, meters, flags and conditions.

    ``assessed``: format 1.1 as well: ``assess`` tags (two critical items among them) on
    most choices, checked objectives, sometimes an affect window (the scenario's or a
    state's), ``recovery``, a state's ``needs`` and the therapist's perspective.
    """
    n_play = draw(st.integers(1, 4))
    n_end = draw(st.integers(1, 2))
    states = [f"s{i}" for i in range(n_play)]
    ends = [f"e{i}" for i in range(n_end)]
    every = states + ends
    charge_max = draw(st.integers(2, 4))
    charge_start = draw(st.integers(0, charge_max))
    flood = draw(st.integers(1, charge_max))
    trust = draw(st.booleans())
    meters = ["charge"] + (["trust"] if trust else [])
    flags = ["f0", "f1"][: draw(st.integers(0, 2))]
    extra = ""
    perspective = "client"
    if assessed:
        if draw(st.booleans()):
            lo = draw(st.integers(0, flood - 1))
            extra += f", window: [{lo}, {draw(st.integers(lo, flood - 1))}]"
        if draw(st.booleans()):
            extra += f", recovery: {draw(st.integers(1, 2))}"
        perspective = draw(st.sampled_from(["client", "therapist"]))
    lines = [
        "version: 1",
        "id: generated",
        "title: Generated",
        "area: grief",
        f"perspective: {perspective}",
        "characters:",
        "  sam: {name: Sam, role: a friend}",
        "meters:",
        f"  charge: {{start: {charge_start}, min: 0, max: {charge_max}, flood: {flood}{extra}}}",
    ]
    if trust:
        lines.append(f"  trust: {{start: {draw(st.integers(0, 2))}, min: 0, max: 2}}")
    lines += ["start: s0", "states:"]
    set_somewhere: set[str] = set()
    bodies: list[list[str]] = []
    for sid in states:
        body, sets = _state_lines(draw, sid, flood, meters, flags, every, assessed)
        set_somewhere |= sets
        bodies.append(body)
    # Flags are only read where some choice sets them (the validator insists).
    flags[:] = [f for f in flags if f in set_somewhere]
    for body in bodies:
        for item in body:
            if item == "REQUIRES":
                if draw(st.integers(0, 2)) == 0:
                    lines.append(f"        requires: {json.dumps(_expression(draw, meters, flags, every))}")
            elif "WHEN" in item:
                lines.append(item.replace("WHEN", json.dumps(_expression(draw, meters, flags, every))))
            else:
                lines.append(item)
    outcomes = ("positive", "mixed", "negative")
    for i, eid in enumerate(ends):
        lines += [f"  {eid}:", "    speaker: sam", "    says: Bye.", f"    ending: end{i}"]
    lines.append("endings:")
    for i in range(n_end):
        lines += [f"  end{i}:", f"    title: End {i}", f"    outcome: {outcomes[i]}", "    debrief: Over."]
    if assessed:
        lines += ["objectives:", "  - Stay with it (a plain objective, not checked)"]
        for i in range(draw(st.integers(1, 2))):
            lines += [f"  - id: o{i}", "    text: Do it", f"    met: {json.dumps(_expression(draw, meters, flags, every))}"]
    return "\n".join(lines) + "\n"


def _state_lines(
    draw: st.DrawFn, sid: str, flood: int, meters: list[str], flags: list[str], every: list[str], assessed: bool
) -> tuple[list[str], set[str]]:
    """The lines of one random playable state and its choices, and the flags they set."""
    set_somewhere: set[str] = set()
    body = [
        f"  {sid}:",
        "    speaker: sam",
        "    says: Hello.",
        f"    pace: {draw(st.sampled_from(['slow', 'normal', 'fast']))}",
    ]
    if assessed and draw(st.integers(0, 3)) == 0:
        lo = draw(st.integers(0, flood - 1))
        body.append(f"    window: [{lo}, {draw(st.integers(lo, flood - 1))}]")
    if assessed and draw(st.integers(0, 3)) == 0:
        body.append(f"    needs: {draw(st.sampled_from(['steady', 'tentative', 'clear']))}")
    body.append("    choices:")
    for c in range(draw(st.integers(1, 3))):
        lines_c, sets = _choice_lines(draw, c, meters, flags, every, assessed)
        body += lines_c
        set_somewhere |= sets
    return body, set_somewhere


def _choice_lines(
    draw: st.DrawFn, c: int, meters: list[str], flags: list[str], every: list[str], assessed: bool
) -> tuple[list[str], set[str]]:
    """The lines of one random choice (its conditions left as REQUIRES and WHEN, filled in
    once the flags set somewhere are known), and the flags it sets."""
    tone = draw(st.sampled_from(TONES))
    cues = draw(st.lists(st.sampled_from(CUES), max_size=2, unique=True))
    body = [
        f"      - id: c{c}",
        f"        say: {draw(st.sampled_from(['Go on.', '']))!r}",
        f"        tone: {tone}",
        f"        nonverbal: [{', '.join(cues)}]",
        f"        timing: {draw(st.sampled_from(TIMINGS))}",
    ]
    effects = {m: draw(st.integers(-2, 2)) for m in meters if draw(st.booleans())}
    if effects:
        body.append("        effects: {" + ", ".join(f"{m}: {v:+d}" for m, v in effects.items()) + "}")
    sets = {f: draw(st.booleans()) for f in flags if draw(st.booleans())}
    if sets:
        body.append("        set: {" + ", ".join(f"{f}: {str(v).lower()}" for f, v in sets.items()) + "}")
    if draw(st.booleans()):
        dim = draw(st.sampled_from(DIMS))
        body.append(f"        rating: {{{dim}: {draw(st.sampled_from(RATINGS))}}}")
    if assessed and draw(st.integers(0, 3)) > 0:
        body.append("        assess:")
        for item in draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=3)):
            body.append(f"          - {{item: {item}, level: {draw(st.sampled_from(LEVELS))}}}")
    body.append("REQUIRES")
    if draw(st.booleans()):
        body.append(f"        next: {draw(st.sampled_from(every))}")
    else:
        body.append("        next:")
        for _ in range(draw(st.integers(1, 2))):
            body += ["          - when: WHEN", f"            goto: {draw(st.sampled_from(every))}"]
        body.append(f"          - goto: {draw(st.sampled_from(every))}")
    return body, set(sets)


def _expression(draw: st.DrawFn, meters: list[str], flags: list[str], every: list[str]) -> str:
    """A random condition on a meter, the turn, a visited state or a flag."""
    kinds = ["meter", "turn", "visited"] + (["flag", "flag_and"] if flags else [])
    kind = draw(st.sampled_from(kinds))
    if kind == "meter":
        m = draw(st.sampled_from(meters))
        op = draw(st.sampled_from([">=", "<=", "==", ">"]))
        return f"{m} {op} {draw(st.integers(0, 3))}"
    if kind == "turn":
        return f"turn {draw(st.sampled_from(['>=', '<', '==']))} {draw(st.integers(0, 3))}"
    if kind == "visited":
        neg = draw(st.sampled_from(["", "not "]))
        return f"'{draw(st.sampled_from(every))}' {neg}in visited"
    f = draw(st.sampled_from(flags))
    if kind == "flag":
        return draw(st.sampled_from([f, f"not {f}"]))
    return f"{f} or charge >= {draw(st.integers(0, 3))}"


# -- brute force through the real engine -------------------------------------------------


@dataclass
class Plays:
    """Everything play shows up to the depth bound."""

    complete: bool = True  # no play was still going at the bound
    lengths: dict[str, list[int]] = field(default_factory=dict)  # ending id -> lengths of plays
    count: int = 0
    scores: list[int] = field(default_factory=list)
    states: set[str] = field(default_factory=set)
    choices: set[tuple[str, str]] = field(default_factory=set)


def brute(scenario: Scenario, depth: int = DEPTH) -> Plays:
    out = Plays()
    session = compile_scenario(scenario).new_session()

    def go(s: Session, turns: int) -> None:
        out.states.add(s.state)
        if s.finished:
            ending = s.current.ending
            assert ending is not None
            out.lengths.setdefault(ending, []).append(turns)
            out.count += 1
            ratings = [t.judgement.ratings for t in s.turns]
            out.scores.append(score(ratings)["overall"])
            return
        offered = s.offered()
        if turns == depth:
            out.complete = out.complete and not offered
            return
        for c in offered:
            out.choices.add((s.state, c.id))
            s.play(c.id)
            go(s, turns + 1)
            s.rewind()

    go(session, 0)
    return out


def played_score(scenario: Scenario, path: tuple[str, ...]) -> tuple[int, str | None]:
    session = replay(scenario, path)
    return score([t.judgement.ratings for t in session.turns])["overall"], session.current.ending


def check_against_play(scenario: Scenario) -> None:
    result = explore.analyse(scenario)
    plays = brute(scenario)
    assert result.complete
    all_within = isinstance(result.plays, int) and all(
        isinstance(e.max_turns, int) and e.max_turns <= DEPTH for e in result.endings.values() if e.reachable
    )
    for eid, facts in result.endings.items():
        found = plays.lengths.get(eid, [])
        assert (facts.reachable and facts.min_turns is not None and facts.min_turns <= DEPTH) == bool(found), eid
        if not facts.reachable:
            assert facts.shortest is None and facts.max_turns is None
            continue
        assert facts.shortest is not None and facts.min_turns is not None
        assert len(facts.shortest) == facts.min_turns
        assert replay(scenario, facts.shortest).current.ending == eid
        if found:
            assert facts.min_turns == min(found)
        if plays.complete or all_within:
            assert facts.max_turns == max(found)
        elif isinstance(facts.max_turns, int) and found:
            assert facts.max_turns >= max(found)
    if plays.complete or all_within:
        assert result.plays == plays.count
    else:
        assert result.plays == "unbounded" or (isinstance(result.plays, int) and result.plays >= plays.count)
    if result.plays == 0:
        assert result.best is None and result.worst is None
        return
    assert result.best is not None and result.worst is not None
    for extreme, pick in ((result.best, max), (result.worst, min)):
        got, ending = played_score(scenario, extreme.path)
        assert got == extreme.score and ending is not None
        if plays.complete or all_within:
            assert extreme.exact and extreme.score == pick(plays.scores)
        elif plays.scores:
            assert pick([*plays.scores, extreme.score]) == extreme.score  # never worse than a short play
            assert pick([*plays.scores, extreme.bound]) == extreme.bound  # no play beats the proven bound
        if extreme.exact:
            assert extreme.bound == extreme.score
    assert result.unvisited_states is not None and result.unvisited_choices is not None
    visited = {s for s in scenario.states if s not in result.unvisited_states}
    made = {(s, c) for s, st_ in scenario.states.items() for c in (ch.id for ch in st_.choices)} - set(result.unvisited_choices)
    assert plays.states <= visited and plays.choices <= made
    if plays.complete:
        assert plays.states == visited and plays.choices == made


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_texts())
def test_explore_agrees_with_every_play(text: str) -> None:
    check_against_play(load(text))


# -- format 1.1: practice, the critical cap, objectives ------------------------------------


@dataclass
class Assessed:
    """What play shows of a format 1.1 scenario up to the depth bound."""

    complete: bool = True  # no play was still going at the bound
    overall: list[int] = field(default_factory=list)
    delivery: list[int] = field(default_factory=list)
    missed: dict[str, list[int]] = field(default_factory=dict)  # critical item -> overall of each play missing it
    unmet: set[str] = field(default_factory=set)  # checked objectives some play leaves unmet at a positive ending


def brute_assessed(scenario: Scenario, depth: int = DEPTH) -> Assessed:
    out = Assessed()

    def go(s: Session, turns: int) -> None:
        if s.finished:
            scores = session_scores(s)
            overall, delivery = scores["overall"], scores["delivery"]
            assert overall is not None and delivery is not None
            out.overall.append(overall)
            out.delivery.append(delivery)
            for item in critical_missed(tags(s)):
                out.missed.setdefault(item, []).append(overall)
            assert s.ending is not None
            if s.ending.outcome == "positive":
                out.unmet |= {o.id for o, met in s.objectives() if met is False and o.id is not None}
            return
        offered = s.offered()
        if turns == depth:
            out.complete = out.complete and not offered
            return
        for c in offered:
            s.play(c.id)
            go(s, turns + 1)
            s.rewind()

    go(compile_scenario(scenario).new_session(), 0)
    return out


def check_assessed(scenario: Scenario) -> None:
    """Overall best and worst, delivery alone, critical items and objectives against every play."""
    result = explore.analyse(scenario)
    plays = brute_assessed(scenario)
    assessed = any(c.assess for s in scenario.states.values() for c in s.choices)
    assert result.complete and result.assessed == assessed and (result.delivery is not None) == assessed
    every = plays.complete or (
        isinstance(result.plays, int)
        and all(isinstance(e.max_turns, int) and e.max_turns <= DEPTH for e in result.endings.values() if e.reachable)
    )
    if result.plays == 0:
        assert result.best is None and result.worst is None and result.delivery in (None, (None, None))
    else:
        pairs = [(result.best, max, plays.overall, "overall"), (result.worst, min, plays.overall, "overall")]
        if result.delivery is not None:
            top, low = result.delivery
            pairs += [(top, max, plays.delivery, "delivery"), (low, min, plays.delivery, "delivery")]
        for extreme, pick, values, key in pairs:
            assert extreme is not None
            session = replay(scenario, extreme.path)
            assert session.finished and session_scores(session)[key] == extreme.score, (key, extreme)
            assert pick(extreme.score, extreme.bound) == extreme.bound  # the bound is never beaten by the play found
            if extreme.exact:
                assert extreme.bound == extreme.score
            if every:
                assert extreme.exact and extreme.score == pick(values), (key, extreme, pick(values))
            elif values:
                assert pick([*values, extreme.bound]) == extreme.bound  # no play beats the proven bound
                if extreme.exact:
                    assert pick([*values, extreme.score]) == extreme.score
    check_critical(scenario, result, plays, every)
    check_objectives(scenario, result, plays, every)


def check_critical(scenario: Scenario, result: explore.Result, plays: Assessed, every: bool) -> None:
    """Each critical item tagged: missable exactly when some play misses it, and the best
    score when missed is the play's found (the best of every play when all were seen)."""
    cat = catalogs.load().items
    tagged = {a.item for s in scenario.states.values() for c in s.choices for a in c.assess if cat[a.item].critical}
    assert set(result.critical) == tagged and set(plays.missed) <= tagged
    for item, facts in result.critical.items():
        missed = plays.missed.get(item, [])
        if not facts.missable:
            assert not missed and facts.best_score_when_missed is None
            continue
        session = replay(scenario, facts.path)
        scores = session_scores(session)
        assert session.finished and item in critical_missed(tags(session))
        assert scores["overall"] == facts.best_score_when_missed <= 49
        if every:
            assert missed and facts.exact and facts.best_score_when_missed == max(missed)
        elif missed and facts.exact:
            assert facts.best_score_when_missed >= max(missed)


def check_objectives(scenario: Scenario, result: explore.Result, plays: Assessed, every: bool) -> None:
    """Each checked objective: a positive ending without it is reported with a play that
    shows it, whenever some play reaches one."""
    checked = {o.id for o in scenario.objectives if o.met is not None}
    assert set(result.objectives) == checked
    for oid, ofacts in result.objectives.items():
        if oid in plays.unmet:
            assert ofacts.positive_ending_without
        if not ofacts.positive_ending_without:
            assert ofacts.path == ()
            continue
        session = replay(scenario, ofacts.path)
        assert session.ending is not None and session.ending.outcome == "positive"
        assert dict((o.id, met) for o, met in session.objectives())[oid] is False
        if every:
            assert oid in plays.unmet


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario_texts(assessed=True))
def test_explore_agrees_with_every_play_of_an_assessed_scenario(text: str) -> None:
    check_assessed(load(text))


# -- the format doc's example -------------------------------------------------------------


@pytest.fixture
def example_result() -> explore.Result:
    scenario, _ = load_text(EXAMPLE.read_bytes(), str(EXAMPLE))
    assert scenario is not None
    return explore.analyse(scenario)


def test_example_endings_plays_and_paths(example_result: explore.Result) -> None:
    data = explore.to_json(example_result)
    assert data["complete"] is True
    assert data["endings"] == {
        "renegotiating": {"outcome": "positive", "reachable": True, "shortest": ["acknowledge"], "min_turns": 1, "max_turns": 3},
        "impasse-deepens": {
            "outcome": "negative",
            "reachable": True,
            "shortest": ["counter", "let-go"],
            "min_turns": 2,
            "max_turns": 3,
        },
    }
    # acknowledge | counter,follow,own-it | counter,follow,explain | counter,let-go | silence,follow | silence,let-go
    assert data["plays"] == 6
    assert data["best"] == {"score": 100, "path": ["acknowledge"], "exact": True, "bound": 100}
    assert data["worst"] == {"score": 0, "path": ["counter", "let-go"], "exact": True, "bound": 0}
    assert data["unvisited"] == {"states": [], "choices": []}
    assert data["tracked"] == {"meters": ["charge"], "flags": ["named_worry"], "visited": [], "turn": None}


def test_example_text_report(example_result: explore.Result) -> None:
    assert explore.to_text(example_result) == (
        "money-impasse: 10 positions (state with meters charge; flags named_worry)\n"
        "\n"
        "Endings:\n"
        "  renegotiating    positive  1 to 3 turns; shortest: acknowledge\n"
        "  impasse-deepens  negative  2 to 3 turns; shortest: counter, let-go\n"
        "\n"
        "Plays: 6 distinct plays reach an ending\n"
        "Best overall score: 100, in 1 turn: acknowledge\n"
        "Worst overall score: 0, in 2 turns: counter, let-go\n"
        "\n"
        "Every state and every choice is played in some play."
    )


def test_example_agrees_with_play() -> None:
    scenario, _ = load_text(EXAMPLE.read_bytes(), str(EXAMPLE))
    assert scenario is not None
    check_against_play(scenario)


# -- what a course leader sees in particular cases -----------------------------------------

LOOP = """\
version: 1
id: listening-loop
title: Listening until it lands
area: grief
perspective: client
characters:
  sam: {name: Sam, role: a friend}
meters:
  charge: {start: 1, min: 0, max: 10, flood: 8}
start: room
states:
  room:
    speaker: sam
    says: I keep thinking about her.
    choices:
      - id: listen
        say: Tell me more.
        tone: warm
        nonverbal: [eye_contact]
        timing: well_timed
        effects: {charge: -1}
        next: room
      - id: leave
        say: I have to go.
        tone: hostile
        nonverbal: [turning_away]
        timing: interrupting
        effects: {charge: +3}
        next: gone
  gone:
    speaker: sam
    says: Right.
    ending: alone
endings:
  alone: {title: Alone again, outcome: negative, debrief: Over.}
"""


def test_a_loop_repeated_until_rounding_gives_the_best_score() -> None:
    """``listen`` is good on all four dimensions, ``leave`` poor on all: k listens then leaving
    scores 100 k/(k+1) on each, which first rounds to 100 at k = 199 (99.5)."""
    scenario = load(LOOP)
    result = explore.analyse(scenario)
    assert explore.to_text(result) == (
        "listening-loop: 4 positions (state with meters charge)\n"
        "\n"
        "Endings:\n"
        "  alone  negative  1 or more turns (a loop can repeat); shortest: leave\n"
        "\n"
        "Plays: unbounded (a loop can repeat before an ending)\n"
        "Best overall score: 100, in 200 turns: listen x199, leave\n"
        "Worst overall score: 0, in 1 turn: leave\n"
        "\n"
        "Every state and every choice is played in some play."
    )
    data = explore.to_json(result)
    assert data["plays"] == "unbounded"
    assert data["endings"]["alone"]["max_turns"] == "unbounded"
    assert data["best"] == {"score": 100, "path": ["listen"] * 199 + ["leave"], "exact": True, "bound": 100}
    assert played_score(scenario, tuple(data["best"]["path"])) == (100, "alone")
    assert played_score(scenario, ("listen",) * 198 + ("leave",)) == (99, "alone")  # one listen fewer is not enough


def test_the_position_limit_reports_only_what_was_proven() -> None:
    scenario = load(EXAMPLE.read_text("utf-8"))
    result = explore.analyse(scenario, max_nodes=3)
    assert explore.to_text(result) == (
        "money-impasse: 3 positions (state with meters charge; flags named_worry)\n"
        "Stopped at the limit of 3 positions: the analysis is incomplete. "
        "Endings below marked reachable are proven; nothing else is.\n"
        "\n"
        "Endings:\n"
        "  renegotiating    positive  reachable in 1 turn or more; shortest: acknowledge\n"
        "  impasse-deepens  negative  not reached before the limit"
    )
    data = explore.to_json(result)
    assert data["complete"] is False
    assert data["endings"]["impasse-deepens"] == {
        "outcome": "negative",
        "reachable": None,
        "shortest": None,
        "min_turns": None,
        "max_turns": None,
    }
    assert (data["plays"], data["best"], data["worst"], data["unvisited"]) == (None, None, None, None)


def test_turn_read_other_than_by_comparison_is_tracked_exactly_and_a_loop_hits_the_limit() -> None:
    text = LOOP.replace("        next: gone\n", "        requires: turn is odd and visited|length > 0\n        next: gone\n")
    result = explore.analyse(load(text), max_nodes=40)
    assert result.tracked.turn == "exact" and result.tracked.visited_all
    assert not result.complete and result.nodes == 40
    assert result.endings["alone"].shortest == ("listen", "leave")  # leaving is offered from turn 1
    assert explore.to_text(result).splitlines()[0] == (
        "listening-loop: 40 positions (state with meters charge; every visited state; the turn)"
    )


def test_unreachable_ending_and_unplayable_choice() -> None:
    text = LOOP.replace("      - id: leave\n", "      - id: leave\n        requires: charge > 9\n")
    text = text.replace(
        "    ending: alone\n", "    ending: alone\n  never:\n    speaker: sam\n    says: Hm.\n    ending: other\n"
    )
    text += "  other: {title: Other, outcome: positive, debrief: Over.}\n"
    result = explore.analyse(load(text))
    data = explore.to_json(result)
    assert data["endings"]["alone"]["reachable"] is False and data["endings"]["other"]["reachable"] is False
    assert data["plays"] == 0 and data["best"] is None and data["worst"] is None
    assert data["unvisited"] == {"states": ["gone", "never"], "choices": [{"state": "room", "choice": "leave"}]}
    assert explore.to_text(result).endswith(
        "Endings:\n"
        "  alone  negative  unreachable: no play ends here\n"
        "  other  positive  unreachable: no play ends here\n"
        "\n"
        "Plays: 0 distinct plays reach an ending\n"
        "Best overall score: none (no play reaches an ending)\n"
        "Worst overall score: none (no play reaches an ending)\n"
        "\n"
        "States no play visits: gone, never\n"
        "Choices no play can make: room: leave"
    )


def test_benchmark_smoke_run_reports_each_size() -> None:
    """The benchmark runs end to end; its positions are what the analysis finds (speed is read, not tested)."""
    proc = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench_explore.py"), "--quick", "--json"],
        capture_output=True, text=True, cwd=REPO, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["quick"] is True
    assert [r["states"] for r in report["rows"]] == [100, 1000]
    small = explore.analyse(load(generate(100)))
    assert (report["rows"][0]["positions"], report["rows"][0]["edges"]) == (small.nodes, small.edges)
    for row in report["rows"]:
        assert row["runs"] == 1 and math.isfinite(row["median_s"]) and row["median_s"] > 0
        assert row["plays"] == "unbounded"  # the generated scenarios loop
