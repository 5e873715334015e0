"""The pages: catalogue, briefing, conversation, delivery choice, pause, debrief, sessions, leader.

Each request rebuilds what it shows from the records (see :mod:`simulator.web.ledger`)
and mirrors the terminal's flow in :mod:`simulator.play`: brief and consent, turns,
delivery choice, rewind and per-turn feedback in coach mode, pause, debrief. A change
is a POST with a token, answered by a redirect (so Reload never sends it again).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from simulator import catalogs, cohort, report, rules
from simulator.errors import ChoiceRefused
from simulator.judge import Delivery
from simulator.model import AREAS, DIMENSIONS, PERSPECTIVES, STAGES, Choice
from simulator.records import Record, debrief_of
from simulator.timing import PATIENCE, reply_seconds
from simulator.web import keep, ledger, present
from simulator.web.context import Refusal, Web
from simulator.web.forms import (
    NONCE,
    SESSION_ID,
    TIMING,
    Invalid,
    check_token,
    fields,
    filters,
    one_of,
    step_given,
    step_of,
    token,
)
from simulator.web.forms import response_time as measured

bp = Blueprint("web", __name__)
MODES = {"coach": "Coach", "assess": "Assess"}


def web() -> Web:
    w: Web = current_app.extensions["ipt_sim"]
    return w


def owner() -> str:
    """This browser's random id, kept in the signed cookie (made on the first visit)."""
    value = session.get("owner")
    if not isinstance(value, str) or len(value) != 32:
        value = secrets.token_hex(16)
        session["owner"] = value
        session.permanent = True
    return value


def form_token(*parts: str) -> str:
    return token(web().secret, owner(), *parts)


def require_token(given: str, *parts: str) -> None:
    if not check_token(web().secret, given, owner(), *parts):
        raise Refusal(
            400,
            "This form cannot be used",
            "This form was not made for this browser, or it has been changed. Nothing was changed.",
            [("/", "Scenarios")],
        )


KEPT_TIMINGS = 50  # the cookie holds the settings of this many recent sessions


def timing_setting(sid: str | None = None) -> str:
    """The response-time setting of session ``sid``, else the one the briefing offers next.

    Kept per session (web review, finding 12): changing it in one conversation never
    changes another, and an older session keeps the setting it was started with.
    """
    kept = session.get("timings")
    value = kept.get(sid) if sid is not None and isinstance(kept, dict) else None
    if value is None:
        value = session.get("timing", "on")
    return value if value in TIMING else "on"


def keep_timing(sid: str, value: str) -> None:
    """Remember ``value`` for ``sid`` (and as the next session's default), newest last."""
    kept = session.get("timings")
    kept = {k: v for k, v in kept.items() if k != sid} if isinstance(kept, dict) else {}
    kept[sid] = value
    session["timings"] = dict(list(kept.items())[-KEPT_TIMINGS:])
    session["timing"] = value


def session_id(sid: str) -> str:
    if not SESSION_ID.fullmatch(sid):
        raise Refusal(
            404, "No such session", "There is no session with that id for this browser.", [("/sessions", "My sessions")]
        )
    return sid


def words(c: Choice) -> str:
    return f"“{c.say}”" if c.say.strip() else "(stay silent)"


def cue_text(cues: Sequence[str]) -> str:
    return ", ".join(c.replace("_", " ") for c in cues) or "no particular cues"


# -- catalogue and briefing -----------------------------------------------------------


@bp.get("/healthz")
def healthz() -> Response:
    """A trivial route: load balancers' health check, and the benchmark's baseline."""
    return Response("ok\n", mimetype="text/plain")


