"""Every rule of the scenario format, each shown by a file that breaks it and one that keeps
to it, through ``ipt-sim validate`` as a course leader runs it.

The rules are those of the format's contract (/work/shared/scenario-format.md: "Keys",
"How a turn is played" where validation applies, "Errors a course leader must get") and
the validator's further codes. Most files are the format doc's example
(tests/data/valid/money-impasse.yaml) with one precise edit, so a reader can see what
changed and why the line and column are where they are; rules about a whole file, the
shape of the graph or a folder have their own files under tests/data/rules/<rule>/.

Lint warnings (W2xx, from simulator/lint.py) are left out of these comparisons: the
example draws some by design (its silence is rated poor with no feedback of its own), and
lint has tests of its own. Everything else the command prints is compared exactly.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from simulator.cli import cli
from tests.test_malformed import FIRST_LINES

pytestmark = pytest.mark.validate

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "tests" / "data" / "valid" / "money-impasse.yaml"
RULES_DIR = REPO / "tests" / "data" / "rules"
LINT = re.compile(r"\[W2\d\d\]$")


@dataclass(frozen=True)
class Rule:
    """A rule: edits of the example that break it, exactly what ``validate`` then prints, and
    edits that keep to it (none: the example itself keeps to it)."""

    name: str
    bad: list[tuple[str, str]]
    expected: list[str]
    ok: list[tuple[str, str]] = field(default_factory=list)


def edited(edits: list[tuple[str, str]]) -> str:
    """The example with each ``old`` (which must occur exactly once) replaced by ``new``."""
    text = EXAMPLE.read_text("utf-8")
    for old, new in edits:
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in the example"
        text = text.replace(old, new)
    return text


def validate(*args: str) -> Result:
    return CliRunner().invoke(cli, ["validate", *args], prog_name="ipt-sim", catch_exceptions=False)


def shown(result: Result) -> list[str]:
    """The diagnostic lines printed, lint's left out."""
    return [line for line in result.stdout.splitlines() if not LINT.search(line)]


