"""Texts filled without Jinja (plain ``{{ name.attr }}``) read exactly as Jinja renders them,
and a session's expressions see its visited states as they are now."""

from __future__ import annotations

from typing import Any

import pytest

from simulator.engine import compile_scenario
from simulator.expressions import _compiled_template, bind, evaluate, render
from tests.differential import load, scenario_texts

CONTEXT: dict[str, Any] = {
    "speaker": {"name": "Ana", "role": "her mother"},
    "meters": {"charge": 7, "trust": 0, "items": 3},
    "flags": {"went_back": True, "asked": False},
    "turn": 4,
}
TEXTS = [
    "{{ speaker.name }} is flooded.",
    "{{speaker.name}}, {{ speaker.role }}: {{ meters.charge }} and {{ flags.went_back }}/{{ flags.asked }}",
    "Charge {{ meters.trust }}.",
    "{{ meters.items }}",  # a dict's own method: Jinja finds it first
    "{{ speaker.missing }} here",  # a missing attribute: the words without braces
    "{{ nobody.name }}",
    "{{ speaker.name }}\n",  # Jinja drops a trailing newline
    "{{ speaker.name }}\r\nnext",
    "{{ speaker.name }} } {",
    "{{ turn }} and {{ speaker.name | upper }}",
]


@pytest.mark.parametrize("text", TEXTS)
def test_a_text_reads_as_jinja_renders_it(text: str) -> None:
    try:
        expected = _compiled_template(text).render(CONTEXT)
    except Exception:  # noqa: BLE001 - render's own fallback
        expected = text.replace("{{", "").replace("}}", "")
    assert render(text, CONTEXT) == expected
    assert render(text, bind(dict(CONTEXT))) == expected


def test_expressions_see_the_visited_states_as_they_are_now() -> None:
    texts = scenario_texts()
    scenario = load("generated-5", texts["generated-5"])
    session = compile_scenario(scenario).new_session()
    names = session.bound()
    assert not evaluate("'s1' in visited", names)
    session.play("forward")
    assert evaluate("'s1' in visited and turn == 1 and trust == 6", names)
    session.rewind()
    assert not evaluate("'s1' in visited", session.bound())
    assert evaluate("turn == 0 and trust == 5", session.bound())