@bp.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for it on pages without an icon link (the printable report)."""
    return current_app.send_static_file("favicon.svg")


@bp.get("/")
def catalogue() -> str:
    infos = web().catalogue.infos()
    options = {
        "area": sorted({i.area for i in infos} | set(AREAS), key=lambda a: AREAS.index(a) if a in AREAS else 99),
        "stage": list(STAGES),
        "perspective": list(PERSPECTIVES),
    }
    chosen = filters(request.args, options)
    shown = [
        i
        for i in infos
        if (not chosen["area"] or i.area == chosen["area"])
        and (not chosen["stage"] or i.stage == chosen["stage"])
        and (not chosen["perspective"] or i.perspective == chosen["perspective"])
    ]
    cards = present.cards(shown, web().catalogue.get)
    groups = [(a, [c for c in cards if c.area == a]) for a in options["area"]]
    owner()
    return render_template(
        "catalogue.html", groups=[g for g in groups if g[1]], options=options, chosen=chosen, count=len(shown), nav="catalogue"
    )


def scenario_or_404(scenario_id: str) -> Any:
    s = web().catalogue.get(scenario_id) if len(scenario_id) <= 200 else None
    if s is None:
        raise Refusal(404, "No such scenario", f"There is no scenario '{scenario_id[:60]}' here.", [("/", "Scenarios")])
    return s


@bp.get("/scenarios/<scenario_id>")
def briefing(scenario_id: str) -> str:
    s = scenario_or_404(scenario_id)
    nonce = secrets.token_hex(8)
    unfinished = web().store.listing(owner(), scenario=s.id, unfinished=True)[::-1]  # oldest first
    return render_template(
        "briefing.html",
        s=s,
        nonce=nonce,
        token=form_token("start", s.id, nonce),
        modes=MODES,
        timing=TIMING,
        timing_now=timing_setting(),
        unfinished=unfinished,
        length=present.length(s),
        nav="catalogue",
    )


@bp.post("/scenarios/<scenario_id>/start")
def start(scenario_id: str) -> Response:
    s = scenario_or_404(scenario_id)
    f = fields(request.form, ["token", "nonce", "mode", "timing"], ["consent"])
    if not NONCE.fullmatch(f["nonce"]):
        raise Invalid("the form's nonce is not valid")
    require_token(f["token"], "start", s.id, f["nonce"])
    mode = one_of(f["mode"], MODES, "modes")
    timing = one_of(f["timing"], TIMING, "timing settings")
    if s.content_note and f.get("consent") != "yes":
        raise Refusal(
            400,
            "Please read the content note first",
            "This scenario has a content note. Tick the box to say you have read it and want to start. Nothing was started.",
            [(url_for("web.briefing", scenario_id=s.id), "Back to the briefing")],
        )
    if "consent" in f and f["consent"] != "yes":
        raise Invalid("the consent box sends 'yes' or nothing")
    from simulator.engine import compile_scenario

    sid = form_token("session", f["nonce"])[:16]
    if not ledger.start(web().store, compile_scenario(s).new_session(), mode, owner(), sid):
        raise Refusal(
            409,
            "This scenario was already started",
            "This form was already sent, and the conversation it started is waiting for you. Nothing else was started.",
            [(url_for("web.conversation", sid=sid), "Go to the conversation")],
        )
    keep_timing(sid, timing)
    return redirect(url_for("web.conversation", sid=sid), 303)


@bp.post("/play/<sid>/timing")
def set_timing(sid: str) -> Response:
    """Change how the response time is judged for this session, from the next reply on."""
    session_id(sid)
    f = fields(request.form, ["token", "timing"])
    require_token(f["token"], "timing", sid)
    keep_timing(sid, one_of(f["timing"], TIMING, "timing settings"))
    return redirect(url_for("web.conversation", sid=sid), 303)


# -- the conversation -------------------------------------------------------------------


def live(sid: str) -> ledger.Live:
    return ledger.open_session(web().store, web().catalogue, session_id(sid), owner())


def live_for_form(sid: str) -> ledger.Live:
    """The live session a POSTed form was made for, at the step it names (from this process's
    cache when it holds that step: :func:`ledger.open_to_write`). An unknown session is a
    404 before anything in the form is looked at; the caller checks the form's step."""
    step = step_given(request.form.get("step", ""))
    if step is None:
        return live(sid)
    return ledger.open_to_write(web().store, web().catalogue, session_id(sid), owner(), step)


