"""Positioned YAML tree -> a typed :class:`Scenario`, and every problem found on the way.

Three layers: the reading primitives (:mod:`simulator.reading`), the object readers here
(one function per object of :data:`simulator.spec.OBJECTS`), then the checks that need the
whole file (references, expressions and texts, rendering, the graph).

The reader never stops at the first problem: each check records a diagnostic and carries
on with what it can, so a course leader sees the whole list at once (up to
``MAX_PROBLEMS``: past that, a flood of messages hides the first, and costs time).
References are checked against the names *written* in the file, so one bad meter or
character does not make every use of it an error too. Expressions and templates are
checked after the walk, when every meter and flag name is known. Graph warnings
(unreachable states, unreachable endings, dead ends) come last.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, TypeVar

from simulator import catalogs
from simulator.errors import Diagnostic
from simulator.expressions import Scope, check_expression, check_template, condition_scope, render_error, suggest, template_scope
from simulator.model import (
    DIMENSIONS,
    LEVELS,
    NEEDS,
    PLAY_COMMANDS,
    RATINGS,
    RESERVED_NAMES,
    Assess,
    Branch,
    Character,
    Choice,
    Ending,
    Meter,
    Objective,
    Pos,
    Scenario,
    State,
)
from simulator.reach import can_end, reached_states
from simulator.reading import IDENT_RX, SCENARIO_ID_RX, SLUG_RX, Reader, TooMany, freeze, kind_of
from simulator.spec import MAX_METER_SPAN, OBJECTS
from simulator.yaml_source import (
    YMap,
    YNode,
    YScalar,
    YSeq,
    compose,
    decode,
)

T = TypeVar("T")


def read_scenario(root: YNode | None, file: str, reported: int = 0) -> tuple[Scenario | None, list[Diagnostic]]:
    """Build the scenario from a composed tree; ``None`` when there are errors.

    ``reported`` counts the problems already found in the file, towards ``MAX_PROBLEMS``.
    """
    r = Reader(file, reported)
    try:
        return _read(r, root, file), r.diags
    except TooMany:
        return None, r.diags


def _read(r: Reader, root: YNode | None, file: str) -> Scenario | None:
    if root is None:
        r.diags.append(
            Diagnostic(
                file,
                1,
                1,
                "error",
                "E200",
                "the file is empty: a scenario needs at least version, id, title, area, perspective, characters, meters, start, states and endings",
            )
        )
        return None
    top = r.mapping(root, "a scenario file")
    if top is None:
        return None
    e = r.keys(top, "scenario", "the scenario")
    cat = catalogs.load()

    def get(name: str, read: Callable[[YNode], T | None]) -> T | None:
        entry = e.get(name)
        return read(entry[1]) if entry else None

    version = get("version", lambda n: r.integer(n, "version"))
    if version is not None and version != 1:
        r.error(e["version"][1], "E209", f"unsupported version {version}: this simulator reads version 1")
    sid = get(
        "id",
        lambda n: r.pattern(n, "scenario id", SCENARIO_ID_RX, "a slug (lowercase letters and digits, single - between them)"),
    )
    title = get("title", lambda n: r.text(n, "title", allow_empty=False))
    area = get("area", lambda n: r.one_of(n, "area", _values("scenario", "area")))
    stage = get("stage", lambda n: r.one_of(n, "stage", _values("scenario", "stage")))
    if area == "role_dispute" and "stage" not in e:
        r.error(e["area"][1], "E210", "a role_dispute scenario needs a 'stage' (renegotiation, impasse or dissolution)")
    elif area is not None and area != "role_dispute" and "stage" in e:
        r.error(e["stage"][0], "E210", f"'stage' is only for role_dispute scenarios; this one's area is '{area}'")
    phase = get("phase", lambda n: r.one_of(n, "phase", _values("scenario", "phase"))) or "middle"
    perspective = get("perspective", lambda n: r.one_of(n, "perspective", _values("scenario", "perspective")))
    summary = get("summary", lambda n: r.text(n, "summary")) or ""
    content_note = get("content_note", lambda n: r.text(n, "content_note")) or ""
    objectives = _objectives(r, get("objectives", lambda n: r.items(n, "objectives")) or [])
    support = get(
        "support", lambda n: tuple(t for t in (r.one_of(i, "support topic", cat.support) for i in r.items(n, "support")) if t)
    )
    delivery = get("delivery", lambda n: r.one_of(n, "delivery", _values("scenario", "delivery"))) or "fixed"
    free_text = bool(get("free_text", lambda n: r.boolean(n, "free_text")))

    characters = get("characters", lambda n: r.each(n, "characters", lambda cid, k, v: _character(r, cid, k, v))) or {}
    if "characters" in e and isinstance(e["characters"][1], YMap) and not e["characters"][1].entries:
        r.error(e["characters"][1], "E211", "characters needs at least one character")
    meters = get("meters", lambda n: r.each(n, "meters", lambda name, k, v: _meter(r, name, k, v), slugs=False)) or {}
    meter_names = _names(e, "meters")
    if "meters" in e and isinstance(e["meters"][1], YMap) and "charge" not in e["meters"][1].entries:
        r.error(e["meters"][0], "E212", "meters needs 'charge': the other person's emotional charge, judged every turn")

    flags = _flags(r, e, meter_names)

    states = get("states", lambda n: r.each(n, "states", lambda st, k, v: _state(r, cat, st, k, v, meter_names))) or {}
    endings = get("endings", lambda n: r.each(n, "endings", lambda en, k, v: _ending(r, en, v))) or {}
    start = get("start", lambda n: r.slug(n, "start"))
    if start is not None and "states" in e and isinstance(e["states"][1], YMap) and start not in e["states"][1].entries:
        r.error(e["start"][1], "E302", f"start names no state: '{start}'{suggest(start, states)}")

    _check_references(r, e, characters, states, endings)
    _check_sources(r, _names(e, "characters"), meter_names, flags)

    if r.failed:
        return None
    assert sid and title and area and perspective and start and version
    scenario = Scenario(
        version=version, id=sid, title=title, area=area, stage=stage, phase=phase, perspective=perspective,
        summary=summary, content_note=content_note, objectives=objectives, characters=freeze(characters),
        meters=freeze(meters), flags=frozenset(flags), start=start, states=freeze(states),
        endings=freeze(endings), delivery=delivery, support=support or (), free_text=free_text,  # type: ignore[arg-type]
        key_pos=freeze({name: Pos(k.line, k.col) for name, (k, _v) in e.items()}),
    )  # fmt: skip
    _check_rendering(r, scenario)
    if r.failed:
        return None
    _graph_warnings(r, scenario, e)
    return scenario


def _flags(r: Reader, e: dict[str, tuple[YScalar, YNode]], meter_names: Collection[str]) -> dict[str, YScalar]:
    """Flags are declared by being set: collected from the raw tree before choices' expressions are read."""
    flags: dict[str, YScalar] = {}
    states_node = e.get("states", (None, None))[1]
    state_nodes = [n for _k, n in states_node.entries.values()] if isinstance(states_node, YMap) else []
    for snode in state_nodes:
        choices = snode.entries.get("choices") if isinstance(snode, YMap) else None
        for c in choices[1].items if choices and isinstance(choices[1], YSeq) else []:
            sets = c.entries.get("set") if isinstance(c, YMap) else None
            for fname, (fkey, _v) in sets[1].entries.items() if sets and isinstance(sets[1], YMap) else []:
                flags.setdefault(fname, fkey)
    for fname, fkey in flags.items():
        if fname in meter_names:
            r.error(fkey, "E213", f"flag '{fname}' has the same name as a meter; flags and meters need distinct names")
        elif fname in RESERVED_NAMES:
            r.error(fkey, "E213", f"'{fname}' is reserved for the simulator; choose another flag name")
        elif not IDENT_RX.match(fname):
            r.error(fkey, "E208", f"flag '{fname}' is not a name (lowercase letters, digits and _, not starting with a digit)")
    return flags


