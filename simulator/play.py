"""Playing a scenario in the terminal: briefing, turns, feedback, debrief.

The loop reads answers from a :class:`Answers` source (the keyboard, piped standard
input, or ``--choices``), plays them on an engine :class:`Session`, and hands every turn
to a recorder as soon as it is played, so a crash or Ctrl-C loses at most the turn in
progress. Nothing here decides a rating or a transition: that is the engine's job.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

import click

from simulator import catalogs, delivery, safety
from simulator.debrief import Debrief, problem_title, technique_title
from simulator.engine import Session, Turn
from simulator.errors import ChoiceRefused, ScenarioStuck, SessionEnded, SessionInterrupted
from simulator.judge import Delivery
from simulator.model import DIMENSIONS, HELP_WORDS, PAUSE_WORDS, REWIND_WORDS, Choice, Scenario
from simulator.terminal import Screen, chart, meter_bar
from simulator.timing import PATIENCE, READING_WPM, reply_seconds

T = TypeVar("T")


class Recorder(Protocol):
    """Where turns go as they are played (the records store, or nowhere)."""

    def turn(self, session: Session, turn: Turn) -> None: ...
    def rewound(self, session: Session, turns: Sequence[Turn]) -> None: ...
    def finish(self, session: Session) -> None: ...


class NoRecord:
    """``--no-record``: keep nothing."""

    def turn(self, session: Session, turn: Turn) -> None:
        pass

    def rewound(self, session: Session, turns: Sequence[Turn]) -> None:
        pass

    def finish(self, session: Session) -> None:
        pass


class Answers:
    """Where the player's answers come from, and whether someone is typing them live."""

    def __init__(self, scripted: Sequence[str] | None = None, interactive: bool = False,
                 clock: Callable[[], float] = time.monotonic) -> None:  # fmt: skip
        self.scripted: Iterator[str] | None = iter(scripted) if scripted is not None else None
        self.interactive = interactive
        self.clock = clock

    def ask(self, prompt: str, screen: Screen) -> str | None:
        """The next answer, or None when there are no more (end of input)."""
        if self.scripted is not None:
            return next(self.scripted, None)
        try:
            if self.interactive:
                return click.prompt(
                    screen.style(prompt, bold=True), prompt_suffix=" ", default="", show_default=False, err=screen.err
                )
            line = sys.stdin.readline()
        except click.Abort:
            raise KeyboardInterrupt from None
        return line.strip() if line else None


@dataclass
class PlayOptions:
    mode: str = "coach"  # coach | assess
    quiet: bool = False  # --json: no transcript on screen
    consent_given: bool = False  # --yes
    session_id: str | None = None  # shown in stop messages, when recorded
    stopped_lines: list[str] = field(default_factory=list)
    timing: str = "on"  # on | relaxed | off (timing.SETTINGS)
    reading_wpm: float = READING_WPM


def brief(scenario: Scenario, screen: Screen, timed: str = "off") -> None:
    """Title, who is who, summary, content note and objectives, before anything is played;
    the standing notice; and, when replies are timed, that they are."""
    s = scenario
    screen.line(screen.style(s.title, bold=True))
    area = s.area.replace("_", " ") + (f" ({s.stage})" if s.stage else "")
    screen.para(f"{area} · {s.phase} phase · you play the {'therapist' if s.perspective == 'therapist' else 'client: yourself'}")
    screen.line()
    screen.para(s.summary)
    people = "; ".join(f"{c.name}, {c.role}" for c in s.characters.values())
    screen.para(f"With: {people}.")
    if s.objectives:
        screen.line()
        screen.line("What to practise:")
        for o in s.objectives:
            screen.para(o.text, indent="    ", first="  - ")
    if s.content_note:
        screen.line()
        screen.para(screen.style("Content note: ", bold=True) + s.content_note)
    if timed != "off":
        screen.line()
        relaxed = " (relaxed: you have three times as long)" if timed == "relaxed" else ""
        screen.para(
            f"Your replies are timed{relaxed}, from when the replies are shown, less the time it takes to read them. "
            "Use --timing relaxed or --timing off if you need more time."
        )
    screen.line()
    screen.para(screen.style(safety.NOTICE, dim=True))


def consent(scenario: Scenario, answers: Answers, screen: Screen) -> bool:
    """Ask before a scenario with a content note starts (only when someone is typing)."""
    if not scenario.content_note or not answers.interactive:
        return True
    screen.line()
    screen.para("You can stop at any moment by typing 'pause'; nothing is judged when you do.")
    reply = answers.ask("Start this scenario? [y/N]", screen)
    return (reply or "").strip().lower() in ("y", "yes")


