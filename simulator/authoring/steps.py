"""The published Gherkin step library for scenario authors.

A course leader writes, next to a scenario::

    Feature: Money impasse
      Scenario: acknowledging the worry de-escalates
        Given the scenario "money-impasse"
        When I choose "acknowledge"
        Then Sam's charge is 4
        And the tone is rated good
        And the session ends in "renegotiating"

and runs it with ``ipt-sim test PATH``. Every step fails with a sentence that says what
was expected, what happened, and where in the conversation, never a bare assert.
A scenario is found where the author points (:func:`find_scenario`): a path is read from
the feature file's folder; an id is looked up in that folder, then in the folders declared
with ``ipt-sim test --scenarios DIR`` or in ``ipt-sim.toml``, then among the bundled ones.
Typed-reply steps (``When I type "..."``, ``Then typing "..." is taken as "ID"``) ask free
mode's own matcher (:mod:`simulator.freetext`), loaded on a feature's first typed step.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytest_bdd import given, parsers, then, when

from simulator import catalogs
from simulator.assessment import critical_missed
from simulator.engine import Session, Turn, compile_scenario
from simulator.errors import IptSimError
from simulator.expressions import suggest
from simulator.judge import Delivery
from simulator.library import SUFFIXES, bundled, check_file, iter_files, load
from simulator.transcript import session_scores, tags

if TYPE_CHECKING:  # free mode's model and numpy load only when a feature types a reply
    from simulator.freetext.match import Match
    from simulator.freetext.terminal import FreeText

__all__ = ["Conversation", "StepFailed", "conversation", "delivery_of", "find_scenario"]


class StepFailed(AssertionError):
    """A step's expectation was not met; the message is written for the author."""


@dataclass
class Conversation:
    """The session a feature's steps drive."""

    session: Session | None = None
    history: list[str] = field(default_factory=list)
    base: Path | None = None  # the feature file's folder: where its scenario paths start
    free: FreeText | None = None  # free mode's matcher for this scenario, made on the first typed reply

    @property
    def live(self) -> Session:
        if self.session is None:
            raise StepFailed('no scenario yet: start with  Given the scenario "ID"')
        return self.session

    @property
    def last(self) -> Turn:
        if not self.live.turns:
            raise StepFailed('no reply has been chosen yet: use  When I choose "ID"  first')
        return self.live.turns[-1]

    def where(self) -> str:
        path = " -> ".join(self.history) or "(no replies yet)"
        return f"after {path}, at state '{self.live.state}'"


@pytest.fixture
def conversation() -> Conversation:
    return Conversation()


CONFIG = "ipt-sim.toml"


def declared_folders(base: Path | None) -> list[Path]:
    """Folders the author declared: ``--scenarios`` (passed on in ``IPT_SIM_SCENARIO_PATH``),
    then ``[test] scenarios`` in the nearest ``ipt-sim.toml`` at or above ``base`` (relative to it)."""
    out = [Path(p) for p in os.environ.get("IPT_SIM_SCENARIO_PATH", "").split(os.pathsep) if p]
    for folder in [base, *base.parents] if base is not None else []:
        config = folder / CONFIG
        if config.is_file():
            try:
                entries = tomllib.loads(config.read_text("utf-8")).get("test", {}).get("scenarios", [])
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as err:
                raise StepFailed(f"{config}: cannot be read: {err}") from None
            if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
                raise StepFailed(f'{config}: [test] scenarios must be a list of folders, such as ["../scenarios"]')
            out += [folder / e for e in entries]
            break
    return out


def _ids(files: list[Path]) -> dict[str, list[Path]]:
    """Scenario id -> the files (that validate) holding it."""
    out: dict[str, list[Path]] = {}
    for f in files:
        info = check_file(f).info
        if info is not None:
            out.setdefault(info.id, []).append(f)
    return out