def _names(top: dict[str, tuple[YScalar, YNode]], key: str) -> Collection[str]:
    """The ids written under a top-level mapping, whether or not each could be read."""
    node = top.get(key, (None, None))[1]
    return node.entries.keys() if isinstance(node, YMap) else ()


def _values(obj: str, key: str) -> tuple[str, ...]:
    return next(k.values for k in OBJECTS[obj] if k.name == key)


def _character(r: Reader, cid: str, key: YScalar, node: YNode) -> Character | None:
    m = r.mapping(node, f"character '{cid}'")
    if m is None:
        return None
    e = r.keys(m, "character", f"character '{cid}'")
    name = r.text(e["name"][1], "name", allow_empty=False) if "name" in e else None
    role = r.text(e["role"][1], "role") if "role" in e else None
    cues: dict[str, int] = {}
    if "cues" in e and (cm := r.mapping(e["cues"][1], f"cues of character '{cid}'")) is not None:
        known = catalogs.load().cues
        for cue, (k, v) in cm.entries.items():
            if cue not in known:
                r.error(k, "E301", f"unknown nonverbal cue '{cue}'{suggest(cue, known)}")
            valence = r.integer(v, f"how '{cue}' lands with '{cid}'")
            if valence is not None and not -2 <= valence <= 2:
                r.error(v, "E222", f"cue valence {valence} is outside -2..2 (-2 lands as rejection, 2 as care)")
            elif valence is not None:
                cues[cue] = valence
    if name is None or role is None:
        return None
    return Character(cid, name, role, Pos(key.line, key.col), freeze(cues))


