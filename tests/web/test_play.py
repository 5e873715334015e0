"""Playing in the web app through Flask's test client: the same flow, judging and records as
the terminal (briefing, consent, turns, delivery, coach and assess, rewind, pause, debrief,
own sessions), on SQLite and on PostgreSQL."""

from __future__ import annotations

from flask import Flask

from simulator.records import Store
from tests.web.conftest import Player, text_of


def test_catalogue_lists_the_library_and_filters_it(player: Player) -> None:
    page = text_of(player.get("/"))
    assert "3 scenarios shown." in page
    assert "The same argument about money" in page
    assert "Telling Jo you can't cover the shift" in page
    only_impasse = text_of(player.get("/?area=role_dispute&stage=impasse&perspective=client"))
    assert "1 scenario shown." in only_impasse
    assert "The same argument about money" in only_impasse
    assert "Telling Jo" not in only_impasse
    therapist = text_of(player.get("/?perspective=therapist"))
    assert "1 scenario shown." in therapist
    none = text_of(player.get("/?area=interpersonal_deficits"))
    assert "0 scenarios shown. No scenario matches. Show them all." in none


def test_briefing_shows_summary_objectives_and_content_note(player: Player) -> None:
    page = text_of(player.get("/scenarios/money-impasse"))
    assert "Role dispute (impasse) · middle phase · you play yourself" in page
    assert "Sam and you have had the same row about money for months." in page
    assert "With: Sam, your partner of twelve years." in page
    assert "What to practise Hear the worry under the accusation Keep Sam out of flooding (charge 8 or more)" in page
    assert "Content note Raised voices; talk of separating." in page
    assert "I have read the content note and want to start" in page


def test_coach_mode_shows_feedback_meter_and_coach_note(player: Player) -> None:
    player.start(mode="coach")
    first = text_of(player.page)  # type: ignore[arg-type]
    assert "Turn 1" in first
    assert "Sam: “You've spent it again, haven't you? Forty pounds on -- what even is this?”" in first
    assert "Sam’s charge 6 of 10 6 of 10; flooding at 8" in first
    assert "Coach: Notice the jaw before you answer the words." in first
    player.reply("counter")
    second = text_of(player.page)  # type: ignore[arg-type]
    assert "Turn 2 of about 3 Coach mode Sam:" in second and "How your last reply landed" in second
    assert "tone: poor — A counter-accusation answers a charge with a charge; Sam now has to defend, not listen." in second
    assert "charge: poor — Sam is flooded (charge 8, flooding at 8): words barely land now; calm comes first." in second


def test_assess_mode_gives_no_hints_and_feedback_only_in_the_debrief(player: Player, app: Flask) -> None:
    player.start(mode="assess")
    first = text_of(player.page)  # type: ignore[arg-type]
    assert "Assess mode" in first
    assert "Coach:" not in first and "charge 6 of 10" not in first
    assert "Take back my last reply" not in first
    player.reply("counter")
    second = text_of(player.page)  # type: ignore[arg-type]
    assert "How your last reply landed" not in second
    assert "Take back my last reply" not in second
    r = player.reply("let-go")
    assert r.headers["Location"] == f"/sessions/{player.sid}"
    debrief = text_of(player.page)  # type: ignore[arg-type]
    assert "Sam: “I'm going to my sister's.” (door closes)" in debrief
    assert "Ending: The impasse deepens (negative)" in debrief
    assert "Debrief: The same argument about money Played today, " in debrief
    assert "assess mode" in debrief
    assert "Communication analysis" in debrief
    assert "Take back my last reply" not in debrief  # no rewind in assess mode, even at a bad ending


