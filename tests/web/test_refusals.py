"""Every bad request gets a clear 4xx page that says what happened, never a 500, and the
records are exactly as they were: unknown scenarios, stale and foreign session ids,
forged and replayed forms, choices and deliveries not on offer, huge and malformed bodies."""

from __future__ import annotations

import pytest
from flask import Flask
from werkzeug.datastructures import MultiDict

from tests.web.conftest import Player, snapshot, text_of


@pytest.fixture
def midway(player: Player) -> Player:
    """A coach-mode session of the example, one reply in (Sam is at 'escalation')."""
    player.start()
    player.reply("counter")
    return player


def refused(app: Flask, player: Player, send: object, status: int, message: str) -> None:
    """Send a request (a callable returning the response); check its page, and that nothing changed."""
    before = snapshot(app)
    r = send()  # type: ignore[operator]
    assert r.status_code == status, text_of(r)
    assert message in text_of(r)
    assert "Traceback" not in r.get_data(as_text=True)
    assert snapshot(app) == before


def test_unknown_scenario_is_404(app: Flask, player: Player) -> None:
    refused(app, player, lambda: player.client.get("/scenarios/no-such-thing"), 404,
            "No such scenario Error 404 There is no scenario 'no-such-thing' here.")  # fmt: skip
    refused(app, player, lambda: player.client.post("/scenarios/no-such-thing/start", data={}), 404,
            "There is no scenario 'no-such-thing' here.")  # fmt: skip


def test_unknown_page_and_wrong_method(app: Flask, player: Player, midway: Player) -> None:
    refused(app, player, lambda: player.client.get("/nowhere"), 404, "Not Found Error 404 There is no page at this address.")
    refused(app, player, lambda: player.client.get("/static/..%2f..%2fapp.py"), 404, "There is no page at this address.")
    refused(app, player, lambda: player.client.get(f"/play/{midway.sid}/reply"), 405,
            "Method Not Allowed Error 405 This address does not accept that kind of request. Nothing was changed.")  # fmt: skip


@pytest.mark.parametrize("sid", ["0000000000000000", "deadbeef", "not-an-id", "x" * 300, "DEADBEEF"])
def test_unknown_or_malformed_session_ids_are_404(app: Flask, player: Player, sid: str) -> None:
    player.get("/")
    for url in (f"/play/{sid}", f"/play/{sid}/pause", f"/sessions/{sid}", f"/sessions/{sid}/report"):
        refused(app, player, lambda url=url: player.client.get(url), 404, "There is no session with that id for this browser.")
    refused(app, player, lambda: player.client.post(f"/play/{sid}/reply", data={"token": "x", "step": "0", "choice": "counter"}),
            404, "There is no session with that id for this browser.")  # fmt: skip


def test_another_browsers_session_is_404_everywhere(app: Flask, midway: Player, other: Player) -> None:
    sid = midway.sid
    other.get("/")
    for url in (
        f"/play/{sid}",
        f"/play/{sid}/pause",
        f"/sessions/{sid}",
        f"/sessions/{sid}/report",
        f"/play/{sid}/how?choice=follow&step=1",
    ):
        refused(app, other, lambda url=url: other.client.get(url), 404, "There is no session with that id for this browser.")
    stolen = midway.form("/reply").inputs | {"choice": "follow"}
    refused(app, other, lambda: other.client.post(f"/play/{sid}/reply", data=stolen), 404,
            "There is no session with that id for this browser.")  # fmt: skip
    refused(app, other, lambda: other.client.post(f"/play/{sid}/rewind", data=midway.form("/rewind").inputs), 404,
            "There is no session with that id for this browser.")  # fmt: skip


def test_a_form_made_for_another_browser_is_refused(app: Flask, midway: Player, other: Player) -> None:
    """The other browser's own session, played with a token lifted from this browser's page."""
    other.start()
    other.reply("counter")
    lifted = midway.form("/reply").inputs
    data = other.form("/reply").inputs | {"token": lifted["token"], "choice": "follow"}
    refused(app, other, lambda: other.client.post(f"/play/{other.sid}/reply", data=data), 400,
            "This form was not made for this browser, or it has been changed. Nothing was changed.")  # fmt: skip


