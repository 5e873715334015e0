"""A learner's own copy of their sessions: download as JSON, and bring back into a browser.

Sessions belong to a browser's cookie, so clearing cookies or changing browser would lose
them; a download keeps them. The file holds the stored rows as they are (the records'
own shape, so a report renders from them exactly as before) and no owner id. Importing
checks every field's type and size before writing anything, gives the sessions to this
browser, and never overwrites: a session already here is skipped, and an id taken by
someone else gets a fresh one.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

import sqlalchemy as sa

from simulator.records import Store, sessions, turns

FORMAT = "ipt-sim sessions"
VERSION = 1
MAX_IMPORT = 8 * 1024 * 1024  # bytes: hundreds of long sessions
SESSION_TEXT = ("scenario_id", "scenario_path", "scenario_sha256", "facts", "mode", "started_at")
SESSION_OPTIONAL = ("finished_at", "ending_id", "ending", "scores")
TURN_TEXT = ("choice", "tone", "nonverbal", "row", "turn", "played_at")
JSON_COLUMNS = ("facts", "ending", "scores", "nonverbal", "row", "turn")


class BadFile(ValueError):
    """The file is not a sessions download this app can read; the message says why."""


def export(store: Store, owner: str) -> dict[str, Any]:
    """This browser's sessions, every written turn included (rewound ones too)."""
    with store.engine.connect() as db:
        rows = db.execute(sa.select(sessions).where(sessions.c.owner == owner).order_by(sessions.c.started_at)).mappings()
        out = []
        for s in rows.all():
            ts = db.execute(sa.select(turns).where(turns.c.session_id == s["id"]).order_by(turns.c.seq)).mappings().all()
            item = {k: v for k, v in s.items() if k != "owner"}
            item["turns"] = [{k: v for k, v in t.items() if k != "session_id"} for t in ts]
            out.append(item)
    return {"format": FORMAT, "version": VERSION, "sessions": out}


def _text(d: dict[str, Any], key: str, optional: bool = False, limit: int = 200_000) -> str | None:
    v = d.get(key)
    if v is None and optional:
        return None
    if not isinstance(v, str) or len(v) > limit:
        raise BadFile(f"'{key}' should be text")
    if key in JSON_COLUMNS:
        try:
            json.loads(v)
        except ValueError:
            raise BadFile(f"'{key}' should hold JSON") from None
    return v


def _checked(data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadFile("this is not a file of ipt-sim sessions")
    if data.get("version") != VERSION:
        raise BadFile("this file comes from a version of ipt-sim this one cannot read")
    items = data.get("sessions")
    if not isinstance(items, list):
        raise BadFile("the file lists no sessions")
    out = []
    for s in items:
        if not isinstance(s, dict) or not isinstance(s.get("id"), str) or not s["id"].isalnum() or len(s["id"]) > 16:
            raise BadFile("a session has no usable id")
        row: dict[str, Any] = {"id": s["id"]}
        row.update({k: _text(s, k) for k in SESSION_TEXT})
        row.update({k: _text(s, k, optional=True) for k in SESSION_OPTIONAL})
        ts = s.get("turns")
        if not isinstance(ts, list):
            raise BadFile("a session has no list of turns")
        rows = []
        for t in ts:
            if not isinstance(t, dict):
                raise BadFile("a turn is not a set of fields")
            r: dict[str, Any] = {k: _text(t, k) for k in TURN_TEXT}
            for k in ("seq", "number"):
                if not isinstance(t.get(k), int) or isinstance(t.get(k), bool) or not 0 <= t[k] < 100_000:
                    raise BadFile(f"a turn's '{k}' should be a whole number")
                r[k] = t[k]
            rt = t.get("response_time")
            if rt is not None and (not isinstance(rt, (int, float)) or isinstance(rt, bool) or not 0 <= rt <= 86_400):
                raise BadFile("a turn's 'response_time' should be a number of seconds")
            r["response_time"] = rt
            if not isinstance(t.get("rewound"), bool):
                raise BadFile("a turn's 'rewound' should be true or false")
            r["rewound"] = t["rewound"]
            rows.append(r)
        row["turns"] = rows
        out.append(row)
    return out


def import_sessions(store: Store, owner: str, raw: bytes) -> int:
    """Bring a download's sessions into this browser; the number brought in."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BadFile("this file is not JSON") from None
    items = _checked(data)
    brought = 0
    with store.engine.begin() as db:
        for s in items:
            found = db.execute(sa.select(sessions.c.owner).where(sessions.c.id == s["id"])).first()
            if found is not None and found[0] == owner:
                continue  # already here
            sid = s["id"] if found is None else _free_id(db)
            ts = s.pop("turns")
            db.execute(sessions.insert().values(**{**s, "id": sid, "owner": owner}))
            for t in ts:
                db.execute(turns.insert().values(**t, session_id=sid))
            brought += 1
    return brought


def _free_id(db: Any) -> str:
    while True:
        sid = secrets.token_hex(8)
        if db.execute(sa.select(sessions.c.id).where(sessions.c.id == sid)).first() is None:
            return sid