def test_a_bad_ending_in_coach_mode_can_be_taken_back_and_shows_no_row_of_scores(player: Player, app: Flask) -> None:
    """Newcomer review, finding 16: a flood ended a client's rehearsal with no way back and a row of zeros."""
    player.start()
    player.reply("counter")
    player.reply("let-go")
    debrief = text_of(player.page)  # type: ignore[arg-type]
    assert "Ending: The impasse deepens (negative)" in debrief
    assert "In coach mode you can take that back and try your last reply another way. Take back my last reply" in debrief
    assert (
        "Scores No scores this time: a rehearsal that ended this way is better read reply by reply, below, "
        "with what else you could have said. You can play it again whenever you are ready."
    ) in debrief
    assert "out of 100" not in debrief
    store: Store = app.extensions["ipt_sim"].store
    assert store.get(player.sid).finished_at is not None
    r = player.rewind()
    assert r.headers["Location"] == f"/play/{player.sid}"
    page = text_of(player.page)  # type: ignore[arg-type]
    assert "Turn 2 of about 3 Coach mode Taken back. Try something else." in page
    assert "This is exactly what I mean." in page
    record = store.get(player.sid)
    assert record.finished_at is None and record.ending is None and record.scores is None
    player.reply("follow")
    player.reply("own-it")
    assert "Ending: The real expectation is on the table (positive)" in text_of(player.page)  # type: ignore[arg-type]
    assert "Take back my last reply" not in text_of(player.page)  # type: ignore[arg-type]  # a good ending stays
    record = store.get(player.sid)
    assert [(a["choice"], a["rewound"]) for a in record.attempts] == [
        ("counter", False), ("let-go", True), ("follow", False), ("own-it", False)
    ]  # fmt: skip
    assert record.ending is not None and record.ending["id"] == "renegotiating"


def test_each_ending_is_reached_and_recorded_with_its_scores(player: Player, app: Flask) -> None:
    player.start()
    player.reply("counter")
    player.reply("follow")
    assert "Sit down? I've been sitting with this on my own for weeks." in text_of(player.page)  # type: ignore[arg-type]
    player.reply("own-it")
    debrief = text_of(player.page)  # type: ignore[arg-type]
    assert "Ending: The real expectation is on the table (positive)" in debrief
    assert "Sam named the fear under the row. This is where renegotiation can start." in debrief
    store: Store = app.extensions["ipt_sim"].store
    record = store.get(player.sid)
    assert record.ending is not None and record.ending["id"] == "renegotiating"
    assert [t["choice"] for t in record.turns] == ["counter", "follow", "own-it"]
    assert record.scores == {
        "tone": 50,
        "timing": 67,
        "nonverbal": 67,
        "charge": 67,
        "practice": None,
        "delivery": 63,
        "overall": 63,
    }


def test_rewind_takes_back_a_reply_and_the_record_keeps_both(player: Player, app: Flask) -> None:
    player.start()
    player.reply("counter")
    r = player.rewind()
    assert r.status_code == 303
    page = text_of(player.page)  # type: ignore[arg-type]
    assert "Turn 1 of about 3 Coach mode Taken back. Try something else." in page
    assert "How your last reply landed" not in page
    assert "Take back my last reply" not in page  # nothing left to take back
    player.reply("acknowledge")
    assert "Ending: The real expectation is on the table (positive)" in text_of(player.page)  # type: ignore[arg-type]
    record = app.extensions["ipt_sim"].store.get(player.sid)
    assert [(a["choice"], a["rewound"]) for a in record.attempts] == [("counter", True), ("acknowledge", False)]
    assert len(record.turns) == 1


def test_pause_stops_without_judgement_and_continues_at_the_same_turn(player: Player) -> None:
    player.start()
    player.reply("counter")
    paused = text_of(player.get(f"/play/{player.sid}/pause"))
    assert "Paused. Nothing is judged when you pause; take the time you need." in paused
    assert "is kept after 1 reply" in paused
    again = text_of(player.get(f"/play/{player.sid}"))
    assert "Turn 2" in again and "This is exactly what I mean." in again
    briefing = text_of(player.get("/scenarios/money-impasse"))
    assert "Where you stopped Continue the session started" in briefing


def test_delivery_choice_asks_how_and_judges_what_was_chosen(player: Player, app: Flask) -> None:
    player.start("delivery-practice")
    first = text_of(player.page)  # type: ignore[arg-type]
    assert "Your reply (then you choose how to say it)" in first
    player.reply("no-kindly", tone="sarcastic", cues="eye_roll")
    debrief = text_of(player.page)  # type: ignore[arg-type]
    assert "tone: sarcastic; cues: eye roll" in debrief
    record = app.extensions["ipt_sim"].store.get(player.sid)
    assert (record.turns[0]["tone"], record.turns[0]["nonverbal"]) == ("sarcastic", ["eye_roll"])
    assert record.turns[0]["ratings"]["tone"] == "poor"


