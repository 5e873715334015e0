"""The bundled library as a trainer would sign it off (issue: every clinical-review finding
acted on): each scenario validates strictly, every therapist reply is assessed and every
miss says why, feeling is judged against a window where it is the work, learners produce
the delivery, the distractors are the lapses trainers see rather than caricatures, and
explore proves that no play skips a critical item or an objective and still passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator import explore
from simulator.engine import replay
from simulator.library import check_file, load
from simulator.model import DONE_LEVELS, Scenario

REPO = Path(__file__).resolve().parent.parent
FILES = sorted((REPO / "scenarios").rglob("*.yaml"))
CARICATURES = frozenset({"phone_check", "pointing", "eye_roll"})


def scenario(path: Path) -> Scenario:
    return load(path)


def test_the_library_has_every_area_and_at_least_24_scenarios() -> None:
    areas = {scenario(p).area for p in FILES}
    assert len(FILES) >= 24
    assert areas == {"grief", "role_dispute", "role_transition", "interpersonal_deficits"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_validates_with_no_warning(path: Path) -> None:
    result = check_file(path)
    assert [f"{d.line}:{d.col} {d.code} {d.message}" for d in result.diagnostics] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_therapist_reply_is_assessed_and_every_miss_says_why(path: Path) -> None:
    s = scenario(path)
    for sid, st in s.states.items():
        for c in st.choices:
            if s.perspective == "therapist":
                assert c.assess, f"{sid}/{c.id} has no assess"
            for a in c.assess:
                assert a.level in DONE_LEVELS or a.why is not None, f"{sid}/{c.id}: {a.item} {a.level} without why"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_caricatured_lapse_from_the_therapist(path: Path) -> None:
    s = scenario(path)
    if s.perspective != "therapist":
        return
    for sid, st in s.states.items():
        for c in st.choices:
            assert not CARICATURES & {*c.nonverbal, *c.nonverbal_options}, f"{sid}/{c.id}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_grief_and_transitions_judge_charge_against_a_window(path: Path) -> None:
    s = scenario(path)
    if s.area in ("grief", "role_transition"):
        assert s.meters["charge"].window is not None


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_learners_produce_the_delivery_at_two_pivotal_moments(path: Path) -> None:
    s = scenario(path)
    choosing = [sid for sid, st in s.states.items() if st.choices and s.delivery_of(st) == "choose"]
    assert len(choosing) >= 2, choosing


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_no_play_skips_a_critical_item_or_an_objective_and_still_passes(path: Path) -> None:
    s = scenario(path)
    result = explore.analyse(s)
    assert result.complete
    for item, c in result.critical.items():
        assert c.best_score_when_missed is None or c.best_score_when_missed <= 49, (item, c.path)
    assert all(o.met is not None for o in s.objectives), "every objective is checked"
    for oid, o in result.objectives.items():
        assert not o.positive_ending_without, (oid, o.path)
    # and the best play meets every objective
    assert result.best is not None
    best = replay(s, list(result.best.path))
    assert best.finished
    assert all(met for _o, met in best.objectives()), [o.id for o, met in best.objectives() if not met]
