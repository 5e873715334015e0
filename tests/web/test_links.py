"""Links and the cookie as a browser meets them, whatever the app remembers between requests."""

from __future__ import annotations

import re

from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from tests.web.conftest import Player


def links(html: str) -> list[str]:
    return re.findall(r'(?:href|src|action)="([^"]+)"', html)


def test_links_follow_the_path_the_app_is_mounted_at(app: Flask) -> None:
    """Behind a proxy that mounts the app under a path, every link carries that path, and a
    page served at the root right after it still links to the root (the templates remember
    the links they build, per mount point)."""
    client = app.test_client()
    mounted = client.get("/", base_url="http://localhost/ipt").get_data(as_text=True)
    assert "/ipt/static/app.css" in links(mounted) and "/ipt/sessions" in links(mounted)
    assert all(u.startswith(("/ipt/", "#")) for u in links(mounted) if u.startswith("/") or u.startswith("#")), links(mounted)
    root = client.get("/").get_data(as_text=True)
    assert "/static/app.css" in links(root) and "/sessions" in links(root)
    assert not any(u.startswith("/ipt") for u in links(root))


def test_a_cookie_signed_the_way_flask_signs_it_still_holds_the_browsers_sessions(app: Flask, player: Player) -> None:
    """Browsers that played before this release keep their sessions: the app reads a cookie
    made by Flask's own cookie sessions, and makes ones Flask's own reads."""
    player.start()
    cookie = player.client.get_cookie("ipt_sim")
    assert cookie is not None
    flask_own = SecureCookieSessionInterface().get_signing_serializer(app)
    assert flask_own is not None
    owner = flask_own.loads(cookie.value)["owner"]  # what this app wrote, read by Flask's own
    browser = app.test_client()
    browser.set_cookie("ipt_sim", flask_own.dumps({"owner": owner}))  # as the release before would have written it
    page = browser.get("/sessions").get_data(as_text=True)
    assert f"/sessions/{player.sid}" in page