def show_state(session: Session, screen: Screen, mode: str, offered: Sequence[Choice]) -> None:
    state = session.current
    s = session.scenario
    speaker = s.characters[state.speaker].name
    screen.line()
    screen.para(state.says or "(says nothing)", indent="  ", first=screen.style(f"{speaker}: ", bold=True))
    if state.nonverbal:
        screen.para(screen.style(f"({state.nonverbal})", dim=True), indent="  ")
    if mode == "coach":
        charge = s.meters["charge"]
        screen.line(
            screen.style(f"  {speaker}'s charge {meter_bar(session.meters['charge'], charge.min, charge.max, s.flood)}", dim=True)
        )
        if state.thinks:
            screen.para(screen.style(f"{speaker} thinks: {state.thinks}", italic=True), indent="  ")
        if state.coach:
            screen.para(screen.style(f"Coach: {state.coach}", fg="cyan"), indent="  ")
    if state.ending:
        return
    screen.line()
    # In assess mode, and wherever the learner chooses the delivery, the words stand alone:
    # the learner judges (or produces) how they would land.
    labels = mode == "coach" and s.delivery_of(state) == "fixed"
    for i, c in enumerate(offered, 1):
        words = f'"{c.say}"' if c.say.strip() else "(stay silent)"
        how = f"  [{', '.join([c.tone, *c.nonverbal])}]" if labels else ""
        screen.para(f"{words}{how}", indent="     ", first=f"  {i}. ")


def shown_text(session: Session, offered: Sequence[Choice]) -> list[str]:
    """What the learner reads before replying (for the reading-time estimate)."""
    state = session.current
    return [state.says, state.nonverbal, *(c.say for c in offered)]


def show_feedback(turn: Turn, screen: Screen) -> None:
    screen.line()
    j = turn.judgement
    if j.practice is not None:
        screen.para(j.practice_feedback, indent="      ", first=f"  {'practice':<9} {screen.rating(j.practice)}: ")
    for dim in DIMENSIONS:
        r = turn.judgement.ratings[dim]
        screen.para(turn.judgement.feedback[dim], indent="      ", first=f"  {dim:<9} {screen.rating(r)}: ")


def choose_delivery(choice: Choice, answers: Answers, screen: Screen, seed: str = "") -> Delivery | None:
    """At a ``delivery: choose`` moment: pick the tone, then the cues; None if input ended.
    The options come shuffled (``seed``), the choice's own not first, and none is a default."""
    tones = delivery.shuffled(delivery.tone_options(choice), seed + ":tone")
    cues = delivery.shuffled(delivery.cue_options(choice), seed + ":cues")
    cat = catalogs.load()
    screen.line("  How do you say it?")
    for i, t in enumerate(tones, 1):
        screen.line(f"    {i}. {t}")
    tone = _pick(tones, answers, screen, "Tone")
    if tone is None:
        return None
    screen.line("  And what does your body do?")
    for i, cs in enumerate(cues, 1):
        screen.para(
            ", ".join(f"{c} ({cat.cues[c].signals})" for c in cs) or "(nothing in particular)",
            indent="       ",
            first=f"    {i}. ",
        )
    cue = _pick(cues, answers, screen, "Body")
    if cue is None:
        return None
    return Delivery(tone, tuple(cue))


class Paused(Exception):
    """The player typed 'pause' at a prompt other than the reply prompt."""


def _pick(options: Sequence[T], answers: Answers, screen: Screen, label: str) -> T | None:
    while True:
        reply = answers.ask(f"{label} [1-{len(options)}]:", screen)
        if reply is None:
            return None
        if reply.strip().lower() in PAUSE_WORDS:
            raise Paused
        if reply.isdigit() and 1 <= int(reply) <= len(options):
            return options[int(reply) - 1]
        if not answers.interactive:
            raise ChoiceRefused(f"'{reply}' is not one of 1-{len(options)} for {label.lower()}")
        screen.line(f"  Please answer with a number from 1 to {len(options)}.")