def test_a_forged_token_or_step_is_refused(app: Flask, midway: Player) -> None:
    form = midway.form("/reply").inputs | {"choice": "follow"}
    bad_token = form | {"token": "0" * 64}
    refused(app, midway, lambda: midway.client.post(f"/play/{midway.sid}/reply", data=bad_token), 400,
            "This form was not made for this browser, or it has been changed.")  # fmt: skip
    other_step = form | {"step": "0"}  # the token was made for step 1
    refused(app, midway, lambda: midway.client.post(f"/play/{midway.sid}/reply", data=other_step), 400,
            "This form was not made for this browser, or it has been changed.")  # fmt: skip


def test_a_double_submit_is_409_and_changes_nothing(app: Flask, player: Player) -> None:
    player.start()
    f = player.form("/reply")
    data = f.inputs | {"choice": "counter"}
    first = player.client.post(f.action, data=data)
    assert first.status_code == 303
    refused(app, player, lambda: player.client.post(f.action, data=data), 409,
            "This form was already sent Error 409 This reply was already sent, or the conversation has moved on since "
            "this page was shown (in another tab, or with the Back button). Nothing was changed.")  # fmt: skip
    other_choice = data | {"choice": "acknowledge"}  # the Back button, then another reply
    refused(app, player, lambda: player.client.post(f.action, data=other_choice), 409, "This reply was already sent")


def test_a_form_from_before_a_rewind_is_409(app: Flask, midway: Player) -> None:
    old = midway.form("/reply").inputs | {"choice": "follow"}
    midway.rewind()
    midway.reply("counter")  # the same turn number as the old form again
    refused(app, midway, lambda: midway.client.post(f"/play/{midway.sid}/reply", data=old), 409, "This reply was already sent")


def test_a_double_rewind_is_409(app: Flask, player: Player) -> None:
    player.start()
    player.reply("counter")
    player.reply("follow")
    form = player.form("/rewind").inputs
    assert player.client.post(f"/play/{player.sid}/rewind", data=form).status_code == 303
    refused(app, player, lambda: player.client.post(f"/play/{player.sid}/rewind", data=form), 409, "This reply was already sent")


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ("own-it", "'own-it' is not one of the replies on offer now. Nothing was changed."),  # exists, not offered here
        ("acknowledge", "'acknowledge' is not one of the replies on offer now."),  # offered only at the first turn
        ("1", "'1' is not one of the replies on offer now."),  # numbers are the terminal's, not the form's
        ("<script>alert(1)</script>", "'<script>alert(1)</script>' is not one of the replies on offer now."),
        ("", "'' is not one of the replies on offer now."),
    ],
)
def test_a_choice_not_offered_is_400(app: Flask, midway: Player, choice: str, message: str) -> None:
    data = midway.form("/reply").inputs | {"choice": choice}
    refused(app, midway, lambda: midway.client.post(f"/play/{midway.sid}/reply", data=data), 400, message)
    assert "<script>alert" not in midway.client.post(f"/play/{midway.sid}/reply", data=data).get_data(as_text=True)


@pytest.mark.parametrize(
    ("extra", "status", "message"),
    [
        ({"tone": "warm"}, 400, "This moment has no choice of delivery. Nothing was changed."),
        ({"rt": "soon"}, 400, "The response time is not a number. Nothing was changed."),
        ({"rt": "-1"}, 400, "The response time is not a number of seconds."),
        ({"rt": "nan"}, 400, "The response time is not a number of seconds."),
        ({"rt": "inf"}, 400, "The response time is not a number of seconds."),
        ({"step": "one"}, 400, "This form was not made for this browser"),
        ({"colour": "blue"}, 400, "Unexpected field 'colour'. Nothing was changed."),
    ],
)
def test_malformed_fields_are_400(app: Flask, midway: Player, extra: dict[str, str], status: int, message: str) -> None:
    data = midway.form("/reply").inputs | {"choice": "follow"} | extra
    refused(app, midway, lambda: midway.client.post(f"/play/{midway.sid}/reply", data=data), status, message)


