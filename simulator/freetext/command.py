"""``ipt-sim match``, the checks before ``play --free``, and the W217 lint for authors.

An author tries phrasings against a state's choices with ``match`` and sees, for each,
what free mode would do; ``validate`` warns (W217) when two choices of a state are so
alike that a typed reply meant as one could be taken as the other. Both load the model,
so W217 runs only for scenarios that offer typed replies (``free_text: true``), keeping
``validate`` of every other scenario as fast as before.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from simulator.errors import Diagnostic, IptSimError
from simulator.expressions import suggest
from simulator.library import FileResult, find, load
from simulator.model import Scenario

if TYPE_CHECKING:  # the model and numpy are imported only when a text is really matched
    from simulator.freetext.embedder import Embedder
    from simulator.freetext.match import Match, Matcher

_FREE_TEXT = re.compile(rb"^free_text:\s*true\b", re.MULTILINE)


def check_free(scenario: Scenario, choices: str | None) -> None:
    """Refuse ``--free`` where it cannot work, saying why."""
    if choices is not None:
        raise click.UsageError(
            "--free reads replies as you type them (or from piped input); --choices takes choice ids: use one or the other"
        )
    if not scenario.free_text:
        raise IptSimError(
            f"'{scenario.title}' does not take typed replies: its author has not set `free_text: true`. "
            "Play it without --free to choose among the written replies."
        )


def match_texts(ref: str, state: str, texts: Sequence[str], as_json: bool) -> None:
    """Print what each text would be taken as among STATE's choices."""
    scenario = load(find(ref))
    st = scenario.states.get(state)
    if st is None:
        raise IptSimError(f"scenario '{scenario.id}' has no state '{state}'{suggest(state, scenario.states)}")
    if not st.choices:
        raise IptSimError(f"state '{state}' is an ending: it has no choices to match")
    from simulator.freetext import embedder
    from simulator.freetext.match import Matcher

    matcher = Matcher(scenario, embedder.load())
    found = [matcher.match(state, t) for t in texts]
    if as_json:
        click.echo(json.dumps([m.as_json() for m in found], indent=2, ensure_ascii=False))
        return
    for m in found:
        click.echo(describe(m))


def describe(m: Match) -> str:
    """Two lines for an author: what free mode would do with the text, then every score."""
    best = m.ranked[0] if m.ranked else None
    if m.verdict in ("play", "silence"):
        head = f"played as '{m.choice}' ({m.score:.2f})"
    elif m.verdict == "ask":
        head = "unsure: asks which was meant, offering " + ", ".join(f"'{s.choice}'" for s in m.nearest)
    else:
        head = "not understood" + (f" (nearest '{best.choice}', {best.score:.2f})" if best else "")
    scores = ", ".join(f"{s.choice} {s.score:.2f}" for s in m.ranked)
    return f'"{m.text}" -> {head}\n    {scores}'


def similar_choices(results: Iterable[FileResult]) -> list[Diagnostic]:
    """W217 for every valid scenario that offers typed replies (``free_text: true``)."""
    out: list[Diagnostic] = []
    model: Embedder | None = None
    for r in results:
        if not r.ok or r.info is None:
            continue
        try:
            data = Path(r.path).read_bytes()
        except OSError:
            continue
        if not _FREE_TEXT.search(data):
            continue
        scenario = load(Path(r.path))
        if not scenario.free_text:
            continue
        from simulator.freetext import embedder
        from simulator.freetext.match import Matcher

        model = model or embedder.load()
        out.extend(_similar(scenario, Matcher(scenario, model), r.path))
    return out


def _similar(scenario: Scenario, matcher: Matcher, file: str) -> list[Diagnostic]:
    from simulator.freetext.match import normalise
    from simulator.lint import offered_together
    from simulator.reach import reachable_values

    reach = reachable_values(scenario)
    out = []
    for sid in scenario.states:
        together = partial(offered_together, scenario, reach.get(sid, {}))
        for choice, text, m in matcher.misread(sid, together):
            which = "its words" if text == normalise(choice.say) else f'its example "{text}"'
            scores = ", ".join(f"'{s.choice}' {s.score:.2f}" for s in m.ranked[:2])
            does = (
                "ask which was meant"
                if m.verdict == "ask"
                else f"take them as '{m.choice}'"
                if m.choice
                else "not understand them"
            )
            out.append(
                Diagnostic(
                    file, choice.pos.line, choice.pos.col, "warning", "W217",
                    f"choice '{choice.id}' of state '{sid}' cannot be told apart when typed: {which}, typed as written, "
                    f"would not be played as '{choice.id}'; free mode would {does} ({scores}). Reword it or the other "
                    "choice so their words differ (`ipt-sim match` tries phrasings)",
                )
            )  # fmt: skip
    return out
