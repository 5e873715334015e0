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
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from simulator.records import Store, levels_in, sessions, turns

FORMAT = "ipt-sim sessions"
VERSION = 2  # 2: records schema 0002 (turn facts as JSON, real times)
MAX_IMPORT = 8 * 1024 * 1024  # bytes: hundreds of long sessions
SESSION_TEXT = ("scenario_id", "scenario_path", "scenario_sha256", "mode")
SESSION_OPTIONAL = ("ending_id",)
SESSION_JSON = ("facts",)
SESSION_JSON_OPTIONAL = ("ending", "scores")
SESSION_TIMES = ("started_at",)
SESSION_TIMES_OPTIONAL = ("finished_at",)
TURN_TEXT = ("choice", "tone")
TURN_JSON = ("nonverbal", "facts")


class BadFile(ValueError):
    """The file is not a sessions download this app can read; the message says why."""


def export(store: Store, owner: str) -> dict[str, Any]:
    """This browser's sessions, every written turn included (rewound ones too)."""
    with store.engine.connect() as db:
        rows = db.execute(sa.select(sessions).where(sessions.c.owner == owner).order_by(sessions.c.started_at)).mappings()
        out = []
        for s in rows.all():
            ts = db.execute(sa.select(turns).where(turns.c.session_id == s["id"]).order_by(turns.c.seq)).mappings().all()
            item = {k: _plain(v) for k, v in s.items() if k not in ("owner", "writer", "lease_until", "checklist")}
            item["turns"] = [{k: _plain(v) for k, v in t.items() if k != "session_id"} for t in ts]
            out.append(item)
    return {"format": FORMAT, "version": VERSION, "sessions": out}


def _plain(v: Any) -> Any:
    return v.isoformat() if isinstance(v, datetime) else v


def _text(d: dict[str, Any], key: str, optional: bool = False, limit: int = 200_000) -> str | None:
    v = d.get(key)
    if v is None and optional:
        return None
    if not isinstance(v, str) or len(v) > limit:
        raise BadFile(f"'{key}' should be text")
    return v


def _json(d: dict[str, Any], key: str, optional: bool = False) -> Any:
    v = d.get(key)
    if v is None and optional:
        return None
    if not isinstance(v, (dict, list)) or len(json.dumps(v)) > 200_000:
        raise BadFile(f"'{key}' should hold structured data")
    return v


def _time(d: dict[str, Any], key: str, optional: bool = False) -> datetime | None:
    v = _text(d, key, optional)
    if v is None:
        return None
    try:
        return datetime.fromisoformat(v)
    except ValueError:
        raise BadFile(f"'{key}' should be a time") from None


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
        row.update({k: _json(s, k) for k in SESSION_JSON})
        row.update({k: _json(s, k, optional=True) for k in SESSION_JSON_OPTIONAL})
        row.update({k: _time(s, k) for k in SESSION_TIMES})
        row.update({k: _time(s, k, optional=True) for k in SESSION_TIMES_OPTIONAL})
        ts = s.get("turns")
        if not isinstance(ts, list):
            raise BadFile("a session has no list of turns")
        rows = []
        for t in ts:
            if not isinstance(t, dict):
                raise BadFile("a turn is not a set of fields")
            r: dict[str, Any] = {k: _text(t, k) for k in TURN_TEXT} | {k: _json(t, k) for k in TURN_JSON}
            r["played_at"] = _time(t, "played_at")
            patience = t.get("patience")
            if patience is not None and (
                not isinstance(patience, (int, float)) or isinstance(patience, bool) or not 0 < patience <= 10
            ):
                raise BadFile("a turn's 'patience' should be a number")
            r["patience"] = patience
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
            active = [(t["facts"], t["number"]) for t in sorted(ts, key=lambda t: t["seq"]) if not t["rewound"]]
            db.execute(sessions.insert().values(**{**s, "id": sid, "owner": owner, "checklist": levels_in(active)}))
            for t in ts:
                db.execute(turns.insert().values(**t, session_id=sid))
            brought += 1
    return brought


def _free_id(db: Any) -> str:
    while True:
        sid = secrets.token_hex(8)
        if db.execute(sa.select(sessions.c.id).where(sessions.c.id == sid)).first() is None:
            return sid
