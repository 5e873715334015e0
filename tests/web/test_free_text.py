"""Typed replies in the web app (Flask's test client): the text box where the scenario allows
it, played, asked about or not understood, with the words kept in the record and report."""

from __future__ import annotations

from pathlib import Path

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from tests.web.conftest import VALID, Player, snapshot, text_of


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The format doc's example, offering typed replies, and the delivery-choice scenario (which does not)."""
    folder = tmp_path / "library"
    folder.mkdir()
    money = (VALID / "money-impasse.yaml").read_text("utf-8").replace("version: 1\n", "version: 1\nfree_text: true\n", 1)
    (folder / "money-impasse.yaml").write_text(money, "utf-8")
    (folder / "delivery.yaml").write_text((VALID / "delivery.yaml").read_text("utf-8"), "utf-8")
    return folder


def say(player: Player, text: str) -> TestResponse:
    f = player.form("/say")
    r = player.client.post(f.action, data=f.inputs | {"text": text})
    if r.status_code == 303:
        player.get(r.headers["Location"])
    else:
        player.page = r
    return r


def test_a_typed_paraphrase_is_played_and_its_words_kept(player: Player, app: Flask) -> None:
    player.start()
    assert "Or say it in your own words" in text_of(player.page)  # type: ignore[arg-type]
    r = say(player, "Me?? You bought yourself a new phone last month!")
    assert r.status_code == 303
    page = text_of(player.page)  # type: ignore[arg-type]
    assert "You typed “Me?? You bought yourself a new phone last month!”, taken as the reply below." in page
    assert "You said “Me? You bought a new phone last month!”: defensive tone" in page
    assert "Your own words Overall valence neutral (+0.00), no word in it carries much feeling on its own." in page
    record = app.extensions["ipt_sim"].store.get(player.sid)
    assert (record.turns[0]["choice"], record.turns[0]["typed"]) == (
        "counter",
        "Me?? You bought yourself a new phone last month!",
    )
    assert record.turns[0]["ratings"]["timing"] == "poor"  # the choice's own timing: typing time is not judged
    report = text_of(player.get(f"/sessions/{player.sid}/report"))
    assert "You typed: “Me?? You bought yourself a new phone last month!”" in report


def test_when_unsure_the_nearest_replies_are_offered(player: Player, app: Flask) -> None:
    player.start()
    say(player, "calm down and let's look")
    page = text_of(player.page)  # type: ignore[arg-type]
    assert "Which did you mean? You typed: “calm down and let's look”" in page
    f = player.form("/say-as")
    assert [b[1] for b in f.buttons] == ["acknowledge", "counter"]
    r = player.client.post(f.action, data=f.inputs | {"choice": "acknowledge"})
    assert r.status_code == 303
    record = app.extensions["ipt_sim"].store.get(player.sid)
    assert (record.turns[0]["choice"], record.turns[0]["typed"]) == ("acknowledge", "calm down and let's look")


def test_not_understood_plays_nothing(player: Player, app: Flask) -> None:
    player.start()
    before = snapshot(app)
    r = say(player, "What's for dinner tonight?")
    assert r.status_code == 200
    assert (
        "Not understood: that is not close to anything this moment's replies say, so nothing was played. "
        "Say it another way, or go back to the written replies." in text_of(r)
    )
    assert snapshot(app) == before


def test_an_empty_reply_is_the_silence(player: Player, app: Flask) -> None:
    player.start()
    say(player, "   ")
    record = app.extensions["ipt_sim"].store.get(player.sid)
    assert (record.turns[0]["choice"], record.turns[0]["typed"]) == ("silence", "")


def test_no_text_box_where_the_scenario_does_not_take_typed_replies(player: Player) -> None:
    player.start("delivery-practice")
    assert "own words" not in text_of(player.page)  # type: ignore[arg-type]


def test_a_typed_reply_form_is_checked_like_any_other(player: Player, app: Flask) -> None:
    player.start()
    f = player.form("/say")
    before = snapshot(app)
    too_long = player.client.post(f.action, data=f.inputs | {"text": "x" * 501})
    assert too_long.status_code == 400
    assert "A typed reply is at most 500 characters. Nothing was changed." in text_of(too_long)
    forged = player.client.post(f.action, data=f.inputs | {"token": "0" * 64, "text": "hello"})
    assert forged.status_code == 400
    assert snapshot(app) == before
    say(player, "You bought a phone yourself!")
    again = player.client.post(f.action, data=f.inputs | {"text": "You bought a phone yourself!"})
    assert again.status_code == 409
