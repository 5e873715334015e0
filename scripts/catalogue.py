"""Generate the scenario catalogue: ``python scripts/catalogue.py > docs/catalogue.md``.

Ids, titles, stage, phase, perspective and objectives come from the bundled scenario
files; the one-line "what it practises" sentence is written here, and every bundled
scenario must have one. The README carries the same tables (tests/test_catalogue.py
keeps both in step with the files)."""

from __future__ import annotations

import sys
from pathlib import Path

from simulator.library import bundled_dir, iter_files, load
from simulator.model import AREAS

PRACTISES = {
    "talking-to-dad": "Sharing your own grief with a parent who keeps busy, so he doesn't have to go first.",
    "therapist-complicated-grief": "Staying with a widower's guilt and anger at his wife, so he can remember all of her rather than a saint.",
    "therapist-delayed-grief": "Linking low mood to a brother's death that was never grieved, with a calm safety check when she says 'what's the point'.",
    "therapist-termination": "Ending therapy as a goodbye in its own right: hearing the loss, letting the client own his gains, and planning for anniversaries.",
    "therapist-first-steps": "Using what happens in the room with an isolated client, checking safety, and agreeing one small step she chooses.",
    "friend-dissolution": "Ending a long friendship and business partnership with dignity: saying what it meant, without a last round of blame.",
    "mother-impasse": "Stepping out of an old argument with a critical mother and answering the care inside the criticism.",
    "partner-renegotiation": "Asking a partner to share the load by opening with your own need and acknowledging what he has given up.",
    "therapist-communication-analysis": "Replaying one row line by line, finding the gap between what was meant and what was heard, and rehearsing another way.",
    "therapist-decision-analysis": "Widening two bad options into several, weighing them in the client's terms, and handing 'What would you do?' back.",
    "therapist-identify-dispute": "Hearing the hurt under a father's anger, naming both sides' expectations, and calling the stage an impasse.",
    "job-loss-sibling": "Telling a successful sister about losing your job and asking for support rather than a plan.",
    "new-parent-partner": "Telling a partner how lost you feel as a new parent, with your body matching your words, and asking for one specific thing.",
    "therapist-diagnosis": "Helping a client grieve her healthy self after an MS diagnosis, checking safety, and rehearsing a true request to her manager.",
    "therapist-initial-inventory": "A first session: the sick role, an interpersonal inventory, linking mood to a move, and agreeing a focus together.",
    "therapist-retirement": "Mourning a working life, the good and the bad, before appraising retirement and reaching towards one person.",
    "therapist-risk-yes": "When the answer is yes: asking about plan, means, intent and what keeps him alive, a safety plan made together, and escalation agreed openly.",
    "therapist-initial-phase": "A whole initial phase: symptom review, diagnosis, a sick role in the family's own terms, inventory, formulation, a chosen focus and a contract.",
    "therapist-middle-opening": "Opening a middle session with the week, linking a mood dip to one incident, analysing it, and holding the focus when the client drifts.",
    "therapist-non-responder": "Ending with a client who did not get better: naming non-response without blame, crediting what he did, and planning what comes next.",
    "therapist-role-play": "A real role play in the room: several takes, playing the feared reply, swapping chairs, and debriefing feeling and skill each time.",
    "therapist-partner-dissolution": "Screening for coercive control before any rehearsal, planning safety first, and mourning a marriage the client decides to leave.",
    "therapist-perinatal": "Postnatal IPT: telling intrusive thoughts from red flags without alarm, a sick role with a newborn, and bringing the partner in.",
    "therapist-adolescent": "IPT-A: the limits of confidentiality in a teenager's words, his view first, a risk check, and a negotiation rehearsed before his nan joins.",
}

AREA_TITLES = {a: a.replace("_", " ").capitalize() for a in AREAS}


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def main(root: Path) -> str:
    scenarios = [load(f) for f in iter_files([root])]
    ids = {s.id for s in scenarios}
    missing, stale = ids - PRACTISES.keys(), PRACTISES.keys() - ids
    if missing or stale:
        sys.exit(f"practises sentences out of step: missing {sorted(missing)}, unknown {sorted(stale)}")
    out = [
        "# Scenario catalogue",
        "",
        f"The {len(scenarios)} scenarios that come with ipt-sim, by IPT problem area. Play one with",
        "`ipt-sim play ID`; `ipt-sim list` shows the same list. *Client* scenarios rehearse a",
        "conversation of your own; in *therapist* scenarios you play the IPT therapist.",
        "",
        "<!-- Generated from the scenario files; do not edit by hand. -->",
    ]
    for area in AREAS:
        group = sorted((s for s in scenarios if s.area == area), key=lambda s: s.id)
        if not group:
            continue
        out += ["", f"## {AREA_TITLES[area]}", ""]
        out += [
            "| id | title | stage | phase | perspective | objectives | what it practises |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for s in group:
            objectives = "<br>".join(f"• {cell(o.text)}" for o in s.objectives)
            out.append(
                f"| `{s.id}` | {cell(s.title)} | {s.stage or '–'} | {s.phase} | {s.perspective} "
                f"| {objectives} | {cell(PRACTISES[s.id])} |"
            )
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_dir()
    sys.stdout.write(main(root))