@bp.get("/play/<sid>")
def conversation(sid: str) -> str | Response:
    lv = live(sid)
    sess = lv.session
    if sess.finished:
        return redirect(url_for("web.debrief", sid=sid), 303)
    s = sess.scenario
    state = sess.current
    mode = lv.record.mode
    last = lv.record.last if not lv.last_was_rewind else None
    charge = s.meters["charge"]
    return render_template(
        "conversation.html",
        lv=lv,
        s=s,
        state=state,
        speaker=s.characters[state.speaker].name,
        mode=mode,
        offered=sess.offered(),
        choose=s.delivery_of(state) == "choose",
        words=words,
        cue_text=cue_text,
        token=form_token("reply", sid, str(lv.step)),
        rewind_token=form_token("rewind", sid, str(lv.step)),
        last=last if mode == "coach" else None,
        dims=DIMENSIONS,
        charge={"value": sess.meters["charge"], "min": charge.min, "max": charge.max, "flood": s.flood},
        timing=timing_setting(sid),
        timing_choices=TIMING,
        timing_token=form_token("timing", sid),
        progress=present.progress(sess.turn + 1, present.length(s)),
        nav="",
    )


@bp.get("/play/<sid>/how")
def how(sid: str) -> str:
    """At a ``delivery: choose`` moment: the tone and the cues, after the words were picked."""
    lv = live(sid)
    sess = lv.session
    if sess.finished:
        raise Refusal(
            409, "This conversation has ended", "This conversation has already ended.", [(f"/sessions/{sid}", "The debrief")]
        )
    f = fields(request.args, ["choice", "step"], ["rt"])
    if step_of(f["step"]) != lv.step:
        raise ledger.Moved(sid)
    choice = offered_choice(sess.offered(), f["choice"])
    offer = rules.delivery_offer(sess, choice)
    if offer is None:
        raise Invalid("this moment has no choice of delivery")
    if f.get("rt"):
        measured(f["rt"])  # refuse nonsense now, not after the second page
    cat = catalogs.load()
    cue_sets = [
        ("+".join(cs), ", ".join(f"{c.replace('_', ' ')} ({cat.cues[c].signals})" for c in cs) or "nothing in particular")
        for cs in offer.cues
    ]
    return render_template(
        "how.html",
        lv=lv,
        s=sess.scenario,
        choice=choice,
        words=words(choice),
        tones=offer.tones,
        cue_sets=cue_sets,
        rt=f.get("rt", ""),
        token=form_token("reply", sid, str(lv.step)),
        timing=timing_setting(sid),
        nav="",
    )


def offered_choice(offered: Sequence[Choice], ref: str) -> Choice:
    for c in offered:
        if c.id == ref:
            return c
    raise Invalid(f"'{ref[:40]}' is not one of the replies on offer now")


@bp.post("/play/<sid>/reply")
def reply(sid: str) -> Response:
    lv = live_for_form(sid)
    f = fields(request.form, ["token", "step", "choice"], ["rt", "tone", "cues"])
    require_token(f["token"], "reply", sid, f["step"])
    step = step_of(f["step"])
    if step != lv.step:
        raise ledger.Moved(sid)
    sess = lv.session
    if sess.finished:
        raise ledger.Moved(sid)
    choice = offered_choice(sess.offered(), f["choice"])
    said: Delivery | None = None
    if "tone" in f or "cues" in f:  # the engine refuses what this moment does not offer
        cues = tuple(c for c in f["cues"].split("+") if c) if "cues" in f else choice.nonverbal
        said = Delivery(f.get("tone", choice.tone), cues)
        try:
            rules.check_delivery(sess.scenario, sess.current, choice, said)
        except ChoiceRefused as err:
            raise Invalid(err.message) from None
    if rules.chooses_delivery(sess.scenario, sess.current) and ("tone" not in f or "cues" not in f):
        raise Invalid("choose a tone of voice and what your body does: nothing is chosen for you")
    setting = timing_setting(sid)
    shown = rules.shown_before_reply(sess, sess.offered(), lv.record.mode, feedback_shown=not lv.last_was_rewind)
    rt = reply_seconds(measured(f.get("rt")), shown, setting)
    turn = sess.play(choice.id, said, response_time=rt, patience=PATIENCE[setting])
    ledger.play(web().store, sid, owner(), step, sess, turn)
    if sess.finished:
        return redirect(url_for("web.debrief", sid=sid), 303)
    return redirect(url_for("web.conversation", sid=sid), 303)


