"""The scenario format as data: every object, its keys, their kinds and what they mean.

One table drives three things, so they cannot drift apart: the validator's checks for
unknown and missing keys (with "did you mean"), the JSON Schema that editors use
(:mod:`simulator.schema`), and the key tables in docs/format.md (a test compares them).
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.model import (
    AREAS,
    DELIVERIES,
    DIMENSIONS,
    LEVELS,
    NEEDS,
    OUTCOMES,
    PACES,
    PERSPECTIVES,
    PHASES,
    RATINGS,
    STAGES,
)

SCENARIO_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
SLUG = r"^[a-z0-9]+([-_][a-z0-9]+)*$"
IDENT = r"^[a-z_][a-z0-9_]*$"
# A meter holds at most this many steps (max - min): every analysis (lint, explore) is then
# bounded, and a conversation meter needs far fewer; a budget of 0..10,000 still fits.
MAX_METER_SPAN = 10_000


@dataclass(frozen=True, slots=True)
class Key:
    """One key of an object: ``kind`` names a shape the validator and schema both know."""

    name: str
    kind: str
    doc: str
    required: bool = False
    values: tuple[str, ...] = ()  # for kind "enum"
    of: str = ""  # for kinds that hold other objects or catalog ids


SCENARIO = (
    Key("version", "version", "Format version; always 1 for this format.", True),
    Key("id", "scenario_id", "The scenario's id: a lowercase slug (letters, digits, single hyphens), unique in a library.", True),
    Key("title", "text", "A short title shown in lists.", True),
    Key("area", "enum", "The IPT problem area.", True, AREAS),
    Key("stage", "enum", "The stage of a role dispute; required for role_dispute, not allowed otherwise.", False, STAGES),
    Key("phase", "enum", "The phase of treatment (default middle).", False, PHASES),
    Key(
        "perspective",
        "enum",
        "client: you rehearse your own conversation; therapist: you play the therapist.",
        True,
        PERSPECTIVES,
    ),
    Key("summary", "text", "Two or three sentences shown before play."),
    Key("content_note", "text", "Shown before play starts, with a consent step, when the content may be distressing."),
    Key("objectives", "objectives", "What the learner should practise: text, or {id, text, met} to check it."),
    Key("delivery", "enum", "choose: after the words, the learner also picks tone and cues (default fixed).", False, DELIVERIES),
    Key("support", "catalog_list", "Kinds of help every ending signposts beside the crisis line.", False, of="support"),
    Key("free_text", "bool", "true: the learner may type replies in their own words, matched to the choices (default false)."),
    Key("characters", "map", "The people in the conversation, by id.", True, of="character"),
    Key("meters", "map", "Integer meters by name; charge is required.", True, of="meter"),
    Key("start", "ref", "The id of the first state.", True, of="state"),
    Key("states", "map", "The moments of the conversation, by id.", True, of="state"),
    Key("endings", "map", "How the conversation can end, by id.", True, of="ending"),
)
CHARACTER = (
    Key("name", "text", "The name shown when this character speaks.", True),
    Key("role", "text", "Who they are to the player, e.g. 'your partner of twelve years'.", True),
    Key("cues", "cue_valences", "Cue id -> how it lands with this person (-2..2), overriding the catalog."),
)
METER = (
    Key("start", "int", "The value at the start.", True),
    Key("min", "int", "The lowest value; effects are clamped to it.", True),
    Key("max", "int", "The highest value; effects are clamped to it.", True),
    Key("flood", "int", "charge only: at or above this the other person is flooded (default 8)."),
    Key("window", "window", "charge only: [LO, HI], the range of feeling to work in (min <= LO <= HI < flood)."),
    Key("recovery", "int", "charge only: while flooded, one turn can lower the charge by at most this much."),
)
STATE = (
    Key("speaker", "ref", "The id of the character who speaks.", True, of="character"),
    Key("says", "text", "What they say.", True),
    Key("nonverbal", "text", "What they show: posture, face, voice."),
    Key("pace", "enum", "How soon a reply should come (default normal).", False, PACES),
    Key("coach", "text", "A hint shown in coach mode only."),
    Key("thinks", "text", "What the speaker is thinking but not saying; shown in coach mode only."),
    Key("delivery", "enum", "Overrides the scenario's delivery for this state.", False, DELIVERIES),
    Key("window", "window", "[LO, HI]: this moment's affect window, instead of the charge meter's."),
    Key("needs", "enum", "What the moment needs from the voice; tone is rated against it.", False, NEEDS),
    Key("choices", "list", "What the player can answer; a state has choices or an ending, never both.", of="choice"),
    Key("ending", "ref", "The id of the ending this state closes on.", of="ending"),
)
CHOICE = (
    Key("id", "slug", "Unique within its state.", True),
    Key("say", "text", "The words; an empty string is a deliberate silence.", True),
    Key("tone", "catalog", "One tone id.", True, of="tone"),
    Key("nonverbal", "catalog_list", "Cue ids, may be empty.", True, of="nonverbal"),
    Key("timing", "catalog", "One timing id.", True, of="timing"),
    Key("next", "next", "A state id, or a list of {when, goto} branches (the last without when).", True),
    Key("effects", "effects", "Meter name -> signed integer added to it, clamped to its bounds."),
    Key("set", "flags", "Flag name -> true/false, applied after effects."),
    Key("requires", "expression", "Offered only when this expression is true."),
    Key("rating", "ratings", "Dimension -> good | mixed | poor, overriding the derived rating."),
    Key("feedback", "feedbacks", "Dimension -> text shown instead of the catalog's feedback."),
    Key("technique", "catalog", "The IPT technique this choice uses (therapist perspective).", False, of="technique"),
    Key("tones", "catalog_list", "delivery: choose -- other tones the learner may pick.", False, of="tone"),
    Key("cues", "catalog_list", "delivery: choose -- other cues the learner may pick.", False, of="nonverbal"),
    Key("examples", "text_list", "Other ways of saying the same, used to match replies the learner types (free mode)."),
    Key("assess", "list", "What this reply does of the assessment items, and how well.", of="assessment"),
    Key("problem", "catalog", "The IPT communication problem this reply shows.", False, of="problem"),
)
ASSESSMENT = (
    Key("item", "catalog", "An assessment item id.", True, of="item"),
    Key("level", "enum", "How well this reply does it.", True, LEVELS),
    Key("why", "template", "Why, for misapplied and omitted: what to do instead; may use {{ }}."),
)
OBJECTIVE = (
    Key("id", "slug", "The objective's id, unique among the objectives.", True),
    Key("text", "text", "What the learner should practise, shown before play.", True),
    Key("met", "expression", "True when the objective is met, evaluated when the session ends."),
)
BRANCH = (
    Key("when", "expression", "Taken when true; every branch but the last has one."),
    Key("goto", "ref", "The state to go to.", True, of="state"),
)
ENDING = (
    Key("title", "text", "The ending's title.", True),
    Key("outcome", "enum", "positive | mixed | negative.", True, OUTCOMES),
    Key("debrief", "template", "What the learner reads at the end; may use {{ }}.", True),
)

OBJECTS: dict[str, tuple[Key, ...]] = {
    "scenario": SCENARIO,
    "character": CHARACTER,
    "meter": METER,
    "state": STATE,
    "choice": CHOICE,
    "branch": BRANCH,
    "ending": ENDING,
    "assessment": ASSESSMENT,
    "objective": OBJECTIVE,
}

__all__ = ["DIMENSIONS", "IDENT", "OBJECTS", "RATINGS", "SLUG", "Key"]
