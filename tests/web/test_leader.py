"""The course leader's view: behind the password set at start-up, the cohort's sessions and
each scenario's mean scores per dimension; learners see none of it."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from flask import Flask

from simulator.engine import compile_scenario
from simulator.records import sessions
from simulator.web import create_app
from tests.web.conftest import LEADER_PASSWORD, Player, snapshot, text_of


def sign_in(leader: Player, password: str = LEADER_PASSWORD) -> int:
    leader.get("/leader")
    form = leader.form("/leader")
    r = leader.client.post("/leader", data=form.inputs | {"password": password})
    if r.status_code == 303:
        leader.get(r.headers["Location"])
    else:
        leader.page = r
    return r.status_code


def test_the_leader_sees_the_cohort_and_mean_scores(app: Flask, player: Player, other: Player) -> None:
    player.start()
    for choice in ("counter", "follow", "own-it"):
        player.reply(choice, rt=None)
    other.start()
    other.reply("acknowledge", rt=None)
    Player(other.client).start("delivery-practice")  # unfinished
    leader = Player(app.test_client())
    assert sign_in(leader) == 303
    page = text_of(leader.page)  # type: ignore[arg-type]
    # money-impasse: 50/67/67/67 (63 overall) and 100 everywhere: means rounded half up, as scores are
    assert (
        "Scenario Sessions Finished tone timing nonverbal charge practice delivery overall "
        "Telling Jo you can't cover the shift 1 0 — — — — — — — "
        "The same argument about money 2 2 75 84 84 84 — 82 82"
    ) in page
    assert page.count("The same argument about money") == 3  # the summary and two sessions
    learners = set(re.findall(r"learner [0-9a-f]{6}", page))
    assert len(learners) == 2
    assert player.sid in page and other.sid in page
    assert len(re.findall(r"<td>today, \d\d:\d\d</td>", leader.page_html())) == 3  # human times (web review, finding 15)


def test_the_leader_sees_each_item_done_misapplied_or_missed_critical_misses_first(
    app: Flask, player: Player, other: Player
) -> None:
    player.start("after-the-cue")
    for choice in ("cheer", "work"):  # steps over the risk cue, then drifts to work
        player.reply(choice, rt=None)
    other.start("after-the-cue")
    for choice in ("ask", "stay"):
        other.reply(choice, rt=None)
    leader = Player(app.test_client())
    assert sign_in(leader) == 303
    page = text_of(leader.page)  # type: ignore[arg-type]
    assert (
        "Scenario Item Critical Done Misapplied Missed "
        "After “what's the point” Risk re-checked when cued yes 1 0 1 "
        "After “what's the point” Focus held no 0 1 0 "
        "After “what's the point” Techniques used with skill no 1 0 0"
    ).replace("“", '"').replace("”", '"') in page.replace("“", '"').replace("”", '"')
    csv = leader.get("/leader/items.csv")
    assert csv.status_code == 200 and csv.mimetype == "text/csv"
    assert csv.get_data(as_text=True).splitlines() == [
        "scenario,scenario_title,item,item_title,critical,sessions,done,misapplied,missed",
        'after-the-cue,"After ""what\'s the point""",risk_recheck,Risk re-checked when cued,yes,2,1,0,1',
        'after-the-cue,"After ""what\'s the point""",focus_held,Focus held,no,1,0,1,0',
        'after-the-cue,"After ""what\'s the point""",technique_skill,Techniques used with skill,no,1,1,0,0',
    ]


def test_the_item_csv_is_for_the_leader_only(app: Flask, player: Player) -> None:
    player.start("after-the-cue")
    r = player.client.get("/leader/items.csv")
    assert r.status_code == 303 and r.headers["Location"].endswith("/leader")


def test_the_leader_opens_any_sessions_report(app: Flask, player: Player) -> None:
    player.start()
    player.reply("acknowledge")
    leader = Player(app.test_client())
    sign_in(leader)
    report = leader.get(f"/leader/sessions/{player.sid}")
    assert report.status_code == 200
    assert "Ending: The real expectation is on the table (positive)" in text_of(report)


def test_a_wrong_password_is_403_and_shows_nothing(app: Flask, player: Player) -> None:
    player.start()
    leader = Player(app.test_client())
    assert sign_in(leader, "guess") == 403
    page = text_of(leader.page)  # type: ignore[arg-type]
    assert "That password is not right." in page
    assert player.sid not in page
    assert leader.get(f"/leader/sessions/{player.sid}").headers["Location"] == "/leader"


def test_learners_are_not_leaders(app: Flask, player: Player) -> None:
    player.start()
    page = text_of(player.get("/leader"))
    assert "Enter the password the course leader set when starting the app." in page
    assert player.sid not in page
    forged = player.client.post("/leader", data={"token": "0" * 64, "password": LEADER_PASSWORD})
    assert forged.status_code == 400
    assert player.sid not in text_of(player.get("/leader"))


def test_signing_out(app: Flask) -> None:
    leader = Player(app.test_client())
    sign_in(leader)
    form = leader.form("/leader/logout")
    assert leader.client.post(form.action, data=form.inputs).status_code == 303
    assert "Enter the password" in text_of(leader.get("/leader"))