@bp.post("/play/<sid>/rewind")
def rewind(sid: str) -> Response:
    lv = live_for_form(sid)
    f = fields(request.form, ["token", "step"])
    require_token(f["token"], "rewind", sid, f["step"])
    step = step_of(f["step"])
    if step != lv.step:
        raise ledger.Moved(sid)
    if lv.session.finished and not rules.may_take_back_ending(lv.session, lv.record.mode):
        raise ledger.Moved(sid)
    try:
        rules.check_rewind(lv.session, lv.record.mode)
    except rules.RewindRefused as err:
        raise Refusal(
            400, err.title, f"{err.message.capitalize()}. Nothing was changed.", [(f"/play/{sid}", "Back to the conversation")]
        ) from None
    ledger.rewind(web().store, sid, owner(), step, lv.session)
    return redirect(url_for("web.conversation", sid=sid), 303)


@bp.get("/play/<sid>/pause")
def pause(sid: str) -> str:
    lv = live(sid)
    return render_template("pause.html", lv=lv, s=lv.session.scenario, nav="")


# -- debriefs and sessions -----------------------------------------------------------------


def report_main(record: Record) -> tuple[Markup, Any]:
    """The report's content (the same template as ``ipt-sim report``), for the app's own page."""
    d = debrief_of(record, current_sha256(record))
    return Markup(present.report_body(report.html(d))), d  # safe: the report template autoescapes


def current_sha256(record: Record) -> str | None:
    s = web().catalogue.get(record.scenario_id)
    return s.sha256 if s is not None else None


@bp.get("/sessions")
def sessions() -> str:
    records = web().store.listing(owner())
    imported = request.args.get("imported", "")
    return render_template(
        "sessions.html", records=records, import_token=form_token("import"),
        imported=int(imported) if imported.isdigit() and len(imported) < 6 else None, nav="sessions",
    )  # fmt: skip


@bp.get("/sessions/download")
def export() -> Response:
    """This browser's sessions as one JSON file, to keep or to bring to another browser."""
    import json

    body = json.dumps(keep.export(web().store, owner()), indent=1, ensure_ascii=False)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="ipt-sim-sessions.json"'})  # fmt: skip


@bp.post("/sessions/import")
def import_sessions() -> Response:
    request.max_content_length = keep.MAX_IMPORT
    f = fields(request.form, ["token"])
    require_token(f["token"], "import")
    upload = request.files.get("file")
    try:
        if upload is None:
            raise keep.BadFile("no file was sent")
        brought = keep.import_sessions(web().store, owner(), upload.read(keep.MAX_IMPORT + 1))
    except keep.BadFile as err:
        raise Refusal(400, "This file cannot be brought in", f"{err}. Nothing was changed.",
                      [(url_for("web.sessions"), "My sessions")]) from None  # fmt: skip
    return redirect(url_for("web.sessions", imported=brought), 303)


@bp.get("/sessions/<sid>")
def debrief(sid: str) -> str:
    record = web().store.get(session_id(sid), owner())
    body, d = report_main(record)
    closing = take_back = None
    if record.finished_at:
        try:  # the record just read gives the step: the session is not read again
            session = ledger.session_at(web().store, web().catalogue, sid, record.scenario_id, record.step)
        except ledger.Gone:
            session = None
        if session is not None and session.finished:
            st = session.current
            closing = {"speaker": session.scenario.characters[st.speaker].name, "says": st.says, "shows": st.nonverbal}
            if rules.may_take_back_ending(session, record.mode):
                take_back = {"step": record.step, "token": form_token("rewind", sid, str(record.step))}
    return render_template("debrief.html", record=record, body=body, d=d, closing=closing, take_back=take_back, nav="sessions")


@bp.get("/sessions/<sid>/report")
def printable(sid: str) -> Response:
    record = web().store.get(session_id(sid), owner())
    page = report.html(
        debrief_of(record, current_sha256(record)), url_for("web.debrief", sid=sid), url_for("static", filename="app.js")
    )
    return Response(page, mimetype="text/html")


# -- the course leader -------------------------------------------------------------------


def leader_enabled() -> None:
    if web().leader_hash is None:
        raise Refusal(404, "Not Found", "There is no page at this address.", [("/", "Scenarios")])


LEADER_IDLE = 30 * 60  # seconds: a leader sign-in left idle this long asks for the password again
SIGN_IN_TRIES = 5  # wrong passwords in SIGN_IN_WINDOW before sign-in is closed
SIGN_IN_WINDOW = timedelta(minutes=15)


