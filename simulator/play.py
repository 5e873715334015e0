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
from typing import TYPE_CHECKING, Protocol, TypeVar

import click

from simulator import catalogs, rules, safety
from simulator.debrief import SCORES_HELD_BACK, Debrief, Row, problem_title, technique_title
from simulator.engine import Session, Turn
from simulator.errors import ChoiceRefused, ScenarioStuck, SessionEnded, SessionInterrupted
from simulator.humanize import cue_title, plural
from simulator.judge import Delivery
from simulator.model import DIMENSIONS, HELP_WORDS, PAUSE_WORDS, REWIND_WORDS, Choice, Scenario
from simulator.terminal import Screen, chart, meter_bar
from simulator.timing import PATIENCE, READING_WPM, reply_seconds

if TYPE_CHECKING:
    from simulator.freetext.terminal import FreeText

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
        self.ended_by = "Ctrl-D" if interactive else "end of input"  # how a person ends input here

    def ask(self, prompt: str, screen: Screen) -> str | None:
        """The next answer, or None when there are no more (end of input)."""
        if self.scripted is not None:
            return next(self.scripted, None)
        if not self.interactive:
            line = sys.stdin.readline()
            return line.strip() if line else None
        click.echo(screen.style(prompt, bold=True) + " ", nl=False, err=screen.err)
        try:
            return input().strip()  # not click.prompt: it reports Ctrl-D as Ctrl-C
        except EOFError:
            click.echo(err=screen.err)  # Ctrl-D echoes nothing: end the prompt's line
            return None
        except KeyboardInterrupt:
            click.echo(err=screen.err)  # the message starts on its own line, not after ^C
            raise


@dataclass
class PlayOptions:
    mode: str = "coach"  # coach | assess
    quiet: bool = False  # --json: no transcript on screen
    consent_given: bool = False  # --yes
    session_id: str | None = None  # shown in stop messages, when recorded
    free: FreeText | None = None  # --free: replies typed in the learner's own words
    stopped_lines: list[str] = field(default_factory=list)
    timing: str = "on"  # on | relaxed | off (timing.SETTINGS)
    reading_wpm: float = READING_WPM


def brief(scenario: Scenario, screen: Screen, timed: str = "off", mode: str = "coach") -> None:
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
    if mode == "assess":
        screen.line()
        screen.para("Assess mode: no hints and no rewind; all the feedback, with the reasons, comes in the debrief.")
    screen.line()
    screen.para("You can stop at any moment by typing 'pause'; nothing is judged when you do. 'help' lists what you can type.")
    screen.line()
    screen.para(screen.style(safety.NOTICE, dim=True))


def consent(scenario: Scenario, answers: Answers, screen: Screen) -> bool:
    """Ask before a scenario with a content note starts; piped input answers on its first
    line. Only ``--choices`` (an author's scripted run) skips it."""
    if not scenario.content_note or answers.scripted is not None:
        return True
    screen.line()
    reply = answers.ask("Start this scenario? [y/N]", screen)
    if not answers.interactive:  # piped: show the question with the line that answered it
        screen.line(f"Start this scenario? [y/N] {reply or ''}")
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
        how = f"  [{', '.join([c.tone, *map(cue_title, c.nonverbal)])}]" if labels else ""
        screen.para(f"{words}{how}", indent="     ", first=f"  {i}. ")


def show_feedback(turn: Turn, screen: Screen) -> None:
    screen.line()
    j = turn.judgement
    if j.practice is not None:
        screen.para(j.practice_feedback, indent="      ", first=f"  {'practice':<9} {screen.rating(j.practice)}: ")
    for dim in DIMENSIONS:
        r = turn.judgement.ratings[dim]
        screen.para(turn.judgement.feedback[dim], indent="      ", first=f"  {dim:<9} {screen.rating(r)}: ")
    for i, note in enumerate(turn.own_words):
        screen.para(str(note["note"]), indent="      ", first="  your words: " if i == 0 else "      ")