def find_scenario(ref: str, base: Path | None = None) -> Path:
    """A scenario where the author points: a path relative to the feature's folder (``base``), or
    failing that to a declared folder or the current one;
    an id in that folder, then in the declared folders (:func:`declared_folders`), then
    bundled. Nothing else is searched: not the current folder, nothing it holds."""
    p = Path(ref)
    if p.suffix in SUFFIXES or "/" in ref or os.sep in ref:
        # From the feature's folder first; then, for features written before paths were
        # read from there, from the declared folders and the current one (one file each, no search).
        tried = [p] if p.is_absolute() else [*(d / p for d in [base, *declared_folders(base)] if d is not None), Path.cwd() / p]
        for path in tried:
            if path.is_file():
                return path
        raise StepFailed(f"no scenario file '{ref}' (looked for {', '.join(str(t) for t in tried)})")
    near = sorted(f for f in base.iterdir() if f.suffix in SUFFIXES and f.is_file()) if base is not None and base.is_dir() else []
    declared = declared_folders(base)
    for files in (near, list(iter_files([d for d in declared if d.is_dir()]))):
        found = _ids(files).get(ref, [])
        if len(found) > 1:
            raise StepFailed(f"scenario id '{ref}' is in two files, {found[0]} and {found[1]}: rename or remove one")
        if found:
            return found[0]
    known = {r.info.id: Path(r.path) for r in bundled() if r.info is not None}
    if ref in known:
        return known[ref]
    where = f"next to the feature ({base})" if base is not None else "next to the feature"
    folders = ", ".join(str(d) for d in declared) or f"none: --scenarios DIR or [test] scenarios in {CONFIG}"
    raise StepFailed(f"no scenario '{ref}' {where}, in the declared folders ({folders}) or bundled; a path such as "
                     f"\"../scenarios/x.yaml\" is read from the feature's folder{suggest(ref, known)}")  # fmt: skip


# Given --------------------------------------------------------------------------------


@given(parsers.parse('the scenario "{ref}"'))
def the_scenario(conversation: Conversation, ref: str) -> None:
    """Start a fresh session of a scenario (by id or path)."""
    try:
        scenario = load(find_scenario(ref, conversation.base))
    except IptSimError as err:
        raise StepFailed(f"scenario '{ref}' cannot be played:\n{err.message}") from None
    conversation.session = compile_scenario(scenario).new_session()
    conversation.history = []
    conversation.free = None


# When ---------------------------------------------------------------------------------


def _choose(conversation: Conversation, ref: str, delivery: Delivery | None = None) -> None:
    session = conversation.live
    try:
        session.play(ref, delivery)
    except IptSimError as err:
        raise StepFailed(f"cannot choose '{ref}' {conversation.where()}: {err.message}") from None
    conversation.history.append(ref)


def delivery_of(tone: str, cues: tuple[str, ...]) -> Delivery:
    """A delivery of catalog tone and cues, or a one-line refusal naming the unknown one."""
    cat = catalogs.load()
    if tone not in cat.tones:
        raise StepFailed(f"unknown tone '{tone}'{suggest(tone, cat.tones)}")
    for cue in cues:
        if cue not in cat.cues:
            raise StepFailed(f"unknown nonverbal cue '{cue}'{suggest(cue, cat.cues)}")
    return Delivery(tone, cues)


@when(parsers.re(r'I choose "(?P<ref>[^"]+)"$'))
def i_choose(conversation: Conversation, ref: str) -> None:
    """Play one reply, by choice id or number."""
    _choose(conversation, ref)


@when(parsers.re(r'I choose "(?P<ref>[^"]+)" in an? (?P<tone>[a-z_]+) tone$'))
def i_choose_in_tone(conversation: Conversation, ref: str, tone: str) -> None:
    """Play a reply with another tone (delivery choice); its cues stay the choice's own."""
    try:
        choice = conversation.live.resolve(ref)
    except IptSimError as err:
        raise StepFailed(f"cannot choose '{ref}' {conversation.where()}: {err.message}") from None
    _choose(conversation, ref, delivery_of(tone, choice.nonverbal))


@when(parsers.re(r'I choose "(?P<ref>[^"]+)" in an? (?P<tone>[a-z_]+) tone with (?P<cues>[a-z_, ]+)$'))
def i_choose_with(conversation: Conversation, ref: str, tone: str, cues: str) -> None:
    """Play a reply with a chosen tone and cues, e.g. ``with eye_contact, nod``."""
    _choose(conversation, ref, delivery_of(tone, tuple(c.strip() for c in cues.split(",") if c.strip())))