def test_delivery_page_offers_the_choices_tones_and_cues(player: Player) -> None:
    player.start("delivery-practice")
    f, data = player.reply_form()
    player.get(f"{f.action}?choice=no-kindly&step={data['step']}&rt=")
    page = text_of(player.page)  # type: ignore[arg-type]
    assert "How do you say it? You will say: “I can't this Saturday, Jo." in page
    how = player.form("/reply")
    # shuffled as in the terminal: the words' own delivery is not first, and nothing is chosen for the learner
    assert how.radios == {
        "tone": ["sarcastic", "warm", "flat"],
        "cues": ["eye_roll", "eye_contact+open_posture", "phone_check"],
    }
    assert "tone" not in how.inputs and "cues" not in how.inputs


def test_response_time_from_the_browser_is_judged_unless_turned_off(player: Player, other: Player, app: Flask) -> None:
    player.start(timing="on")
    player.reply("acknowledge", rt="0.3")  # at a fast moment: fine
    player.start(timing="on")
    player.reply("acknowledge", rt="30")  # a considered reply at a heated moment is not penalised
    assert "You took" not in text_of(player.page)  # type: ignore[arg-type]
    player.start(timing="on")
    player.reply("acknowledge", rt="150")  # less 14.6 s to read the page and its coach note: 135.4 s, past a fast moment's 90
    assert "The timing was off. You took 135 s at a fast-moving moment" in text_of(player.page)  # type: ignore[arg-type]
    other.start(timing="off")
    assert 'name="rt"' not in other.page_html()
    other.reply("counter", rt=None)
    assert "You took" not in text_of(other.page)  # type: ignore[arg-type]
    store: Store = app.extensions["ipt_sim"].store
    assert store.choices(other.sid)[0][3] is None


def test_relaxed_response_time_triples_the_late_limit(player: Player, app: Flask) -> None:
    player.start(timing="relaxed")
    player.reply("acknowledge", rt="200")  # 185.4 s of reply against a fast moment's 90: late, but not with 270
    page = text_of(player.page)  # type: ignore[arg-type]
    assert "You took" not in page
    player.start(timing="relaxed")
    player.reply("acknowledge", rt="400")  # beyond three times the limit: late
    assert "You took 385 s at a fast-moving moment" in text_of(player.page)  # type: ignore[arg-type]


def test_the_response_time_setting_changes_for_one_conversation_from_the_next_reply(player: Player, app: Flask) -> None:
    """Web review, finding 12: changed in the conversation, for that conversation only."""
    first = player.start(timing="on")
    second = player.start(timing="on")
    assert "You can change this for this conversation, from your next reply on." in text_of(player.page)  # type: ignore[arg-type]
    f = player.form("/timing")
    r = player.client.post(f.action, data=f.inputs | {"timing": "off"})
    assert r.status_code == 303
    player.get(r.headers["Location"])
    assert "Your response time is not judged. You can change this" in text_of(player.page)  # type: ignore[arg-type]
    assert 'name="rt"' not in player.page_html()
    player.reply("acknowledge", rt=None)
    store: Store = app.extensions["ipt_sim"].store
    assert store.choices(second)[0][3] is None
    player.get(f"/play/{first}")  # the other conversation keeps the setting it was started with
    assert 'name="rt"' in player.page_html()
    assert '<option value="on" selected>' in player.page_html()
    assert (  # without JavaScript nothing measures the time, and the page says so instead
        "<noscript>Without JavaScript your response time is not measured: timing is judged from the reply alone.</noscript>"
    ) in player.page_html()