def choose_delivery(choice: Choice, offer: rules.DeliveryOffer, answers: Answers, screen: Screen) -> Delivery | None:
    """At a ``delivery: choose`` moment: pick the tone, then the cues; None if input ended.
    The options are the engine's (:func:`simulator.rules.delivery_offer`), and none is a default."""
    cat = catalogs.load()
    screen.line("  How do you say it?")
    for i, t in enumerate(offer.tones, 1):
        screen.line(f"    {i}. {t}")
    tone = _pick(offer.tones, answers, screen, "Tone")
    if tone is None:
        return None
    screen.line("  And what does your body do?")
    for i, cs in enumerate(offer.cues, 1):
        screen.para(
            ", ".join(f"{c} ({cat.cues[c].signals})" for c in cs) or "(nothing in particular)",
            indent="       ",
            first=f"    {i}. ",
        )
    cue = _pick(offer.cues, answers, screen, "Body")
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
        index = rules.pick(reply, options)
        if index is not None:
            return options[index]
        if not answers.interactive:
            raise ChoiceRefused(
                f"'{reply}' is not one of the choices for {label.lower()}. Please answer with a number from 1 to {len(options)}."
            )
        screen.line(f"  Please answer with a number from 1 to {len(options)}.")


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
    while _play_to_ending(session, answers, screen, recorder, opts):
        if not opts.quiet:
            show_state(session, screen, opts.mode, [])
        if not _take_back_ending(session, answers, screen, recorder, opts):
            recorder.finish(session)
            break
    return session


def _play_to_ending(session: Session, answers: Answers, screen: Screen, recorder: Recorder, opts: PlayOptions) -> bool:
    """Play turns until an ending (True) or until scripted choices run out (False)."""
    show = not opts.quiet
    reshow = True  # the turn is shown again only when it changed
    while not session.finished:
        offered = session.offered()
        if not offered:
            raise ScenarioStuck(
                f"state '{session.state}' offers no choice at this point, so the conversation cannot go on; "
                "this is a fault in the scenario (`ipt-sim validate` warns of it: W211)"
            )
        if show and reshow:
            show_state(session, screen, opts.mode, offered if opts.free is None else opts.free.cards(offered))
        reshow = True
        shown_at = answers.clock()
        reply = answers.ask(opts.free.prompt(offered) if opts.free else f"Your reply [1-{len(offered)}]:", screen)
        if reply is None:
            if answers.scripted is not None:
                return False  # the scripted choices ran out before an ending
            raise _stopped(session, opts, answers.ended_by, 0)
        again = _command(session, answers, screen, recorder, opts, offered, reply)
        if again is not None:
            reshow = again
            continue
        typed = None
        if opts.free is not None and not opts.free.is_number(reply):
            taken = opts.free.understand(session.state, offered, reply, lambda p: answers.ask(p, screen), screen,
                                         stop=lambda why, pause=False: _stopped(session, opts, why, 0, pause=pause))  # fmt: skip
            if taken is None:
                continue
            reply, typed = taken  # the id of the choice the words were taken as
        chosen = _choose(session, answers, screen, opts, offered, reply)
        if chosen is None:
            reshow = False
            continue
        choice, said = chosen
        # Typed replies are judged on the choice's own timing: typing takes time (simulator.freetext).
        elapsed = answers.clock() - shown_at if answers.interactive and typed is None else None
        reply_time = reply_seconds(elapsed, rules.shown_before_reply(session, offered, opts.mode), opts.timing, opts.reading_wpm)
        turn = session.play(choice.id, said, response_time=reply_time, patience=PATIENCE[opts.timing])
        if opts.free is not None and typed is not None:
            turn = opts.free.attach(session, turn, typed)
        recorder.turn(session, turn)
        if show and opts.mode == "coach":
            show_feedback(turn, screen)
    return True


def _take_back_ending(session: Session, answers: Answers, screen: Screen, recorder: Recorder, opts: PlayOptions) -> bool:
    """In coach mode, an ending that did not go well can be taken back before the debrief
    (newcomer review, finding 16: a flood used to end the session with no way to try again).
    Returns whether a reply was taken back; Enter, 'pause' or the end of input go on to the debrief.
    Scripted runs (``--choices``) and ``--json`` never ask: they end where the choices end."""
    if opts.quiet or answers.scripted is not None or not rules.may_take_back_ending(session, opts.mode):
        return False
    try:
        screen.line()
        screen.para(
            screen.style("In coach mode you can take that back: type 'rewind' to try your last reply another way, "
                         "or press Enter for the debrief.", fg="cyan")
        )  # fmt: skip
        while True:
            reply = answers.ask("Rewind, or Enter for the debrief:", screen)
            word, _, count = (reply or "").strip().lower().partition(" ")
            if word not in REWIND_WORDS:
                return False
            if _rewind(session, answers, screen, recorder, opts, count):
                return True
    except KeyboardInterrupt:  # the session has ended and is recorded: there is nothing to resume
        recorder.finish(session)
        shown = f" `ipt-sim report {opts.session_id}` shows its debrief." if opts.session_id else ""
        raise SessionInterrupted(f"Stopped at the ending (Ctrl-C); the session has ended.{shown}") from None