@when(parsers.parse('I play "{refs}"'))
def i_play(conversation: Conversation, refs: str) -> None:
    """Several replies in order, comma-separated."""
    for ref in (r.strip() for r in refs.split(",") if r.strip()):
        _choose(conversation, ref)


@when(parsers.re(r'I type "(?P<text>.*)"$'))
def i_type(conversation: Conversation, text: str) -> None:
    """Play what free mode would play for typed words (``""`` is the silence); fail if it would not."""
    m = _typed(conversation, text)
    if m.choice is None:
        raise StepFailed(f'"{text}" {_would(conversation, m)}')
    free = conversation.free
    assert free is not None
    session = conversation.live
    _choose(conversation, m.choice)
    free.attach(session, session.turns[-1], text)  # the typed words, kept as free mode keeps them


@when("I take it back")
def take_back(conversation: Conversation) -> None:
    """Rewind the last reply."""
    if not conversation.live.rewind(1):
        raise StepFailed("there is no reply to take back yet")
    conversation.history.append("(taken back)")


# Then ---------------------------------------------------------------------------------


def _meter(conversation: Conversation, meter: str) -> int:
    session = conversation.live
    if meter not in session.meters:
        raise StepFailed(f"the scenario has no meter '{meter}'{suggest(meter, session.meters)}")
    return session.meters[meter]


@then(parsers.re(r"(?P<name>[^'\"]+)'s? (?P<meter>[a-z_][a-z0-9_]*) is (?P<value>-?\d+)$"))
def persons_meter(conversation: Conversation, name: str, meter: str, value: str) -> None:
    """``Sam's charge is 4``: a meter of the person the player talks to."""
    names = {c.name for c in conversation.live.scenario.characters.values()}
    if name not in names:
        raise StepFailed(f"no character called '{name}' in this scenario{suggest(name, names)}")
    actual = _meter(conversation, meter)
    if actual != int(value):
        raise StepFailed(f"expected {name}'s {meter} to be {value}, but it is {actual} ({conversation.where()})")


@then(parsers.re(r"the (?P<meter>[a-z_][a-z0-9_]*) meter is (?P<value>-?\d+)$"))
def meter_is(conversation: Conversation, meter: str, value: str) -> None:
    actual = _meter(conversation, meter)
    if actual != int(value):
        raise StepFailed(f"expected the {meter} meter to be {value}, but it is {actual} ({conversation.where()})")


@then(parsers.re(r"the (?P<dimension>tone|timing|nonverbal|charge) is rated (?P<rating>good|mixed|poor)$"))
def rated(conversation: Conversation, dimension: str, rating: str) -> None:
    """The rating of the last reply on one dimension."""
    t = conversation.last
    actual = t.judgement.ratings[dimension]
    if actual != rating:
        raise StepFailed(
            f"expected the {dimension} of '{t.choice}' to be rated {rating}, but it is {actual}: "
            f"{t.judgement.feedback[dimension]} ({conversation.where()})"
        )


@then(parsers.re(r'the (?P<dimension>tone|timing|nonverbal|charge) feedback says "(?P<text>.+)"$'))
def feedback_says(conversation: Conversation, dimension: str, text: str) -> None:
    t = conversation.last
    actual = t.judgement.feedback[dimension]
    if text not in actual:
        raise StepFailed(f"expected the {dimension} feedback on '{t.choice}' to say \"{text}\", but it says: {actual}")


@then(parsers.re(r'the session ends in "(?P<ending>[^"]+)"$'))
def ends_in(conversation: Conversation, ending: str) -> None:
    session = conversation.live
    if session.scenario.endings.get(ending) is None:
        raise StepFailed(f"the scenario has no ending '{ending}'{suggest(ending, session.scenario.endings)}")
    actual = session.current.ending
    if actual != ending:
        got = f"ended in '{actual}'" if actual else f"has not ended ({conversation.where()})"
        raise StepFailed(f"expected the session to end in '{ending}', but it {got}")


@then("the session has not ended")
def not_ended(conversation: Conversation) -> None:
    if conversation.live.finished:
        raise StepFailed(f"expected the conversation to go on, but it ended in '{conversation.live.current.ending}'")