RULES = [
    # -- YAML: syntax, duplicate keys at any depth, aliases, tags ------------------------
    Rule(
        "yaml-syntax",
        bad=[("title: The same argument about money", "title: [The same argument about money")],
        expected=[
            "bad.yaml:4:5: error: YAML syntax: while parsing a flow sequence (from line 3), did not find expected ',' or ']' [E110]",
        ],
        ok=[("title: The same argument about money", "title: '[The same argument about money'")],
    ),
    Rule(
        "colon-in-a-plain-value",
        bad=[("title: The same argument about money", "title: Money: the same argument")],
        expected=[
            "bad.yaml:3:13: error: YAML syntax: mapping values are not allowed in this context (put text holding ': ' in quotes, or check this line's indentation) [E110]",
        ],
        ok=[("title: The same argument about money", "title: 'Money: the same argument'")],
    ),
    Rule(
        "tab-indentation",
        bad=[("    speaker: sam\n    says: I'm going", "    speaker: sam\n\tsays: I'm going")],
        expected=[
            "bad.yaml:108:1: error: YAML syntax: while scanning a plain scalar (from line 107), found a tab character that violates indentation [E110]",
        ],
        ok=[("nonverbal: door closes", "nonverbal: |\n      door\tcloses")],  # a tab inside block text is text
    ),
    Rule(
        "duplicate-key-top",
        bad=[("phase: middle", "phase: middle\nphase: initial")],
        expected=[
            "bad.yaml:8:1: error: duplicate key 'phase' (first defined at line 7); YAML would silently keep only one [E103]",
        ],
        ok=[("phase: middle", "phase: initial")],
    ),
    Rule(
        "duplicate-key-choice",
        bad=[
            (
                "        timing: premature\n        effects: {charge: +2}\n",
                "        timing: premature\n        effects: {charge: +2}\n        timing: late\n",
            )
        ],
        expected=[
            "bad.yaml:99:9: error: duplicate key 'timing' (first defined at line 97); YAML would silently keep only one [E103]",
        ],
        ok=[
            (
                "        timing: premature\n        effects: {charge: +2}\n",
                "        timing: late\n        effects: {charge: +2}\n",
            )
        ],
    ),
    Rule(
        "duplicate-key-flow",
        bad=[("effects: {charge: -2, trust: +2}", "effects: {charge: -2, charge: +2}")],
        expected=[
            "bad.yaml:91:31: error: duplicate key 'charge' (first defined at line 91); YAML would silently keep only one [E103]",
        ],
        ok=[("effects: {charge: -2, trust: +2}", "effects: {charge: -2, trust: +3}")],
    ),
    Rule(
        "duplicate-state-id",
        bad=[("  walked-out:\n", "  table:\n")],
        expected=[
            "bad.yaml:79:15: error: unknown state 'walked-out' [E302]",
            "bad.yaml:99:15: error: unknown state 'walked-out' [E302]",
            "bad.yaml:106:3: error: duplicate key 'table' (first defined at line 100); YAML would silently keep only one [E103]",
        ],
        ok=[
            ("  walked-out:\n", "  walked_out:\n"),
            ("next: walked-out\n  still-hot", "next: walked_out\n  still-hot"),
            ("next: walked-out\n  table", "next: walked_out\n  table"),
        ],
    ),
    Rule(
        "alias-to-nothing",
        bad=[("title: The same argument about money", "title: *title")],
        expected=[
            "bad.yaml:3:8: error: alias '*title' refers to no anchor defined before it (or to the node that contains it) [E106]",
        ],
        ok=[("title: The same argument about money", "title: &title The same argument about money")],
    ),
    Rule(
        "tag-not-allowed",
        bad=[("title: The same argument about money", "title: !!binary VGhlIHNhbWU=")],
        expected=[
            "bad.yaml:3:8: error: tag '!!binary' is not allowed: scenarios are plain YAML (text, numbers, lists, mappings) [E104]",
        ],
        ok=[("title: The same argument about money", "title: !!str The same argument about money")],
    ),
    Rule(
        "value-not-valid-for-its-tag",
        bad=[("version: 1", "version: !!int one")],
        expected=[
            "bad.yaml:1:10: error: 'one' is not a valid !!int [E104]",
        ],
        ok=[("version: 1", "version: !!int 1")],
    ),
    Rule(
        "merge-key-misuse",
        bad=[("  trust: {start: 4, min: 0, max: 10}", "  trust: {<<: 10, start: 4}")],
        expected=[
            "bad.yaml:23:10: error: meter 'trust' is missing the required key 'min' [E203]",
            "bad.yaml:23:10: error: meter 'trust' is missing the required key 'max' [E203]",
            "bad.yaml:23:11: error: a merge key '<<' needs a mapping (or a list of mappings) to merge [E102]",
        ],
        ok=[("  trust: {start: 4, min: 0, max: 10}", "  trust: {<<: {min: 0, max: 10}, start: 4}")],
    ),
    # -- Unknown keys, with did-you-mean, in each kind of object -------------------------
    Rule(
        "unknown-key-scenario",
        bad=[("summary: >-", "sumary: >-")],
        expected=[
            "bad.yaml:10:1: error: unknown key 'sumary' in the scenario -- did you mean 'summary'? [E202]",
        ],
        ok=[
            (
                "summary: >-\n  Sam and you have had the same row about money for months. Tonight the bank\n  statement is on the table.\n",
                "",
            )
        ],
    ),
    Rule(
        "unknown-key-character",
        bad=[("    name: Sam\n", "    name: Sam\n    age: 41\n")],
        expected=[
            "bad.yaml:20:5: error: unknown key 'age' in character 'sam' [E202]",
        ],
        ok=[("    name: Sam\n", "    name: Samantha\n")],
    ),
    Rule(
        "unknown-key-meter",
        bad=[("max: 10, flood: 8}", "max: 10, flod: 8}")],
        expected=[
            "bad.yaml:22:39: error: unknown key 'flod' in meter 'charge' -- did you mean 'flood'? [E202]",
        ],
        ok=[("max: 10, flood: 8}", "max: 10}")],
    ),
    Rule(
        "unknown-key-state",
        bad=[("    coach: Notice", "    coatch: Notice")],
        expected=[
            "bad.yaml:31:5: error: unknown key 'coatch' in state 'doorway' -- did you mean 'coach'? [E202]",
        ],
        ok=[("    coach: Notice", "    # coach: Notice")],
    ),
    Rule(
        "unknown-key-choice",
        bad=[("        rating: {timing: poor}", "        ratings: {timing: poor}")],
        expected=[
            "bad.yaml:54:9: error: unknown key 'ratings' in choice 'silence' in state 'doorway' -- did you mean 'rating'? [E202]",
        ],
        ok=[("        rating: {timing: poor}", "        # rating: {timing: poor}")],
    ),
    Rule(
        "unknown-key-branch",
        bad=[("          - when: charge >= 7", "          - wen: charge >= 7")],
        expected=[
            "bad.yaml:70:13: error: unknown key 'wen' in a branch of next -- did you mean 'when'? [E202]",
            "bad.yaml:70:13: error: every branch of next but the last needs a 'when' [E220]",
        ],
        ok=[("when: charge >= 7", "when: charge >= 8")],
    ),
    Rule(
        "unknown-key-ending",
        bad=[("    debrief: The row ended", "    debreif: The row ended")],
        expected=[
            "bad.yaml:117:5: error: ending 'impasse-deepens' is missing the required key 'debrief' [E203]",
            "bad.yaml:119:5: error: unknown key 'debreif' in ending 'impasse-deepens' -- did you mean 'debrief'? [E202]",
        ],
        ok=[("    debrief: The row ended", "    debrief: It ended")],
    ),
    # -- Missing required keys, in each kind of object -----------------------------------
    Rule(
        "missing-key-scenario",
        bad=[("title: The same", "# title: The same")],
        expected=[
            "bad.yaml:1:1: error: the scenario is missing the required key 'title' [E203]",
        ],
        ok=[("phase: middle", "# phase: middle")],
    ),
    Rule(
        "missing-key-character",
        bad=[("    role: your partner", "    # role: your partner")],
        expected=[
            "bad.yaml:19:5: error: character 'sam' is missing the required key 'role' [E203]",
        ],
        ok=[("    role: your partner of twelve years", '    role: ""')],
    ),
    Rule(
        "missing-key-meter",
        bad=[("trust: {start: 4, min: 0, max: 10}", "trust: {start: 4, max: 10}")],
        expected=[
            "bad.yaml:23:10: error: meter 'trust' is missing the required key 'min' [E203]",
        ],
        ok=[("trust: {start: 4, min: 0, max: 10}", "trust: {max: 10, min: 0, start: 4}")],
    ),
    Rule(
        "missing-charge-meter",
        bad=[("  charge: {start: 6", "  # charge: {start: 6")],
        expected=[
            "bad.yaml:21:1: error: meters needs 'charge': the other person's emotional charge, judged every turn [E212]",
            "bad.yaml:38:19: error: unknown meter 'charge' in effects [E303]",
            "bad.yaml:47:19: error: unknown meter 'charge' in effects [E303]",
            "bad.yaml:55:19: error: unknown meter 'charge' in effects [E303]",
            "bad.yaml:67:19: error: unknown meter 'charge' in effects [E303]",
            "bad.yaml:70:19: error: when 'charge >= 7': unknown name 'charge' [E401]",
            "bad.yaml:78:19: error: unknown meter 'charge' in effects [E303]",
            "bad.yaml:91:19: error: unknown meter 'charge' in effects [E303]",
            "bad.yaml:98:19: error: unknown meter 'charge' in effects [E303]",
        ],
    ),
    Rule(
        "missing-key-state",
        bad=[("    speaker: sam\n    says: I'm going", "    # speaker: sam\n    says: I'm going")],
        expected=[
            "bad.yaml:108:5: error: state 'walked-out' is missing the required key 'speaker' [E203]",
        ],
        ok=[("    nonverbal: door closes", "    # nonverbal: door closes")],
    ),
    Rule(
        "missing-key-choice",
        bad=[("        tone: dismissive", "        # tone: dismissive")],
        expected=[
            "bad.yaml:73:9: error: choice 'let-go' in state 'escalation' is missing the required key 'tone' [E203]",
        ],
        ok=[("effects: {charge: +2}", "# effects: {charge: +2}")],
    ),
    Rule(
        "missing-key-branch",
        bad=[("            goto: still-hot", "            # goto: still-hot")],
        expected=[
            "bad.yaml:70:13: error: a branch of next is missing the required key 'goto' [E203]",
        ],
        ok=[("          - goto: table", "          - goto: walked-out")],
    ),
    Rule(
        "missing-key-ending",
        bad=[("    outcome: negative", "    # outcome: negative")],
        expected=[
            "bad.yaml:117:5: error: ending 'impasse-deepens' is missing the required key 'outcome' [E203]",
        ],
        ok=[("    title: The impasse deepens", "    title: The impasse deepens, again")],
    ),
    # -- Wrong types ---------------------------------------------------------------------
    Rule(
        "list-for-text",
        bad=[("say: Fine. Go.", "say: [Fine, Go]")],
        expected=[
            "bad.yaml:74:14: error: say must be text, not a list [E205]",
        ],
        ok=[("say: Fine. Go.", 'say: "[Fine, Go]"')],
    ),
    Rule(
        "text-for-list",
        bad=[("nonverbal: [sigh]", "nonverbal: sigh")],
        expected=[
            "bad.yaml:96:20: error: nonverbal must be a list, not text [E201]",
        ],
        ok=[("nonverbal: [sigh]", "nonverbal: []")],
    ),
    Rule(
        "text-for-mapping",
        bad=[("effects: {charge: +2}", "effects: charge +2")],
        expected=[
            "bad.yaml:98:18: error: effects must be a mapping of keys to values, not text [E201]",
        ],
        ok=[("effects: {charge: +2}", "effects: {}")],
    ),
    Rule(
        "text-for-number",
        bad=[("trust: {start: 4,", 'trust: {start: "4",')],
        expected=[
            "bad.yaml:23:18: error: trust.start must be a whole number, not text '4' [E206]",
        ],
        ok=[("trust: {start: 4,", "trust: {start: +4,")],
    ),
    Rule(
        "fraction-for-whole-number",
        bad=[("effects: {charge: -2, trust: +2}", "effects: {charge: -2, trust: +2.5}")],
        expected=[
            "bad.yaml:91:38: error: effect on 'trust' must be a whole number, not a number '+2.5' [E206]",
        ],
        ok=[("effects: {charge: -2, trust: +2}", "effects: {charge: -2, trust: 2}")],
    ),
    Rule(
        "yes-no-for-text",
        bad=[("say: Fine. Go.", "say: No")],
        expected=[
            "bad.yaml:74:14: error: say must be text, but 'No' reads as true/false in YAML: put it in quotes [E205]",
        ],
        ok=[("say: Fine. Go.", 'say: "No"')],
    ),
    Rule(
        "null-for-text",
        bad=[("say: Fine. Go.", "say:")],
        expected=[
            'bad.yaml:74:13: error: say is empty (null); write "" for empty text [E205]',
        ],
        ok=[("say: Fine. Go.", 'say: ""')],
    ),
    Rule(
        "text-for-boolean",
        bad=[("set: {named_worry: true}", 'set: {named_worry: "true"}')],
        expected=[
            "bad.yaml:68:28: error: flag 'named_worry' must be true or false, not text [E207]",
        ],
        ok=[("set: {named_worry: true}", "set: {named_worry: false}")],
    ),
    Rule(
        "text-for-version",
        bad=[("version: 1", 'version: "1"')],
        expected=[
            "bad.yaml:1:10: error: version must be a whole number, not text '1' [E206]",
        ],
    ),
    Rule(
        "empty-title",
        bad=[("title: The same argument about money", 'title: "  "')],
        expected=[
            "bad.yaml:3:8: error: title must not be empty [E204]",
        ],
        ok=[("title: The same argument about money", "title: M")],
    ),
    # -- Unknown ids of every kind -------------------------------------------------------
    Rule(
        "unknown-state-in-next",
        bad=[("        next: walked-out\n  still-hot", "        next: walked-ot\n  still-hot")],
        expected=[
            "bad.yaml:79:15: error: unknown state 'walked-ot' -- did you mean 'walked-out'? [E302]",
        ],
        ok=[("        next: walked-out\n  still-hot", "        next: still-hot\n  still-hot")],
    ),
    Rule(
        "unknown-state-in-goto",
        bad=[("goto: still-hot", "goto: stil-hot")],
        expected=[
            "bad.yaml:71:19: error: unknown state 'stil-hot' -- did you mean 'still-hot'? [E302]",
        ],
        ok=[("goto: still-hot", "goto: 'still-hot'")],
    ),
    Rule(
        "ending-in-goto",
        bad=[("goto: still-hot", "goto: impasse-deepens")],
        expected=[
            "bad.yaml:71:19: error: unknown state 'impasse-deepens' ('impasse-deepens' is an ending: go to a state whose 'ending' is 'impasse-deepens') [E302]",
        ],
    ),
    Rule(
        "unknown-start",
        bad=[("start: doorway", "start: door")],
        expected=[
            "bad.yaml:24:8: error: start names no state: 'door' -- did you mean 'doorway'? [E302]",
        ],
    ),
    Rule(
        "unknown-ending",
        bad=[("ending: renegotiating", "ending: renegotiate")],
        expected=[
            "bad.yaml:105:13: error: unknown ending 'renegotiate' -- did you mean 'renegotiating'? [E306]",
        ],
    ),
    Rule(
        "unknown-character",
        bad=[("    speaker: sam\n    says: I'm going", "    speaker: sma\n    says: I'm going")],
        expected=[
            "bad.yaml:107:14: error: unknown character 'sma' as speaker -- did you mean 'sam'? [E305]",
        ],
        ok=[
            ("characters:\n", "characters:\n  jo:\n    name: Jo\n    role: Sam's sister\n"),
            ("    speaker: sam\n    says: I'm going", "    speaker: jo\n    says: I'm going"),
        ],
    ),
    Rule(
        "unknown-meter-in-effects",
        bad=[("effects: {charge: +2, trust: -1}", "effects: {charge: +2, trsut: -1}")],
        expected=[
            "bad.yaml:38:31: error: unknown meter 'trsut' in effects -- did you mean 'trust'? [E303]",
        ],
        ok=[("effects: {charge: +2, trust: -1}", "effects: {trust: -1, charge: +2}")],
    ),
    Rule(
        "unknown-name-in-when",
        bad=[("when: charge >= 7", "when: chrage >= 7")],
        expected=[
            "bad.yaml:70:19: error: when 'chrage >= 7': unknown name 'chrage' -- did you mean 'charge'? [E401]",
        ],
        ok=[("when: charge >= 7", "when: charge >= 7 and turn > 1 and 'doorway' in visited and named_worry")],
    ),
    Rule(
        "unknown-flag-in-requires",
        bad=[("requires: named_worry", "requires: named_wory")],
        expected=[
            "bad.yaml:86:19: error: requires 'named_wory': unknown name 'named_wory' -- did you mean 'named_worry'? [E401]",
        ],
        ok=[("requires: named_worry", "requires: not named_worry")],
    ),
    Rule(
        "text-that-cannot-be-shown",
        bad=[("{{ speaker.name }} now", "{{ speaker.name + meters.charge }} now")],
        expected=[
            'bad.yaml:40:17: error: feedback.tone text cannot be shown: can only concatenate str (not "int") to str [E403]',
        ],
        ok=[("{{ speaker.name }} now", "{{ speaker.name }} ({{ meters.charge }}) now")],
    ),
    Rule(
        "text-too-long-to-show",
        bad=[("{{ speaker.name }} now", "{{ speaker.name * 100000 }} now")],
        expected=[
            "bad.yaml:40:17: error: feedback.tone text cannot be shown: that would build a string or list that is too long [E403]",
        ],
        ok=[("{{ speaker.name }} now", "{{ speaker.name * 3 }} now")],
    ),
    Rule(
        "unknown-name-in-text",
        bad=[("{{ speaker.name }} now", "{{ speakr.name }} now")],
        expected=[
            "bad.yaml:40:17: error: feedback.tone text: unknown name 'speakr' -- did you mean 'speaker'? [E402]",
        ],
        ok=[
            (
                "{{ speaker.name }} now",
                "{{ characters.sam.name }} ({{ meters.charge }}, was {{ before.charge }}; {{ flags.named_worry }}, turn {{ turn }}) now",
            )
        ],
    ),
    Rule(
        "unknown-attribute-in-text",
        bad=[("{{ speaker.name }} now", "{{ speaker.nmae }} now")],
        expected=[
            "bad.yaml:40:17: error: feedback.tone text: 'speaker' has no attribute 'nmae' -- did you mean 'name'? [E402]",
        ],
        ok=[("{{ speaker.name }} now", "{{ speaker.role }} now")],
    ),
    Rule(
        "unknown-attribute-in-when",
        bad=[("when: charge >= 7", "when: charge.value >= 7")],
        expected=[
            "bad.yaml:70:19: error: when 'charge.value >= 7': 'charge' has no attribute 'value' [E401]",
        ],
    ),
    Rule(
        "speaker-in-when",
        bad=[("when: charge >= 7", "when: speaker.name == 'Sam'")],
        expected=[
            "bad.yaml:70:19: error: when \"speaker.name == 'Sam'\": unknown name 'speaker' [E401]",
        ],
    ),
    Rule(
        "meters-prefix-in-when",
        bad=[("when: charge >= 7", "when: meters.charge >= 7")],
        expected=[
            "bad.yaml:70:19: error: when 'meters.charge >= 7': unknown name 'meters' -- did you mean 'charge'? [E401]",
        ],
    ),
    Rule(
        "bare-meter-in-text",
        bad=[("{{ speaker.name }} now", "{{ charge }} now")],
        expected=[
            "bad.yaml:40:17: error: feedback.tone text: unknown name 'charge' -- did you mean 'meters.charge'? [E402]",
        ],
        ok=[("{{ speaker.name }} now", "{{ meters.charge }} now")],
    ),
    Rule(
        "unknown-tone",
        bad=[("tone: calm", "tone: clam")],
        expected=[
            "bad.yaml:44:15: error: unknown tone 'clam' -- did you mean 'calm'? [E301]",
        ],
        ok=[("tone: calm", "tone: validating")],
    ),
    Rule(
        "unknown-cue",
        bad=[("nonverbal: [sigh]", "nonverbal: [sigh, shrug]")],
        expected=[
            "bad.yaml:96:27: error: unknown nonverbal cue 'shrug' [E301]",
        ],
        ok=[("nonverbal: [sigh]", "nonverbal: [sigh, eye_roll]")],
    ),
    Rule(
        "unknown-timing",
        bad=[("timing: late", "timing: lately")],
        expected=[
            "bad.yaml:53:17: error: unknown timing 'lately' -- did you mean 'late'? [E301]",
        ],
        ok=[("timing: late", "timing: rushed")],
    ),
    Rule(
        "unknown-technique",
        bad=[("        timing: late\n", "        timing: late\n        technique: validaton\n")],
        expected=[
            "bad.yaml:54:20: error: unknown technique 'validaton' -- did you mean 'validation'? [E301]",
        ],
        ok=[("        timing: late\n", "        timing: late\n        technique: validation\n")],
    ),
    Rule(
        "unknown-area",
        bad=[("area: role_dispute ", "area: role-dispute ")],
        expected=[
            "bad.yaml:4:7: error: unknown area 'role-dispute' -- did you mean 'role_dispute'? [E301]",
        ],
        ok=[("area: role_dispute ", "area: grief "), ("stage: impasse ", "# stage: impasse ")],
    ),
    Rule(
        "unknown-stage",
        bad=[("stage: impasse ", "stage: impase ")],
        expected=[
            "bad.yaml:5:8: error: unknown stage 'impase' -- did you mean 'impasse'? [E301]",
        ],
        ok=[("stage: impasse ", "stage: dissolution ")],
    ),
    Rule(
        "unknown-phase",
        bad=[("phase: middle", "phase: midle")],
        expected=[
            "bad.yaml:7:8: error: unknown phase 'midle' -- did you mean 'middle'? [E301]",
        ],
        ok=[("phase: middle", "phase: termination")],
    ),
    Rule(
        "unknown-perspective",
        bad=[("perspective: client ", "perspective: learner ")],
        expected=[
            "bad.yaml:8:14: error: unknown perspective 'learner' [E301]",
        ],
        ok=[("perspective: client ", "perspective: therapist ")],
    ),
    Rule(
        "unknown-delivery",
        bad=[("content_note:", "delivery: chose\ncontent_note:")],
        expected=[
            "bad.yaml:13:11: error: unknown delivery 'chose' -- did you mean 'choose'? [E301]",
        ],
        ok=[("content_note:", "delivery: choose\ncontent_note:")],
    ),
    Rule(
        "unknown-dimension-in-rating",
        bad=[("rating: {timing: poor}", "rating: {timng: poor}")],
        expected=[
            "bad.yaml:54:18: error: unknown dimension 'timng' in rating -- did you mean 'timing'? [E304]",
        ],
        ok=[("rating: {timing: poor}", "rating: {timing: poor, charge: mixed, tone: good, nonverbal: poor}")],
    ),
    Rule(
        "unknown-dimension-in-feedback",
        bad=[("          tone: A counter", "          tones: A counter")],
        expected=[
            "bad.yaml:40:11: error: unknown dimension 'tones' in feedback -- did you mean 'tone'? [E304]",
        ],
        ok=[("          tone: A counter", "          charge: A counter")],
    ),
    Rule(
        "unknown-rating",
        bad=[("rating: {timing: poor}", "rating: {timing: bad}")],
        expected=[
            "bad.yaml:54:26: error: unknown rating 'bad' [E301]",
        ],
        ok=[("rating: {timing: poor}", "rating: {timing: mixed}")],
    ),
    Rule(
        "unknown-outcome",
        bad=[("outcome: negative", "outcome: sad")],
        expected=[
            "bad.yaml:118:14: error: unknown outcome 'sad' [E301]",
        ],
        ok=[("outcome: negative", "outcome: mixed")],
    ),
    Rule(
        "unknown-pace",
        bad=[("pace: slow", "pace: slowly")],
        expected=[
            "bad.yaml:104:11: error: unknown pace 'slowly' -- did you mean 'slow'? [E301]",
        ],
        ok=[("pace: slow", "pace: normal")],
    ),
    # -- stage: required for role_dispute, refused otherwise -----------------------------
    Rule(
        "stage-missing",
        bad=[("stage: impasse ", "# stage: impasse ")],
        expected=[
            "bad.yaml:4:7: error: a role_dispute scenario needs a 'stage' (renegotiation, impasse or dissolution) [E210]",
        ],
        ok=[("stage: impasse ", "stage: renegotiation ")],
    ),
    Rule(
        "stage-misplaced",
        bad=[("area: role_dispute ", "area: grief ")],
        expected=[
            "bad.yaml:5:1: error: 'stage' is only for role_dispute scenarios; this one's area is 'grief' [E210]",
        ],
        ok=[("area: role_dispute ", "area: grief "), ("stage: impasse ", "# stage: impasse ")],
    ),
    # -- States, choices and next --------------------------------------------------------
    Rule(
        "state-with-choices-and-ending",
        bad=[
            (
                "    pace: slow\n    ending: renegotiating\n",
                "    pace: slow\n    ending: renegotiating\n    choices:\n      - id: stay\n        say: I am here.\n        tone: warm\n        nonverbal: []\n        timing: well_timed\n        next: walked-out\n",
            )
        ],
        expected=[
            "bad.yaml:105:5: error: state 'table' has both 'choices' and 'ending'; a state has one or the other [E216]",
        ],
    ),
    Rule(
        "state-with-neither",
        bad=[("    ending: impasse-deepens", "    # ending: impasse-deepens")],
        expected=[
            "bad.yaml:107:5: error: state 'walked-out' has neither 'choices' nor 'ending' [E216]",
        ],
    ),
    Rule(
        "state-with-empty-choices",
        bad=[("    ending: renegotiating", "    choices: []")],
        expected=[
            "bad.yaml:105:14: error: state 'table' has an empty list of choices; give at least one, or make it an ending [E217]",
        ],
    ),
    Rule(
        "duplicate-choice-id",
        bad=[("      - id: explain", "      - id: own-it")],
        expected=[
            "bad.yaml:93:13: error: duplicate choice id 'own-it' in state 'still-hot' (first at line 85) [E218]",
        ],
        ok=[("      - id: explain", "      - id: explain-2")],
    ),
    Rule(
        "choice-id-not-slug",
        bad=[("      - id: explain", "      - id: Explain!")],
        expected=[
            "bad.yaml:93:13: error: choice id 'Explain!' is not a slug (lowercase letters, digits, single - or _ between them) [E208]",
        ],
        ok=[("      - id: explain", "      - id: explain_2")],
    ),
    Rule(
        "state-id-not-slug",
        bad=[("  table:\n", "  Table:\n")],
        expected=[
            "bad.yaml:48:15: error: unknown state 'table' -- did you mean 'Table'? [E302]",
            "bad.yaml:72:19: error: unknown state 'table' -- did you mean 'Table'? [E302]",
            "bad.yaml:92:15: error: unknown state 'table' -- did you mean 'Table'? [E302]",
            "bad.yaml:100:3: error: id 'Table' in states is not a slug (lowercase letters, digits, single - or _ between them) [E208]",
        ],
    ),
    Rule(
        "ending-id-not-a-slug",
        bad=[("  impasse-deepens:\n", "  impasse--deepens:\n"), ("ending: impasse-deepens", "ending: impasse--deepens")],
        expected=[
            "bad.yaml:110:13: error: ending 'impasse--deepens' is not a slug (lowercase letters, digits, single - or _ between them) [E208]",
            "bad.yaml:116:3: error: id 'impasse--deepens' in endings is not a slug (lowercase letters, digits, single - or _ between them) [E208]",
        ],
        ok=[("  impasse-deepens:\n", "  impasse_deepens:\n"), ("ending: impasse-deepens", "ending: impasse_deepens")],
    ),
    Rule(
        "character-id-not-a-slug",
        bad=[("characters:\n", "characters:\n  Jo:\n    name: Jo\n    role: Sam's sister\n")],
        expected=[
            "bad.yaml:18:3: error: id 'Jo' in characters is not a slug (lowercase letters, digits, single - or _ between them) [E208]",
        ],
        ok=[("characters:\n", "characters:\n  jo:\n    name: Jo\n    role: Sam's sister\n")],
    ),
    Rule(
        "play-command-as-choice-id",
        bad=[("      - id: explain", "      - id: pause")],
        expected=[
            "bad.yaml:93:13: warning: choice id 'pause' is also a play command: players typing it get the command instead, so they must pick it by number; rename it [W106]",
        ],
        ok=[("      - id: explain", "      - id: pause-here")],
    ),
    Rule(
        "next-last-branch-with-when",
        bad=[("          - goto: table", "          - when: trust > 1\n            goto: table")],
        expected=[
            "bad.yaml:72:13: error: the last branch of next must have no 'when': it is taken when no other branch is [E220]",
        ],
    ),
    Rule(
        "next-earlier-branch-without-when",
        bad=[("          - when: charge >= 7\n            goto: still-hot", "          - goto: still-hot")],
        expected=[
            "bad.yaml:70:13: error: every branch of next but the last needs a 'when' [E220]",
        ],
    ),
    Rule(
        "next-empty-list",
        bad=[
            (
                "        next:\n          - when: charge >= 7\n            goto: still-hot\n          - goto: table",
                "        next: []",
            )
        ],
        expected=[
            "bad.yaml:69:15: error: next is an empty list; give a state id or at least one branch [E219]",
        ],
        ok=[
            (
                "        next:\n          - when: charge >= 7\n            goto: still-hot\n          - goto: table",
                "        next: [{goto: still-hot}]",
            )
        ],
    ),
    Rule(
        "next-mapping",
        bad=[("        next: walked-out\n  still-hot", "        next: {goto: walked-out}\n  still-hot")],
        expected=[
            "bad.yaml:79:15: error: next must be a state id or a list of branches, not a mapping [E201]",
        ],
        ok=[("        next: walked-out\n  still-hot", "        next: [{goto: walked-out}]\n  still-hot")],
    ),
    # -- Expressions (when, requires) and texts with {{ }} -------------------------------
    Rule(
        "expression-does-not-parse",
        bad=[("when: charge >= 7", "when: charge >=")],
        expected=[
            "bad.yaml:70:19: error: when 'charge >=': does not parse: unexpected 'end of template' [E401]",
        ],
    ),
    Rule(
        "text-does-not-parse",
        bad=[("{{ speaker.name }} now", "{{ speaker.name now")],
        expected=[
            "bad.yaml:40:17: error: feedback.tone text: does not parse: expected token 'end of print statement', got 'now' [E402]",
        ],
    ),
    Rule(
        "statement-in-text",
        bad=[("{{ speaker.name }} now", "{% for i in range(9) %}{{ i }}{% endfor %} now")],
        expected=[
            "bad.yaml:40:17: error: feedback.tone text: only {{ }} expressions are allowed in text; statements such as {% if %} or {% for %} are not [E402]",
        ],
    ),
    Rule(
        "call-in-expression",
        bad=[("requires: named_worry", "requires: lipsum()")],
        expected=[
            "bad.yaml:86:19: error: requires 'lipsum()': function and method calls are not allowed [E401]",
        ],
    ),
    Rule(
        "method-call-in-text",
        bad=[("{{ speaker.name }} now", "{{ speaker.name.upper() }} now")],
        expected=[
            "bad.yaml:40:17: error: feedback.tone text: function and method calls are not allowed [E402]",
        ],
        ok=[("{{ speaker.name }} now", "{{ speaker.name | upper }} now")],
    ),
    Rule(
        "underscore-name-in-expression",
        bad=[("when: charge >= 7", "when: _charge >= 7")],
        expected=[
            "bad.yaml:70:19: error: when '_charge >= 7': names starting with '_' are not allowed ('_charge') [E401]",
        ],
    ),
    Rule(
        "underscore-attribute-in-text",
        bad=[("{{ speaker.name }} now", "{{ speaker.__class__.__mro__ }} now")],
        expected=[
            "bad.yaml:40:17: error: feedback.tone text: names starting with '_' are not allowed ('speaker.__class__') [E402]",
        ],
    ),
    Rule(
        "filter-not-allowed-in-text",
        bad=[("{{ speaker.name }} now", "{{ speaker.name | safe }} now")],
        expected=[
            "bad.yaml:40:17: error: feedback.tone text: filter 'safe' is not allowed [E402]",
        ],
        ok=[("{{ speaker.name }} now", "{{ speaker.name | title }} now")],
    ),
    Rule(
        "filter-not-allowed-in-expression",
        bad=[("when: charge >= 7", "when: charge | attr('real') >= 7")],
        expected=[
            "bad.yaml:70:19: error: when \"charge | attr('real') >= 7\": filter 'attr' is not allowed [E401]",
        ],
        ok=[("when: charge >= 7", "when: charge | abs >= 7")],
    ),
    Rule(
        "test-not-allowed",
        bad=[("when: charge >= 7", "when: charge is callable")],
        expected=[
            "bad.yaml:70:19: error: when 'charge is callable': test 'callable' is not allowed [E401]",
        ],
        ok=[("when: charge >= 7", "when: charge is even")],
    ),
    Rule(
        "power-operator",
        bad=[("when: charge >= 7", "when: charge ** 2 >= 49")],
        expected=[
            "bad.yaml:70:19: error: when 'charge ** 2 >= 49': the power operator ** is not allowed [E401]",
        ],
        ok=[("when: charge >= 7", "when: charge * charge >= 49")],
    ),
    Rule(
        "empty-expression",
        bad=[("requires: named_worry", 'requires: ""')],
        expected=[
            "bad.yaml:86:19: error: requires '': the expression is empty [E401]",
        ],
    ),
    Rule(
        "expression-too-deep",
        bad=[("when: charge >= 7", "when: " + "(" * 120 + "charge" + ")" * 120 + " >= 7")],
        expected=[
            "bad.yaml:70:19: error: when '(((((((((((((((((((((((((((((((((((((((((((((((((((((((((...': it is nested too deeply to check; write it more simply [E401]",
        ],
        ok=[("when: charge >= 7", "when: (((charge))) >= 7")],
    ),
    Rule(
        "expression-too-long",
        bad=[("when: charge >= 7", "when: " + "charge + " * 120 + "0 >= 7")],
        expected=[
            "bad.yaml:70:19: error: when 'charge + charge + charge + charge + charge + charge + cha...': the expression is too long (1,086 characters; the limit is 1,000) [E401]",
        ],
    ),
    Rule(
        "text-too-long",
        bad=[("{{ speaker.name }} now", "{{ speaker.name }} now" + " and so on" * 2400)],
        expected=[
            "bad.yaml:40:17: error: feedback.tone text: a text with {{ }} may be 20,000 characters long; this one has 24,102 [E402]",
        ],
        ok=[("{{ speaker.name }} now", "{{ speaker.name }} now" + " and so on" * 1900)],
    ),
    Rule(
        "line-of-a-literal-block",
        bad=[
            (
                "    debrief: The row ended where it always ends. Go back to the first reply and try hearing the worry.",
                "    debrief: |\n      The row ended where it always ends.\n      {{ speaker.nmae }} left.",
            )
        ],
        expected=[
            "bad.yaml:121:7: error: debrief text: 'speaker' has no attribute 'nmae' -- did you mean 'name'? [E402]",
        ],
        ok=[
            (
                "    debrief: The row ended where it always ends. Go back to the first reply and try hearing the worry.",
                "    debrief: |\n      The row ended where it always ends.\n      {{ speaker.name }} left.",
            )
        ],
    ),
    # -- Meters, flags and names ---------------------------------------------------------
    Rule(
        "meter-start-above-max",
        bad=[("charge: {start: 6,", "charge: {start: 11,")],
        expected=[
            "bad.yaml:22:19: error: meter 'charge' starts at 11, outside [0, 10] [E214]",
        ],
        ok=[("charge: {start: 6,", "charge: {start: 10,")],
    ),
    Rule(
        "meter-start-below-min",
        bad=[("trust: {start: 4,", "trust: {start: -1,")],
        expected=[
            "bad.yaml:23:18: error: meter 'trust' starts at -1, outside [0, 10] [E214]",
        ],
        ok=[("trust: {start: 4,", "trust: {start: 0,")],
    ),
    Rule(
        "meter-min-above-max",
        bad=[("trust: {start: 4, min: 0, max: 10}", "trust: {start: 4, min: 10, max: 0}")],
        expected=[
            "bad.yaml:23:26: error: meter 'trust' has min 10 above max 0 [E214]",
        ],
        ok=[("trust: {start: 4, min: 0, max: 10}", "trust: {start: 4, min: 4, max: 4}")],
    ),
    Rule(
        "meter-min-above-max-with-flood",
        bad=[("charge: {start: 6, min: 0, max: 10, flood: 8}", "charge: {start: 6, min: 10, max: 0, flood: 8}")],
        expected=[
            "bad.yaml:22:27: error: meter 'charge' has min 10 above max 0 [E214]",
        ],
        ok=[("charge: {start: 6, min: 0, max: 10, flood: 8}", "charge: {start: 8, min: 8, max: 8, flood: 8}")],
    ),
    Rule(
        "flood-on-another-meter",
        bad=[("trust: {start: 4, min: 0, max: 10}", "trust: {start: 4, min: 0, max: 10, flood: 8}")],
        expected=[
            "bad.yaml:23:38: error: 'flood' is only for the charge meter, not 'trust' [E215]",
        ],
    ),
    Rule(
        "flood-out-of-range",
        bad=[("max: 10, flood: 8}", "max: 10, flood: 11}")],
        expected=[
            "bad.yaml:22:46: warning: flood 11 is outside [0, 10]: the charge can never reach it [W105]",
        ],
        ok=[("max: 10, flood: 8}", "max: 10, flood: 10}")],
    ),
    # -- format 1.1: windows, objectives, character cues ---------------------------------
    Rule(
        "window-upside-down",
        bad=[("charge: {start: 6, min: 0, max: 10, flood: 8}", "charge: {start: 6, min: 0, max: 10, flood: 8, window: [6, 3]}")],
        expected=["bad.yaml:22:57: error: charge.window [6, 3] has its low end above its high end [E214]"],
    ),
    Rule(
        "window-on-another-meter",
        bad=[("trust: {start: 4, min: 0, max: 10}", "trust: {start: 4, min: 0, max: 10, window: [1, 2]}")],
        expected=["bad.yaml:23:38: error: 'window' is only for the charge meter, not 'trust' [E215]"],
    ),
    Rule(
        "duplicate-objective-id",
        bad=[
            (
                "  - Hear the worry under the accusation\n",
                "  - {id: worry, text: Hear the worry, met: named_worry}\n  - {id: worry, text: Say it back}\n",
            )
        ],
        expected=["bad.yaml:16:10: error: duplicate objective id 'worry' (first at line 15) [E221]"],
        ok=[("  - Hear the worry under the accusation\n", "  - {id: worry, text: Hear the worry, met: named_worry}\n")],
    ),
    Rule(
        "objective-met-unknown-name",
        bad=[("  - Hear the worry under the accusation\n", "  - {id: worry, text: Hear the worry, met: named_wory}\n")],
        expected=["bad.yaml:15:44: error: met 'named_wory': unknown name 'named_wory' -- did you mean 'named_worry'? [E401]"],
    ),
    Rule(
        "cue-valence-out-of-range",
        bad=[
            ("    role: your partner of twelve years\n", "    role: your partner of twelve years\n    cues: {eye_contact: 3}\n")
        ],
        expected=["bad.yaml:21:25: error: cue valence 3 is outside -2..2 (-2 lands as rejection, 2 as care) [E222]"],
        ok=[
            ("    role: your partner of twelve years\n", "    role: your partner of twelve years\n    cues: {eye_contact: -1}\n")
        ],
    ),
    Rule(
        "meter-span-too-wide",
        bad=[("  trust: {start: 4, min: 0, max: 10}", "  trust: {start: 4, min: 0, max: 1099511627776}")],
        expected=[
            "bad.yaml:23:34: error: meter 'trust' spans 1,099,511,627,776 steps (0 to 1099511627776): the limit is 10,000 "
            "(max - min), so that every check stays quick; count in larger units [E223]"
        ],
        ok=[("  trust: {start: 4, min: 0, max: 10}", "  trust: {start: 4, min: 0, max: 10000}")],
    ),
    Rule(
        "control-character-in-text",
        bad=[("says: This is exactly what I mean.", 'says: "\\e]0;pwned\\a\\e[2J This is exactly what I mean."\n    thinks:')],
        expected=[
            "bad.yaml:59:11: error: text holds the control character U+001B, which could drive the learner's terminal "
            "(clear it, retitle it, hide words); remove it [E224]"
        ],
        ok=[("says: This is exactly what I mean.", "says: |\n      This is exactly\twhat I mean.\n    thinks:")],
    ),
    Rule(
        "unknown-assessment-item",
        bad=[
            (
                "        timing: interrupting\n",
                "        timing: interrupting\n        assess: [{item: risk_check, level: omitted}]\n",
            )
        ],
        expected=["bad.yaml:38:25: error: unknown assessment item 'risk_check' -- did you mean 'risk_recheck'? [E301]"],
        ok=[
            (
                "        timing: interrupting\n",
                "        timing: interrupting\n        assess: [{item: alliance, level: omitted, why: Hear the worry first.}]\n",
            )
        ],
    ),
    Rule(
        "reserved-meter-name",
        bad=[
            (
                "  trust: {start: 4, min: 0, max: 10}",
                "  trust: {start: 4, min: 0, max: 10}\n  visited: {start: 0, min: 0, max: 1}",
            )
        ],
        expected=[
            "bad.yaml:24:3: error: 'visited' is reserved for the simulator; choose another meter name [E213]",
        ],
        ok=[
            ("  trust: {start: 4, min: 0, max: 10}", "  trust: {start: 4, min: 0, max: 10}\n  visits: {start: 0, min: 0, max: 1}")
        ],
    ),
    Rule(
        "reserved-flag-name",
        bad=[("set: {named_worry: true}", "set: {named_worry: true, turn: true}")],
        expected=[
            "bad.yaml:68:34: error: 'turn' is reserved for the simulator; choose another flag name [E213]",
        ],
        ok=[("set: {named_worry: true}", "set: {named_worry: true, turned: true}")],
    ),
    Rule(
        "flag-named-like-a-meter",
        bad=[("set: {named_worry: true}", "set: {named_worry: true, trust: true}")],
        expected=[
            "bad.yaml:68:34: error: flag 'trust' has the same name as a meter; flags and meters need distinct names [E213]",
        ],
        ok=[("set: {named_worry: true}", "set: {named_worry: true, trusting: true}")],
    ),
    Rule(
        "meter-name-not-a-name",
        bad=[
            (
                "  trust: {start: 4, min: 0, max: 10}",
                "  trust: {start: 4, min: 0, max: 10}\n  Self-Worth: {start: 4, min: 0, max: 10}",
            )
        ],
        expected=[
            "bad.yaml:24:3: error: meter 'Self-Worth' is not a name (lowercase letters, digits and _, not starting with a digit) [E208]",
        ],
        ok=[
            (
                "  trust: {start: 4, min: 0, max: 10}",
                "  trust: {start: 4, min: 0, max: 10}\n  self_worth: {start: 4, min: 0, max: 10}",
            )
        ],
    ),
    Rule(
        "flag-name-not-a-name",
        bad=[("set: {named_worry: true}", "set: {named_worry: true, said-sorry: true}")],
        expected=[
            "bad.yaml:68:34: error: flag 'said-sorry' is not a name (lowercase letters, digits and _, not starting with a digit) [E208]",
        ],
        ok=[("set: {named_worry: true}", "set: {named_worry: true, said_sorry: true}")],
    ),
    Rule(
        "scenario-id-not-a-slug",
        bad=[("id: money-impasse", "id: money_impasse")],
        expected=[
            "bad.yaml:2:5: error: scenario id 'money_impasse' is not a slug (lowercase letters and digits, single - between them) [E208]",
        ],
        ok=[("id: money-impasse", "id: money-impasse-2")],
    ),
    Rule(
        "version-2",
        bad=[("version: 1", "version: 2")],
        expected=[
            "bad.yaml:1:10: error: unsupported version 2: this simulator reads version 1 [E209]",
        ],
    ),
    Rule(
        "no-characters",
        bad=[("characters:\n  sam:\n    name: Sam\n    role: your partner of twelve years\n", "characters: {}\n\n\n\n")],
        expected=[
            "bad.yaml:17:13: error: characters needs at least one character [E211]",
            "bad.yaml:27:14: error: unknown character 'sam' as speaker [E305]",
            "bad.yaml:58:14: error: unknown character 'sam' as speaker [E305]",
            "bad.yaml:81:14: error: unknown character 'sam' as speaker [E305]",
            "bad.yaml:101:14: error: unknown character 'sam' as speaker [E305]",
            "bad.yaml:107:14: error: unknown character 'sam' as speaker [E305]",
        ],
    ),
    Rule(
        "no-characters-after-another-error",
        bad=[
            ("title: The same argument about money", 'title: ""'),
            ("characters:\n  sam:\n    name: Sam\n    role: your partner of twelve years\n", "characters: {}\n\n\n\n"),
        ],
        expected=[
            "bad.yaml:3:8: error: title must not be empty [E204]",
            "bad.yaml:17:13: error: characters needs at least one character [E211]",
            "bad.yaml:27:14: error: unknown character 'sam' as speaker [E305]",
            "bad.yaml:58:14: error: unknown character 'sam' as speaker [E305]",
            "bad.yaml:81:14: error: unknown character 'sam' as speaker [E305]",
            "bad.yaml:101:14: error: unknown character 'sam' as speaker [E305]",
            "bad.yaml:107:14: error: unknown character 'sam' as speaker [E305]",
        ],
    ),
]


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_a_file_that_breaks_the_rule_gets_exactly_these_lines(
    rule: Rule, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(edited(rule.bad), "utf-8")
    result = validate("bad.yaml")
    assert shown(result) == rule.expected
    errors = any(": error: " in line for line in rule.expected)
    assert result.exit_code == (1 if errors else 0)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_a_file_that_keeps_to_the_rule_gets_none(rule: Rule, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("ok.yaml").write_text(edited(rule.ok), "utf-8")
    result = validate("ok.yaml")
    assert shown(result) == []
    assert result.exit_code == 0


def test_the_rules_cover_every_code_the_validator_has() -> None:
    """A new code in the validator needs a rule here, or a file in the malformed corpus
    (tests/test_malformed.py) if it is about a file that cannot be read at all."""
    sources = "".join(
        (REPO / "simulator" / name).read_text("utf-8") for name in ("validate.py", "reading.py", "yaml_source.py", "commands.py")
    )
    codes = set(re.findall(r'"([EW][1-4]\d\d)"', sources))
    lines = [line for r in RULES for line in r.expected] + [line for ls in FILE_RULES.values() for line in ls]
    lines += [*FIRST_LINES.values(), "too-many-problems.yaml:112:3: [E108]", "bad/draft-2.yaml:2:5: [E307]"]
    shown_here = {m for line in lines for m in re.findall(r"\[([EW]\d{3})\]$", line)}
    assert sorted(codes - shown_here) == []


# Files of their own: the empty file, and warnings about the graph, which need a small
# scenario whose every state but one is fine (these are lint-clean, so nothing is left out).
FILE_RULES = {
    "empty-file": [
        "bad.yaml:1:1: error: the file is empty: a scenario needs at least version, id, title, area, perspective, characters, meters, start, states and endings [E200]",
    ],
    "unreachable-state": ["bad.yaml:41:3: warning: state 'garden' cannot be reached from start 'kitchen' [W101]"],
    "unreachable-ending": ["bad.yaml:50:3: warning: ending 'relief' cannot be reached by any play [W102]"],
    "endless-state": [
        "bad.yaml:48:3: warning: no ending can be reached from state 'argue': a play that gets here never ends [W103]"
    ],
}


@pytest.mark.parametrize("rule", sorted(FILE_RULES))
def test_a_file_of_its_own_that_breaks_the_rule(rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / rule)
    result = validate("bad.yaml")
    assert result.stdout.splitlines() == FILE_RULES[rule]
    assert result.exit_code == (1 if ": error: " in result.stdout else 0)


@pytest.mark.parametrize("rule", sorted(FILE_RULES))
def test_a_file_of_its_own_that_keeps_to_the_rule(rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / rule)
    result = validate("ok.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "1 file checked: no problems\n")


def test_two_files_in_a_folder_with_one_id(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "duplicate-scenario-id")
    bad = validate("bad")
    assert bad.stdout.splitlines() == [
        "bad/draft-2.yaml:2:5: error: scenario id 'first-words' is already used by bad/draft-1.yaml:2 [E307]"
    ]
    assert (bad.exit_code, bad.stderr) == (1, "2 files checked: 1 error\n")
    ok = validate("ok")
    assert (ok.exit_code, ok.stdout, ok.stderr) == (0, "", "2 files checked: no problems\n")


def test_a_flood_of_problems_stops_after_a_hundred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past 100, more lines would bury the first ones (and each costs a did-you-mean)."""
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text(edited([("nonverbal: [sigh]", "nonverbal: [" + ", ".join(["shrug"] * 150) + "]")]), "utf-8")
    result = validate("bad.yaml")
    cols = [21 + 7 * i for i in range(101)]  # each "shrug, " is 7 characters
    assert result.stdout.splitlines() == [
        *(f"bad.yaml:96:{col}: error: unknown nonverbal cue 'shrug' [E301]" for col in cols[:100]),
        f"bad.yaml:96:{cols[100]}: error: more than 100 problems: stopped checking here [E108]",
    ]
    assert (result.exit_code, result.stderr) == (1, "1 file checked: 101 errors\n")


def test_warnings_have_no_limit_and_never_fail_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = (RULES_DIR / "unreachable-state" / "ok.yaml").read_text("utf-8")
    rooms = "".join(f"  room-{i}: {{speaker: dad, says: Nobody comes here., ending: closer}}\n" for i in range(120))
    Path("many.yaml").write_text(text.replace("endings:\n", rooms + "endings:\n"), "utf-8")
    result = validate("many.yaml")
    first = text[: text.index("endings:")].count("\n") + 1
    assert shown(result) == [
        f"many.yaml:{first + i}:3: warning: state 'room-{i}' cannot be reached from start 'kitchen' [W101]" for i in range(120)
    ]
    assert result.exit_code == 0


# -- The command: output formats, --strict, exit codes --------------------------------------


def test_every_problem_of_every_file_is_printed_with_a_count(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(edited([("tone: calm", "tone: clam"), ("timing: late", "timing: lately")]), "utf-8")
    shutil.copy(RULES_DIR / "unreachable-state" / "bad.yaml", "b.yaml")
    result = validate("a.yaml", "b.yaml")
    assert result.stdout.splitlines() == [
        "a.yaml:44:15: error: unknown tone 'clam' -- did you mean 'calm'? [E301]",
        "a.yaml:53:17: error: unknown timing 'lately' -- did you mean 'late'? [E301]",
        "b.yaml:41:3: warning: state 'garden' cannot be reached from start 'kitchen' [W101]",
    ]
    assert (result.exit_code, result.stderr) == (1, "2 files checked: 2 errors, 1 warning\n")


def test_json_format_is_a_list_of_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(edited([("tone: calm", "tone: clam")]), "utf-8")
    shutil.copy(RULES_DIR / "unreachable-state" / "bad.yaml", "b.yaml")
    result = validate("--format", "json", "a.yaml", "b.yaml")
    assert json.loads(result.stdout) == [
        {
            "file": "a.yaml",
            "line": 44,
            "col": 15,
            "severity": "error",
            "code": "E301",
            "message": "unknown tone 'clam' -- did you mean 'calm'?",
        },
        {
            "file": "b.yaml",
            "line": 41,
            "col": 3,
            "severity": "warning",
            "code": "W101",
            "message": "state 'garden' cannot be reached from start 'kitchen'",
        },
    ]
    assert (result.exit_code, result.stderr) == (1, "")


def test_json_format_of_a_clean_file_is_an_empty_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "unreachable-state")
    result = validate("--format", "json", "ok.yaml")
    assert (result.exit_code, json.loads(result.stdout), result.stderr) == (0, [], "")


def test_warnings_alone_pass_but_are_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "unreachable-state")
    result = validate("bad.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "bad.yaml:41:3: warning: state 'garden' cannot be reached from start 'kitchen' [W101]\n",
        "1 file checked: 1 warning\n",
    )


def test_strict_turns_warnings_into_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(RULES_DIR / "unreachable-state")
    result = validate("--strict", "bad.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "bad.yaml:41:3: warning: state 'garden' cannot be reached from start 'kitchen' [W101]\n",
        "1 file checked: 1 warning\n",
    )
    clean = validate("--strict", "ok.yaml")
    assert (clean.exit_code, clean.stdout, clean.stderr) == (0, "", "1 file checked: no problems\n")


def test_no_path_is_a_usage_error() -> None:
    result = validate()
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "Usage: ipt-sim validate [OPTIONS] PATHS...\nTry 'ipt-sim validate --help' for help.\n\nError: Missing argument 'PATHS...'.\n",
    )


def test_a_missing_path_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = validate("nowhere.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "Usage: ipt-sim validate [OPTIONS] PATHS...\nTry 'ipt-sim validate --help' for help.\n\n"
        "Error: Invalid value for 'PATHS...': Path 'nowhere.yaml' does not exist.\n",
    )


# -- The parse cache never serves a stale answer ---------------------------------------------


def cache_entries() -> list[Path]:
    return sorted(Path(os.environ["IPT_SIM_CACHE_DIR"]).glob("*.json"))


def test_an_unchanged_file_gives_the_same_output_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(edited([("tone: calm", "tone: clam")]), "utf-8")
    first = validate("a.yaml")
    [entry] = cache_entries()
    written = entry.stat().st_mtime_ns
    second = validate("a.yaml")
    assert (second.exit_code, second.stdout, second.stderr) == (first.exit_code, first.stdout, first.stderr)
    assert second.stdout == "a.yaml:44:15: error: unknown tone 'clam' -- did you mean 'calm'? [E301]\n"
    assert cache_entries() == [entry] and entry.stat().st_mtime_ns == written  # served, not parsed again


def test_an_edited_file_is_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same size and same modification time: only the content tells the edit apart."""
    monkeypatch.chdir(tmp_path)
    path = Path("a.yaml")
    path.write_text(edited([("tone: calm", "tone: clam")]), "utf-8")
    assert validate("a.yaml").stdout == "a.yaml:44:15: error: unknown tone 'clam' -- did you mean 'calm'? [E301]\n"
    stamp = path.stat()
    path.write_text(edited([("tone: calm", "tone: calx")]), "utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size
    assert validate("a.yaml").stdout == "a.yaml:44:15: error: unknown tone 'calx' -- did you mean 'calm'? [E301]\n"
    path.write_text(edited([]), "utf-8")
    fixed = validate("a.yaml")
    assert (fixed.exit_code, shown(fixed)) == (0, [])


def test_a_cached_answer_names_the_file_it_is_given_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(edited([("tone: calm", "tone: clam")]), "utf-8")
    validate("a.yaml")
    shutil.copy("a.yaml", "b.yaml")
    assert validate("b.yaml").stdout == "b.yaml:44:15: error: unknown tone 'clam' -- did you mean 'calm'? [E301]\n"


def test_a_damaged_cache_entry_is_not_believed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(edited([("tone: calm", "tone: clam")]), "utf-8")
    first = validate("a.yaml")
    [entry] = cache_entries()
    entry.write_text('{"diagnostics": [{"line": 1}]', "utf-8")
    again = validate("a.yaml")
    assert (again.exit_code, again.stdout) == (first.exit_code, first.stdout)


def test_a_file_named_twice_is_checked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: the same file twice (or through its folder) is not its own duplicate id."""
    monkeypatch.chdir(tmp_path)
    Path("a.yaml").write_text(EXAMPLE.read_text("utf-8"), "utf-8")
    result = CliRunner().invoke(cli, ["validate", "--strict", "--ignore", "W207", "a.yaml", "a.yaml", "."])
    assert (result.exit_code, result.output) == (0, "1 file checked: no problems\n")


def test_a_folder_with_no_scenarios_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.endswith(f"Error: no .yaml or .yml files under {tmp_path}\n")