def test_missing_and_repeated_fields_are_400(app: Flask, midway: Player) -> None:
    form = midway.form("/reply").inputs
    missing = {k: v for k, v in form.items() if k != "choice"}
    refused(app, midway, lambda: midway.client.post(f"/play/{midway.sid}/reply", data=missing), 400,
            "The field 'choice' is missing. Nothing was changed.")  # fmt: skip
    twice = MultiDict([*form.items(), ("choice", "follow"), ("choice", "let-go")])
    refused(app, midway, lambda: midway.client.post(f"/play/{midway.sid}/reply", data=twice), 400,
            "The field 'choice' was sent more than once. Nothing was changed.")  # fmt: skip


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"tone": "furious"}, "'furious' is not one of the tones on offer"),
        ({"tone": "calm"}, "'calm' is not one of the tones on offer"),  # a real tone, not offered for this choice
        ({"cues": "arms_crossed"}, "'arms_crossed' is not one of the sets of cues on offer"),
        ({"cues": "eye_roll+phone_check"}, "'eye_roll+phone_check' is not one of the sets of cues on offer"),
    ],
)
def test_a_delivery_not_offered_is_400(app: Flask, player: Player, extra: dict[str, str], message: str) -> None:
    player.start("delivery-practice")
    player.get(f"/play/{player.sid}/how?choice=no-kindly&step=0&rt=")
    form = player.form("/reply").inputs | extra
    refused(app, player, lambda: player.client.post(f"/play/{player.sid}/reply", data=form), 400, message)


def test_the_delivery_page_refuses_a_choice_not_offered(app: Flask, player: Player) -> None:
    player.start("delivery-practice")
    refused(app, player, lambda: player.client.get(f"/play/{player.sid}/how?choice=nope&step=0"), 400,
            "'nope' is not one of the replies on offer now.")  # fmt: skip
    refused(app, player, lambda: player.client.get(f"/play/{player.sid}/how?choice=fine&step=7"), 409,
            "This reply was already sent")  # fmt: skip


def test_a_unicode_digit_as_the_step_is_a_clear_400_not_a_500(app: Flask, player: Player) -> None:
    player.start("delivery-practice")
    refused(app, player, lambda: player.client.get(f"/play/{player.sid}/how?choice=no-kindly&step=²"), 400,
            "This form cannot be used Error 400 The form's step is not a number. Nothing was changed.")  # fmt: skip


def test_a_huge_request_is_413(app: Flask, midway: Player) -> None:
    data = midway.form("/reply").inputs | {"choice": "follow" + "x" * 1_000_000}
    refused(app, midway, lambda: midway.client.post(f"/play/{midway.sid}/reply", data=data), 413,
            "Request Entity Too Large Error 413 The request is too large (the limit is 16 KB). Nothing was changed.")  # fmt: skip


def test_a_malformed_body_is_400(app: Flask, midway: Player) -> None:
    url = f"/play/{midway.sid}/reply"
    refused(app, midway, lambda: midway.client.post(url, data=b"\xff\xfe\x00garbage", content_type="application/octet-stream"),
            400, "The field 'token' is missing.")  # fmt: skip
    broken = b'--b\r\nContent-Disposition: form-data; name="token"\r\n\r\nabc'  # no closing boundary
    refused(app, midway, lambda: midway.client.post(url, data=broken, content_type="multipart/form-data; boundary=b"),
            400, "Nothing was changed.")  # fmt: skip
    invalid_utf8 = b"token=%ff%fe&step=1&choice=%c3%28"
    refused(app, midway, lambda: midway.client.post(url, data=invalid_utf8, content_type="application/x-www-form-urlencoded"),
            400, "This form was not made for this browser")  # fmt: skip


def test_a_finished_session_takes_no_more_replies(app: Flask, player: Player) -> None:
    player.start()
    f = player.form("/reply")
    player.reply("acknowledge")
    refused(app, player, lambda: player.client.post(f.action, data=f.inputs | {"choice": "acknowledge"}), 409,
            "This reply was already sent")  # fmt: skip
    assert player.client.get(f"/play/{player.sid}").headers["Location"] == f"/sessions/{player.sid}"