@then(parsers.re(r'I am at "(?P<state>[^"]+)"$'))
def at_state(conversation: Conversation, state: str) -> None:
    if conversation.live.state != state:
        raise StepFailed(f"expected to be at state '{state}', but I am at '{conversation.live.state}' ({conversation.where()})")


@then(parsers.re(r'"(?P<ref>[^"]+)" is (?P<neg>not )?offered$'))
def offered(conversation: Conversation, ref: str, neg: str | None) -> None:
    ids = [c.id for c in conversation.live.offered()]
    if (ref in ids) == bool(neg):
        want = "not to be offered" if neg else "to be offered"
        raise StepFailed(f"expected '{ref}' {want} at state '{conversation.live.state}'; offered: {', '.join(ids) or 'nothing'}")


@then(parsers.re(r'the flag "(?P<flag>[^"]+)" is (?P<value>set|not set)$'))
def flag_is(conversation: Conversation, flag: str, value: str) -> None:
    session = conversation.live
    if flag not in session.scenario.flags:
        raise StepFailed(f"the scenario never sets a flag '{flag}'{suggest(flag, session.scenario.flags)}")
    if session.flags.get(flag, False) != (value == "set"):
        raise StepFailed(f"expected the flag '{flag}' to be {value} ({conversation.where()})")


@then(
    parsers.re(
        r"the (?P<which>overall|delivery|practice|tone|timing|nonverbal|charge) score is (?P<bound>at most |at least )?(?P<value>\d+)$"
    )
)
def score_is(conversation: Conversation, which: str, bound: str | None, value: str) -> None:
    """A session score, as the debrief shows it (practice and the critical-miss cap included)."""
    scores = session_scores(conversation.live)
    actual = scores[which]
    want = int(value)
    ok = actual is not None and (
        actual <= want if bound == "at most " else actual >= want if bound == "at least " else actual == want
    )
    if not ok:
        raise StepFailed(f"expected the {which} score to be {(bound or '')}{value}, but it is {actual} (scores: {scores})")


@then(parsers.re(r"the practice is (?P<rating>rated good|rated mixed|rated poor|not rated)$"))
def practice_rated(conversation: Conversation, rating: str) -> None:
    """The practice rating of the last reply (from its assess items)."""
    t = conversation.last
    want = None if rating == "not rated" else rating.removeprefix("rated ")
    if t.judgement.practice != want:
        actual = t.judgement.practice or "not rated"
        raise StepFailed(
            f"expected the practice of '{t.choice}' to be {rating}, but it is {actual}: {t.judgement.practice_feedback}"
        )


@then(parsers.re(r'the practice feedback says "(?P<text>.+)"$'))
def practice_feedback_says(conversation: Conversation, text: str) -> None:
    t = conversation.last
    if text not in t.judgement.practice_feedback:
        raise StepFailed(
            f"expected the practice feedback on '{t.choice}' to say \"{text}\", but it says: {t.judgement.practice_feedback}"
        )


@then(parsers.re(r'the critical item "(?P<item>[a-z_]+)" is (?P<neg>not )?missed$'))
def critical_item(conversation: Conversation, item: str, neg: str | None) -> None:
    missed = critical_missed(tags(conversation.live))
    if (item in missed) == bool(neg):
        raise StepFailed(f"expected '{item}' {'not ' if neg else ''}to be missed; missed so far: {', '.join(missed) or 'none'}")


@then(parsers.re(r'the objective "(?P<oid>[^"]+)" is (?P<state>met|not met)$'))
def objective_is(conversation: Conversation, oid: str, state: str) -> None:
    found = {o.id: met for o, met in conversation.live.objectives() if o.id}
    if oid not in found:
        raise StepFailed(f"the scenario has no checked objective '{oid}'{suggest(oid, found)}")
    if found[oid] is None:
        raise StepFailed(f"the objective '{oid}' is checked only when the session ends ({conversation.where()})")
    if found[oid] != (state == "met"):
        raise StepFailed(f"expected the objective '{oid}' to be {state}, but it is {'met' if found[oid] else 'not met'}")


# Typed replies (free mode) ----------------------------------------------------------