def test_without_a_password_there_is_no_leader_view(tmp_path: Path, library: Path) -> None:
    app = create_app(data_dir=tmp_path / "data2", leader_password="", scenario_dirs=[library])
    try:
        client = app.test_client()
        before = snapshot(app)
        for r in (
            client.get("/leader"),
            client.post("/leader", data={"token": "x", "password": ""}),
            client.get("/leader/sessions/deadbeef"),
        ):
            assert r.status_code == 404
            assert "There is no page at this address." in text_of(r)
        assert snapshot(app) == before
    finally:
        app.extensions["ipt_sim"].store.close()


def many_sessions(app: Flask, count: int) -> list[str]:
    """``count`` unplayed sessions of one browser, a minute apart: oldest first."""
    store = app.extensions["ipt_sim"].store
    scenario = compile_scenario(app.extensions["ipt_sim"].catalogue.get("money-impasse"))
    ids = [store.start(scenario.new_session(), "coach", "b" * 32) for _ in range(count)]
    with store.engine.begin() as db:
        for i, sid in enumerate(ids):
            db.execute(
                sessions.update()
                .where(sessions.c.id == sid)
                .values(started_at=datetime(2026, 11, 1, tzinfo=UTC) + timedelta(minutes=i))
            )
    return ids


def shown_sessions(leader: Player) -> list[str]:
    return re.findall(r'href="/leader/sessions/([0-9a-f]+)"', leader.page_html())


def test_the_leader_pages_through_the_sessions_newest_first(app: Flask) -> None:
    ids = many_sessions(app, 205)
    leader = Player(app.test_client())
    assert sign_in(leader) == 303
    page = text_of(leader.page)  # type: ignore[arg-type]
    assert "Sessions 1 to 100 of the cohort's 205, newest first." in page
    assert "205 sessions in all." in page
    assert "The same argument about money 205 0" in page  # the means still count every session
    assert shown_sessions(leader) == ids[::-1][:100]
    assert re.findall(r'<a href="([^"]+)">(Newer|Older) sessions</a>', leader.page_html()) == [("/leader?page=2", "Older")]

    leader.get("/leader?page=2")
    assert "Sessions 101 to 200 of the cohort's 205, newest first." in text_of(leader.page)  # type: ignore[arg-type]
    assert shown_sessions(leader) == ids[::-1][100:200]
    assert re.findall(r'<a href="([^"]+)">(Newer|Older) sessions</a>', leader.page_html()) == [
        ("/leader", "Newer"), ("/leader?page=3", "Older")
    ]  # fmt: skip

    leader.get("/leader?page=3")
    assert "Sessions 201 to 205 of the cohort's 205, newest first." in text_of(leader.page)  # type: ignore[arg-type]
    assert shown_sessions(leader) == ids[::-1][200:]
    assert re.findall(r'<a href="([^"]+)">(Newer|Older) sessions</a>', leader.page_html()) == [("/leader?page=2", "Newer")]


def test_a_page_that_is_not_there_is_refused_with_a_way_back(app: Flask, player: Player) -> None:
    player.start()
    leader = Player(app.test_client())
    sign_in(leader)
    assert "Older sessions" not in leader.page_html() and "Newer sessions" not in leader.page_html()
    for asked in ("0", "2", "-1", "x", "1.5", "²", "", "9" * 40):
        r = leader.get(f"/leader?page={asked}")
        assert r.status_code == 400, asked
        assert f"There is no page '{asked[:20]}' of sessions: the pages go from 1 to 1." in text_of(r)
        assert 'href="/leader"' in r.get_data(as_text=True)
    assert leader.get("/leader?page=1").status_code == 200


def test_a_rewound_reply_no_longer_counts_in_the_item_table(app: Flask, player: Player) -> None:
    player.start("after-the-cue")
    player.reply("cheer", rt=None)  # steps over the risk cue
    leader = Player(app.test_client())
    sign_in(leader)
    csv = leader.get("/leader/items.csv").get_data(as_text=True).splitlines()
    assert 'after-the-cue,"After ""what\'s the point""",risk_recheck,Risk re-checked when cued,yes,1,0,0,1' in csv
    assert player.rewind().status_code == 303
    assert leader.get("/leader/items.csv").get_data(as_text=True).splitlines()[1:] == []
    assert "No assessed sessions yet." in text_of(leader.get("/leader"))
    player.reply("ask", rt=None)
    csv = leader.get("/leader/items.csv").get_data(as_text=True).splitlines()
    assert csv[1:] == ['after-the-cue,"After ""what\'s the point""",risk_recheck,Risk re-checked when cued,yes,1,1,0,0']


def test_sessions_brought_from_a_download_count_in_the_item_table(app: Flask, player: Player, other: Player) -> None:
    player.start("after-the-cue")
    player.reply("cheer", rt=None)  # steps over the risk cue
    data = player.get("/sessions/download").get_data()
    other.get("/sessions")
    form = other.form("/sessions/import")
    assert other.client.post(form.action, data=form.inputs | {"file": (io.BytesIO(data), "mine.json")}).status_code == 303
    leader = Player(app.test_client())
    sign_in(leader)
    csv = leader.get("/leader/items.csv").get_data(as_text=True).splitlines()
    assert csv[1:] == ['after-the-cue,"After ""what\'s the point""",risk_recheck,Risk re-checked when cued,yes,2,0,0,2']
