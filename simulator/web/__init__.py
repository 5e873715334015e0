"""``ipt-sim serve``: the web app, for rehearsal on one's own machine and for class use.

One process on loopback with SQLite in the data folder needs no set-up. For a class
server, run several processes behind a load balancer against PostgreSQL
(``--database-url postgresql+psycopg://...``): the server keeps no session state in
memory (each request rebuilds its session from the records), so any process can serve
any request. What the processes must share:

- the database URL (``IPT_SIM_DATABASE_URL`` for processes started by a process manager,
  e.g. ``gunicorn 'simulator.web:create_app()'``);
- the secret key that signs cookies and forms: made at first start and kept 0600 in the
  data folder (``web-secret-key``), or given to every process as ``IPT_SIM_SECRET_KEY``
  (at least 32 characters);
- the course leader's password, ``IPT_SIM_LEADER_PASSWORD`` (no password: no leader view).

Behind HTTPS, set ``IPT_SIM_SECURE_COOKIES=1`` so the cookie is only sent over HTTPS.
The README's class recipe puts gunicorn on loopback behind Caddy for TLS. ``ipt-sim serve``
itself runs Werkzeug's server on loopback and waitress (request timeouts) beyond it.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any

import click

from simulator.web.app import create_app

__all__ = ["create_app", "serve"]


# Seconds a client may leave its connection idle (say, half a request sent) before the
# server drops it; waitress looks every sixth of that, so it goes within 35 s, not 60.
REQUEST_TIMEOUT = 30


def loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def serve(
    host: str, port: int, database_url: str | None, leader_password: str | None, data_dir: Path | None,
    scenarios: Path | None = None,
) -> None:  # fmt: skip
    """Serve the app until Ctrl-C: Werkzeug's threaded server on loopback (one's own machine),
    waitress beyond it (a production server whose request timeout drops slow or stalled
    clients, so they cannot hold every thread). ``scenarios``: an author's folder, offered
    beside the bundled library (its ids win)."""
    from simulator.library import bundled_dir
    from simulator.web import present

    folders = [scenarios, bundled_dir()] if scenarios else None
    app = create_app(database_url=database_url, data_dir=data_dir, leader_password=leader_password, scenario_dirs=folders)
    catalogue = app.extensions["ipt_sim"].catalogue
    present.warm(s for s in (catalogue.get(i.id) for i in catalogue.infos()) if s is not None)
    if loopback(host):
        from werkzeug.serving import make_server

        server: Any = make_server(host, port, app, threaded=True)
        bound, run, stop = server.server_port, server.serve_forever, server.server_close
    else:
        from waitress.server import create_server

        server = create_server(app, host=host, port=port, threads=8, channel_timeout=REQUEST_TIMEOUT,
                               cleanup_interval=max(1, REQUEST_TIMEOUT // 6), ident="ipt-sim")  # fmt: skip
        bound, run, stop = server.effective_port, server.run, server.close
    shown_host = f"[{host}]" if ":" in host else host
    click.echo(f"ipt-sim is serving on http://{shown_host}:{bound}/ (Ctrl-C stops)", err=True)
    if database_url and not os.environ.get("IPT_SIM_SECRET_KEY"):
        click.echo(
            "Note: several app processes on one database must share one secret key: set IPT_SIM_SECRET_KEY "
            "(at least 32 characters) for each of them.",
            err=True,
        )
    if leader_password:
        click.echo(f"Course leader view: http://{shown_host}:{bound}/leader", err=True)
    try:
        run()
    except KeyboardInterrupt:
        pass
    finally:
        stop()
        app.extensions["ipt_sim"].store.close()