def _meter(r: Reader, name: str, key: YScalar, node: YNode) -> Meter | None:
    if name in RESERVED_NAMES:
        r.error(key, "E213", f"'{name}' is reserved for the simulator; choose another meter name")
    elif not IDENT_RX.match(name):
        r.error(key, "E208", f"meter '{name}' is not a name (lowercase letters, digits and _, not starting with a digit)")
    m = r.mapping(node, f"meter '{name}'")
    if m is None:
        return None
    e = r.keys(m, "meter", f"meter '{name}'")
    vals = {k: r.integer(e[k][1], f"{name}.{k}") for k in ("start", "min", "max", "flood") if k in e}
    lo, hi, start, flood = vals.get("min"), vals.get("max"), vals.get("start"), vals.get("flood")
    if lo is not None and hi is not None and lo > hi:
        r.error(e["min"][1], "E214", f"meter '{name}' has min {lo} above max {hi}")
    elif lo is not None and hi is not None and hi - lo > MAX_METER_SPAN:
        r.error(e["max"][1], "E223", f"meter '{name}' spans {hi - lo:,} steps ({lo} to {hi}): the limit is {MAX_METER_SPAN:,} "
                "(max - min), so that every check stays quick; count in larger units")  # fmt: skip
    elif lo is not None and hi is not None and start is not None and not lo <= start <= hi:
        r.error(e["start"][1], "E214", f"meter '{name}' starts at {start}, outside [{lo}, {hi}]")
    for only in ("window", "recovery"):
        if only in e and name != "charge":
            r.error(e[only][0], "E215", f"'{only}' is only for the charge meter, not '{name}'")
    window = _window(r, e["window"][1], f"{name}.window") if "window" in e and name == "charge" else None
    recovery = r.integer(e["recovery"][1], f"{name}.recovery") if "recovery" in e and name == "charge" else None
    if recovery is not None and recovery < 1:
        r.error(
            e["recovery"][1],
            "E214",
            f"recovery {recovery} must be at least 1: it is the most one turn can lower a flooded charge",
        )
        recovery = None
    if "flood" in e and name != "charge":
        r.error(e["flood"][0], "E215", f"'flood' is only for the charge meter, not '{name}'")
    elif flood is not None and lo is not None and hi is not None and lo <= hi and not lo <= flood <= hi:
        r.warning(e["flood"][1], "W105", f"flood {flood} is outside [{lo}, {hi}]: the charge can never reach it")
    if lo is None or hi is None or start is None or (lo > hi) or not lo <= start <= hi or hi - lo > MAX_METER_SPAN:
        return None
    return Meter(name, start, lo, hi, flood, Pos(key.line, key.col), window, recovery)


def _window(r: Reader, node: YNode, what: str) -> tuple[int, int] | None:
    """``[LO, HI]``: two whole numbers, LO <= HI (checked against the meter in :func:`_check_windows`)."""
    items = r.items(node, what)
    if not isinstance(node, YSeq):
        return None
    if len(items) != 2:
        r.error(node, "E214", f"{what} must be two numbers, [LO, HI], not {len(items)}")
        return None
    lo, hi = (r.integer(i, what) for i in items)
    if lo is None or hi is None:
        return None
    if lo > hi:
        r.error(node, "E214", f"{what} [{lo}, {hi}] has its low end above its high end")
        return None
    return (lo, hi)