def token_for(app: Flask, player: Player, *parts: str) -> str:
    """A token made as the app makes them for this browser: for forms its pages do not show."""
    from simulator.web.forms import token

    cookie = player.client.get_cookie("ipt_sim")
    assert cookie is not None
    owner = app.session_interface.get_signing_serializer(app).loads(cookie.value)["owner"]  # type: ignore[attr-defined]
    return token(app.extensions["ipt_sim"].secret, owner, *parts)


def test_no_rewind_in_assess_mode_or_before_a_reply(app: Flask, player: Player) -> None:
    player.start(mode="assess")
    player.reply("counter")
    assert "Take back my last reply" not in text_of(player.page)  # type: ignore[arg-type]
    form = {"token": token_for(app, player, "rewind", player.sid, "1"), "step": "1"}
    refused(app, player, lambda: player.client.post(f"/play/{player.sid}/rewind", data=form), 400,
            "No rewind in assess mode Error 400 Rewind is only available in coach mode. Nothing was changed.")  # fmt: skip
    coach = Player(player.client)
    coach.start(mode="coach")
    form = {"token": token_for(app, coach, "rewind", coach.sid, "0"), "step": "0"}
    refused(app, coach, lambda: coach.client.post(f"/play/{coach.sid}/rewind", data=form), 400,
            "Nothing to take back Error 400 There is nothing to take back yet. Nothing was changed.")  # fmt: skip


def test_starting_needs_consent_a_real_form_and_happens_once(app: Flask, player: Player) -> None:
    player.get("/scenarios/money-impasse")
    form = player.form("/start").inputs | {"mode": "coach", "timing": "on"}
    refused(app, player, lambda: player.client.post("/scenarios/money-impasse/start", data=form), 400,
            "Please read the content note first Error 400 This scenario has a content note. Tick the box to say you have "
            "read it and want to start. Nothing was started.")  # fmt: skip
    refused(app, player, lambda: player.client.post("/scenarios/money-impasse/start", data=form | {"consent": "yes", "mode": "exam"}),
            400, "'exam' is not one of the modes on offer. Nothing was changed.")  # fmt: skip
    refused(app, player, lambda: player.client.post("/scenarios/money-impasse/start", data=form | {"consent": "yes", "nonce": "1" * 16}),
            400, "This form was not made for this browser")  # fmt: skip
    refused(app, player, lambda: player.client.post("/scenarios/delivery-practice/start", data=form | {"consent": "yes"}),
            400, "This form was not made for this browser")  # fmt: skip
    first = player.client.post("/scenarios/money-impasse/start", data=form | {"consent": "yes"})
    assert first.status_code == 303
    refused(app, player, lambda: player.client.post("/scenarios/money-impasse/start", data=form | {"consent": "yes"}), 409,
            "This scenario was already started Error 409 This form was already sent, and the conversation it started is "
            "waiting for you. Nothing else was started.")  # fmt: skip


def test_a_bad_catalogue_filter_is_400(app: Flask, player: Player) -> None:
    refused(
        app,
        player,
        lambda: player.client.get("/?area=moon"),
        400,
        "There is no scenario with the area 'moon'. Nothing was changed.",
    )


def test_a_scenario_removed_from_the_library_leaves_a_410(app: Flask, midway: Player, library: object) -> None:
    from pathlib import Path

    (Path(str(library)) / "money-impasse.yaml").unlink()
    refused(app, midway, lambda: midway.client.get(f"/play/{midway.sid}"), 410,
            "This session cannot be continued: the scenario 'money-impasse' of this session is no longer offered here.")  # fmt: skip
    assert "Communication analysis" in text_of(midway.client.get(f"/sessions/{midway.sid}"))  # the record still reports


def test_a_database_that_stops_answering_is_503(app: Flask, midway: Player, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlalchemy as sa

    from simulator.records import Store

    def gone(*_args: object, **_kwargs: object) -> None:
        raise sa.exc.OperationalError("SELECT 1", {}, ConnectionError("server closed the connection"))

    monkeypatch.setattr(Store, "head", gone)  # the first query of every conversation page
    r = midway.client.get(f"/play/{midway.sid}")
    assert r.status_code == 503
    assert "The records are out of reach Error 503 The records database did not answer just now." in text_of(r)