def parse_scripted(ref: str, choice: Choice) -> Delivery | None:
    """``ID@tone@cue+cue`` picks a delivery in scripted runs; plain ``ID`` keeps the choice's own."""
    parts = ref.split("@")
    if len(parts) == 1:
        return None
    if len(parts) > 3:
        raise ChoiceRefused(f"'{ref}' has more than ID@tone@cues: write cues joined by +, such as 'ID@calm@nod+eye_contact'")
    cat = catalogs.load()
    tone = parts[1] or choice.tone
    if tone not in cat.tones:
        raise ChoiceRefused(f"unknown tone '{tone}' in '{ref}'")
    cues = tuple(c for c in parts[2].split("+") if c) if len(parts) > 2 else choice.nonverbal
    for c in cues:
        if c not in cat.cues:
            raise ChoiceRefused(f"unknown nonverbal cue '{c}' in '{ref}'")
    return Delivery(tone, cues)


def run(session: Session, answers: Answers, screen: Screen, recorder: Recorder, opts: PlayOptions) -> Session:
    """Play until an ending, the end of the answers, or a pause; raises SessionEnded when stopped.

    Ctrl-C anywhere (at a prompt or while a turn is judged and written) stops cleanly: the
    turns already recorded are kept, the one in progress is not.
    """
    try:
        return _run(session, answers, screen, recorder, opts)
    except KeyboardInterrupt:
        raise _stopped(session, opts, "Ctrl-C", 130) from None


def _run(session: Session, answers: Answers, screen: Screen, recorder: Recorder, opts: PlayOptions) -> Session:
    s = session.scenario
    show = not opts.quiet
    while not session.finished:
        offered = session.offered()
        if not offered:
            raise ScenarioStuck(
                f"state '{session.state}' offers no choice at this point, so the conversation cannot go on; "
                "this is a fault in the scenario (`ipt-sim validate` warns of it: W211)"
            )
        if show:
            show_state(session, screen, opts.mode, offered)
        shown_at = answers.clock()
        reply = answers.ask(f"Your reply [1-{len(offered)}]:", screen)
        if reply is None:
            if answers.scripted is not None:
                return session  # the scripted choices ran out before an ending
            raise _stopped(session, opts, "end of input", 0)
        word, _, count = reply.strip().lower().partition(" ")
        if answers.scripted is not None and any(c.id == reply.split("@", 1)[0] for c in offered):
            word = ""  # in scripted runs a choice id wins over a command of the same name
        if word in PAUSE_WORDS:
            raise _stopped(session, opts, "paused", 0, pause=True)
        if word in HELP_WORDS and show:
            screen.para("Answer with the number of a reply. 'pause' stops without judgement"
                        + ("; 'rewind' takes back your last reply ('rewind 2', the last two)." if opts.mode == "coach" else "."))  # fmt: skip
            continue
        if word in REWIND_WORDS:
            if opts.mode != "coach":
                _refuse(answers, screen, "rewind is only available in coach mode")
                continue
            if count and not count.strip().isdigit():
                _refuse(answers, screen, f"'rewind {count}': say how many replies to take back, e.g. 'rewind 2'")
                continue
            undone = session.rewind(int(count) if count.strip() else 1)
            if not undone:
                _refuse(answers, screen, "there is nothing to take back yet")
                continue
            recorder.rewound(session, undone)
            if show:
                what = "your last reply" if len(undone) == 1 else f"your last {len(undone)} replies"
                screen.para(screen.style(f"Taken back {what}. Try something else.", fg="cyan"), indent="  ")
            continue
        ref = reply.split("@", 1)[0]
        try:
            choice = session.resolve(ref)
        except ChoiceRefused as err:
            if answers.interactive:
                screen.para(err.message, indent="  ")
                continue
            raise
        said = parse_scripted(reply, choice)
        if said is None and s.delivery_of(session.current) == "choose" and answers.scripted is None:
            try:
                said = choose_delivery(choice, answers, screen, f"{s.id}:{session.state}:{choice.id}:{session.turn}")
            except Paused:
                raise _stopped(session, opts, "paused", 0, pause=True) from None
            if said is None:
                raise _stopped(session, opts, "end of input", 0)
        elapsed = answers.clock() - shown_at if answers.interactive else None
        reply_time = reply_seconds(elapsed, shown_text(session, offered), opts.timing, opts.reading_wpm)
        turn = session.play(choice.id, said, response_time=reply_time, patience=PATIENCE[opts.timing])
        recorder.turn(session, turn)
        if show and opts.mode == "coach":
            show_feedback(turn, screen)
    if show:
        show_state(session, screen, opts.mode, [])
    recorder.finish(session)
    return session


def _refuse(answers: Answers, screen: Screen, message: str) -> None:
    if not answers.interactive:
        raise ChoiceRefused(message)
    screen.para(message, indent="  ")