def _objectives(r: Reader, nodes: list[YNode]) -> tuple[Objective, ...]:
    """Plain text (not checked) or ``{id, text, met}`` (checked when the session ends)."""
    out: list[Objective] = []
    seen: dict[str, YNode] = {}
    for node in nodes:
        if isinstance(node, YMap):
            e = r.keys(node, "objective", "an objective")
            oid_node = e["id"][1] if "id" in e else None
            oid = r.slug(oid_node, "objective id") if oid_node is not None else None
            if oid is not None and oid_node is not None:
                if oid in seen:
                    r.error(oid_node, "E221", f"duplicate objective id '{oid}' (first at line {seen[oid].line})")
                seen[oid] = oid_node
            text = r.text(e["text"][1], "an objective's text", allow_empty=False) if "text" in e else None
            met = r.source(e["met"][1], "met", "expression") if "met" in e else None
            if oid is not None and text is not None:
                out.append(Objective(text, oid, met))
        else:
            t = r.text(node, "an objective", allow_empty=False)
            if t:
                out.append(Objective(t))
    return tuple(out)


def _state(r: Reader, cat: catalogs.Catalogs, sid: str, key: YScalar, node: YNode, meters: Collection[str]) -> State | None:
    what = f"state '{sid}'"
    m = r.mapping(node, what)
    if m is None:
        return None
    e = r.keys(m, "state", what)
    if "choices" in e and "ending" in e:
        r.error(e["ending"][0], "E216", f"{what} has both 'choices' and 'ending'; a state has one or the other")
    elif "choices" not in e and "ending" not in e:
        r.error(m, "E216", f"{what} has neither 'choices' nor 'ending'")
    speaker = r.slug(e["speaker"][1], "speaker") if "speaker" in e else None
    says = r.text(e["says"][1], "says") if "says" in e else None
    extra = {k: r.text(e[k][1], k) or "" for k in ("nonverbal", "coach", "thinks") if k in e}
    pace = r.one_of(e["pace"][1], "pace", _values("state", "pace")) if "pace" in e else "normal"
    delivery = r.one_of(e["delivery"][1], "delivery", _values("state", "delivery")) if "delivery" in e else None
    window = _window(r, e["window"][1], "window") if "window" in e else None
    needs = r.one_of(e["needs"][1], "needs", NEEDS) if "needs" in e else None
    ending = r.slug(e["ending"][1], "ending") if "ending" in e else None
    choices: list[Choice] = []
    if "choices" in e:
        nodes_ = r.items(e["choices"][1], "choices")
        if isinstance(e["choices"][1], YSeq) and not nodes_:
            r.error(e["choices"][1], "E217", f"{what} has an empty list of choices; give at least one, or make it an ending")
        seen: dict[str, YNode] = {}
        for cnode in nodes_:
            c = _choice(r, cat, sid, cnode, meters, seen)
            if c is not None:
                choices.append(c)
    if speaker is None or says is None:
        return None
    return State(
        id=sid, speaker=speaker, says=says, pos=Pos(key.line, key.col), pace=pace or "normal",  # type: ignore[arg-type]
        delivery=delivery, choices=tuple(choices), ending=ending, window=window, needs=needs, **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def _choice(
    r: Reader, cat: catalogs.Catalogs, sid: str, node: YNode, meters: Collection[str], seen: dict[str, YNode]
) -> Choice | None:
    m = r.mapping(node, f"a choice in state '{sid}'")
    if m is None:
        return None
    cid_node = m.entries.get("id", (None, None))[1]
    cid = r.slug(cid_node, "choice id") if cid_node is not None else None
    what = f"choice '{cid}' in state '{sid}'" if cid else f"a choice in state '{sid}'"
    e = r.keys(m, "choice", what)
    if cid is not None and cid_node is not None:
        if cid in seen:
            r.error(cid_node, "E218", f"duplicate choice id '{cid}' in state '{sid}' (first at line {seen[cid].line})")
        else:
            seen[cid] = cid_node
        if cid in PLAY_COMMANDS:
            r.warning(
                cid_node,
                "W106",
                f"choice id '{cid}' is also a play command: players typing it get the command instead, so they must pick it by number; rename it",
            )
    say = r.text(e["say"][1], "say") if "say" in e else None
    tone = r.one_of(e["tone"][1], "tone", cat.tones) if "tone" in e else None
    cues = _ids(r, e, "nonverbal", "nonverbal cue", cat.cues)
    timing = r.one_of(e["timing"][1], "timing", cat.timings) if "timing" in e else None
    technique = r.one_of(e["technique"][1], "technique", cat.techniques) if "technique" in e else None
    tones = _ids(r, e, "tones", "tone", cat.tones)
    alt_cues = _ids(r, e, "cues", "nonverbal cue", cat.cues)
    nxt = _next(r, e["next"][1]) if "next" in e else None
    effects = _keyed(r, e, "effects", meters, "E303", "unknown meter '{}' in effects",
                     lambda name, v: r.integer(v, f"effect on '{name}'"))  # fmt: skip
    flags = _keyed(r, e, "set", None, "", "", lambda name, v: r.boolean(v, f"flag '{name}'"))
    rating: dict[str, Any] = _keyed(
        r, e, "rating", DIMENSIONS, "E304", "unknown dimension '{}' in rating", lambda _n, v: r.one_of(v, "rating", RATINGS)
    )
    feedback = _keyed(r, e, "feedback", DIMENSIONS, "E304", "unknown dimension '{}' in feedback",
                      lambda name, v: r.source(v, f"feedback.{name}", "template"))  # fmt: skip
    requires = r.source(e["requires"][1], "requires", "expression") if "requires" in e else None
    assess = _assess(r, cat, e["assess"][1]) if "assess" in e else ()
    problem = r.one_of(e["problem"][1], "communication problem", cat.problems) if "problem" in e else None
    examples = (
        tuple(t for t in (r.text(n, "an example", allow_empty=False) for n in r.items(e["examples"][1], "examples")) if t)
        if "examples" in e
        else ()
    )
    if cid is None or say is None or tone is None or timing is None or nxt is None or "nonverbal" not in e:
        return None
    return Choice(
        id=cid, say=say, tone=tone, nonverbal=cues, timing=timing, next=nxt, pos=Pos(m.line, m.col),
        effects=freeze(effects), set_flags=freeze(flags), rating=freeze(rating), feedback=freeze(feedback),
        requires=requires, technique=technique, tone_options=tones, nonverbal_options=alt_cues, examples=examples,
        assess=assess, problem=problem,
    )  # fmt: skip


def _ids(r: Reader, e: dict[str, tuple[YScalar, YNode]], key: str, what: str, known: Iterable[str]) -> tuple[str, ...]:
    """A list of catalog ids under ``key`` (empty when the key is absent); unknown ones reported."""
    if key not in e:
        return ()
    return tuple(i for i in (r.one_of(n, what, known) for n in r.items(e[key][1], key)) if i)


def _keyed(
    r: Reader,
    e: dict[str, tuple[YScalar, YNode]],
    key: str,
    names: Collection[str] | None,
    code: str,
    unknown: str,
    read: Callable[[str, YNode], T | None],
) -> dict[str, T]:
    """A mapping under ``key`` of names (checked against ``names`` when given) to values ``read`` reads."""
    out: dict[str, T] = {}
    m = r.mapping(e[key][1], key) if key in e else None
    for name, (k, v) in m.entries.items() if m is not None else []:
        if names is not None and name not in names:
            r.error(k, code, unknown.format(name) + suggest(name, names))
        value = read(name, v)
        if value is not None:
            out[name] = value
    return out


def _assess(r: Reader, cat: catalogs.Catalogs, node: YNode) -> tuple[Assess, ...]:
    out: list[Assess] = []
    for a in r.items(node, "assess"):
        m = r.mapping(a, "an assess entry")
        if m is None:
            continue
        e = r.keys(m, "assessment", "an assess entry")
        item = r.one_of(e["item"][1], "assessment item", cat.items) if "item" in e else None
        level = r.one_of(e["level"][1], "level", LEVELS) if "level" in e else None
        why = r.source(e["why"][1], "why", "template") if "why" in e else None
        if item is not None and level is not None:
            out.append(Assess(item, level, why))  # type: ignore[arg-type]
    return tuple(out)


def _next(r: Reader, node: YNode) -> tuple[Branch, ...] | None:
    if isinstance(node, YScalar):
        goto = r.slug(node, "next")
        return (Branch(goto, pos=Pos(node.line, node.col)),) if goto else None
    if not isinstance(node, YSeq):
        r.error(node, "E201", f"next must be a state id or a list of branches, not {kind_of(node)}")
        return None
    if not node.items:
        r.error(node, "E219", "next is an empty list; give a state id or at least one branch")
        return None
    out: list[Branch] = []
    last = len(node.items) - 1
    for i, b in enumerate(node.items):
        m = r.mapping(b, "a branch of next")
        if m is None:
            continue
        e = r.keys(m, "branch", "a branch of next")
        if i < last and "when" not in e:
            r.error(m, "E220", "every branch of next but the last needs a 'when'")
        if i == last and "when" in e:
            r.error(e["when"][0], "E220", "the last branch of next must have no 'when': it is taken when no other branch is")
        when = r.source(e["when"][1], "when", "expression") if "when" in e else None
        goto = r.slug(e["goto"][1], "goto") if "goto" in e else None
        if goto:
            out.append(Branch(goto, when, Pos(m.line, m.col)))
    return tuple(out) if len(out) == len(node.items) else None


def _ending(r: Reader, eid: str, node: YNode) -> Ending | None:
    m = r.mapping(node, f"ending '{eid}'")
    if m is None:
        return None
    e = r.keys(m, "ending", f"ending '{eid}'")
    title = r.text(e["title"][1], "title", allow_empty=False) if "title" in e else None
    outcome = r.one_of(e["outcome"][1], "outcome", _values("ending", "outcome")) if "outcome" in e else None
    debrief = r.source(e["debrief"][1], "debrief", "template") if "debrief" in e else None
    if title is None or outcome is None or debrief is None:
        return None
    return Ending(eid, title, outcome, debrief)  # type: ignore[arg-type]


def _check_references(
    r: Reader,
    top: dict[str, tuple[YScalar, YNode]],
    characters: Mapping[str, Character],
    states: Mapping[str, State],
    endings: Mapping[str, Ending],
) -> None:
    """Speaker, goto and ending ids, reported at the value that names them."""
    snode = top.get("states", (None, None))[1]
    if not isinstance(snode, YMap):
        return
    state_ids = snode.entries.keys()
    enode = top.get("endings", (None, None))[1]
    ending_ids = enode.entries.keys() if isinstance(enode, YMap) else endings.keys()
    cnode = top.get("characters", (None, None))[1]
    char_ids = cnode.entries.keys() if isinstance(cnode, YMap) else characters.keys()
    for _sid, (_k, st) in snode.entries.items():
        if not isinstance(st, YMap):
            continue
        sp = st.entries.get("speaker")
        if sp and isinstance(sp[1], YScalar) and sp[1].value not in char_ids and SLUG_RX.match(sp[1].value):
            r.error(sp[1], "E305", f"unknown character '{sp[1].value}' as speaker{suggest(sp[1].value, char_ids)}")
        en = st.entries.get("ending")
        if en and isinstance(en[1], YScalar) and en[1].value not in ending_ids and SLUG_RX.match(en[1].value):
            r.error(en[1], "E306", f"unknown ending '{en[1].value}'{suggest(en[1].value, ending_ids)}")
        ch = st.entries.get("choices")
        for c in ch[1].items if ch and isinstance(ch[1], YSeq) else []:
            nx = c.entries.get("next") if isinstance(c, YMap) else None
            if not nx:
                continue
            targets = [nx[1]] if isinstance(nx[1], YScalar) else [
                b.entries["goto"][1] for b in (nx[1].items if isinstance(nx[1], YSeq) else []) if isinstance(b, YMap) and "goto" in b.entries
            ]  # fmt: skip
            for t in targets:
                if isinstance(t, YScalar) and SLUG_RX.match(t.value) and t.value not in state_ids:
                    hint = suggest(t.value, state_ids)
                    if not hint and t.value in ending_ids:
                        hint = f" ('{t.value}' is an ending: go to a state whose 'ending' is '{t.value}')"
                    r.error(t, "E302", f"unknown state '{t.value}'{hint}")


def _check_sources(r: Reader, characters: Collection[str], meters: Collection[str], flags: Mapping[str, YScalar]) -> None:
    scopes: dict[str, Scope] = {
        "expression": condition_scope(meters, flags),
        "template": template_scope(characters, meters, flags),
    }
    for src, scope, what, exact in r.pending:
        if scope == "expression":
            shown = src.text.strip()
            shown = shown if len(shown) <= 60 else shown[:57] + "..."
            problems, code, label = check_expression(src.text, scopes[scope]), "E401", f"{what} {shown!r}"
        else:
            problems, code, label = check_template(src.text, scopes[scope]), "E402", f"{what} text"
        for p in problems:
            line = src.pos.line + p.line - 1 if exact else src.pos.line
            r.add(Diagnostic(r.file, line, src.pos.col, "error", code, f"{label}: {p.message}"))


def _check_rendering(r: Reader, s: Scenario) -> None:
    """E403: every feedback and debrief text renders in the sandbox with a sample context
    (meters at their start, flags false, turn 1), so no text can fail in play."""
    people = {cid: {"name": c.name, "role": c.role} for cid, c in s.characters.items()}
    meters = {n: m.start for n, m in s.meters.items()}

    def context(speaker: str) -> dict[str, object]:
        return {"speaker": people[speaker], "characters": people, "meters": meters, "before": meters,
                "flags": dict.fromkeys(s.flags, False), "turn": 1}  # fmt: skip

    texts = [(c.feedback[d], st.speaker, f"feedback.{d}") for st in s.states.values() for c in st.choices for d in c.feedback]
    texts += [(a.why, st.speaker, "why") for st in s.states.values() for c in st.choices for a in c.assess if a.why]
    enders = {st.ending: st.speaker for st in s.states.values() if st.ending}
    texts += [(e.debrief, enders.get(eid, next(iter(s.characters))), "debrief") for eid, e in s.endings.items()]
    for src, speaker, what in texts:
        problem = render_error(src.text, context(speaker))
        if problem is not None:
            r.add(Diagnostic(r.file, src.pos.line, src.pos.col, "error", "E403", f"{what} text cannot be shown: {problem}"))


def _graph_warnings(r: Reader, s: Scenario, top: dict[str, tuple[YScalar, YNode]]) -> None:
    """Unreachable states, unreachable endings, and states that can never end (from :mod:`simulator.reach`,
    the pass lint's checks use too)."""
    seen = reached_states(s)
    ends = can_end(s)
    snode = top["states"][1]
    assert isinstance(snode, YMap)
    for sid in s.states:
        if sid not in seen:
            r.warning(snode.entries[sid][0], "W101", f"state '{sid}' cannot be reached from start '{s.start}'")
    reached_endings = {s.states[sid].ending for sid in seen if s.states[sid].ending}
    enode = top["endings"][1]
    assert isinstance(enode, YMap)
    for eid in s.endings:
        if eid not in reached_endings:
            r.warning(enode.entries[eid][0], "W102", f"ending '{eid}' cannot be reached by any play")
    for sid in s.states:
        if sid in seen and sid not in ends:
            r.warning(
                snode.entries[sid][0], "W103", f"no ending can be reached from state '{sid}': a play that gets here never ends"
            )


def load_text(data: bytes, file: str) -> tuple[Scenario | None, list[Diagnostic]]:
    """Bytes of one scenario file -> the scenario (or None) and every diagnostic."""
    scenario, diags, _ = load_text_with_id(data, file)
    return scenario, diags


def load_text_with_id(data: bytes, file: str) -> tuple[Scenario | None, list[Diagnostic], tuple[int, int] | None]:
    """As :func:`load_text`, plus where the scenario's id is written (for duplicate ids)."""
    text, diags = decode(data, file)
    if text is None:
        return None, diags, None
    root, diags = compose(text, file)
    if diags and root is None:
        return None, diags, None
    id_pos = None
    if isinstance(root, YMap) and "id" in root.entries:
        node = root.entries["id"][1]
        id_pos = (node.line, node.col)
    scenario, more = read_scenario(root, file, reported=len(diags))
    all_diags = diags + more
    if any(d.severity == "error" for d in diags):
        return None, all_diags, id_pos
    return scenario, all_diags, id_pos