def _command(
    session: Session, answers: Answers, screen: Screen, recorder: Recorder, opts: PlayOptions, offered: Sequence[Choice],
    reply: str,
) -> bool | None:  # fmt: skip
    """Carry out a reply that is a command word (pause, help, rewind); returns whether the
    turn is shown again after it, or None when the reply is not a command but a reply."""
    show = not opts.quiet
    word, _, count = reply.strip().lower().partition(" ")
    if answers.scripted is not None and any(c.id == reply.split("@", 1)[0] for c in offered):
        word = ""  # in scripted runs a choice id wins over a command of the same name
    if opts.free is not None and not opts.free.is_command(reply):
        word = ""  # in free mode only a bare command word is a command: "help me see it" is a reply
    if word in PAUSE_WORDS:
        raise _stopped(session, opts, "paused", 0, pause=True)
    if word in HELP_WORDS and show:
        screen.para("Answer with the number of a reply. 'pause' stops without judgement"
                    + ("; 'rewind' takes back your last reply ('rewind 2', the last two)." if opts.mode == "coach" else "."))  # fmt: skip
        if opts.free is not None:
            screen.para(opts.free.help)
        return False
    if word in REWIND_WORDS:
        return _rewind(session, answers, screen, recorder, opts, count)
    return None


def _rewind(session: Session, answers: Answers, screen: Screen, recorder: Recorder, opts: PlayOptions, count: str) -> bool:
    """Take back the last reply or ``count`` replies where the rules allow; returns whether
    the turn is shown again (not after a refusal, which changed nothing)."""
    try:
        rules.check_rewind(session, opts.mode)
        undone = session.rewind(rules.rewind_count(count))
    except rules.RewindRefused as err:
        _refuse(answers, screen, err.message)
        return False
    recorder.rewound(session, undone)
    if not opts.quiet:
        what = "Your last reply is" if len(undone) == 1 else f"Your last {len(undone)} replies are"
        screen.para(screen.style(f"{what} taken back. Try something else.", fg="cyan"), indent="  ")
    return True


def _choose(
    session: Session, answers: Answers, screen: Screen, opts: PlayOptions, offered: Sequence[Choice], reply: str
) -> tuple[Choice, Delivery | None] | None:
    """The choice a reply names and how it is said (asking for the delivery at a ``choose``
    moment); None when a live learner's reply names no choice, after saying so."""
    try:
        choice, said = rules.scripted(session, reply)
    except ChoiceRefused as err:
        if answers.scripted is not None:
            raise  # an author's --choices: the ids matter
        plain = f"Please answer with a number from 1 to {len(offered)}, or type help."
        if not answers.interactive:
            raise ChoiceRefused(f"'{reply}' is not a reply here. {plain}") from err
        screen.para(plain, indent="  ")
        return None
    offer = rules.delivery_offer(session, choice)
    if said is None and offer is not None and answers.scripted is None:
        try:
            said = choose_delivery(choice, offer, answers, screen)
        except Paused:
            raise _stopped(session, opts, "paused", 0, pause=True) from None
        if said is None:
            raise _stopped(session, opts, answers.ended_by, 0)
    return choice, said


def _refuse(answers: Answers, screen: Screen, message: str) -> None:
    if not answers.interactive:
        raise ChoiceRefused(message)
    screen.para(message, indent="  ")