def _stopped(session: Session, opts: PlayOptions, why: str, code: int, pause: bool = False) -> SessionEnded:
    if pause:
        msg = "Paused. Nothing is judged when you pause; take the time you need."
    else:
        msg = f"Session stopped ({why}) after {session.turn} turn{'s' if session.turn != 1 else ''}."
    if opts.session_id:
        msg += f" Continue later with: ipt-sim resume {opts.session_id}"
    return SessionInterrupted(msg) if code == 130 else SessionEnded(msg)


def show_debrief(d: Debrief, screen: Screen) -> None:
    """The end of a session: ending, debrief text, what was missed that matters most, scores,
    the phase checklist, objectives, charge chart, analysis table, techniques, and care."""
    screen.line()
    screen.line(screen.style("=" * min(screen.width, 60), dim=True))
    outcome = f" ({d.outcome})" if d.outcome else ""
    screen.para(screen.style(f"Ending: {d.ending_title}{outcome}", bold=True))
    screen.para(d.text)
    for line in d.missed_critical_lines:
        screen.line()
        screen.para(
            screen.style(f"Not yet competent: {line.title.lower()}.", bold=True, fg="red") + (f" {line.why}" if line.why else "")
        )
    if d.rows:
        screen.line()
        # Without assessment items, delivery is overall (version 1's scores line).
        shown = {k: v for k, v in d.scores.items() if d.scores["practice"] is not None or k not in ("practice", "delivery")}
        screen.para("Scores: " + "  ".join(f"{k} {v}" for k, v in shown.items()))
        if d.critical_missed:
            screen.para("(overall is capped at 49 while a critical item is missed)", indent="  ")
    if d.checklist:
        screen.line()
        screen.line(screen.style("What you did, item by item", bold=True))
        for item in d.checklist:
            why = f" {item.why}" if item.why and item.status != "done" else ""
            screen.para(f"{item.title}: {item.status} (turn {item.turn}).{why}", indent="      ", first="  - ")
    if any(o.get("met") is not None for o in d.objectives):
        screen.line()
        screen.line(screen.style("Objectives", bold=True))
        for o in d.objectives:
            mark = "not checked" if o.get("met") is None else "met" if o["met"] else "not met"
            screen.para(f"{o['text']}: {mark}.", indent="      ", first="  - ")
    if d.rows:
        lo, hi = d.meter_bounds["charge"]
        screen.line()
        screen.para("Charge over the turns (= marks flooding):")
        for row in chart(d.meters["charge"], lo, hi, d.flood):
            screen.line("  " + row)
        screen.line()
        screen.line(screen.style("Communication analysis", bold=True))
        for r in d.rows:
            screen.line()
            screen.para(
                f'{r.speaker} said: "{r.they_said}"' + (f" ({r.they_showed})" if r.they_showed else ""),
                indent="      ",
                first=f"  {r.number:>2}. ",
            )
            words = f'"{r.you_said}"' if r.you_said.strip() else "(silence)"
            screen.para(
                f"You said: {words} -- {r.tone}, {', '.join(r.cues) or 'no cues'}, {r.timing.replace('_', ' ')}", indent="      "
            )
            practice = [f"practice {r.practice}"] if r.practice else []
            screen.para(
                f"Charge {r.charge_before} -> {r.charge_after}. "
                + ", ".join(practice + [f"{k} {v}" for k, v in r.ratings.items()]),
                indent="      ",
            )
            if r.practice_feedback and d.mode != "coach":
                screen.para(r.practice_feedback, indent="      ")
            if r.problem:
                screen.para(f"Communication problem: {problem_title(r.problem)}.", indent="      ")
            if r.technique:
                screen.para(f"Technique: {technique_title(r.technique)}", indent="      ")
            if r.alternative:
                screen.para(f"What else you could have said: {r.alternative}", indent="      ")
    if d.techniques_used or d.techniques_missed or d.techniques_misapplied:
        screen.line()
        if d.techniques_used:
            screen.para("IPT techniques used well: " + ", ".join(technique_title(t) for t in d.techniques_used) + ".")
        for t, why in d.techniques_misapplied:
            screen.para(f"Attempted, misapplied: {technique_title(t)}." + (f" {why}" if why else ""))
        if d.techniques_missed:
            screen.para("Missed where called for: " + ", ".join(technique_title(t) for t in d.techniques_missed) + ".")
    if d.grounding:
        screen.line()
        screen.para(d.grounding)
    if d.signposts:
        screen.line()
        screen.para("If you need support now:")
        for sign in d.signposts:
            screen.para(sign, indent="    ", first="  - ")
