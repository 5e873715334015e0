"""Typed replies in the browser: the text box beside the choice cards, where a scenario allows it.

The same matching as ``ipt-sim play --free`` (:mod:`simulator.freetext`), on the server the
learner already uses: nothing goes anywhere else. A clear match is played as its choice; an
unsure one shows "Which did you mean?" with the nearest replies (or say it another way); no
match is "not understood", and nothing is played. The record keeps the typed words beside
the choice, as in the terminal. Forms are checked like every other (token, step, fields).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from flask import Blueprint, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from simulator.engine import Session
from simulator.freetext.terminal import NO_SILENCE
from simulator.freetext.words import observe
from simulator.model import Choice
from simulator.web import ledger
from simulator.web.context import Refusal
from simulator.web.forms import Invalid, fields, step_of
from simulator.web.views import cue_text, form_token, live, offered_choice, owner, require_token, web, words

bp = Blueprint("free", __name__)
MAX_TEXT = 500  # characters: a reply, not an essay
NOT_UNDERSTOOD_HERE = (
    "Not understood: that is not close to anything this moment's replies say, so nothing was played. "
    "Say it another way, or go back to the written replies."
)


@bp.record_once
def _preload(_state: object) -> None:
    """Start loading the model when the app is made, so the first typed reply does not wait."""
    from simulator.freetext import embedder

    embedder.preload()


@bp.app_context_processor
def _say_token() -> dict[str, object]:
    """Lets the conversation page make the text box's token without a change to its view."""
    return {"say_token": lambda sid, step: form_token("say", sid, str(step))}


def _typed(value: str) -> str:
    if len(value) > MAX_TEXT:
        raise Invalid(f"a typed reply is at most {MAX_TEXT} characters")
    return " ".join(value.split())


def _moment(sid: str, step_text: str) -> tuple[ledger.Live, int]:
    """The live session at the step the form was made for, where typed replies are taken."""
    lv = live(sid)
    step = step_of(step_text)
    if step != lv.step or lv.session.finished:
        raise ledger.Moved(sid)
    s = lv.session.scenario
    if not s.free_text or s.delivery_of(lv.session.current) == "choose":
        raise Refusal(400, "No typed replies here", "This moment takes a choice of the written replies only. Nothing was changed.",
                      [(f"/play/{sid}", "Back to the conversation")])  # fmt: skip
    return lv, step


def _play(sid: str, lv: ledger.Live, step: int, choice: Choice, text: str) -> Response:
    sess: Session = lv.session
    turn = sess.play(choice.id)  # typing takes time: the reply is judged on the choice's own timing
    turn = dataclasses.replace(turn, typed=text, own_words=tuple(o.as_dict() for o in observe(text)))
    sess.turns[-1] = turn
    ledger.play(web().store, sid, owner(), step, sess, turn)
    return redirect(url_for("web.debrief" if sess.finished else "web.conversation", sid=sid), 303)


def _page(lv: ledger.Live, text: str, nearest: Sequence[Choice], message: str, status: int = 200) -> tuple[str, int]:
    sid = lv.record.id
    return render_template(
        "free_ask.html", lv=lv, s=lv.session.scenario, text=text, nearest=nearest, message=message, words=words,
        cue_text=cue_text, token=form_token("say", sid, str(lv.step)), nav="",
    ), status  # fmt: skip


@bp.post("/play/<sid>/say")
def say(sid: str) -> Response | tuple[str, int]:
    """A typed reply: played, asked about, or not understood."""
    f = fields(request.form, ["token", "step", "text"])
    require_token(f["token"], "say", sid, f["step"])
    lv, step = _moment(sid, f["step"])
    text = _typed(f["text"])
    from simulator.freetext import embedder  # the model (and numpy) load on the first typed reply
    from simulator.freetext.match import Matcher

    offered = lv.session.offered()
    m = Matcher(lv.session.scenario, embedder.load()).match(lv.session.state, text, offered)
    if m.verdict in ("play", "silence"):
        return _play(sid, lv, step, offered_choice(offered, m.choice or ""), text)
    if m.verdict == "ask":
        return _page(lv, text, [offered_choice(offered, s.choice) for s in m.nearest], "Which did you mean?")
    return _page(lv, text, [], NO_SILENCE if not text else NOT_UNDERSTOOD_HERE)


@bp.post("/play/<sid>/say-as")
def say_as(sid: str) -> Response:
    """The learner's answer to "Which did you mean?": that choice, with the words they typed."""
    f = fields(request.form, ["token", "step", "text", "choice"])
    require_token(f["token"], "say", sid, f["step"])
    lv, step = _moment(sid, f["step"])
    return _play(sid, lv, step, offered_choice(lv.session.offered(), f["choice"]), _typed(f["text"]))
