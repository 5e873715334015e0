"""What makes the web app read as a learning app (issue 12): progress, cards, human words,
scores as bars, the report's way back, and a learner's own copy of their sessions."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from flask import Flask

from simulator.humanize import date, label, when
from simulator.web import present
from tests.web.conftest import Player, snapshot, text_of


def test_a_turn_shows_progress_from_explore(player: Player) -> None:
    player.start()
    page = text_of(player.page)  # type: ignore[arg-type]
    assert "Turn 1 of about 3 Coach mode" in page  # money-impasse: plays of 1 to 3 turns
    assert '<progress max="3" value="1"' in player.page_html()
    player.reply("counter")
    assert "Turn 2 of about 3" in text_of(player.page)  # type: ignore[arg-type]


def test_progress_past_the_estimate_says_only_the_turn() -> None:
    assert present.progress(4, present.Length(1, 3)) == {"text": "Turn 4", "value": None, "max": None}
    assert present.progress(2, present.Length(2, None))["text"] == "Turn 2 of about 4"  # a loop: twice the shortest
    assert present.Length(2, 6).words == "2 to 6 turns" and present.Length(3, None).words == "3 turns or more"


def test_catalogue_cards_show_summary_length_perspective_and_content_note(player: Player, app: Flask) -> None:
    catalogue = app.extensions["ipt_sim"].catalogue
    present.length(catalogue.get("money-impasse"))
    html = player.get("/").get_data(as_text=True)
    found = re.search(r'<li class="card">((?:(?!<li class="card">).)*?The same argument about money.*?)</ul>', html, re.S)
    assert found
    card = found.group(1)
    assert "The same argument about money" in card
    assert "Sam and you have had the same row about money" in card  # the summary
    for tag in ("You play yourself", "Impasse", "Middle phase", "1 to 3 turns, about 3 minutes", "Content note"):
        assert f">{tag}</li>" in card, tag


def test_the_feedback_follows_the_other_persons_line_and_can_be_folded(player: Player) -> None:
    player.start()
    player.reply("counter")
    html = player.page_html()
    assert html.index('<div class="speech">') < html.index('<details class="feedback" data-open-wide>')
    assert '<span class="chip poor">tone poor</span>' in html


def test_the_debrief_has_its_heading_first_human_dates_and_score_bars(player: Player) -> None:
    player.start(timing="off")
    player.reply("acknowledge")
    r = player.get(f"/sessions/{player.sid}")
    html = r.get_data(as_text=True)
    assert re.search(r'<h1 id="debrief-heading" tabindex="-1" data-focus>Debrief: The same argument about money</h1>\s*'
                     r'<p class="meta">Played today, \d\d:\d\d · coach mode', html)  # fmt: skip
    assert html.count("<h1") == 1
    assert '<span class="name">Overall</span>' in html and '>100<span class="sr"> out of 100</span>' in html
    assert "+00:00" not in html  # no ISO times
    sessions = player.get("/sessions").get_data(as_text=True)
    assert re.search(r'<td data-label="Started">today, \d\d:\d\d</td>', sessions)


def test_the_printable_report_has_a_way_back_and_a_print_button(player: Player) -> None:
    player.start()
    player.reply("acknowledge")
    html = player.get(f"/sessions/{player.sid}/report").get_data(as_text=True)
    assert f'<a href="/sessions/{player.sid}">← Back to the debrief</a>' in html
    assert '<button type="button" data-print hidden>Print this report</button>' in html
    assert '<script src="/static/app.js" defer></script>' in html


def test_sessions_can_be_downloaded_and_brought_into_another_browser(player: Player, other: Player) -> None:
    player.start()
    player.reply("counter")
    player.get("/sessions")
    assert "Download my sessions (JSON)" in player.page_html()
    download = player.get("/sessions/download")
    assert download.headers["Content-Disposition"] == 'attachment; filename="ipt-sim-sessions.json"'
    data = download.get_data()
    assert b"owner" not in data and json.loads(data)["sessions"][0]["id"] == player.sid
    other.get("/sessions")
    assert "No sessions yet." in other.page_html()
    form = other.form("/sessions/import")
    r = other.client.post(form.action, data=form.inputs | {"file": (io.BytesIO(data), "mine.json")})
    assert r.status_code == 303
    other.get(r.headers["Location"])
    assert "1 session brought into this browser." in text_of(other.page)  # type: ignore[arg-type]
    assert "The same argument about money" in other.page_html()
    # the copy is the other browser's own: it opens there and reads like the original's debrief
    copy = re.search(r'href="/sessions/([0-9a-f]+)"', other.page_html())
    assert copy and copy.group(1) != player.sid  # the id was taken, so the copy got a fresh one
    assert "Communication analysis" in text_of(other.get(f"/sessions/{copy.group(1)}"))
    again = other.client.post(form.action, data=form.inputs | {"file": (io.BytesIO(data), "mine.json")})
    other.get(again.headers["Location"])
    assert "1 session brought into this browser." in text_of(other.page)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"not json", "this file is not JSON"),
        (b'{"format": "something else"}', "this is not a file of ipt-sim sessions"),
        (b'{"format": "ipt-sim sessions", "version": 2, "sessions": [{"id": "../x"}]}', "a session has no usable id"),
    ],
)
def test_a_file_that_is_not_a_download_changes_nothing(player: Player, app: Flask, content: bytes, says: str) -> None:
    player.get("/sessions")
    form = player.form("/sessions/import")
    before = snapshot(app)
    r = player.client.post(form.action, data=form.inputs | {"file": (io.BytesIO(content), "x.json")})
    assert r.status_code == 400
    assert f"{says}. Nothing was changed." in text_of(r)
    assert snapshot(app) == before


def test_serve_offers_an_authors_folder_beside_the_bundled_ones(tmp_path: Path, library: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import urllib.request

    code = (
        "from pathlib import Path; import sys; from simulator.web import serve; "
        "serve('127.0.0.1', 0, None, None, Path(sys.argv[1]), Path(sys.argv[2]))"
    )
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "data"), str(library)], env=env,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stderr is not None
        url = re.search(r"(http://127\.0\.0\.1:\d+/)", proc.stderr.readline())
        assert url
        with urllib.request.urlopen(url.group(1), timeout=60) as r:
            page = r.read().decode()
        assert "The same argument about money" in page  # the author's folder
        assert "The drawer that sticks" in page  # and the bundled library
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
        if proc.stderr is not None:
            proc.stderr.close()


def test_words_for_people() -> None:
    assert label("standing_over") == "Standing over" and label("feels_heard") == "Feels heard"
    assert re.fullmatch(r"\d{1,2} \w{3} 2026, \d\d:\d\d", date("2026-11-24T11:27:38+00:00"))
    assert when(None) == "" and when("not a time") == "not a time"