def _stopped(session: Session, opts: PlayOptions, why: str, code: int, pause: bool = False) -> SessionEnded:
    if pause:
        msg = "Paused. Nothing is judged when you pause; take the time you need."
        if not opts.session_id:
            msg += " This session was not recorded (--no-record), so it cannot be resumed."
    else:
        msg = f"Session stopped ({why}) after {plural(session.turn, 'turn')}."
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
    if d.rows and d.scores_held_back:
        screen.line()
        screen.para(SCORES_HELD_BACK)
    elif d.rows:
        screen.line()
        # Without assessment items, delivery is overall (version 1's scores line).
        shown = {k: v for k, v in d.scores.items() if d.scores["practice"] is not None or k not in ("practice", "delivery")}
        screen.para("Scores: " + "  ".join(f"{k} {v}" for k, v in shown.items()))
        if d.critical_missed:
            screen.para("(overall is capped at 49 while a critical item is missed)", indent="  ")
    _show_checklist(d, screen)
    if d.rows:
        _show_analysis(d, screen)
    _show_techniques(d, screen)
    _show_care(d, screen)


def _show_checklist(d: Debrief, screen: Screen) -> None:
    """The debrief's item-by-item checklist and the objectives, each only when it has something to say."""
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


def _show_analysis(d: Debrief, screen: Screen) -> None:
    """The charge chart over the turns, then the communication analysis, one entry a turn."""
    lo, hi = d.meter_bounds["charge"]
    screen.line()
    screen.para("Charge over the turns (= marks flooding):")
    for row in chart(d.meters["charge"], lo, hi, d.flood):
        screen.line("  " + row)
    screen.line()
    screen.line(screen.style("Communication analysis", bold=True))
    for r in d.rows:
        _show_row(r, d.mode, screen)


def _show_row(r: Row, mode: str, screen: Screen) -> None:
    """One turn of the analysis: what was said and shown, how it was judged and why (the
    reasons here in assess mode, where no feedback came during play), and what else fitted."""
    screen.line()
    screen.para(
        f'{r.speaker} said: "{r.they_said}"' + (f" ({r.they_showed})" if r.they_showed else ""),
        indent="      ",
        first=f"  {r.number:>2}. ",
    )
    words = f'"{r.you_said}"' if r.you_said.strip() else "(silence)"
    if r.typed is not None:
        screen.para(f'You typed: "{r.typed}"' if r.typed.strip() else "You typed nothing (a silence)", indent="      ")
        for note in r.own_words:
            screen.para(note, indent="        ", first="      - ")
    cues = ", ".join(cue_title(c) for c in r.cues) or "no cues"
    screen.para(f"You said: {words} -- {r.tone}, {cues}, {r.timing.replace('_', ' ')}", indent="      ")
    practice = [f"practice {r.practice}"] if r.practice else []
    ratings = ", ".join(practice + [f"{k} {v}" for k, v in r.ratings.items()]) if mode == "coach" else ""
    screen.para(f"Charge {r.charge_before} -> {r.charge_after}. {ratings}".rstrip(), indent="      ")
    if mode != "coach":  # assess mode: the debrief is where the reasons are given
        reasons = ([("practice", r.practice, r.practice_feedback)] if r.practice else []) + [
            (k, v, r.feedback.get(k, "")) for k, v in r.ratings.items()
        ]
        for k, v, why in reasons:
            screen.para(why, indent="          ", first=f"      {k} {screen.rating(v)}: ")
    if r.problem:
        screen.para(f"Communication problem: {problem_title(r.problem)}.", indent="      ")
    if r.technique:
        screen.para(f"Technique: {technique_title(r.technique)}", indent="      ")
    if r.alternative:
        screen.para(f"What else you could have said: {r.alternative}", indent="      ")


def _show_techniques(d: Debrief, screen: Screen) -> None:
    """The IPT techniques used well, misapplied, and missed where called for."""
    if d.techniques_used or d.techniques_missed or d.techniques_misapplied:
        screen.line()
        if d.techniques_used:
            screen.para("IPT techniques used well: " + ", ".join(technique_title(t) for t in d.techniques_used) + ".")
        for t, why in d.techniques_misapplied:
            screen.para(f"Attempted, misapplied: {technique_title(t)}." + (f" {why}" if why else ""))
        if d.techniques_missed:
            screen.para("Missed where called for: " + ", ".join(technique_title(t) for t in d.techniques_missed) + ".")


def _show_care(d: Debrief, screen: Screen) -> None:
    """Last, care for the learner: the grounding note and where to find support now."""
    if d.grounding:
        screen.line()
        screen.para(d.grounding)
    if d.signposts:
        screen.line()
        screen.para("If you need support now:")
        for sign in d.signposts:
            screen.para(sign, indent="    ", first="  - ")
