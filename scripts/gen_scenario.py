"""Generate a large, valid scenario for benchmarks: N states, two meters, loops.

Usage: python scripts/gen_scenario.py N > big.yaml

Each state offers three choices; one loops back a few states, one branches on a
meter, one moves forward. The last states are endings, each reachable (the last
state's "back" leads to the third), so ``ipt-sim validate --strict`` passes. The shape
is regular on purpose so timings compare across runs.
"""

from __future__ import annotations

import sys

TONES = ("calm", "defensive", "warm")
CUES = ("[eye_contact]", "[arms_crossed, raised_voice]", "[soft_voice, nod]")


def generate(n: int, scenario_id: str | None = None) -> str:
    """Return the YAML text of a valid scenario with ``n`` states (n >= 4).

    ``scenario_id`` defaults to ``generated-N``; give distinct ids to build a library.
    """
    if n < 4:
        raise ValueError("need at least 4 states")
    n_endings = 3
    body = n - n_endings
    out = [
        "version: 1",
        f"id: {scenario_id or f'generated-{n}'}",
        f"title: Generated scenario with {n} states",
        "area: role_dispute",
        "stage: impasse",
        "perspective: client",
        "summary: A long generated conversation for benchmarks.",
        "objectives: [Reach the end]",
        "characters:",
        "  sam: {name: Sam, role: a generated partner}",
        "meters:",
        "  charge: {start: 5, min: 0, max: 10, flood: 8}",
        "  trust: {start: 5, min: 0, max: 10}",
        "start: s0",
        "states:",
    ]
    for i in range(body):
        fwd = f"s{i + 1}" if i + 1 < body else "e0"
        back = f"s{max(0, i - 3)}" if i + 1 < body else "e2"  # the last state gives up: e2
        alt = f"s{i + 2}" if i + 2 < body else "e1"
        out += [
            f"  s{i}:",
            "    speaker: sam",
            f"    says: This is line {i}. Are you listening to me?",
            "    nonverbal: jaw tight, arms folded",
            "    pace: normal",
            "    choices:",
            "      - id: forward",
            f"        say: I hear you. Tell me more about point {i}.",
            f"        tone: {TONES[i % 3]}",
            f"        nonverbal: {CUES[i % 3]}",
            "        timing: well_timed",
            "        effects: {charge: -1, trust: +1}",
            f"        next: {fwd}",
            "      - id: back",
            "        say: We've been over this.",
            "        tone: irritated",
            "        nonverbal: [sigh]",
            "        timing: premature",
            "        effects: {charge: +1}",
            "        set: {went_back: true}",
            f"        next: {back}",
            "      - id: branch",
            "        requires: trust >= 2 or not went_back",
            "        say: Can we slow down?",
            "        tone: tentative",
            "        nonverbal: [pause]",
            "        timing: pause",
            "        feedback:",
            "          tone: Slowing down gives {{ speaker.name }} room.",
            "        next:",
            "          - when: charge >= 8",
            f"            goto: {back}",
            f"          - goto: {alt}",
        ]
    outcomes = ("positive", "mixed", "negative")
    for j in range(n_endings):
        out += [f"  e{j}:", "    speaker: sam", "    says: That's where we leave it.", f"    ending: end{j}"]
    out.append("endings:")
    for j in range(n_endings):
        out += [
            f"  end{j}:",
            f"    title: Ending {j}",
            f"    outcome: {outcomes[j]}",
            "    debrief: The generated conversation is over.",
        ]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