def test_a_changed_response_time_setting_needs_this_browsers_form(player: Player, other: Player) -> None:
    sid = player.start()
    f = player.form("/timing")
    other.get("/")
    r = other.client.post(f.action, data=f.inputs | {"timing": "off"})
    assert r.status_code == 400
    assert "This form was not made for this browser, or it has been changed. Nothing was changed." in text_of(r)
    r = player.client.post(f.action, data=f.inputs | {"timing": "never"})
    assert r.status_code == 400
    player.get(f"/play/{sid}")
    assert '<option value="on" selected>' in player.page_html()


def test_my_sessions_lists_only_this_browsers_sessions(player: Player, other: Player) -> None:
    player.start()
    player.reply("acknowledge")
    other.start()
    mine = text_of(player.get("/sessions"))
    assert "The same argument about money" in mine and "The real expectation is on the table" in mine
    assert mine.count("The same argument about money") == 1
    theirs = text_of(other.get("/sessions"))
    assert "Unfinished: continue" in theirs and "The real expectation" not in theirs


def test_printable_report_is_the_terminals_report(player: Player, app: Flask) -> None:
    from simulator import report
    from simulator.records import debrief_of

    player.start()
    player.reply("acknowledge")
    page = player.get(f"/sessions/{player.sid}/report")
    assert page.status_code == 200
    record = app.extensions["ipt_sim"].store.get(player.sid)
    sha = app.extensions["ipt_sim"].catalogue.get("money-impasse").sha256
    # the terminal's page, with a way back and a print button
    assert page.get_data(as_text=True) == report.html(debrief_of(record, sha), f"/sessions/{player.sid}", "/static/app.js")


def test_a_session_can_be_continued_after_the_scenario_file_changes_words(player: Player, library: object) -> None:
    from pathlib import Path

    player.start()
    player.reply("counter")
    path = Path(str(library)) / "money-impasse.yaml"
    path.write_text(path.read_text("utf-8").replace("You never take anything seriously.", "You never listen."), "utf-8")
    page = text_of(player.get(f"/play/{player.sid}"))
    assert "This is exactly what I mean. You never listen." in page


def test_every_bundled_scenario_starts_in_the_browser(tmp_path: object) -> None:
    """The default catalogue is the bundled library: each scenario's briefing and first turn render."""
    from pathlib import Path

    from simulator.web import create_app

    app = create_app(data_dir=Path(str(tmp_path)) / "bundled", leader_password="")
    try:
        ids = [i.id for i in app.extensions["ipt_sim"].catalogue.infos()]
        assert len(ids) >= 10
        for scenario_id in ids:
            p = Player(app.test_client())
            p.start(scenario_id)
            page = text_of(p.page)  # type: ignore[arg-type]
            assert "Turn 1" in page and "Your reply" in page, scenario_id
    finally:
        app.extensions["ipt_sim"].store.close()


def test_assess_mode_shows_the_words_only_and_the_debrief_names_a_missed_risk_check(player: Player) -> None:
    player.start("after-the-cue", mode="assess")
    page = text_of(player.page)  # type: ignore[arg-type]
    assert "“When you say that, do you ever have thoughts of ending your life?”" in page
    assert "calm · eye contact" not in page  # no tone and cue labels: the learner judges how the words would land
    player.reply("cheer", rt=None)
    player.reply("work", rt=None)
    debrief = text_of(player.page)  # type: ignore[arg-type]
    assert (
        "Not yet competent: risk re-checked when cued. After 'what's the point', ask about safety before anything else."
        in debrief
    )
    assert "Overall is capped at 49 while a critical item is missed." in debrief
    assert "Risk re-checked when cued: missed (turn 1)" in debrief
    assert "Ask plainly about safety after the cue: not met" in debrief
    assert "Attempted, misapplied: Reassurance." in debrief
    assert "If you need support now:" in debrief


def test_coach_mode_shows_the_practice_line_first(player: Player) -> None:
    player.start("after-the-cue")
    assert "calm · eye contact" in text_of(player.page)  # type: ignore[arg-type]
    player.reply("cheer", rt=None)
    page = text_of(player.page)  # type: ignore[arg-type]
    assert (
        "practice: poor — Risk re-checked when cued: missed. After 'what's the point', ask about safety before anything else."
        in page
    )
    assert "You said it in a warm tone; the delivery is not what went wrong here." in page
