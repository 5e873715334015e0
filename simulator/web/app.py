"""The Flask app factory: configuration, the secret key, error pages and security headers.

Configuration comes from the arguments, else from the environment (so a process
manager such as gunicorn can start ``simulator.web:create_app()`` on every machine of
a class server): ``IPT_SIM_DATABASE_URL``, ``IPT_SIM_SECRET_KEY``,
``IPT_SIM_LEADER_PASSWORD`` and ``IPT_SIM_DATA_DIR``. Every error a browser can cause
is a 4xx page that says what happened; nothing a request sends can reach a 500.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import hmac
import os
import re
import secrets
import tempfile
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import Flask, render_template, request, url_for
from jinja2 import StrictUndefined
from werkzeug.exceptions import HTTPException
from werkzeug.security import generate_password_hash

from simulator import controls
from simulator.errors import IptSimError, RecordNotFound, SessionLive
from simulator.records import Store, default_data_dir, private_folder
from simulator.safety import NOTICE
from simulator.web.catalogue import Catalogue
from simulator.web.context import Refusal, Web
from simulator.web.cookie import KeptSignerSessions
from simulator.web.forms import Invalid
from simulator.web.ledger import Gone, Moved
from simulator.web.views import bp

MAX_REQUEST = 16 * 1024  # bytes: the largest form is a few hundred
SECRET_FILE = "web-secret-key"


def secret_key(data_dir: Path) -> bytes:
    """The key that signs cookies and forms: made at first start, kept 0600 in the data folder."""
    private_folder(data_dir)
    path = data_dir / SECRET_FILE
    if not path.exists():
        # Written whole to a private file, then linked into place: a worker starting at the
        # same moment sees either no key or the whole key, never half of one, and only one
        # link can win.
        fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".web-secret-key.")
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(secrets.token_hex(32) + "\n")
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
    key = path.read_text("ascii").strip()
    if len(key) >= 32:
        return key.encode()
    raise IptSimError(f"{path} holds no usable secret key; delete it to make a new one")


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'{styles}; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)
SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),  # for browsers older than frame-ancestors
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.S)


def policy(page: str) -> str:
    """The page's Content-Security-Policy: no inline style but the page's own ``<style>``
    blocks, allowed by their hashes (the printable report is one self-contained file, so
    it carries its style; web review, finding 19: no 'unsafe-inline')."""
    hashes = (base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() for css in INLINE_STYLE.findall(page))
    return CSP.format(styles="".join(f" 'sha256-{h}'" for h in hashes))


def create_app(
    database_url: str | None = None,
    data_dir: Path | None = None,
    leader_password: str | None = None,
    secret: str | None = None,
    scenario_dirs: Sequence[Path] | None = None,
) -> Flask:
    """A ready app; arguments left out come from the environment, then the defaults."""
    folder = data_dir or Path(os.environ.get("IPT_SIM_DATA_DIR") or default_data_dir())
    url = database_url or os.environ.get("IPT_SIM_DATABASE_URL") or None
    password = leader_password if leader_password is not None else os.environ.get("IPT_SIM_LEADER_PASSWORD")
    key = (secret or os.environ.get("IPT_SIM_SECRET_KEY") or "").encode() or secret_key(folder)
    if len(key) < 32:
        raise IptSimError("the secret key must be at least 32 characters long")

    app = Flask(__name__)
    app.session_interface = KeptSignerSessions()
    app.config.update(
        SECRET_KEY=key,
        MAX_CONTENT_LENGTH=MAX_REQUEST,
        MAX_FORM_MEMORY_SIZE=MAX_REQUEST,
        MAX_FORM_PARTS=50,
        SESSION_COOKIE_NAME="ipt_sim",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("IPT_SIM_SECURE_COOKIES", "") == "1",
        PERMANENT_SESSION_LIFETIME=timedelta(days=365),
        # The cookie is signed again only when it changes (a new browser, a timing setting,
        # a leader sign-in), not on every page: a turn's CPU (issue 11) is not spent
        # re-signing a year-long cookie that says the same thing.
        SESSION_REFRESH_EACH_REQUEST=False,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.jinja_env.undefined = StrictUndefined
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.finalize = controls.finalize  # no control character reaches a page, whatever a record holds
    app.jinja_env.globals["notice"] = NOTICE  # the standing line in every page's footer
    from simulator.web.present import filters

    app.jinja_env.filters.update(filters())
    app.jinja_env.globals["url_for"] = _remembered_url_for()
    app.jinja_env.globals["class_server"] = bool(password)  # the footer says who can see what is played
    store = Store(url, data_dir=folder)
    app.extensions["ipt_sim"] = Web(
        store=store,
        catalogue=Catalogue(scenario_dirs),
        secret=key,
        leader_hash=generate_password_hash(password) if password else None,
        # The same on every worker (a password hash is salted per process, so it cannot be):
        leader_key=hmac.new(key, b"leader\x1f" + password.encode(), hashlib.sha256).hexdigest() if password else None,
    )

    from simulator.web.freetext import bp as free_text  # imports the views' helpers: after they are loaded

    app.register_blueprint(bp)
    app.register_blueprint(free_text)  # typed replies (free_text scenarios): the model loads on first use
    _error_pages(app)

    @app.after_request
    def _headers(response: Any) -> Any:
        has = {k.lower() for k, _ in response.headers.items()}
        if "content-security-policy" not in has:
            html = response.mimetype == "text/html" and not response.direct_passthrough
            styled = html and b"<style>" in response.get_data()  # most pages have no style of their own
            response.headers["Content-Security-Policy"] = policy(response.get_data(as_text=True) if styled else "")
        response.headers.extend([(k, v) for k, v in SECURITY_HEADERS if k.lower() not in has])
        if request.endpoint != "static" and "cache-control" not in has:
            response.headers["Cache-Control"] = "no-store"
        return response

    return app


def _remembered_url_for() -> Any:
    """The templates' ``url_for``, remembering what it built: a page links a dozen addresses,
    and a relative address depends only on the app's mount point (``script_root``), the
    endpoint and the values, so the same link is not built again on every page."""

    @functools.lru_cache(maxsize=4096)
    def built(_root: str, endpoint: str, values: tuple[tuple[str, Any], ...]) -> str:
        return url_for(endpoint, **dict(values))

    def remembered(endpoint: str, **values: Any) -> str:
        if endpoint.startswith(".") or any(k.startswith("_") for k in values):  # relative to a blueprint, or external
            return url_for(endpoint, **values)
        try:
            return built(request.script_root, endpoint, tuple(sorted(values.items())))
        except TypeError:  # a value that cannot be a key (a list): built every time
            return url_for(endpoint, **values)

    return remembered


def _page(status: int, title: str, message: str, links: Sequence[tuple[str, str]] = ()) -> tuple[str, int]:
    return render_template("error.html", status=status, title=title, message=message, links=links), status


def _error_pages(app: Flask) -> None:
    @app.errorhandler(Refusal)
    def _refused(err: Refusal) -> tuple[str, int]:
        return _page(err.status, err.title, err.message, err.links)

    @app.errorhandler(Invalid)
    def _invalid(err: Invalid) -> tuple[str, int]:
        return _page(400, "This form cannot be used", f"{str(err).capitalize()}. Nothing was changed.", [("/", "Scenarios")])

    @app.errorhandler(RecordNotFound)
    def _no_record(_err: RecordNotFound) -> tuple[str, int]:
        return _page(404, "No such session", "There is no session with that id for this browser.", [("/sessions", "My sessions")])

    @app.errorhandler(Moved)
    def _moved(err: Moved) -> tuple[str, int]:
        return _page(
            409,
            "This form was already sent",
            "This reply was already sent, or the conversation has moved on since this page was shown "
            "(in another tab, or with the Back button). Nothing was changed.",
            [(f"/play/{err}", "Go to the conversation as it is now")],
        )

    @app.errorhandler(SessionLive)
    def _live(err: SessionLive) -> tuple[str, int]:
        return _page(409, "This session is being played in a terminal",
                     "This session was resumed in a terminal (ipt-sim resume) and is being played there now. "
                     "Finish or pause it there first. Nothing was changed.", [("/sessions", "My sessions")])  # fmt: skip

    @app.errorhandler(Gone)
    def _gone(err: Gone) -> tuple[str, int]:
        return _page(
            410, "This session cannot go on", f"This session cannot be continued: {err}.", [("/sessions", "My sessions")]
        )

    @app.errorhandler(sa.exc.OperationalError)
    @app.errorhandler(sa.exc.InterfaceError)
    def _database(_err: sa.exc.DBAPIError) -> tuple[str, int]:
        return _page(503, "The records are out of reach", "The records database did not answer just now. "
                     "If this request changed something, it was not changed; try again in a moment.", [("/", "Scenarios")])  # fmt: skip

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException) -> tuple[str, int]:
        status = err.code or 400
        messages = {
            400: "The request could not be read. Nothing was changed.",
            404: "There is no page at this address.",
            405: "This address does not accept that kind of request. Nothing was changed.",
            413: f"The request is too large (the limit is {MAX_REQUEST // 1024} KB). Nothing was changed.",
        }
        return _page(status, err.name, messages.get(status, err.description or err.name), [("/", "Scenarios")])
