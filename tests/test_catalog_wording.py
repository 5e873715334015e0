"""The catalog's feedback names the other person and needs no pronoun for them (newcomer
review, finding 21: "Dad will protect themselves" read as a template)."""

from __future__ import annotations

import re

from simulator import catalogs

PRONOUN = re.compile(r"\b(they|them|their|theirs|themselves)\b", re.I)


def test_tone_and_timing_feedback_refer_to_the_other_person_by_name_only() -> None:
    cat = catalogs.load()
    notes = {f"tone {t.id}": t.note for t in cat.tones.values()} | {f"timing {t.id}": t.note for t in cat.timings.values()}
    assert {k: n for k, n in notes.items() if PRONOUN.search(n)} == {}
    assert cat.tones["hostile"].note == (
        "Hostility makes the conversation a fight; {{ speaker.name }} will stop listening and start defending."
    )
