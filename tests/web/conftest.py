"""Fixtures of the web tests: a scenario library, the app on SQLite (and PostgreSQL when one
is given), a form-reading client, a record snapshot, and a real server for the browser.

PostgreSQL: set ``IPT_SIM_TEST_POSTGRES_URL`` (``scripts/test`` starts a throwaway server
and sets it); each test gets a database of its own. Without it the PostgreSQL tests skip
with the reason shown, except under CI (``CI`` set), where they fail: CI must run them.
"""

from __future__ import annotations

import os
import re
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import BaseWSGIServer, make_server
from werkzeug.test import TestResponse

from simulator.records import sessions, turns
from simulator.web import create_app

REPO = Path(__file__).resolve().parents[2]
VALID = REPO / "tests" / "data" / "valid"
LEADER_PASSWORD = "correct horse battery staple"
POSTGRES_ENV = "IPT_SIM_TEST_POSTGRES_URL"


def unavailable(reason: str) -> None:
    """Skip with the reason on a developer's machine; fail under CI, which must have it."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must provide it: see .ci/run)")
    pytest.skip(reason)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library folder: the format doc's example, the delivery-choice scenario and a format 1.1 one."""
    folder = tmp_path / "library"
    folder.mkdir()
    for name in ("money-impasse.yaml", "delivery.yaml", "after-the-cue.yaml"):
        (folder / name).write_text((VALID / name).read_text("utf-8"), "utf-8")
    return folder


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None (SQLite in the data folder), or a fresh PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        yield None
        return
    admin_url = os.environ.get(POSTGRES_ENV)
    if not admin_url:
        unavailable(f"no PostgreSQL server: {POSTGRES_ENV} is not set")
    assert admin_url is not None
    name = "ipt_web_" + secrets.token_hex(6)
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as db:
            db.execute(sa.text(f'CREATE DATABASE "{name}"'))
        yield sa.make_url(admin_url).set(database=name).render_as_string(hide_password=False)
        with admin.connect() as db:
            db.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@pytest.fixture
def app(tmp_path: Path, library: Path, database_url: str | None) -> Iterator[Flask]:
    application = create_app(
        database_url=database_url, data_dir=tmp_path / "data", leader_password=LEADER_PASSWORD, scenario_dirs=[library]
    )
    yield application
    application.extensions["ipt_sim"].store.close()


# Reading pages as a browser would --------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    inputs: dict[str, str] = field(default_factory=dict)
    buttons: list[tuple[str, str, str]] = field(default_factory=list)  # (name, value, text)
    radios: dict[str, list[str]] = field(default_factory=dict)


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._button: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        elif tag == "input" and self.forms and "name" in a:
            if a.get("type") == "radio":
                self.forms[-1].radios.setdefault(a["name"], []).append(a.get("value", ""))
                if "checked" in a:
                    self.forms[-1].inputs[a["name"]] = a.get("value", "")
            elif a.get("type") != "checkbox":
                self.forms[-1].inputs[a["name"]] = a.get("value", "")
        elif tag == "button" and self.forms:
            self._button = [a.get("name", ""), a.get("value", ""), ""]

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self._button[2] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "button" and self._button is not None and self.forms:
            name, value, text = self._button
            self.forms[-1].buttons.append((name, value, " ".join(text.split())))
            self._button = None


def forms(html: str) -> list[Form]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def text_of(response: TestResponse) -> str:
    """The page's visible text, in one line: what a user reads."""
    html = response.get_data(as_text=True)
    html = re.sub(r"(?s)<(script|style|head)\b.*?</\1>", " ", html)
    html = re.sub(r"</?(a|strong|em|span|abbr|code)\b[^>]*>", "", html)  # inline: no word break
    text = re.sub(r"<[^>]+>", " ", html)
    import html as html_lib

    return " ".join(html_lib.unescape(text).split())


class Player:
    """One browser (one cookie jar) on the test client, clicking through the app's forms."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.page: TestResponse | None = None
        self.sid = ""

    def get(self, url: str) -> TestResponse:
        self.page = self.client.get(url)
        return self.page

    def form(self, action_part: str) -> Form:
        assert self.page is not None
        for f in forms(self.page.get_data(as_text=True)):
            if action_part in f.action:
                return f
        raise AssertionError(f"no form posting to '{action_part}' on the page")

    def start(self, scenario: str = "money-impasse", mode: str = "coach", timing: str = "on") -> str:
        self.get(f"/scenarios/{scenario}")
        f = self.form("/start")
        data = f.inputs | {"mode": mode, "timing": timing, "consent": "yes"}
        r = self.client.post(f.action, data=data)
        assert r.status_code == 303, text_of(r)
        self.sid = r.headers["Location"].rsplit("/", 1)[-1]
        self.get(r.headers["Location"])
        return self.sid

    def reply_form(self) -> tuple[Form, dict[str, str]]:
        f = self.form("/reply") if "/reply" in self.page_html() else self.form("/how")
        return f, dict(f.inputs)

    def page_html(self) -> str:
        assert self.page is not None
        return self.page.get_data(as_text=True)

    def reply(self, choice: str, rt: str | None = "", **extra: str) -> TestResponse:
        """Click a reply (and, at a delivery moment, pick the tone and cues) as the page offers."""
        f, data = self.reply_form()
        data["choice"] = choice
        if rt is not None and "rt" in data:
            data["rt"] = rt
        if f.method == "get":
            self.page = self.client.get(f.action, query_string=data)
            assert self.page.status_code == 200, text_of(self.page)
            f, data = self.reply_form()
        data.update(extra)
        r = self.client.post(f.action, data=data)
        if r.status_code == 303:
            self.get(r.headers["Location"])
        return r

    def rewind(self) -> TestResponse:
        f = self.form("/rewind")
        r = self.client.post(f.action, data=f.inputs)
        if r.status_code == 303:
            self.get(r.headers["Location"])
        return r


@pytest.fixture
def player(app: Flask) -> Player:
    return Player(app.test_client())


@pytest.fixture
def other(app: Flask) -> Player:
    """Another browser: its own cookie, so its own owner id."""
    return Player(app.test_client())


def snapshot(app: Flask) -> list[Any]:
    """Every row of the records, to show a refused request changed nothing."""
    engine = app.extensions["ipt_sim"].store.engine
    with engine.connect() as db:
        s = [tuple(r) for r in db.execute(sa.select(sessions).order_by(sessions.c.id))]
        t = [tuple(r) for r in db.execute(sa.select(turns).order_by(turns.c.session_id, turns.c.seq))]
    return [s, t]


# A real server, for the browser ----------------------------------------------------------


@dataclass
class Served:
    url: str
    app: Flask


@pytest.fixture
def served(app: Flask) -> Iterator[Served]:
    """The app on an ephemeral loopback port, in a thread, for the length of one test."""
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="ipt-sim-web", daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_port}", app)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
