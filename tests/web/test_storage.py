"""The web app's records, on SQLite and on PostgreSQL: the same rows the terminal writes, a
session rebuilt from them alone, and a form sent twice at the same moment written once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from flask import Flask

from simulator.engine import compile_scenario
from simulator.records import Guard, Recorder, Store
from simulator.web import ledger
from simulator.web.catalogue import Catalogue
from tests.web.conftest import Player, text_of


def test_web_records_read_like_the_terminals(app: Flask, player: Player, library: Path) -> None:
    """The same replies, played by the terminal's recorder and by the web app, read back the same."""
    store: Store = app.extensions["ipt_sim"].store
    player.start()
    for choice in ("counter", "follow", "own-it"):
        player.reply(choice, rt=None)
    scenario = Catalogue([library]).get("money-impasse")
    assert scenario is not None
    session = compile_scenario(scenario).new_session()
    recorder = Recorder(store, "coach")
    recorder.begin(session)
    for choice in ("counter", "follow", "own-it"):
        recorder.turn(session, session.play(choice))
    recorder.finish(session)
    web, terminal = store.get(player.sid), store.get(recorder.session_id or "")
    assert web.turns == terminal.turns
    assert web.rows == terminal.rows
    assert (web.ending, web.scores, web.facts) == (terminal.ending, terminal.scores, terminal.facts)
    assert store.choices(player.sid) == store.choices(terminal.id)


def test_a_session_is_rebuilt_from_the_records_alone(app: Flask, player: Player, library: Path, tmp_path: Path) -> None:
    """A second app (another process behind the load balancer) carries on the same session."""
    player.start()
    player.reply("counter")
    second = app.test_client()
    second.set_cookie("ipt_sim", player.client.get_cookie("ipt_sim").value)  # type: ignore[union-attr]
    page = second.get(f"/play/{player.sid}")
    assert "This is exactly what I mean. You never take anything seriously." in page.get_data(as_text=True)
    live = ledger.open_session(app.extensions["ipt_sim"].store, Catalogue([library]), player.sid, None)
    assert (live.session.state, live.session.meters, live.step) == ("escalation", {"charge": 8, "trust": 3}, 1)


def test_the_same_form_sent_at_once_from_many_threads_is_written_once(app: Flask, player: Player, library: Path) -> None:
    store: Store = app.extensions["ipt_sim"].store
    player.start()
    owner = ledger.owners(store)[player.sid]
    catalogue = Catalogue([library])
    threads = 8
    barrier = threading.Barrier(threads)
    outcomes: list[str] = []

    def send() -> None:
        live = ledger.open_session(store, catalogue, player.sid, owner)
        turn = live.session.play("counter")
        barrier.wait(timeout=30)
        try:
            ledger.play(store, player.sid, owner, live.step, live.session, turn)
            outcomes.append("written")
        except ledger.Moved:
            outcomes.append("refused")

    workers = [threading.Thread(target=send) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    assert sorted(outcomes) == ["refused"] * (threads - 1) + ["written"]
    assert len(store.get(player.sid).attempts) == 1


def test_a_rewind_and_a_reply_sent_at_once_do_not_both_land(app: Flask, player: Player, library: Path) -> None:
    store: Store = app.extensions["ipt_sim"].store
    player.start()
    player.reply("counter")
    owner = ledger.owners(store)[player.sid]
    live = ledger.open_session(store, Catalogue([library]), player.sid, owner)
    turn = live.session.play("follow")
    ledger.rewind(store, player.sid, owner, live.step)
    with pytest.raises(ledger.Moved):
        ledger.play(store, player.sid, owner, live.step, live.session, turn)
    assert [(a["choice"], a["rewound"]) for a in store.get(player.sid).attempts] == [("counter", True)]


def test_the_guard_refuses_another_owner(app: Flask, player: Player, library: Path) -> None:
    store: Store = app.extensions["ipt_sim"].store
    player.start()
    from simulator.errors import RecordNotFound

    with pytest.raises(RecordNotFound):
        ledger.rewind(store, player.sid, "someone-else", 0)


def test_a_form_kept_by_this_process_is_refused_once_another_has_moved_the_session_on(
    app: Flask, player: Player, library: Path
) -> None:
    """A reply's POST takes the session at its form's step from this process's cache without
    reading the record first; the write itself must still see that another process (here,
    the record written directly) took the last reply back in the meantime."""
    store: Store = app.extensions["ipt_sim"].store
    player.start()
    player.reply("counter")
    form, data = player.reply_form()  # made at step 1, which this process now keeps with its head
    owner = ledger.owners(store)[player.sid]
    store.rewind(player.sid, 1, Guard(owner, 1))  # another worker's write: this process's cache does not hear of it
    r = player.client.post(form.action, data=data | {"choice": "follow"})
    assert r.status_code == 409
    assert "This reply was already sent, or the conversation has moved on since this page was shown" in text_of(r)
    assert [(a["choice"], a["rewound"]) for a in store.get(player.sid).attempts] == [("counter", True)]
