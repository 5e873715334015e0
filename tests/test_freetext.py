"""Free mode: typed replies understood offline, with nothing downloaded and nothing paid
for by anyone who does not use it; the record and the report keep the typed words."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any, NoReturn

import pytest
from click.testing import CliRunner

from simulator.cli import cli
from simulator.freetext import embedder
from simulator.freetext.match import Matcher
from simulator.freetext.words import observe
from simulator.library import load

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "tests" / "data" / "valid" / "money-impasse.yaml"
HEAVY = ("wordllama", "numpy", "vaderSentiment", "tokenizers")


@pytest.fixture
def money(tmp_path: Path) -> Path:
    """The format doc's example, offering typed replies."""
    path = tmp_path / "money.yaml"
    path.write_text(EXAMPLE.read_text("utf-8").replace("version: 1\n", "version: 1\nfree_text: true\n", 1), "utf-8")
    return path


def invoke(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(cli, list(args), input=input, prog_name="ipt-sim", catch_exceptions=False)


# Private by construction ----------------------------------------------------------------------


def test_a_whole_free_session_runs_with_the_network_blocked(money: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The model is loaded afresh (its files, tokenizer included, from the installed wheel) and a
    session is played to its ending, recorded and reported, with every way out to a network refused."""

    def refuse(*_a: object, **_k: object) -> NoReturn:
        raise AssertionError("free mode tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(embedder, "_loaded", {})
    result = invoke(
        "play", str(money), "--free", "--yes", input="You're worried about money, let's sit down and look at it together\n"
    )
    assert result.exit_code == 0, result.output
    assert "Ending: The real expectation is on the table (positive)" in result.output
    sid = result.output.split("Recorded as session ")[1][:8]
    report = invoke("report", sid, "--format", "md")
    assert "You're worried about money, let's sit down and look at it together" in report.output


@pytest.mark.parametrize(
    "args",
    [["--help"], ["play", str(EXAMPLE), "--choices", "2", "--no-record", "--json"], ["validate", str(EXAMPLE)]],
    ids=["help", "choice-mode play", "validate without free_text"],
)
def test_who_does_not_use_free_mode_does_not_import_the_model(args: list[str]) -> None:
    code = (
        "import sys\nfrom simulator.cli import cli\ntry:\n    cli(sys.argv[1:], prog_name='ipt-sim')\n"
        "except SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.split('.')[0] in "
        + repr(HEAVY)
        + "), file=sys.stderr)"
    )
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=REPO, timeout=120, check=False)
    assert proc.stderr.strip().splitlines()[-1] == "[]", proc.stderr


# Matching ------------------------------------------------------------------------------------


def test_a_paraphrase_is_played_an_off_topic_line_is_not_understood_and_empty_is_silence(money: Path) -> None:
    matcher = Matcher(load(money), embedder.load())
    assert matcher.match("doorway", "You got yourself a new phone last month!").choice == "counter"
    refused = matcher.match("doorway", "Is the library open on Sundays?")
    assert (refused.verdict, refused.choice) == ("not understood", None)
    silent = matcher.match("doorway", "  ")
    assert (silent.verdict, silent.choice) == ("silence", "silence")
    no_silence = matcher.match("escalation", "")
    assert (no_silence.verdict, no_silence.choice) == ("not understood", None)


def test_only_the_choices_on_offer_are_considered(money: Path) -> None:
    scenario = load(money)
    matcher = Matcher(scenario, embedder.load())
    offered = [c for c in scenario.states["doorway"].choices if c.id != "counter"]
    m = matcher.match("doorway", "You got yourself a new phone last month!", offered)
    assert m.choice != "counter"
    assert sorted(s.choice for s in m.ranked) == ["acknowledge", "silence"]


def test_match_prints_what_each_text_would_be_taken_as(money: Path) -> None:
    result = invoke("match", str(money), "doorway", "You bought a phone yourself!", "Is it sunny out?")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith(""""You bought a phone yourself!" -> played as 'counter' (""")
    assert lines[2].startswith(""""Is it sunny out?" -> not understood (nearest """)
    assert lines[1].startswith("    counter ") and lines[3].startswith("    ")


def test_match_json_has_every_choice_of_the_state(money: Path) -> None:
    data = json.loads(invoke("match", str(money), "doorway", "", "--json").output)
    assert data == [{"text": "", "choice": "silence", "score": 1.0, "verdict": "silence",
                     "alternatives": [{"choice": "silence", "score": 1.0}, {"choice": "counter", "score": 0.0},
                                      {"choice": "acknowledge", "score": 0.0}]}]  # fmt: skip


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("doorwya", "ipt-sim: scenario 'money-impasse' has no state 'doorwya' -- did you mean 'doorway'?\n"),
        ("table", "ipt-sim: state 'table' is an ending: it has no choices to match\n"),
    ],
)
def test_match_refuses_a_state_without_choices(money: Path, state: str, message: str) -> None:
    result = invoke("match", str(money), state, "hello")
    assert (result.exit_code, result.output) == (1, message)


def test_free_and_choices_do_not_mix(money: Path) -> None:
    result = invoke("play", str(money), "--free", "--choices", "1")
    assert result.exit_code == 2
    assert (
        "--free reads replies as you type them (or from piped input); --choices takes choice ids: use one or the other"
        in result.output
    )


# The record ----------------------------------------------------------------------------------


def test_json_and_the_record_keep_the_typed_words_beside_the_choice(money: Path) -> None:
    typed = "Me? You got a new phone yourself last month!"
    result = invoke("play", str(money), "--free", "--json", input=f"{typed}\nFine, go.\n")
    turn = json.loads(result.stdout)["turns"][0]
    assert (turn["choice"], turn["say"], turn["typed"]) == ("counter", "Me? You bought a new phone last month!", typed)
    assert turn["own_words"] == [
        {
            "kind": "valence",
            "words": [],
            "note": "Overall valence neutral (+0.00), no word in it carries much feeling on its own.",
        }
    ]
    assert "Taken as: “Me? You bought a new phone last month!”" in result.stderr  # questions and notes stay off the JSON
    sid = json.loads(result.stdout)["session_id"]
    record = json.loads(invoke("report", sid, "--format", "json").output)
    assert record["rows"][0]["typed"] == typed
    assert 'You typed: "Me? You got a new phone yourself last month!"' in invoke("report", sid).output
    html = invoke("report", sid, "--format", "html").output
    assert "You typed: “Me? You got a new phone yourself last month!”" in html


def test_choice_mode_turns_carry_no_typed_words() -> None:
    turn = json.loads(invoke("play", str(EXAMPLE), "--choices", "2", "--no-record", "--json").output)["turns"][0]
    assert "typed" not in turn and "own_words" not in turn


# Own words -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "note"),
    [
        (
            "I need some help with the kids.",
            "i_statement",
            "“I need”: speaking from your own side, which is easier to hear than a charge.",
        ),
        (
            "I feel like you don't care.",
            "disguised_you",
            "“I feel like you”: a “you” statement dressed as an “I” statement; the other person will still hear a charge.",
        ),
        (
            "You never listen.",
            "you_always",
            "“You never”: turns one moment into a verdict on the person; expect defence rather than listening.",
        ),
        (
            "Nothing I do is enough.",
            "absolute",
            "“Nothing”: absolutes are easy to disprove, so the other person may argue with the word instead of hearing the point.",
        ),
        (
            "Dad, what was she like?",
            "open_question",
            "“what was she like?”: an open question: it invites the other person to say more, in their own words.",
        ),
        (
            "Are you okay with that?",
            "closed_question",
            "“Are you okay with that?”: a closed question: it can be answered yes or no, which may end the topic.",
        ),
        (
            "How? When? Who else knew?",
            "stacked_questions",
            "3 questions in one reply (“How?”, “When?”, “Who else knew?”): the other person can answer only one; ask one and wait.",
        ),
        (
            "I'm sorry, but that's not fair.",
            "apology_but",
            "“sorry, but”: the “but” takes the apology back; try stopping after the apology.",
        ),
        (
            "You should see a doctor about it.",
            "advice",
            "“You should”: advice moves to fixing before the feeling has been heard.",
        ),
        (
            "Don't worry, it'll be fine.",
            "reassurance",
            "“Don't worry”, “it'll be fine”: reassurance can close a feeling down rather than make room for it.",
        ),
        (
            "Maybe we could sort of try, I guess.",
            "hedge",
            "“Maybe”, “sort of”, “I guess”: several softeners can blur what you are asking for.",
        ),
        ("Whatever.", "short", "“Whatever.” is 1 word: it can read as curt or final when something matters."),
        (
            "I hate this, it's a disaster.",
            "valence",
            "Overall valence negative (-0.83), carried by “disaster” (-3.1), “hate” (-2.7).",
        ),
    ],
)
def test_each_observation_names_the_words_it_is_about(text: str, kind: str, note: str) -> None:
    found = {o.kind: o for o in observe(text)}
    assert kind in found, [o.note for o in found.values()]
    assert found[kind].note == note
    assert all(w in text for w in found[kind].words)


def test_a_long_reply_is_noted_with_its_opening_words() -> None:
    text = " ".join(["I want to tell you how this has been for me"] * 7)
    (long,) = [o for o in observe(text) if o.kind == "long"]
    assert (
        long.note
        == "77 words, from “I want to tell you how …”: in a charged moment, the other person may take in only the first sentence."
    )


def test_a_silence_has_nothing_to_observe() -> None:
    assert observe("   ") == []


# The play loop in free mode ------------------------------------------------------------------


def test_pause_at_which_did_you_mean_stops_without_judgement(money: Path) -> None:
    result = invoke("play", str(money), "--free", "--yes", "--no-record", input="calm down and let's look\npause\n")
    assert result.exit_code == 0
    assert result.output.endswith(
        "Paused. Nothing is judged when you pause; take the time you need."
        " This session was not recorded (--no-record), so it cannot be resumed.\n"
    )


def test_only_a_bare_command_word_is_a_command(money: Path) -> None:
    """'Help me...' is a reply, not the help command; 'help' alone still lists the commands."""
    result = invoke(
        "play",
        str(money),
        "--free",
        "--yes",
        "--no-record",
        input="help\nHelp me see it. You're worried about money, can we sit down and look at it together?\n",
    )
    assert "Type what you would say, in your own words, and press Enter" in result.output
    assert "Taken as: “You're worried about money." in " ".join(result.output.split())


def test_a_number_picks_a_written_reply_only_once_they_are_shown(money: Path) -> None:
    result = invoke("play", str(money), "--free", "--yes", "--no-record", "--mode", "assess", input="2\n2\n")
    text = " ".join(result.output.split())
    assert text.count("Not understood:") == 1  # "2" before any reply is shown is words, not a number
    assert "Ending: The real expectation is on the table (positive)" in text  # then 2 picks the second written reply


# The format: free_text and examples ----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "printed"),
    [
        (
            "version: 1\n",
            "version: 1\nfree_text: yes please\n",
            "bad.yaml:2:12: error: free_text must be true or false, not text [E207]",
        ),
        (
            "        tone: calm\n",
            "        examples: Let's look together.\n        tone: calm\n",
            "bad.yaml:44:19: error: examples must be a list, not text [E201]",
        ),
        (
            "        tone: calm\n",
            '        examples: ["Let\'s look together.", ""]\n        tone: calm\n',
            "bad.yaml:44:44: error: an example must not be empty [E204]",
        ),
        (
            "        tone: calm\n",
            "        exmaples: [Let's look together.]\n        tone: calm\n",
            "bad.yaml:44:9: error: unknown key 'exmaples' in choice 'acknowledge' in state 'doorway' -- did you mean 'examples'? [E202]",
        ),
    ],
    ids=["free_text not a boolean", "examples not a list", "an empty example", "a misspelt examples"],
)
def test_free_text_and_examples_are_checked_where_they_are_written(
    old: str, new: str, printed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = EXAMPLE.read_text("utf-8")
    assert old in text
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(text.replace(old, new, 1), "utf-8")
    result = invoke("validate", "bad.yaml")
    assert (result.exit_code, result.stdout) == (1, printed + "\n")


def test_examples_are_read_into_the_choice(money: Path) -> None:
    money.write_text(
        money.read_text("utf-8").replace(
            "        tone: calm\n", "        examples: [Let's look together., Shall we sit?]\n        tone: calm\n", 1
        ),
        "utf-8",
    )
    scenario = load(money)
    assert scenario.free_text is True
    assert scenario.states["doorway"].choice("acknowledge").examples == ("Let's look together.", "Shall we sit?")  # type: ignore[union-attr]


# W217 and the bundled library -----------------------------------------------------------------

SAME_WORDS = """version: 1
id: first-visit
title: The first visit
area: grief
perspective: client
free_text: true
characters:
  dad: {name: Dad, role: your father}
meters:
  charge: {start: 3, min: 0, max: 10}
start: door
states:
  door:
    speaker: dad
    says: You came.
    choices:
      - id: stay
        REQUIRES_STAYsay: I wanted to see you.
        tone: warm
        nonverbal: [eye_contact]
        timing: well_timed
        next: inside
      - id: stay-away
        REQUIRES_AWAYsay: I wanted to see you.
        tone: flat
        nonverbal: [turning_away]
        timing: premature
        next: outside
      - id: ask
        say: How have you been keeping, Dad?
        tone: warm
        nonverbal: [eye_contact]
        timing: well_timed
        set: {stayed_before: true}
        next: door
  inside: {speaker: dad, says: "Come in, then.", ending: welcome}
  outside: {speaker: dad, says: Then go., ending: shut-out}
endings:
  welcome: {title: A door opens, outcome: positive, debrief: Dad let you in.}
  shut-out: {title: The door closes, outcome: negative, debrief: You left before Dad could say more.}
"""


def test_w217_flags_words_free_mode_would_misread_but_only_among_choices_offered_together(tmp_path: Path) -> None:
    path = tmp_path / "same.yaml"
    path.write_text(SAME_WORDS.replace("REQUIRES_STAY", "").replace("REQUIRES_AWAY", ""), "utf-8")
    flagged = invoke("validate", str(path))
    assert (
        f"{path}:17:9: warning: choice 'stay' of state 'door' cannot be told apart when typed: its words, typed as written, "
        "would not be played as 'stay'; free mode would ask which was meant ('stay' 1.00, 'stay-away' 1.00). Reword it or "
        "the other choice so their words differ (`ipt-sim match` tries phrasings) [W217]"
    ) in flagged.output
    assert "choice 'ask'" not in flagged.output  # its own words are played as itself
    guarded = SAME_WORDS.replace("REQUIRES_STAY", "requires: stayed_before\n        ")
    path.write_text(guarded.replace("REQUIRES_AWAY", "requires: not stayed_before\n        "), "utf-8")
    assert "W217" not in invoke("validate", str(path)).output  # never offered at once: never confused


def test_every_bundled_scenario_takes_typed_replies_and_passes_w217() -> None:
    """The README promises free mode in all of them (a merge once dropped `free_text: true`)."""
    from simulator.library import bundled

    scenarios = [load(Path(r.path)) for r in bundled()]
    assert len(scenarios) >= 24
    assert [s.id for s in scenarios if not s.free_text] == []
    result = invoke("validate", "--strict", str(REPO / "scenarios"))
    assert result.exit_code == 0, result.output