def _typed(conversation: Conversation, text: str) -> Match:
    """What free mode would make of ``text`` at this moment: its own matcher, among the choices
    offered now. The model loads on the first typed reply of a feature, not before."""
    session = conversation.live
    scenario = session.scenario
    if not scenario.free_text:
        raise StepFailed(
            f"scenario '{scenario.id}' does not take typed replies (its author has not set `free_text: true`), "
            f'so free mode would refuse it: typing "{text}" cannot be tested'
        )
    if session.finished:
        raise StepFailed(f"cannot type \"{text}\": the session has already ended in '{session.current.ending}'")
    if conversation.free is None:
        from simulator.freetext import embedder
        from simulator.freetext.match import Matcher
        from simulator.freetext.terminal import FreeText

        try:
            conversation.free = FreeText(scenario, Matcher(scenario, embedder.load()))
        except IptSimError as err:
            raise StepFailed(err.message) from None
    return conversation.free.matcher.match(session.state, text, session.offered())


def _would(conversation: Conversation, m: Match) -> str:
    """What free mode would do with the words, and where (the sentence after the quoted words)."""
    session = conversation.live
    at = f"at state '{session.state}'" + (f" (after {' -> '.join(conversation.history)})" if conversation.history else "")
    if m.verdict == "silence":
        return f"would be taken as the silence '{m.choice}' {at}"
    if m.verdict == "play":
        runner_up = f", ahead of '{m.ranked[1].choice}' ({m.ranked[1].score:.2f})" if len(m.ranked) > 1 else ""
        return f"would be taken as '{m.choice}' ({m.score:.2f}) {at}{runner_up}"
    if m.verdict == "ask":
        options = [f"'{s.choice}' ({s.score:.2f})" for s in m.nearest]
        return f"would ask which was meant {at}: {', '.join(options[:-1])} or {options[-1]}"
    if not m.text.strip():
        return f"is not understood {at}: staying silent is not one of the replies offered, so nothing would be played"
    best = m.ranked[0] if m.ranked else None
    nearest = (
        f"; the nearest is '{best.choice}' ({best.score:.2f})"
        if best and best.score >= 0.005
        else "; no reply offered comes near it"
    )
    return f"is not understood {at}: nothing would be played{nearest}"


@then(parsers.re(r'typing "(?P<text>.*)" is taken as "(?P<ref>[^"]+)"$'))
def typing_taken_as(conversation: Conversation, text: str, ref: str) -> None:
    """Typed words would be played as this choice (by id), without playing them."""
    m = _typed(conversation, text)
    session = conversation.live
    state = session.current
    if state.choice(ref) is None:
        ids = [c.id for c in state.choices]
        raise StepFailed(
            f"state '{session.state}' has no choice '{ref}'{suggest(ref, ids)}; its choices: {', '.join(ids) or 'none'}"
        )
    offered = [c.id for c in session.offered()]
    if ref not in offered:
        raise StepFailed(
            f"'{ref}' is not offered at state '{session.state}' now (its condition is false), so nothing typed "
            f"can be taken as it; offered: {', '.join(offered) or 'nothing'}"
        )
    if m.choice != ref:
        would = _would(conversation, m)
        if f"'{ref}' (" not in would:  # the author's choice, if the sentence did not score it already
            would += f"; '{ref}' scores {next(s.score for s in m.ranked if s.choice == ref):.2f}"
        raise StepFailed(f"expected \"{text}\" to be taken as '{ref}', but it {would}")


@then(parsers.re(r'typing "(?P<text>.*)" is not understood$'))
def typing_not_understood(conversation: Conversation, text: str) -> None:
    """Free mode would play nothing and not ask: the words mean none of the replies offered."""
    m = _typed(conversation, text)
    if m.verdict != "not understood":
        raise StepFailed(f'expected "{text}" not to be understood, but it {_would(conversation, m)}')


@then(parsers.re(r'typing "(?P<text>.*)" asks which was meant$'))
def typing_asks(conversation: Conversation, text: str) -> None:
    """Free mode would be unsure, and ask which of the nearest replies was meant."""
    m = _typed(conversation, text)
    if m.verdict != "ask":
        raise StepFailed(f'expected "{text}" to ask which was meant, but it {_would(conversation, m)}')