def leader_mark() -> str:
    return form_token("leader-in", web().leader_key or "")


def is_leader() -> bool:
    """Signed in (the mark is the same on every worker) and not idle for LEADER_IDLE; each
    leader page renews it."""
    mark, seen = session.get("leader"), session.get("leader_seen")
    if not (isinstance(mark, str) and web().leader_key is not None and secrets.compare_digest(mark, leader_mark())):
        return False
    if not isinstance(seen, int) or not 0 <= time.time() - seen <= LEADER_IDLE:
        session.pop("leader", None)
        return False
    session["leader_seen"] = int(time.time())
    return True


def sign_in_closed() -> bool:
    """Too many wrong passwords lately (counted in the database, so on every worker)."""
    return web().store.sign_in_failures(datetime.now(UTC) - SIGN_IN_WINDOW) >= SIGN_IN_TRIES


LEADER_PAGE = 100  # sessions per page of the leader's table


def leader_page(total: int) -> int:
    """The ``page`` asked for (1, the newest, when none is), refused unless it is one of
    the pages ``total`` sessions fill."""
    raw = request.args.get("page", "1")
    last = max(1, -(-total // LEADER_PAGE))
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9 and 1 <= int(raw) <= last):
        raise Refusal(
            400,
            "No such page",
            f"There is no page '{raw[:20]}' of sessions: the pages go from 1 to {last}.",
            [(url_for("web.leader"), "Course leader")],
        )
    return int(raw)


def pseudonym(owner_id: str) -> str:
    return "learner " + hashlib.sha256(owner_id.encode()).hexdigest()[:6] if owner_id else "terminal"


@bp.route("/leader", methods=["GET", "POST"])
def leader() -> str | Response | tuple[str, int]:
    leader_enabled()
    if request.method == "POST":
        f = fields(request.form, ["token", "password"])
        require_token(f["token"], "leader-login")
        if sign_in_closed():  # checked before the (deliberately slow) password hash
            return render_template("leader_login.html", token=form_token("leader-login"), wrong=False, locked=True,
                                   minutes=SIGN_IN_WINDOW.seconds // 60, nav="leader"), 429  # fmt: skip
        if not web().leader_ok(f["password"]):
            web().store.sign_in_failed()
            return render_template("leader_login.html", token=form_token("leader-login"), wrong=True, nav="leader"), 403
        web().store.sign_in_cleared()
        session["leader"] = leader_mark()
        session["leader_seen"] = int(time.time())
        return redirect(url_for("web.leader"), 303)
    if not is_leader():
        return render_template("leader_login.html", token=form_token("leader-login"), wrong=False, nav="leader")
    store = web().store
    summary = cohort.score_means(store.scores_by_scenario(cohort.SCORE_KEYS))
    total = sum(row["sessions"] for row in summary)
    page = leader_page(total)
    first = (page - 1) * LEADER_PAGE
    return render_template(
        "leader.html",
        records=store.listing(limit=LEADER_PAGE, offset=first),
        total=total,
        first=first + 1,
        newer=page - 1 if page > 1 else None,
        older=page + 1 if first + LEADER_PAGE < total else None,
        summary=summary,
        items=cohort.item_counts(store.item_levels()),
        dims=cohort.SCORE_KEYS,
        pseudonym=pseudonym,
        token=form_token("leader-logout"),
        nav="leader",
    )


@bp.get("/leader/items.csv")
def leader_items_csv() -> Response:
    """The per-item table as CSV (leader only)."""
    leader_enabled()
    if not is_leader():
        return redirect(url_for("web.leader"), 303)
    body = cohort.items_csv(cohort.item_counts(web().store.item_levels()))
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": 'attachment; filename="ipt-sim-items.csv"'})


@bp.post("/leader/logout")
def leader_logout() -> Response:
    leader_enabled()
    f = fields(request.form, ["token"])
    require_token(f["token"], "leader-logout")
    session.pop("leader", None)
    return redirect(url_for("web.leader"), 303)


@bp.get("/leader/sessions/<sid>")
def leader_report(sid: str) -> Response:
    leader_enabled()
    if not is_leader():
        return redirect(url_for("web.leader"), 303)
    record = web().store.get(session_id(sid))
    return Response(report.html(debrief_of(record, current_sha256(record))), mimetype="text/html")
